"""The cells of the classroom notebooks, one module per notebook (text in English and Chinese side by side)."""
