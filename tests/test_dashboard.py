"""The classroom dashboard: its model factory, views, command, and the page in a real browser.

Browser tests need playwright and Debian's chromium; without them they skip,
unless REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("solara")

from conftest import CHROMIUM, browser_or_skip  # noqa: E402
from model.cli import build_parser  # noqa: E402
from model.cli.dashboard_cmd import server_command, server_env  # noqa: E402
from model.dashboard.i18n import LABELS, label, lever_help  # noqa: E402
from model.dashboard.lessons import PRESETS, preset_title  # noqa: E402
from model.dashboard.params import DashboardModel, format_value, lever_controls, preset_data  # noqa: E402
from model.errors import UserError  # noqa: E402
from model.policies import LEVERS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"firms": 200, "workers": 2000, "quarters": 8}  # the smallest the sliders allow
sys.path.insert(0, str(ROOT / "bench"))
from classroom import CHROMIUM_ARGS  # noqa: E402  (bench/classroom.py keeps the one list of flags)


# -- controls, the model they drive, the charts -----------------------------------------------------
def test_every_lever_has_a_control_with_a_range_it_accepts_and_words_in_both_languages():
    controls = {c.lever: c for c in lever_controls()}
    assert set(controls) == set(LEVERS)  # a new lever needs a control (and its words) before it shows
    for c in controls.values():
        field = LEVERS[c.lever].model_fields[c.parameter]
        low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
        high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
        assert low <= c.low < c.high <= high and c.low <= c.default <= c.high, c
        for lang in ("en", "zh"):
            assert label(c.lever, lang) != c.lever and label(f"{c.lever}.{c.parameter}", lang) != f"{c.lever}.{c.parameter}"
            explanation, source = lever_help(c.lever, lang)
            assert explanation and source
    rate = controls["sme_subsidy"]
    assert format_value(rate, 0.4) == "40%" and format_value(controls["cloud_onboarding"], 16) == "16 quarters"


def test_a_lever_switched_on_mid_run_starts_at_the_next_step_as_if_scheduled():
    """Switching a lever on after two quarters is the run whose scenario starts it at step 3."""
    from model.economy import EconomyModel
    from model.scenario_io import scenario_from_dict

    live = DashboardModel(**SMALL, seed=3)
    live.step(), live.step()
    live.set_levers(sme_subsidy_on=True, sme_subsidy_rate=0.7)
    assert live.active_levers == []  # nothing changes before the next step
    while live.running:
        live.step()
    spending = [r["spending_sme_subsidy"] for r in live.records]
    assert spending[:3] == [0.0, 0.0, 0.0] and sum(spending[3:]) > 0
    scheduled = scenario_from_dict({"name": "scheduled", "steps": SMALL["quarters"],
                                    "population": {"firms": SMALL["firms"], "workers": SMALL["workers"]},
                                    "policies": [{"lever": "sme_subsidy", "rate": 0.7, "start": 3}]})
    reference = EconomyModel(scheduled, seed=3)
    for _ in range(SMALL["quarters"]):
        reference.step()
    for key in ("tfp_index", "adoption_index", "unemployment_rate", "spending_sme_subsidy"):
        assert [r[key] for r in live.records] == pytest.approx([r[key] for r in reference.records], rel=1e-12), key


def test_with_every_lever_off_the_dashboard_is_the_plain_scenario():
    from model import simulate

    model = DashboardModel(**SMALL, seed=7)
    while model.running:
        model.step()
    assert model.steps == SMALL["quarters"] and model.lever_windows == []
    reference = simulate(model.cfg.model_copy(update={"policies": []}), seed=7)
    assert reference.timeseries["tfp_index"].tolist() == pytest.approx([r["tfp_index"] for r in model.records])
    from model.dashboard.reference import reference_records

    shared = reference_records(SMALL["firms"], SMALL["workers"], SMALL["quarters"], 7, 4)
    assert [r["tfp_index"] for r in shared] == pytest.approx([r["tfp_index"] for r in model.records[:5]])


def test_presets_load_their_scenario_and_switch_their_levers_on():
    robot = DashboardModel(**SMALL, preset="robot_tax")
    (lever, start, end), = robot.lever_windows
    assert lever.lever == "robot_tax" and lever.rate == pytest.approx(0.2) and start == 8 and end is None
    assert robot.levers_on() == ["robot_tax"]
    fast = DashboardModel(**SMALL, preset="skills_under_fast_ai", skills_training_share=0.15)
    assert fast.cfg.frontier.ai_capability_growth == pytest.approx(0.5)
    assert sorted(l.share for l, _, _ in fast.lever_windows) == pytest.approx([0.05, 0.15])  # the slider moves the first
    fast.set_levers(skills_training_on=False)
    assert fast.lever_windows == []
    for preset in PRESETS:
        assert preset_data(preset)["name"] == preset  # every lesson is a scenario file
        for lang in ("en", "zh"):
            question, to_try = PRESETS[preset][lang]
            assert question.strip() and to_try.strip()
    with pytest.raises(UserError, match="preset='nope' is not a lesson; valid: baseline"):
        DashboardModel(**SMALL, preset="nope")


def test_unknown_parameter_and_language_are_rejected():
    with pytest.raises(TypeError, match="unknown dashboard parameter"):
        DashboardModel(**SMALL, no_such_lever_on=True)
    with pytest.raises(ValueError, match="valid: en, zh"):
        DashboardModel(**SMALL, lang="fr")


def test_every_label_has_both_languages():
    assert set(LABELS["en"]) == set(LABELS["zh"])
    assert label("firms", "zh") != label("firms", "en")
    assert label("no_such_key", "zh") == "no_such_key"


def _font_sizes(option):
    if isinstance(option, dict):
        for key, value in option.items():
            if key == "fontSize":
                yield value
            yield from _font_sizes(value)
    elif isinstance(option, list):
        for item in option:
            yield from _font_sizes(item)


def test_charts_show_each_series_with_its_dashed_baseline_in_percent_and_readable_type():
    from model.dashboard.charts import CHARTS, LESSON_CHARTS, chart_option, firms_option

    model = DashboardModel(**SMALL, lang="zh", sme_subsidy_on=True, sme_subsidy_rate=0.9)
    for _ in range(3):
        model.step()
    from model.dashboard.reference import reference_records

    reference = reference_records(SMALL["firms"], SMALL["workers"], SMALL["quarters"], 42, model.steps)
    charts = {**CHARTS, **{k: c for group in LESSON_CHARTS.values() for k, c in group.items()}}
    for key, chart in charts.items():
        option = chart_option(chart, model, reference, "zh")
        solid, dashed = option["series"][::2], option["series"][1::2]
        assert len(solid) == len(dashed) >= 1 and all(s["lineStyle"].get("type") == "dashed" for s in dashed), key
        assert all(len(s["data"]) == model.steps + 1 for s in option["series"]), key
        assert len(option["xAxis"]["data"]) == model.cfg.steps + 1  # the axis spans the whole run
        assert min(_font_sizes(option)) >= 12, key
        assert option["toolbox"]["feature"]["saveAsImage"]
    jobs = chart_option(CHARTS["jobs"], model, reference, "en")
    assert jobs["series"][0]["data"][-1] == pytest.approx(100 * model.records[-1]["unemployment_rate"], abs=1e-3)
    adoption = chart_option(CHARTS["adoption_size"], model, reference, "en")
    sme = [s for s in adoption["series"] if s["name"] == "SME"][0]["data"]
    sme_base = [s for s in adoption["series"] if s["name"] == "SME · baseline"][0]["data"]
    assert sme[0] == sme_base[0] and sme[-1] > sme_base[-1]  # the subsidy shows against its baseline
    firms = firms_option(model, "zh")
    rows = [item["value"][2] for s in firms["series"] for item in s["data"]]
    assert len(rows) == len(set(rows)) and set(rows) <= set(range(model.firms.n))


def test_a_firm_and_a_worker_describe_themselves_with_the_barrier_that_holds_the_firm_back():
    from model.dashboard.app import describe_rows, overview_rows

    model = DashboardModel(**SMALL)
    model.step()
    barriers = [model.firm_agents[r].describe()["barrier"] for r in range(model.firms.n)]
    names = {b for firm in barriers for b in firm.values()}
    assert names <= {"none", "unwilling", "afraid", "unable"} and {"unwilling", "none"} <= names
    stage = model.firms.stage
    assert (model.firms.barrier[stage != 0] == 0).all()  # an adopter is held back by nothing
    rows = dict((k, v) for k, _, v in describe_rows(model.firm_agents[0].describe()))
    assert {"sector", "size_class", "adoption", "barrier", "employees"} <= set(rows)
    assert "status" in dict((k, v) for k, _, v in describe_rows(model.worker_agents[0].describe()))
    overview = dict((k, v) for k, _, v in overview_rows(model, "zh"))
    assert overview["step"] == "1 / 8" and overview["policies"] == label("none", "zh")


def test_the_run_downloads_as_csv_with_a_row_per_step():
    import io

    import pandas as pd

    from model.dashboard.app import run_csv

    model = DashboardModel(**SMALL)
    model.step(), model.step()
    frame = pd.read_csv(io.BytesIO(run_csv(model)))
    assert len(frame) == 3 and frame["period"].tolist() == ["2025Q1", "2025Q2", "2025Q3"]


# -- the command ------------------------------------------------------------------------------------
def test_command_serves_on_loopback_by_default():
    args = build_parser().parse_args(["dashboard"])
    assert args.host == "127.0.0.1" and args.lang == "en"
    command = server_command(args.host, args.port)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert server_env("zh", {})["DTABM_DASHBOARD_LANG"] == "zh"


def test_bad_port_is_a_user_error():
    result = subprocess.run([sys.executable, "run.py", "dashboard", "--port", "70000"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --port") and "Traceback" not in result.stderr


# -- the page in a browser --------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """Local IPv4 addresses with a socket listening on ``port`` (from /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@contextlib.contextmanager
def _serve(*extra):
    """The dashboard as `run.py dashboard` starts it, on a free port; always stopped afterwards."""
    browser_or_skip()
    port = _free_port()
    log = open(ROOT / ".pytest_cache" / f"dashboard-server-{port}.log", "w") if (ROOT / ".pytest_cache").is_dir() \
        else subprocess.DEVNULL
    process = subprocess.Popen([sys.executable, "run.py", "dashboard", "--port", str(port), *extra], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dashboard did not start on {url} (exit status {process.poll()})")
            time.sleep(0.5)
        yield {"url": url, "port": port}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        if log is not subprocess.DEVNULL:
            log.close()


@pytest.fixture(scope="module")
def server():
    with _serve() as running:
        yield running


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _open(browser, url, width=1400, height=1000):
    """A fresh browser context on the dashboard, recording every URL the page requests."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.set_default_timeout(60_000)
    requests, failures = [], []
    context.on("request", lambda r: requests.append(r.url))
    context.on("response", lambda r: failures.append((r.status, r.url)) if r.status >= 400 else None)
    page = context.new_page()
    page.goto(url)
    _wait_step(page, 0)
    return context, page, requests, failures


@contextlib.contextmanager
def _page(browser, url, width=1400, height=1000):
    """A page of its own browser context on the dashboard (see :func:`_open`), closed afterwards."""
    context, page, _, _ = _open(browser, url, width, height)
    try:
        yield page
    finally:
        context.close()


def _wait_step(page, step):
    page.locator("[data-key=step]", has_text=f"{step} / ").wait_for()


def _step(page, to, name="Step"):
    page.get_by_role("button", name=name, exact=True).click()
    _wait_step(page, to)


#: the options of the ECharts charts on the page, as the browser holds them (the component keeps its chart)
CHART_OPTIONS = """() => [...document.querySelectorAll('[data-chart]')].map(box => {
    const el = box.querySelector('.solara-echarts'); const chart = el && el.__vue__ && el.__vue__.chart;
    return {key: box.dataset.chart, option: chart ? chart.getOption() : null}; })"""


def _charts(page, key=None):
    """Every chart's option (or ``key``'s), once each chart on the page (and ``key``) is drawn: it exists and has
    been given its series (a chart just created after a tab switch holds an empty option for a moment)."""
    page.wait_for_function("key => (!key || document.querySelector(`[data-chart=${key}]`)) && "
                           "document.querySelectorAll('[data-chart] .solara-echarts').length > 0 && "
                           "[...document.querySelectorAll('[data-chart] .solara-echarts')].every("
                           "e => e.__vue__ && e.__vue__.chart && (e.__vue__.chart.getOption() || {}).series)",
                           arg=key)
    charts = {c["key"]: c["option"] for c in page.evaluate(CHART_OPTIONS)}
    return charts[key] if key else charts


@pytest.mark.browser
def test_server_listens_on_loopback_only(server):
    assert _listening_addresses(server["port"]) == {"127.0.0.1"}


@pytest.mark.slow
@pytest.mark.browser
def test_a_lever_acts_from_the_next_step_against_a_dashed_baseline_in_independent_sessions(server, browser):
    first, page, requests, failures = _open(browser, server["url"])
    try:
        _step(page, 1)
        _step(page, 2)
        page.get_by_text(label("sme_subsidy"), exact=True).click()  # on mid-run, no Reset
        page.get_by_text(label("sme_subsidy.rate") + ": 40%").wait_for()  # its slider shows value and unit
        page.locator("[data-key=policies]", has_text=label("sme_subsidy")).wait_for()
        for step in (3, 4, 5):
            _step(page, step)
        page.wait_for_function("() => !document.querySelector('[data-key=spending]').innerText.includes('0.00%')")
        adoption = _charts(page, "adoption_size")
        names = [s["name"] for s in adoption["series"]]
        assert "SME" in names and f"SME · {label('baseline')}" in names
        dashed = [s for s in adoption["series"] if s["name"].endswith(label("baseline"))]
        assert all(s["lineStyle"]["type"] == "dashed" and len(s["data"]) == 6 for s in dashed)

        second, other, other_requests, _ = _open(browser, server["url"])  # a second student
        try:
            assert other.locator("[data-key=policies]", has_text=label("none")).count() == 1
            _step(other, 1)
            _step(page, 6)  # the first session kept its own count
            _wait_step(other, 1)
            requests += other_requests
        finally:
            second.close()
    finally:
        first.close()
    origin = server["url"].rstrip("/")
    external = [u for u in requests if not u.startswith((origin + "/", "data:", "blob:"))]
    assert external == [], f"the page loaded external URLs: {external[:5]}"
    assert failures == [], f"requests failed (missing offline assets?): {failures[:5]}"


@pytest.mark.slow
@pytest.mark.browser
def test_a_preset_loads_its_scenario_and_population_changes_ask_for_reset(server, browser):
    with _page(browser, server["url"]) as page:
        page.locator(".v-select").first.click()
        page.get_by_role("option", name=preset_title("robot_tax")).click()
        page.locator("[data-key=policies]", has_text=label("robot_tax")).wait_for()
        page.get_by_text(PRESETS["robot_tax"]["en"][0]).wait_for()  # the lesson's question
        assert page.locator("[data-banner=reset]").count() == 0
        firms = page.locator("[role=slider][aria-valuemax='6000']")
        firms.focus()
        firms.press("ArrowRight")  # a bigger economy needs a new one: the page says so ...
        page.locator("[data-banner=reset]", has_text=label("firms")).wait_for()
        page.get_by_role("button", name="Reset", exact=True).click()
        page.locator("[data-banner=reset]").wait_for(state="detached")  # ... and Reset builds it
        _wait_step(page, 0)
        assert page.locator("[data-key=policies]", has_text=label("robot_tax")).count() == 1


@pytest.mark.slow
@pytest.mark.browser
def test_a_firm_can_be_inspected_by_clicking_its_dot_and_the_run_downloads(server, browser, tmp_path):
    with _page(browser, server["url"]) as page:
        _step(page, 1)
        page.get_by_role("button", name=label("tab_agents"), exact=True).click()
        firms = _charts(page, "firms")
        # every drawn dot's place on the page (zero output has no place on the log axis, and a firm whose output is
        # far below the axis's range, one living off its stock, is not drawn), the most isolated first:
        # a dot under another cannot be hit, so the first whose click selects its own firm is the one asked
        dots = page.evaluate("""() => { const el = document.querySelector('[data-chart=firms] .solara-echarts');
            const r = el.getBoundingClientRect(); const chart = el.__vue__.chart;
            return chart.getOption().series.flatMap((s, i) => s.data.map(d => {
                const p = chart.convertToPixel({seriesIndex: i}, d.value.slice(0, 2));
                const inside = p && chart.containPixel({gridIndex: 0}, p);  // a dot off the axes' range is not drawn
                return inside ? [r.left + p[0], r.top + p[1], d.value[2]] : [null, null, d.value[2]]; })); }""")
        dots = [d for d in dots if None not in d[:2] and np.isfinite(d[:2]).all()]
        xy = np.array([d[:2] for d in dots], dtype=float)
        gap = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
        np.fill_diagonal(gap, np.inf)
        number = page.get_by_label(re.compile("^Firm number"))
        for pick in np.argsort(-gap.min(axis=1))[:5]:
            row = dots[pick][2]
            page.mouse.click(float(xy[pick, 0]), float(xy[pick, 1]))
            try:
                page.wait_for_function("([el, row]) => el.value === String(row)", arg=[number.element_handle(), row],
                                       timeout=10_000)
                break
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: try the next most isolated dot
                continue
        else:
            raise AssertionError("none of the five most isolated dots selected its firm")
        table = page.locator("[data-view=firm]").inner_text()
        assert "sector" in table and "barrier" in table and "adoption" in table
        with page.expect_download() as download:
            page.get_by_text(label("download_csv")).click()
        path = tmp_path / "run.csv"
        download.value.save_as(path)
        lines = path.read_text().splitlines()
        assert len(lines) == 3 and lines[0].startswith("step,period") and lines[2].startswith("1,2025Q2")


#: points of ``key``'s first line in the chart the browser holds
POINTS = """key => document.querySelector(`[data-chart=${key}] .solara-echarts`).__vue__.chart
    .getOption().series[0].data.length"""


@pytest.mark.slow
@pytest.mark.browser
def test_a_chart_out_of_view_draws_the_steps_it_missed_when_scrolled_into_view(server, browser):
    with _page(browser, server["url"]) as page:
        _charts(page)
        for step in (1, 2, 3):
            _step(page, step)
        page.wait_for_function(f"() => ({POINTS})('jobs') === 4")  # on screen: drawn at every step
        assert page.evaluate(POINTS, "spending") == 1  # below the fold: not redrawn while out of view ...
        page.locator("[data-chart=spending]").scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({POINTS})('spending') === 4")  # ... and up to date once seen


@pytest.mark.slow
@pytest.mark.browser
def test_play_steps_and_redraws_until_paused(server, browser):
    with _page(browser, server["url"]) as page:
        _charts(page)
        page.get_by_role("button", name=label("play"), exact=True).click()
        page.wait_for_function(f"() => ({POINTS})('jobs') >= 4")
        page.get_by_role("button", name=label("pause"), exact=True).click()
        page.get_by_role("button", name=label("play"), exact=True).wait_for()
        step = int(page.locator("[data-key=step]").inner_text().split()[-3])
        page.wait_for_function(f"n => ({POINTS})('jobs') === n", arg=step + 1)  # every quarter played is drawn
        page.wait_for_timeout(600)
        assert page.locator("[data-key=step]", has_text=f"{step} / ").count() == 1  # paused: no more steps


@pytest.mark.slow
@pytest.mark.browser
def test_no_label_below_11_px_on_a_projector(server, browser):
    with _page(browser, server["url"], 1024, 768) as page:
        _step(page, 1)
        for tab in ("tab_charts", "tab_lessons"):
            page.get_by_role("button", name=label(tab), exact=True).click()
            for _ in range(50):  # the old tab's charts can satisfy _charts while the switch removes them
                sizes = [size for option in _charts(page).values() for size in _font_sizes(option)]
                if sizes:
                    break
                page.wait_for_timeout(200)
            assert sizes and min(sizes) >= 11, tab
        small = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e =>
            [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.offsetParent !== null
            && parseFloat(getComputedStyle(e).fontSize) < 11).map(e => e.textContent.trim().slice(0, 40))""")
        assert small == [], small


@pytest.mark.slow
@pytest.mark.browser
def test_the_info_tab_explains_the_model_in_both_languages(server, browser):
    with _page(browser, server["url"]) as page:
        page.get_by_role("button", name=label("tab_info"), exact=True).click()
        page.get_by_text("What is it?").wait_for()
        page.get_by_text("Things to try").wait_for()
    with _serve("--lang", "zh") as chinese:
        with _page(browser, chinese["url"]) as page:
            page.get_by_role("button", name=label("tab_info", "zh"), exact=True).click()
            page.get_by_text("这是什么？").wait_for()
            assert page.get_by_role("button", name=label("btn_step", "zh"), exact=True).count() == 1
