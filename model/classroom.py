"""Helpers of the classroom notebooks: figure fonts, tables formatted for people, effects across seeds.

The notebooks (``notebooks/build.py``) import these so that their cells show the
model, not plumbing. Nothing here draws from a random generator.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import stats

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
          decimals: int | dict[str, int] = 2, signed: bool = False):
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


def paired_effects(runs: pd.DataFrame, metrics: Iterable[str], *, baseline: str, scenario: str = "scenario",
                   seed: str = "seed", level: float = 0.95) -> pd.DataFrame:
    """Effect of each scenario against ``baseline``, seed by seed (common random numbers).

    Args:
        runs: One row per scenario and seed (e.g. the last quarter of each run).
        metrics: Columns to compare.
        baseline: Value of the ``scenario`` column the others are compared with.
        scenario: Column naming the scenario.
        seed: Column naming the seed; each scenario must have run the baseline's seeds.
        level: Confidence level of the interval (t distribution over seeds).

    Returns:
        One row per scenario and metric: ``effect`` (mean difference), ``low`` and ``high``
        (the interval; NaN with one seed) and ``clear`` (True when the interval excludes 0).
    """
    table_ = runs.set_index([scenario, seed])
    base = table_.loc[baseline]
    rows = []
    for name in runs[scenario].unique():
        if name == baseline:
            continue
        diff = table_.loc[name].reindex(base.index)
        if diff.isna().all(axis=None):
            raise KeyError(f"scenario {name!r} has none of the baseline's seeds")
        for metric in metrics:
            d = (diff[metric] - base[metric]).dropna().to_numpy(float)
            half = np.nan
            if d.size > 1:
                half = stats.t.ppf(0.5 + level / 2, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
            mean = float(d.mean())
            rows.append({scenario: name, "metric": metric, "effect": mean, "low": mean - half,
                         "high": mean + half, "clear": bool(abs(mean) > half) if d.size > 1 else False})
    return pd.DataFrame(rows)


def effect_table(effects: pd.DataFrame, *, percent: Iterable[str] = (), decimals: int = 3,
                 scenario: str = "scenario") -> pd.DataFrame:
    """:func:`paired_effects` as text, one row per scenario and one column per metric.

    Each cell reads ``effect [low, high]``, with `` *`` when the interval excludes 0;
    ``percent`` metrics (shares) are shown in percentage points (``+6.2 pp``), others with
    ``decimals`` decimals and thousands separators.
    """
    percent = set(percent)

    def text(row) -> str:
        scale, unit, fmt = (100.0, " pp", "+.1f") if row["metric"] in percent else (1.0, "", f"+,.{decimals}f")
        effect = f"{row['effect'] * scale:{fmt}}{unit}"
        if np.isnan(row["low"]):
            return effect
        return f"{effect} [{row['low'] * scale:{fmt}}, {row['high'] * scale:{fmt}}]" + (" *" if row["clear"] else "")

    cells = effects.assign(text=effects.apply(text, axis=1))
    order = list(dict.fromkeys(effects["metric"]))
    return cells.pivot(index=scenario, columns="metric", values="text").reindex(
        index=list(dict.fromkeys(effects[scenario])), columns=order)
