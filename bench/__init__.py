"""Benchmarks of the model's speed and memory: ``python bench/run.py`` (see docs/performance.md)."""
