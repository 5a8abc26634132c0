"""The classroom dashboard: its model factory, views, command, and the page in a real browser.

Browser tests need playwright and Debian's chromium; without them they skip,
unless REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("solara")

from model.cli import build_parser  # noqa: E402
from model.cli.dashboard_cmd import server_command, server_env  # noqa: E402
from model.dashboard.i18n import LABELS, label  # noqa: E402
from model.dashboard.params import DashboardModel, defaults, lever_controls, model_params  # noqa: E402
from model.policies import LEVERS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"firms": 200, "workers": 2000, "quarters": 8}  # the smallest the sliders allow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# -- model factory, parameters, labels ------------------------------------------------------------
@pytest.mark.filterwarnings("ignore:.*found despite early return")
def test_model_params_fit_the_model_signature():
    from mesa.visualization.solara_viz import _check_model_params

    for lang in ("en", "zh"):
        _check_model_params(DashboardModel.__init__, model_params(lang))  # raises on a bad parameter


def test_lever_controls_cover_the_main_levers_with_valid_defaults():
    controls = {c.lever: c for c in lever_controls()}
    assert {"sme_subsidy", "skills_training", "robot_tax"} <= set(controls)
    assert set(controls) <= set(LEVERS)
    for c in controls.values():
        assert c.low <= c.default <= c.high


def test_switches_build_the_scenario_the_sliders_say():
    off = DashboardModel(**SMALL)
    assert off.cfg.policies == []
    on = DashboardModel(**SMALL, sme_subsidy_on=True, sme_subsidy_rate=0.7, robot_tax_on=True, robot_tax_rate=-0.3,
                        skills_training_share=0.9)  # a slider whose switch is off changes nothing
    levers = {p.lever: p for p in on.cfg.policies}
    assert set(levers) == {"sme_subsidy", "robot_tax"}
    assert levers["sme_subsidy"].rate == pytest.approx(0.7) and levers["robot_tax"].rate == pytest.approx(-0.3)
    assert (on.cfg.population.firms, on.cfg.population.workers) == (200, 2000)


def test_unknown_parameter_and_language_are_rejected():
    with pytest.raises(TypeError, match="unknown dashboard parameter"):
        DashboardModel(**SMALL, no_such_lever_on=True)
    with pytest.raises(ValueError, match="valid: en, zh"):
        DashboardModel(**SMALL, lang="fr")


def test_model_stops_after_its_quarters_and_matches_simulate():
    from model import simulate

    model = DashboardModel(**SMALL, seed=7, sme_subsidy_on=True)
    steps = 0
    while model.running:
        model.step()
        steps += 1
    assert steps == SMALL["quarters"]
    reference = simulate(model.cfg, seed=7)
    assert reference.timeseries["tfp_index"].iloc[-1] == pytest.approx(model.records[-1]["tfp_index"])


def test_every_label_has_both_languages():
    assert set(LABELS["en"]) == set(LABELS["zh"])
    assert label("firms", "zh") != label("firms", "en")
    assert label("no_such_key", "zh") == "no_such_key"


def test_defaults_are_the_classroom_population_and_every_view_draws():
    from model.dashboard.components import firm_stage, firms_figure, overview_rows, trends_figure

    assert defaults()["firms"] >= 1000 and defaults()["lang"] == "en"
    model = DashboardModel(**SMALL, lang="zh")
    model.step()
    for fig in (trends_figure(model), firms_figure(model)):
        assert fig.axes
    stage = firm_stage(model)
    assert stage.shape == (model.firms.n,) and stage.min() >= 0 and stage.max() <= 4
    rows = dict((k, v) for k, _, v in overview_rows(model))
    assert rows["step"] == "1 / 8" and rows["policies"] == label("none", "zh")


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
def _browser_or_skip():
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (pip install playwright)"
    if reason is None and not CHROMIUM:
        reason = "no chromium on PATH (Debian: apt-get install chromium)"
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


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


@pytest.fixture(scope="module")
def server():
    """The dashboard as `run.py dashboard` starts it, on a free port; always stopped afterwards."""
    _browser_or_skip()
    port = _free_port()
    log = open(ROOT / ".pytest_cache" / "dashboard-server.log", "w") if (ROOT / ".pytest_cache").is_dir() \
        else subprocess.DEVNULL
    process = subprocess.Popen([sys.executable, "run.py", "dashboard", "--port", str(port)], cwd=ROOT,
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
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _open(browser, url):
    """A fresh browser context on the dashboard, recording every URL the page requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    requests, failures = [], []
    context.on("request", lambda r: requests.append(r.url))
    context.on("response", lambda r: failures.append((r.status, r.url)) if r.status >= 400 else None)
    page = context.new_page()
    page.goto(url)
    _wait_step(page, 0)
    return context, page, requests, failures


def _wait_step(page, step):
    page.locator("[data-key=step]", has_text=f"{step} / ").wait_for()


def _plot_sources(page):
    return page.eval_on_selector_all("img", "els => els.map(e => e.src)")


@pytest.mark.browser
def test_server_listens_on_loopback_only(server):
    assert _listening_addresses(server["port"]) == {"127.0.0.1"}


@pytest.mark.slow
@pytest.mark.browser
def test_lever_step_and_plots_update_in_independent_sessions(server, browser):
    first, page, requests, failures = _open(browser, server["url"])
    try:
        page.get_by_text(f"{label('sme_subsidy')}: on", exact=True).click()  # switch a lever on ...
        page.get_by_role("button", name="Reset").click()  # ... and rebuild the model with it
        page.locator("[data-key=policies]", has_text=label("sme_subsidy")).wait_for()
        plots = _plot_sources(page)
        assert len(plots) >= 2
        for step in (1, 2):
            page.get_by_role("button", name="Step").click()
            _wait_step(page, step)
        page.wait_for_function("old => [...document.images].map(e => e.src).every(s => !old.includes(s))", arg=plots)

        second, other, other_requests, _ = _open(browser, server["url"])  # a second student
        try:
            assert other.locator("[data-key=policies]", has_text=label("none")).count() == 1
            other.get_by_role("button", name="Step").click()
            _wait_step(other, 1)
            page.get_by_role("button", name="Step").click()
            _wait_step(page, 3)  # the first session kept its own count: 2 + 1
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
