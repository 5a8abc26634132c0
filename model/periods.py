"""Quarterly calendar: a step is one quarter; periods are written like ``2025Q1``."""

from __future__ import annotations

import re

_PERIOD = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


def parse_period(text: str) -> tuple[int, int]:
    """Return ``(year, quarter)`` for a period such as ``"2027Q3"``.

    Raises:
        ValueError: if the text is not of the form YYYYQn with n in 1..4.
    """
    match = _PERIOD.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a period; write it like 2027Q1 (year, Q, quarter 1-4)")
    return int(match.group(1)), int(match.group(2))


def period_index(text: str) -> int:
    """Absolute quarter number of a period (year * 4 + quarter - 1)."""
    year, quarter = parse_period(text)
    return year * 4 + quarter - 1


def index_label(index: int) -> str:
    """Label of an absolute quarter number (the inverse of :func:`period_index`)."""
    return f"{index // 4}Q{index % 4 + 1}"


def period_label(start: str, step: int) -> str:
    """Label of the period ``step`` quarters after ``start`` (step 0 is ``start``)."""
    return index_label(period_index(start) + step)


def to_step(when: int | str | None, start: str) -> int | None:
    """Convert a schedule bound (a step number or a period label) to a step number."""
    if when is None:
        return None
    if isinstance(when, bool):
        raise ValueError("a schedule bound is a step number or a period like 2027Q1, not true/false")
    if isinstance(when, int):
        return when
    return period_index(when) - period_index(start)
