"""Aligned plain-text tables for the terminal (Chinese characters count two columns)."""

from __future__ import annotations

from unicodedata import east_asian_width


def display_width(text) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in str(text))


def column_widths(rows) -> list[int]:
    """The widest cell of every column of ``rows`` (header included)."""
    return [max(display_width(x) for x in col) for col in zip(*rows)]


def aligned(cells, widths: list[int]) -> str:
    """One row, each cell padded to its column's width, two spaces apart."""
    return "  ".join(str(x) + " " * (w - display_width(x)) for x, w in zip(cells, widths)).rstrip()


def rule(widths: list[int]) -> str:
    """The dashes under a header."""
    return "  ".join("-" * w for w in widths)


def aligned_table(head, rows) -> str:
    """Header, rule and rows as aligned text."""
    widths = column_widths([head, *rows])
    return "\n".join([aligned(head, widths), rule(widths)] + [aligned(r, widths) for r in rows])
