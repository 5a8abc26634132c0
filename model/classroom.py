"""Helpers of the classroom notebooks: figure fonts, tables formatted for people, effects across seeds.

The notebooks (``notebooks/build.py``) import these so that their cells show the
model, not plumbing. Nothing here draws from a random generator.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from model import fonts


def use_font(lang: str = "en", font_path: str | None = None) -> str:
    """Make matplotlib draw ``lang``; return the language figure labels should use.

    For Chinese, a font that draws it (or the font file ``font_path``) becomes the first
    sans-serif font; without one, figure labels fall back to English (one warning says how
    to get a font).
    """
    import matplotlib

    family = fonts.figure_font(lang, font_path)
    if family is not None:
        matplotlib.rcParams["font.sans-serif"] = [family, *[f for f in matplotlib.rcParams["font.sans-serif"]
                                                            if f != family]]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["axes.unicode_minus"] = False
    return fonts.figure_lang(lang, family)


def table(frame: pd.DataFrame | pd.Series, *, percent: Iterable[str] = (), integer: Iterable[str] = (),
          decimals: int | dict[str, int] = 2, signed: bool = False) -> Styler:
    """``frame`` as a pandas Styler with numbers formatted for people.

    Args:
        frame: A table (a Series becomes a one-column table).
        percent: Columns shown as percentages with one decimal (0.123 -> 12.3%).
        integer: Columns shown as whole numbers with thousands separators (12345.6 -> 12,346).
        decimals: Decimals of every other numeric column (with thousands separators), or a dict
            column -> decimals (columns not in it: 2).
        signed: Show a sign on every number (for differences: +1.2%, -340).

    Returns:
        The styled table; missing values show as "n/a".
    """
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    sign = "+" if signed else ""
    percent, integer = set(percent), set(integer)
    unknown = (percent | integer) - set(frame.columns)
    if unknown:
        raise KeyError(f"no such column(s): {sorted(unknown)}")
    formats = {}
    for column in frame.columns:
        if column in percent:
            formats[column] = f"{{:{sign}.1%}}"
        elif column in integer:
            formats[column] = f"{{:{sign},.0f}}"
        elif pd.api.types.is_numeric_dtype(frame[column]):
            places = decimals.get(column, 2) if isinstance(decimals, dict) else decimals
            formats[column] = f"{{:{sign},.{places}f}}"
    return frame.style.format(formats, na_rep="n/a")


def effect_table(effects: pd.DataFrame, metrics: Iterable[str], *, percent: Iterable[str] = (),
                 decimals: int | dict[str, int] = 3) -> pd.DataFrame:
    """Paired differences from the reference scenario as text, one row per scenario, one column per metric.

    Args:
        effects: :func:`model.report.stats.comparison_table` output (columns ``scenario``, ``metric``,
            ``diff``, ``diff_ci_low``, ``diff_ci_high`` and ``reference``).
        metrics: Metrics to show, in this order.
        percent: Metrics that are shares, shown in percentage points (``+6.2 pp``).
        decimals: Decimals of the other metrics (with thousands separators), or a dict metric ->
            decimals (metrics not in it: 3).

    Returns:
        Cells reading ``difference [low, high]``, with `` *`` when the 95% interval excludes 0
        (only the difference with a single seed); the reference scenario is left out.
    """
    metrics, percent = list(metrics), set(percent)
    rows = effects[effects["metric"].isin(metrics) & (effects["scenario"] != effects["reference"])]

    def text(row) -> str:
        places = decimals.get(row["metric"], 3) if isinstance(decimals, dict) else decimals
        scale, unit, fmt = (100.0, " pp", "+.1f") if row["metric"] in percent else (1.0, "", f"+,.{places}f")
        low, high = row["diff_ci_low"], row["diff_ci_high"]
        shown = f"{row['diff'] * scale:{fmt}}{unit}"
        if not np.isfinite(low):
            return shown
        clear = low > 0 or high < 0
        return f"{shown} [{low * scale:{fmt}}, {high * scale:{fmt}}]" + (" *" if clear else "")

    cells = rows.assign(text=rows.apply(text, axis=1) if len(rows) else [])
    return cells.pivot(index="scenario", columns="metric", values="text").reindex(
        index=list(dict.fromkeys(rows["scenario"])), columns=metrics)
