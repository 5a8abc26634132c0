"""The validation figure: each targeted series over seeds against its target points and bands."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from textwrap import fill  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from model.calibration.i18n import panel_title, source_label, target_label, vtext  # noqa: E402
from model.calibration.targets import TARGETS, TWIN_SERIES  # noqa: E402
from model.periods import period_index  # noqa: E402
from model.report.i18n import metric_label  # noqa: E402


#: Legend labels of the series computed from twins (English; panel_title translates them).
SERIES_LABELS = {"ai_gdp_lift": "AI's lift to GDP", "digital_tfp_share": "Digital share of TFP growth",
                 "digital_share": "Digital economy share of GDP", "penetration_agriculture": "agriculture",
                 "penetration_industry": "industry", "penetration_services": "services"}


def _series(runs, column: str) -> list[pd.Series]:
    out = []
    for r in runs:
        x = r.main["period"].map(lambda p: period_index(p) / 4.0)
        y = TWIN_SERIES[column](r) if column in TWIN_SERIES else r.main[column]
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


def _span(period: str) -> tuple[float, float]:
    """First and last year-axis positions a period covers (a quarter: that quarter; years: whole years)."""
    if "Q" in period:
        x = period_index(period) / 4.0
        return x, x + 0.25
    years = [int(p) for p in period.split("-")]
    return float(years[0]), float(years[-1]) + 1.0


def _draw_target(ax, t, mean: pd.Series, color: str, lang: str) -> list[float]:
    """Draw one target on ``ax``: a band over its period or a growth cone; returns the y values it spans."""
    if t.plot == "note":
        return []
    x0, x1 = _span(t.period)
    if t.plot == "growth":
        start = mean[(mean.index >= x0) & (mean.index < x0 + 1)]
        if start.empty:
            return []
        base = float(start.mean())
        xs = np.linspace(x0 + 0.5, x1 - 0.5, 20)
        years = xs - xs[0]
        lo, hi, mid = (base * (1 + g) ** years for g in (t.lo, t.hi, t.value))
        ax.fill_between(xs, lo, hi, color=color, alpha=0.12, hatch="//", edgecolor=color, lw=0)
        ax.plot(xs, mid, color=color, lw=1.0, ls="--")
        return [float(lo.min()), float(hi.max())]
    ax.add_patch(plt.Rectangle((x0, t.lo), max(x1 - x0, 0.25), t.hi - t.lo, facecolor=color, alpha=0.15,
                               edgecolor=color, hatch="//", lw=0.8))
    ax.plot([x0, x0 + max(x1 - x0, 0.25)], [t.value, t.value], color=color, lw=1.2, ls="--")
    return [t.lo, t.hi]


def _draw(runs, scenario, targets, lang: str):
    panels: dict[str, list] = {}
    for t in targets:
        panels.setdefault(t.panel, []).append(t)
    n = len(panels)
    cols = 4
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.6 * rows), squeeze=False)
    for ax, (title, group) in zip(axes.ravel(), panels.items()):
        columns = list(dict.fromkeys(t.series for t in group))
        spans: list[float] = []
        first = period_index(scenario.start) / 4.0
        extended = any(t.until for t in group)  # only AI's lift reads the run's extension to 2035
        last = np.inf if extended else first + scenario.steps / 4.0
        for i, column in enumerate(columns):
            color = f"C{i}"
            frame = pd.concat(_series(runs, column), axis=1)
            mean = frame.mean(axis=1)
            name = SERIES_LABELS[column] if column in SERIES_LABELS else metric_label(column, lang)
            name = panel_title(name, lang) if column in SERIES_LABELS else name
            ax.fill_between(frame.index, frame.min(axis=1), frame.max(axis=1), color=color, alpha=0.25, lw=0)
            ax.plot(mean.index, mean.values, color=color, lw=1.8, label=name)
            # the y range: the model's band after its first year (no start-up transient sets the scale)
            settled = frame[(frame.index >= first + 1.0) & (frame.index <= last)]
            spans += [float(np.nanpercentile(settled.values, 1)), float(np.nanpercentile(settled.values, 99))]
            for t in group:
                if t.series == column:
                    spans += _draw_target(ax, t, mean, color, lang)
        notes = [t for t in group if t.plot == "note"]
        for k, t in enumerate(notes):
            ax.text(0.02, 0.95 - 0.09 * k, f"{target_label(t.key, t.label, lang)}: {vtext('target_note', lang)} "
                    f"{t.fmt.format(t.value)} ({t.period})", transform=ax.transAxes, fontsize=7, va="top")
        low, high = min(spans), max(spans)
        pad = 0.08 * (high - low) if high > low else max(abs(high), 1.0) * 0.1
        ax.set_ylim(low - pad, high + pad * (1 + 1.2 * len(notes)))
        sources = sorted({source_label(t.source, lang) for t in group})
        ax.set_title(panel_title(title, lang), fontsize=10)
        ax.set_xlabel(fill(vtext("source_note", lang) + "; ".join(sources), 60), fontsize=7)
        if not extended:
            ax.set_xlim(first, last)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    for ax in axes.ravel()[n:]:
        ax.axis("off")
    fig.suptitle(vtext("suptitle", lang).format(name=scenario.name), fontsize=11)
    fig.tight_layout()
    return fig
