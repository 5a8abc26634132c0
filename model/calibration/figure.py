"""The validation figure: each targeted series over seeds against its target points and bands."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from model.calibration.i18n import panel_title, target_label, vtext  # noqa: E402
from model.calibration.targets import TARGETS, ai_lift_series  # noqa: E402
from model.periods import period_index  # noqa: E402
from model.report.i18n import metric_label  # noqa: E402


def _x(period: str) -> float:
    """Position of a table period on a year axis (a year or span: its middle; a quarter: its start)."""
    if "Q" in period:
        return period_index(period) / 4.0
    years = [int(p) for p in period.split("-")]
    return float(np.mean(years)) + 0.5


def _series(runs, column: str) -> list[pd.Series]:
    out = []
    for r in runs:
        x = r.main["period"].map(lambda p: period_index(p) / 4.0)
        y = ai_lift_series(r) if column == "ai_gdp_lift" else r.main[column]
        out.append(pd.Series(y.to_numpy(), index=x.iloc[:len(y)].to_numpy()))
    return out


def validation_figure(runs, scenario, targets=TARGETS, lang: str = "en", font: str | None = None):
    """One panel per group of targets: every seed's series (thin) and their mean, target points with bands.

    Args:
        lang: Label language ("zh" needs ``font``).
        font: Font family of the labels, or None for matplotlib's default.
    """
    from model.report.figures import font_context

    with plt.rc_context(font_context(font)):
        return _draw(runs, scenario, targets, lang)


def _draw(runs, scenario, targets, lang: str):
    panels: dict[str, list] = {}
    for t in targets:
        panels.setdefault(t.panel, []).append(t)
    n = len(panels)
    cols = 3
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.4 * rows), squeeze=False)
    for ax, (title, group) in zip(axes.ravel(), panels.items()):
        columns = list(dict.fromkeys(t.series for t in group))
        for i, column in enumerate(columns):
            color = f"C{i}"
            lines = _series(runs, column)
            for s in lines:
                ax.plot(s.index, s.values, color=color, lw=0.6, alpha=0.35)
            mean = pd.concat(lines, axis=1).mean(axis=1)
            name = panel_title("AI's lift to GDP", lang) if column == "ai_gdp_lift" else metric_label(column, lang)
            ax.plot(mean.index, mean.values, color=color, lw=1.8, label=name)
            for t in group:
                if t.series != column or t.key in ("penetration_order", "robot_sales_growth", "digital_growth"):
                    continue
                x = _x(t.period)
                ax.errorbar([x], [t.value], yerr=[[t.value - t.lo], [t.hi - t.value]], fmt="o", color=color,
                            mec="black", capsize=4, zorder=5)
        growth = [t for t in group if t.key in ("robot_sales_growth", "digital_growth")]
        for t in growth:
            ax.text(0.02, 0.95, f"{target_label(t.key, t.label, lang)}: {vtext('target_note', lang)} {t.value:.1%} "
                    f"({t.period})", transform=ax.transAxes,
                    fontsize=7, va="top")
        ax.set_title(panel_title(title, lang), fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    for ax in axes.ravel()[n:]:
        ax.axis("off")
    fig.suptitle(vtext("suptitle", lang).format(name=scenario.name), fontsize=11)
    fig.tight_layout()
    return fig
