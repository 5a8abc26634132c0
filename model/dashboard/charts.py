"""The dashboard's charts: one question each, drawn in the browser by ECharts (Solara's own component).

Each chart is a :class:`Chart` (its title, unit and series of metrics); :func:`chart_option` turns it
into an ECharts option from the session's records and the reference run's, so the server sends numbers,
not images, on every step. Shares are shown in percent; the reference (the baseline, same seed, no policy)
is the dashed line of the same colour. Every text is at least 12 px; each chart saves itself as a PNG
from its toolbox. :func:`firms_option` is the view of the firms (one dot per firm, click to inspect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from model.dashboard.i18n import label
from model.periods import period_label
from model.state import ADJUSTING, INTEGRATED

#: Okabe-Ito colours: told apart by colour-blind students too
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
STAGE_COLOURS = ("#BBBBBB", "#E69F00", "#56B4E9", "#0072B2", "#000000")
STAGE_KEYS = ("stage_none", "stage_adjusting", "stage_1", "stage_2", "stage_3")
FONT = 12  # px, every label
TITLE_FONT = 15


@dataclass(frozen=True)
class Series:
    """One line: a metric (or a function of a record and the model), in the chart's unit."""

    key: str  # label key
    value: str | Callable[[dict, object], float]
    scale: float = 1.0  # 100 for shares shown in percent
    relative: bool = False  # index to step 0 (= 100)


@dataclass(frozen=True)
class Chart:
    """A chart: title and y-axis unit (label keys) and its series."""

    key: str
    unit: str
    series: tuple[Series, ...] | Callable[[object], tuple[Series, ...]]
    percent: bool = False

    def lines(self, model) -> tuple[Series, ...]:
        return self.series(model) if callable(self.series) else self.series


def _pct(key: str, metric: str) -> Series:
    return Series(key, metric, 100.0)


def _per_worker(metric: str) -> Callable[[dict, object], float]:
    return lambda rec, model: rec[metric] / model.workers.n


def _by_group(prefix: str, names: str) -> Callable[[object], tuple[Series, ...]]:
    return lambda model: tuple(_pct(name, f"{prefix}_{name}") for name in getattr(model, names))


#: The charts of the main tab, in order
CHARTS = {
    "productivity": Chart("ch_productivity", "unit_index", (
        Series("tfp_index", "tfp_index", 100.0, relative=True),
        Series("labour_productivity", "labor_productivity", 100.0, relative=True),
        Series("real_wage_index", "real_wage_index", 100.0, relative=True))),
    "adoption_tech": Chart("ch_adoption_tech", "unit_pct_firms", (
        _pct("data", "adoption_data"), _pct("robots", "adoption_robots"), _pct("ai", "adoption_ai")), True),
    "adoption_size": Chart("ch_adoption_size", "unit_pct_firms", _by_group("adoption_index", "size_names"), True),
    "jobs": Chart("ch_jobs", "unit_pct_workers", (
        _pct("unemployment_rate", "unemployment_rate"), _pct("flexible_employment_share", "flexible_employment_share"),
        Series("displacement_rate", _per_worker("displacements"), 100.0)), True),
    "divide": Chart("ch_divide", "unit_points", (
        _pct("adoption_gap_size", "adoption_gap_size"), _pct("adoption_gap_region", "adoption_gap_region")), True),
    "inequality": Chart("ch_inequality", "unit_gini", (
        Series("gini_income", "gini_income"), Series("gini_income_workers", "gini_income_workers"))),
    "macro": Chart("ch_macro", "unit_pct_year", (
        _pct("gdp_growth_yoy", "gdp_growth_yoy"), _pct("inflation", "inflation"))),
    "spending": Chart("ch_spending", "unit_pct_gdp", (
        Series("policy_spending", lambda rec, model: rec["policy_spending"] / rec["nominal_gdp"]
               if rec["nominal_gdp"] else 0.0, 100.0),), True),
}

#: The charts of the lessons tab: lesson -> its charts
LESSON_CHARTS = {
    "barriers": {
        "barriers_all": Chart("ch_barriers_all", "unit_pct_nonadopters", (
            _pct("barrier_unwilling", "barrier_unwilling"), _pct("barrier_afraid", "barrier_afraid"),
            _pct("barrier_unable", "barrier_unable")), True),
        "barriers_small": Chart("ch_barriers_small", "unit_pct_nonadopters", (
            _pct("barrier_unwilling", "barrier_unwilling_small"), _pct("barrier_afraid", "barrier_afraid_small"),
            _pct("barrier_unable", "barrier_unable_small")), True),
    },
    "robots": {
        "robots": Chart("ch_robots", "unit_robot_density", (Series("robot_density", "robot_density"),)),
        "automation": Chart("ch_automation", "unit_percent", (
            _pct("automated_share", "automated_share"), _pct("automation_ceiling", "automation_ceiling"),
            Series("robot_worker_equivalents", _per_worker("robot_worker_equivalents"), 100.0)), True),
        "robot_jobs": Chart("ch_robot_jobs", "unit_index", (
            Series("wage_low", "wage_low", 100.0, relative=True), Series("employees", "employees", 100.0, relative=True),
            Series("real_output_industry", "real_output_industry", 100.0, relative=True))),
    },
    "gig": {
        "gig": Chart("ch_gig", "unit_percent", (
            _pct("flexible_employment_share", "flexible_employment_share"),
            _pct("platform_commission", "platform_commission"), _pct("gig_earnings_ratio", "gig_earnings_ratio")), True),
        "platforms": Chart("ch_platforms", "unit_percent", (
            _pct("gig_utilisation", "gig_utilisation"), _pct("platform_members_share", "platform_members_share"),
            _pct("ai_service_share", "ai_service_share")), True),
    },
}


def series_values(series: Series, records: list[dict], model) -> list[float | None]:
    """The series' values at each recorded step, rounded for the page (None where not finite)."""
    raw = np.array([series.value(rec, model) if callable(series.value) else rec.get(series.value, np.nan)
                    for rec in records], float)
    if series.relative and raw.size:
        raw = raw / raw[0] if raw[0] else np.full_like(raw, np.nan)
    values = raw * series.scale
    return [round(float(v), 3) if np.isfinite(v) else None for v in values]


def _base(title: str, lang: str, name: str) -> dict:
    return {
        "animation": False,
        "title": {"text": title, "textStyle": {"fontSize": TITLE_FONT}, "left": 4},
        "toolbox": {"right": 8, "feature": {"saveAsImage": {"name": name, "title": "PNG", "pixelRatio": 2}}},
        "textStyle": {"fontSize": FONT},
    }


def chart_data(chart: Chart, model, reference: list[dict] | None) -> list[list[float | None]]:
    """Each series' values so far, in the order of :func:`chart_layout`'s series (solid, then its dashed twin)."""
    data = []
    for series in chart.lines(model):
        data.append(series_values(series, model.records, model))
        if reference is not None:
            data.append(series_values(series, reference, model))
    return data


def chart_layout(chart: Chart, model, reference: bool = True, lang: str = "en") -> dict:
    """The ECharts option of ``chart`` without its numbers: what changes at Reset, not on a step.

    Args:
        chart: What to draw.
        model: The session's economy (its horizon and groups).
        reference: Whether each series has a dashed baseline twin.
        lang: Label language.
    """
    periods = [period_label(model.cfg.start, s) for s in range(model.cfg.steps + 1)]
    lines, names = [], []
    for i, series in enumerate(chart.lines(model)):
        colour = PALETTE[i % len(PALETTE)]
        name = label(series.key, lang)
        names.append(name)
        lines.append({"name": name, "type": "line", "color": colour, "showSymbol": False,
                      "lineStyle": {"width": 2.5}, "z": 3})
        if reference:
            lines.append({"name": f"{name} · {label('baseline', lang)}", "type": "line", "color": colour,
                          "showSymbol": False, "lineStyle": {"width": 1.5, "type": "dashed", "opacity": 0.8},
                          "z": 2})
    option = _base(label(chart.key, lang), lang, chart.key.removeprefix("ch_"))
    option.update({
        "legend": {"data": names, "top": 28, "left": 4, "textStyle": {"fontSize": FONT}, "itemWidth": 18},
        "grid": {"top": 104, "left": 8, "right": 20, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "textStyle": {"fontSize": FONT}},
        "xAxis": {"type": "category", "data": periods, "boundaryGap": False,
                  "axisLabel": {"fontSize": FONT}},
        "yAxis": {"type": "value", "scale": True, "name": label(chart.unit, lang), "nameLocation": "end",
                  "nameGap": 10, "nameTextStyle": {"fontSize": FONT, "align": "left"},
                  "axisLabel": {"fontSize": FONT, **({"formatter": "{value}%"} if chart.percent else {})}},
        "series": lines,
    })
    if reference:
        option["graphic"] = [{"type": "text", "left": 4, "top": 52,
                              "style": {"text": label("dashed_note", lang), "fontSize": FONT, "fill": "#555"}}]
    return option


def chart_option(chart: Chart, model, reference: list[dict] | None, lang: str = "en") -> dict:
    """The whole ECharts option of ``chart``: its layout with the numbers so far (for a PNG or a notebook)."""
    option = chart_layout(chart, model, reference is not None, lang)
    for series, values in zip(option["series"], chart_data(chart, model, reference)):
        series["data"] = values
    return option


def firm_stage(model) -> np.ndarray:
    """Each firm's adoption stage: 0 none, 1 adjusting, 2-4 one to three technologies integrated."""
    stage = model.firms.stage
    integrated = (stage == INTEGRATED).sum(axis=1)
    adjusting = (stage == ADJUSTING).any(axis=1)
    return np.where(integrated > 0, 1 + integrated, np.where(adjusting, 1, 0))


def firms_option(model, lang: str = "en") -> dict:
    """Every firm as a dot: output per employee (right) by employees (up, log scale), coloured by adoption
    stage, sized by size class; a dot's data ends with the firm's row, which a click reports."""
    firms = model.firms
    staff = firms.headcount.sum(axis=1)
    per_worker = np.where(staff > 0, firms.output / np.maximum(staff, 1), 0.0)
    typical = float(np.median(per_worker[staff > 0])) if (staff > 0).any() else 1.0
    x = per_worker / (typical or 1.0)
    size_px = np.array([11 if i == model.large_class else 5 if model.size_is_small[i] else 8
                        for i in range(model.n_sizes)])[firms.size]
    stage = firm_stage(model)
    series = []
    for s, (key, colour) in enumerate(zip(STAGE_KEYS, STAGE_COLOURS)):
        rows = np.flatnonzero((stage == s) & (staff > 0))
        series.append({
            "name": f"{label(key, lang)} ({rows.size})", "type": "scatter", "color": colour,
            "itemStyle": {"opacity": 0.8, "borderColor": "#fff", "borderWidth": 0.3},
            "data": [{"value": [round(float(x[r]), 3), int(staff[r]), int(r)], "symbolSize": int(size_px[r])}
                     for r in rows]})
    option = _base(label("firms_view", lang), lang, "firms")
    option.update({
        "legend": {"top": 28, "left": 4, "textStyle": {"fontSize": FONT}},
        "grid": {"top": 96, "left": 8, "right": 24, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "item", "textStyle": {"fontSize": FONT}},
        "xAxis": {"type": "log", "name": label("firms_x", lang), "nameLocation": "middle", "nameGap": 28,
                  "nameTextStyle": {"fontSize": FONT}, "axisLabel": {"fontSize": FONT}},
        "yAxis": {"type": "log", "name": label("firms_y", lang), "nameTextStyle": {"fontSize": FONT, "align": "left"},
                  "axisLabel": {"fontSize": FONT}},
        "series": series,
    })
    return option
