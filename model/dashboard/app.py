"""The classroom page (Solara): one economy per browser session, charts drawn in the browser.

Run it with ``python run.py dashboard [--port N] [--lang en|zh]``; the language comes from the
``DTABM_DASHBOARD_LANG`` environment variable that command sets. Every browser session (every student)
builds and steps its own :class:`~model.dashboard.params.DashboardModel`; the dashed reference line is
shared (:mod:`model.dashboard.reference`).
"""

from __future__ import annotations

import os
import time

import markdown
import pandas as pd
import reacton.core
import solara
import solara.lab

from model.dashboard.charts import CHARTS, LESSON_CHARTS, chart_data, chart_layout, firms_option
from model.dashboard.i18n import check_lang, label, lever_help
from model.dashboard.info import info_markdown
from model.dashboard.livechart import LiveChart
from model.dashboard.lessons import PRESETS, preset_text, preset_title
from model.dashboard.params import POPULATION, DashboardModel, format_value, lever_controls, preset_controls
from model.dashboard.reference import reference_records
from model.errors import UserError

LANG = check_lang(os.environ.get("DTABM_DASHBOARD_LANG", "en"))
TABS = ("tab_charts", "tab_lessons", "tab_agents", "tab_info")
#: Per browser session (Solara keeps a module's reactive variables per session). Only the components that read
#: them redraw when they change: a step redraws the numbers and charts, not the page with its levers.
TICK = solara.reactive(0)
PLAYING = solara.reactive(False)
CSS = """
.dtabm-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px; width: 100%; }
.dtabm-chart { border: 1px solid #ddd; border-radius: 6px; padding: 4px; background: #fff; }
.dtabm-help { font-size: 13px; color: #444; margin: -4px 0 8px 0; line-height: 1.35; }
.dtabm-source { font-size: 12px; color: #777; }
.dtabm-overview td { padding: 2px 10px 2px 0; font-size: 14px; }
.dtabm-describe td { padding: 1px 10px 1px 0; font-size: 14px; vertical-align: top; }
.dtabm-banner { background: #fff3cd; border: 1px solid #e0c060; padding: 6px 10px; border-radius: 4px; font-size: 14px; }
.dtabm-side { max-width: 340px; min-width: 280px; }
"""


def _rows(pairs) -> str:
    import html

    return "".join(f'<tr data-key="{html.escape(k)}"><td>{html.escape(n)}</td><td><b>{html.escape(v)}</b></td></tr>'
                   for k, n, v in pairs)


def overview_rows(model, lang: str) -> list[tuple[str, str, str]]:
    """Key, label and value of the headline numbers now."""
    rec = model.records[-1]
    on = [label(name, lang) for name in model.levers_on()]
    rows = [("period", f"{rec['period']}"), ("step", f"{model.steps} / {model.cfg.steps}"),
            ("policies", ", ".join(on) or label("none", lang)),
            ("tfp", f"{rec['tfp_index']:.3f}"), ("adoption", f"{rec['adoption_index']:.1%}"),
            ("unemployment", f"{rec['unemployment_rate']:.1%}"),
            ("gig_share", f"{rec['flexible_employment_share']:.1%}"),
            ("spending", f"{rec['policy_spending'] / rec['nominal_gdp']:.2%}" if rec["nominal_gdp"] else "0")]
    return [(key, label(key, lang), value) for key, value in rows]


def describe_rows(described: dict) -> list[tuple[str, str, str]]:
    """A ``describe()`` dict as rows, nested dicts flattened (``adoption.data``)."""
    rows = []
    for key, value in described.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, float):
            value = f"{value:,.3f}"
        rows.append((key, key.replace("_", " "), str(value)))
    return rows


def run_csv(model) -> bytes:
    """The run's metric records so far, one row per step."""
    return pd.DataFrame(model.records).to_csv(index=False).encode()


def Text(text: str, **attrs):
    """Markdown as HTML (Solara's Markdown component would fetch KaTeX from the internet)."""
    return solara.HTML(tag="div", unsafe_innerHTML=markdown.markdown(text), **attrs)


@solara.component
def Overview(model, controls: dict, tick: solara.Reactive, lang: str):
    """The headline numbers now (redrawn on every step and every lever change)."""
    tick.value  # noqa: B018 (read: redraw on every step; the page around it is not redrawn)
    solara.HTML(tag="table", classes=["dtabm-overview"], unsafe_innerHTML=_rows(overview_rows(model, lang)))


@solara.component
def RunButtons(model, tick: solara.Reactive, playing: solara.Reactive, do_step, lang: str):
    """Play/Pause and Step: Step greyed while playing, both once the run has finished."""
    tick.value  # noqa: B018
    # no ink ripple: each press of Step would animate the page for half a second, and ten students' browsers
    # drawing those frames measurably slowed everyone's step (docs/classroom.md)
    with solara.Row(gap="12px"):
        solara.Button(label("pause", lang) if playing.value else label("play", lang), color="primary",
                      on_click=lambda: playing.set(not playing.value), disabled=not model.running, ripple=False)
        solara.Button(label("btn_step", lang), color="primary", on_click=do_step,
                      disabled=playing.value or not model.running, ripple=False)


@solara.component
def Finished(model, tick: solara.Reactive, lang: str):
    tick.value  # noqa: B018
    if not model.running:
        solara.Info(label("finished", lang))


@solara.component
def ChartGrid(charts: dict, model, lang: str, tick: solara.Reactive):
    """The charts: their layouts made once per economy, their numbers sent on every step."""
    tick.value  # noqa: B018
    layouts = solara.use_memo(lambda: {key: chart_layout(chart, model, True, lang) for key, chart in charts.items()},
                              dependencies=[charts, model, lang])
    reference = reference_records(model.cfg.population.firms, model.cfg.population.workers, model.cfg.steps,
                                  model.seed_used, model.steps)
    with solara.Div(classes=["dtabm-grid"]):
        for key, chart in charts.items():
            with solara.Div(classes=["dtabm-chart"], attributes={"data-chart": key}):
                LiveChart(layouts[key], chart_data(chart, model, reference))


@solara.component
def Lessons(model, lang: str, tick: solara.Reactive):
    for lesson, charts in LESSON_CHARTS.items():
        Text(f"### {label('lesson_' + lesson, lang)}")
        solara.HTML(tag="p", unsafe_innerHTML=label(f"lesson_{lesson}_text", lang), classes=["dtabm-help"])
        ChartGrid(charts, model, lang, tick)


@solara.component
def Agents(model, lang: str, tick: solara.Reactive):
    tick.value  # noqa: B018
    firm, set_firm = solara.use_state(0)
    worker, set_worker = solara.use_state(0)

    def clicked(event):
        value = (event or {}).get("value") or (event or {}).get("data", {}).get("value")
        if value and len(value) == 3:
            set_firm(int(value[2]))

    solara.HTML(tag="p", unsafe_innerHTML=label("firms_explain", lang), classes=["dtabm-help"])
    with solara.Div(classes=["dtabm-chart"], attributes={"data-chart": "firms"}):
        solara.FigureEcharts(option=firms_option(model, lang), on_click=clicked,
                             attributes={"style": "height: 420px; width: 100%"}, responsive=True)
    with solara.Columns([1, 1]):
        with solara.Column():
            n = model.firms.n - 1
            solara.InputInt(label("firm_number", lang, n=n), value=firm,
                            on_value=lambda v: set_firm(min(max(int(v or 0), 0), n)))
            solara.HTML(tag="table", classes=["dtabm-describe"], attributes={"data-view": "firm"},
                        unsafe_innerHTML=_rows(describe_rows(model.firm_agents[min(firm, n)].describe())))
        with solara.Column():
            n = model.workers.n - 1
            solara.InputInt(label("worker_number", lang, n=n), value=worker,
                            on_value=lambda v: set_worker(min(max(int(v or 0), 0), n)))
            agent = model.worker_agents[min(worker, n)]
            if agent is not None:
                solara.HTML(tag="table", classes=["dtabm-describe"], attributes={"data-view": "worker"},
                            unsafe_innerHTML=_rows(describe_rows(agent.describe())))


@solara.component
def LeverControls(model, controls: solara.Reactive, lang: str):
    Text(f"**{label('levers', lang)}**")
    for c in lever_controls():
        on = bool(controls.value.get(c.switch))
        value = controls.value.get(c.slider, c.default)
        explanation, source = lever_help(c.lever, lang)

        def change(name, new, c=c):
            model.set_levers(**{name: new})  # before the page redraws with the new control
            controls.value = {**controls.value, name: new}

        solara.Switch(label=label(c.lever, lang), value=on, on_value=lambda v, c=c: change(c.switch, bool(v)))
        if on:
            slider = solara.SliderInt if c.integer else solara.SliderFloat
            slider(f"{label(f'{c.lever}.{c.parameter}', lang)}: {format_value(c, value, lang)}",
                   value=int(value) if c.integer else float(value), min=c.low, max=c.high, step=c.step,
                   thumb_label=False, on_value=lambda v, c=c: change(c.slider, float(v)))
        solara.HTML(tag="div", classes=["dtabm-help"], attributes={"data-help": c.lever},
                    unsafe_innerHTML=f"{explanation} <span class='dtabm-source'>{label('source', lang)}: {source}</span>")


@solara.component
def Page():
    lang = LANG
    solara.Style(CSS)
    # initial values made once: use_reactive follows a plain argument that changes between renders
    initial = solara.use_memo(lambda: {name: spec[0] for name, spec in POPULATION.items()} | {"preset": "baseline"},
                              [])
    settings = solara.use_reactive(initial)
    controls = solara.use_reactive(solara.use_memo(lambda: preset_controls("baseline"), []))
    built = solara.use_reactive(initial)  # what the model was built with
    model = solara.use_reactive(solara.use_memo(lambda: DashboardModel(lang=lang, **built.value), []))
    tick, playing = TICK, PLAYING
    speed = solara.use_reactive(4)
    tab = solara.use_reactive(TABS[0])
    error = solara.use_reactive("")

    def build(values: dict, levers: dict) -> None:
        try:
            new = DashboardModel(lang=lang, **values, **levers)
        except UserError as exc:
            error.value = str(exc)
            return
        error.value = ""
        playing.value = False
        built.value = dict(values)
        model.value = new
        tick.value += 1

    render_context = reacton.core.get_render_context()

    def do_step() -> None:
        m = model.value
        with render_context:  # one redraw for all the parts that show the quarter, not one each
            if m.running:
                m.step()
                tick.value += 1
            if not m.running:
                playing.value = False

    def play_loop() -> None:
        while playing.value and model.value.running:
            started = time.monotonic()
            do_step()
            time.sleep(max(0.0, 1.0 / speed.value - (time.monotonic() - started)))
        playing.value = False

    solara.lab.use_task(play_loop, dependencies=[playing.value], prefer_threaded=True)

    def choose_preset(title: str) -> None:
        preset = next(p for p in PRESETS if preset_title(p, lang) == title)
        settings.value = {**settings.value, "preset": preset}
        controls.value = preset_controls(preset)
        build(settings.value, controls.value)

    m = model.value
    solara.Title(label("title", lang))
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "12px", "padding": "4px 12px"}):
        solara.Text(label("title", lang), style={"font-size": "20px", "font-weight": "bold"})
        solara.Select(label("preset", lang), values=[preset_title(p, lang) for p in PRESETS],
                      value=preset_title(built.value["preset"], lang), on_value=choose_preset,
                      style={"max-width": "320px"})
        solara.Button(label("reset", lang), color="primary", on_click=lambda: build(settings.value, controls.value))
        RunButtons(m, tick, playing, do_step, lang)
        solara.FileDownload(lambda: run_csv(model.value), filename=f"dtabm-{m.preset}-seed{m.seed_used}.csv",
                            label=label("download_csv", lang), mime_type="text/csv")
    question, _ = preset_text(built.value["preset"], lang)
    solara.HTML(tag="div", unsafe_innerHTML=f"<b>{label('question', lang)}:</b> {question}",
                style={"padding": "0 12px", "font-size": "15px"})
    if error.value:
        solara.Error(error.value)
    changed = [label(name, lang) for name in POPULATION if settings.value[name] != built.value[name]]
    if changed:
        solara.HTML(tag="div", classes=["dtabm-banner"], attributes={"data-banner": "reset"},
                    unsafe_innerHTML=label("reset_banner", lang, what=", ".join(changed)))
    Finished(m, tick, lang)
    with solara.Row(style={"align-items": "flex-start", "gap": "16px", "padding": "0 12px"}):
        with solara.Column(classes=["dtabm-side"]):
            Overview(m, controls.value, tick, lang)
            solara.SliderInt(f"{label('speed', lang)}: {speed.value}", value=speed, min=1, max=10, thumb_label=False)
            LeverControls(m, controls, lang)
            Text(f"**{label('population', lang)}**")
            for name, (_, low, high, step) in POPULATION.items():
                solara.SliderInt(f"{label(name, lang)}: {settings.value[name]:,}", value=settings.value[name],
                                 min=low, max=high, step=step, thumb_label=False,
                                 on_value=lambda v, name=name: settings.set({**settings.value, name: int(v)}))
        with solara.Column(style={"flex": "1", "min-width": "0"}):
            with solara.Row(gap="4px"):
                for t in TABS:
                    solara.Button(label(t, lang), on_click=lambda t=t: tab.set(t), text=tab.value != t,
                                  outlined=tab.value != t, color="primary", classes=[f"dtabm-{t}"])
            if tab.value == "tab_charts":
                solara.Text(label("png_hint", lang), style={"font-size": "13px", "color": "#555"})
                ChartGrid(CHARTS, m, lang, tick)
            elif tab.value == "tab_lessons":
                Lessons(m, lang, tick)
            elif tab.value == "tab_agents":
                Agents(m, lang, tick)
            else:
                Text(info_markdown(lang), attributes={"data-view": "info"})
