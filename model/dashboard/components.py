"""The dashboard's live views: four panels over time, a view of the firms, an overview card.

Each ``*_figure(model)`` function draws a matplotlib ``Figure`` from the
model's metric records (usable in notebooks too); the Solara components
around them redraw when the model steps or is reset.
"""

from __future__ import annotations

import html
import warnings

import numpy as np
import solara
from matplotlib.figure import Figure

with warnings.catch_warnings():  # Mesa's own SolaraViz trips Solara's hook check on import: not ours to fix
    warnings.filterwarnings("ignore", message=".*found despite early return", category=UserWarning)
    from mesa.visualization.utils import update_counter

from model.dashboard.i18n import figure_lang, label
from model.dashboard.params import lever_controls
from model.state import ADJUSTING, INTEGRATED

#: panel -> metric series drawn in it (metric name, label key)
SERIES = {
    "productivity": [("tfp_index", "tfp_index"), ("labor_productivity", "labour_productivity"),
                     ("digital_contribution", "digital_contribution")],
    "employment": [("unemployment_rate", "unemployment_rate"),
                   ("flexible_employment_share", "flexible_employment_share"),
                   ("digital_talent_gap", "digital_talent_gap")],
    "divide": [("digital_divide_index", "digital_divide_index"), ("adoption_gap_size", "adoption_gap_size"),
               ("adoption_gap_region", "adoption_gap_region"), ("gini_income", "gini_income")],
}
STAGE_COLOURS = ("#c8c8c8", "#f0a030", "#a6d96a", "#52b050", "#1a7a36")
STAGE_KEYS = ("stage_none", "stage_adjusting", "stage_1", "stage_2", "stage_3")


def _series(model, name: str) -> np.ndarray:
    values = np.array([rec.get(name, np.nan) for rec in model.records], float)
    if name == "labor_productivity" and values.size and values[0]:
        values = values / values[0]
    return values


def _panel(ax, model, title: str, lang: str) -> None:
    ax.set_title(label(title, lang), fontsize=10)
    ax.set_xlim(0, max(model.cfg.steps, model.steps, 1))
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=8)


def draw_series(ax, model, panel: str) -> None:
    """Draw one panel of :data:`SERIES` (from step 0 to now) on ``ax``."""
    lang = figure_lang(model)
    _panel(ax, model, panel, lang)
    for metric, key in SERIES[panel]:
        values = _series(model, metric)
        ax.plot(np.arange(values.size), values, lw=1.6, marker="." if values.size == 1 else None,
                label=label(key, lang))
    ax.legend(fontsize=7, loc="best", framealpha=0.6)


def draw_adoption(ax, model) -> None:
    """Draw the adoption index by size class (solid) and by region (dashed) on ``ax``."""
    lang = figure_lang(model)
    _panel(ax, model, "adoption_by_group", lang)
    for names, style in ((model.size_names, "-"), (model.region_names, "--")):
        for name in names:
            values = _series(model, f"adoption_index_{name}")
            ax.plot(np.arange(values.size), values, style, lw=1.4, marker="." if values.size == 1 else None,
                    label=label(name, lang))
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="best", ncol=2, framealpha=0.6)


def trends_figure(model) -> Figure:
    """Productivity, adoption by group, employment and the digital divide over time, in one figure."""
    fig = Figure(figsize=(10, 6.4), dpi=72)
    axes = fig.subplots(2, 2)
    draw_series(axes[0, 0], model, "productivity")
    draw_adoption(axes[0, 1], model)
    draw_series(axes[1, 0], model, "employment")
    draw_series(axes[1, 1], model, "divide")
    for ax in axes[1]:
        ax.set_xlabel(label("quarter", figure_lang(model)), fontsize=9)
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.08, top=0.95, hspace=0.3, wspace=0.18)
    return fig


def firm_stage(model) -> np.ndarray:
    """Each firm's adoption stage: 0 none, 1 adjusting, 2-4 one to three technologies integrated."""
    stage = model.firms.stage
    integrated = (stage == INTEGRATED).sum(axis=1)
    adjusting = (stage == ADJUSTING).any(axis=1)
    return np.where(integrated > 0, 1 + integrated, np.where(adjusting, 1, 0))


def firms_figure(model) -> Figure:
    """Every firm as a dot in its region x sector cell, coloured by adoption stage, sized by size class."""
    lang = figure_lang(model)
    firms = model.firms
    fig = Figure(figsize=(6.4, 4.6), dpi=72)
    ax = fig.subplots()
    fig.subplots_adjust(left=0.12, right=0.98, top=0.93, bottom=0.22)
    ax.set_title(label("firms_view", lang), fontsize=11)
    jitter = np.random.default_rng(0).random((firms.n, 2)) * 0.8 + 0.1  # fixed layout, not the model's rng
    x = firms.sector + jitter[:, 0]
    y = firms.region + jitter[:, 1]
    sizes = np.array([16.0 if i == model.large_class else 6.0 if model.size_is_small[i] else 10.0
                      for i in range(model.n_sizes)])[firms.size]
    stage = firm_stage(model)
    colours = np.array(STAGE_COLOURS)[stage]
    ax.scatter(x, y, s=sizes, c=colours, linewidths=0)
    ax.set_xticks(np.arange(model.n_sectors) + 0.5, [label(s, lang) for s in model.sector_names])
    ax.set_yticks(np.arange(model.n_regions) + 0.5, [label(r, lang) for r in model.region_names])
    for k in range(1, max(model.n_sectors, model.n_regions)):
        ax.axvline(k, color="k", lw=0.6)
        ax.axhline(k, color="k", lw=0.6)
    ax.set_xlim(0, model.n_sectors)
    ax.set_ylim(0, model.n_regions)
    counts = np.bincount(stage, minlength=len(STAGE_KEYS))
    handles = [ax.scatter([], [], s=30, color=c, label=f"{label(k, lang)} ({n})")
               for c, k, n in zip(STAGE_COLOURS, STAGE_KEYS, counts)]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    return fig


def overview_rows(model) -> list[tuple[str, str, str]]:
    """Key, label and value of the headline numbers now."""
    lang = getattr(model, "lang", "en")  # HTML text: Chinese needs no font
    rec = model.records[-1]
    main = {c.lever: c.parameter for c in lever_controls()}
    policies = ", ".join(f"{label(p.lever, lang)} {getattr(p, main[p.lever]):.3g}" if p.lever in main
                         else label(p.lever, lang) for p in model.cfg.policies) or label("none", lang)
    rows = [("period", f"{rec['period']}"), ("step", f"{model.steps} / {model.cfg.steps}"), ("policies", policies),
            ("tfp", f"{rec['tfp_index']:.3f}"), ("adoption", f"{rec['adoption_index']:.1%}"),
            ("unemployment", f"{rec['unemployment_rate']:.1%}"), ("gig_share", f"{rec['flexible_employment_share']:.1%}"),
            ("divide_index", f"{rec['digital_divide_index']:.3f}"),
            ("spending", f"{rec['policy_spending_cumulative']:.1f}")]
    return [(key, label(key, lang), value) for key, value in rows]


def _show(figure_fn, model, *args):
    update_counter.get()
    fig = solara.use_memo(lambda: figure_fn(model, *args), dependencies=[model, model.steps])
    return solara.FigureMatplotlib(fig, format="png", dependencies=[model, model.steps])


@solara.component
def Overview(model):
    """The headline numbers as a small table."""
    update_counter.get()
    rows = "".join(f"<tr data-key=\"{key}\"><td>{html.escape(name)}</td><td><b>{html.escape(value)}</b></td></tr>"
                   for key, name, value in overview_rows(model))
    return solara.Column(children=[
        solara.Text(label("overview", model.lang), style={"font-size": "1.2em", "font-weight": "bold"}),
        solara.HTML(tag="table", unsafe_innerHTML=rows, classes=["dtabm-overview"]),
    ])


@solara.component
def TrendsPlot(model):
    return _show(trends_figure, model)


@solara.component
def FirmsView(model):
    return _show(firms_figure, model)


#: What the dashboard shows, in order (all on the first page).
COMPONENTS = [TrendsPlot, Overview, FirmsView]
