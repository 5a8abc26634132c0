"""Numbers as the report tables show them: shares as percentages, differences of shares in points."""

from __future__ import annotations

import numpy as np

#: Units whose values are fractions: shown as percentages, their differences in percentage points.
SHARE_UNITS = ("share", "share points")
#: Units written into the metric's name in tables (not shares, indices or plain ratios).
UNITLESS = ("", "index", "ratio", "0..1", "step", "YYYYQn") + SHARE_UNITS


def finite(value) -> bool:
    return value is not None and bool(np.isfinite(value))


def num(value) -> str:
    """A number with about four significant digits; '–' when missing."""
    if not finite(value):
        return "–"
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        return f"{value:.3g}"
    return f"{value:.4g}" if abs(value) < 10 else f"{value:,.1f}"


def pct(value) -> str:
    """A fraction as a percentage: 0.123 -> '12.3%'."""
    if not finite(value):
        return "–"
    scaled = 100.0 * value
    return f"{scaled:.1f}%" if abs(scaled) >= 1 or scaled == 0 else f"{scaled:.2g}%"


def interval(lo, hi, fmt=num) -> str:
    """'[lo, hi]' in ``fmt``, or '' when the interval is missing (a single seed)."""
    return f"[{fmt(lo)}, {fmt(hi)}]" if finite(lo) and finite(hi) else ""


def value_ci(value, lo, hi, unit: str) -> str:
    """A metric's value with its 95% interval, shares as percentages."""
    fmt = pct if unit in SHARE_UNITS else num
    return f"{fmt(value)} {interval(lo, hi, fmt)}".strip()


def diff_ci(value, lo, hi, unit: str) -> str:
    """A difference with its 95% interval; differences of shares in percentage points ('1.2 [0.8, 1.6] pp')."""
    if unit not in SHARE_UNITS:
        return f"{num(value)} {interval(lo, hi)}".strip()
    scale = (lambda v: 100.0 * v if finite(v) else v)
    return f"{num(scale(value))} {interval(scale(lo), scale(hi))} pp".replace("  ", " ")
