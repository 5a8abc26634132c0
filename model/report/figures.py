"""Time-series figures of several scenarios with 95% bands across seeds, lever starts marked; CJK fonts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import PercentFormatter  # noqa: E402

from model.report.formats import SHARE_UNITS  # noqa: E402
from model.report.i18n import metric_info, metric_label, text, unit_label  # noqa: E402
from model.report.stats import band  # noqa: E402

#: Metrics drawn in every comparison report, in order.
HEADLINE = ("tfp_index", "gdp", "adoption_index", "adoption_ai", "adoption_gap_size", "digital_skill_mean",
            "unemployment_rate", "flexible_employment_share", "gini_income", "digital_divide_index",
            "emissions", "robot_density", "policy_spending_cumulative", "inflation", "government_debt_to_gdp")
#: Style of the vertical line at a lever's start.
START_LINE = {"color": "0.35", "ls": "--", "lw": 0.9, "zorder": 1}


def font_context(font: str | None) -> dict:
    """Matplotlib settings that draw text in ``font`` (DejaVu Sans for what it lacks)."""
    return {"font.family": [font, "DejaVu Sans"], "axes.unicode_minus": False} if font else {}


def mark_starts(ax, starts: list[tuple[int, str]]) -> None:
    """A dashed vertical line at each lever's first step, labelled with the lever's name."""
    for step, name in starts:
        ax.axvline(step, **START_LINE)
        ax.text(step, 0.98, f" {name}", transform=ax.get_xaxis_transform(), rotation=90, va="top", ha="left",
                fontsize=7, color="0.25")


def series_figure(runs: dict, metric: str, *, lang: str = "en", font: str | None = None,
                  starts: list[tuple[int, str]] = ()):
    """One metric over time: a line per scenario (mean across seeds) with its 95% band.

    Args:
        runs: ``{scenario: [timeseries per seed]}``.
        metric: Column to draw.
        lang: Label language ("zh" needs ``font``).
        font: Font family for the labels (a CJK font for Chinese), or None for matplotlib's default.
        starts: ``(step, lever name)`` of every lever: a dashed vertical line marks each.
    """
    with plt.rc_context(font_context(font)):
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        for name, frames in runs.items():
            mean, lo, hi = band(frames, metric)
            x = frames[0]["step"].to_numpy()
            line, = ax.plot(x, mean, lw=1.8, label=name)
            if len(frames) > 1:
                ax.fill_between(x, lo, hi, color=line.get_color(), alpha=0.18, lw=0)
        mark_starts(ax, [(step, name) for step, name in dict.fromkeys(starts) if x[0] <= step <= x[-1]])
        periods = frames[0]["period"].tolist() if "period" in frames[0] else [str(s) for s in x]
        ticks = list(range(0, len(periods), max(1, len(periods) // 6)))
        ax.set_xticks([x[i] for i in ticks])
        ax.set_xticklabels([periods[i] for i in ticks], rotation=30, fontsize=8)
        unit = metric_info(metric)[1]
        if unit in SHARE_UNITS:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_title(metric_label(metric, lang), fontsize=11)
        ax.set_ylabel("%" if unit in SHARE_UNITS else unit_label(unit, lang), fontsize=9)
        ax.set_xlabel(f"{text('period', lang)} ({text('band', lang)})", fontsize=8)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
        fig.tight_layout()
    return fig
