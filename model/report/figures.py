"""Time-series figures of several scenarios with 95% bands across seeds; CJK fonts for Chinese labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from model.report.i18n import metric_info, metric_label, text  # noqa: E402
from model.report.stats import band  # noqa: E402

#: Metrics drawn in every comparison report, in order.
HEADLINE = ("tfp_index", "gdp", "adoption_index", "adoption_ai", "adoption_gap_size", "digital_skill_mean",
            "unemployment_rate", "flexible_employment_share", "gini_income", "digital_divide_index", "emissions",
            "robot_density", "policy_spending_cumulative")

def series_figure(runs: dict, metric: str, *, lang: str = "en", font: str | None = None):
    """One metric over time: a line per scenario (mean across seeds) with its 95% band."""
    context = {"font.family": [font, "DejaVu Sans"]} if font else {}
    with plt.rc_context(context):
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        for name, frames in runs.items():
            mean, lo, hi = band(frames, metric)
            x = frames[0]["step"].to_numpy()
            line, = ax.plot(x, mean, lw=1.8, label=name)
            if len(frames) > 1:
                ax.fill_between(x, lo, hi, color=line.get_color(), alpha=0.18, lw=0)
        periods = frames[0]["period"].tolist() if "period" in frames[0] else [str(s) for s in x]
        ticks = list(range(0, len(periods), max(1, len(periods) // 6)))
        ax.set_xticks([x[i] for i in ticks])
        ax.set_xticklabels([periods[i] for i in ticks], rotation=30, fontsize=8)
        unit = metric_info(metric)[1]
        ax.set_title(metric_label(metric, lang), fontsize=11)
        ax.set_ylabel(unit, fontsize=9)
        ax.set_xlabel(f"{text('period', lang)} ({text('band', lang)})", fontsize=8)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
        fig.tight_layout()
    return fig
