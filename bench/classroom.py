#!/usr/bin/env python
"""How many students can one computer serve? ``python bench/classroom.py [--sessions 1 5 10] [--steps 10]``.

Starts the dashboard (``run.py dashboard``) on a free port and, for each count of sessions, opens that many
headless Chromium sessions at once (each its own browser context: its own economy of the default classroom
population). Every session presses Step ``--steps`` times, all together, and times each press from the click
to the moment the browser has drawn the jobs chart with the new quarter (its ``rendered`` event; nothing polls).
Prints the median and 90th percentile over all presses and sessions, the median of the slowest session,
and the targets of issue 20 (at most 0.3 s with one session, at most 1 s with ten). The browsers run on the
same machine as the server, so they take some of its cores: in a classroom they run on the students' computers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {1: 0.3, 10: 1.0}
#: Headless Chromium's flags, for this benchmark and the dashboard's browser tests (tests/test_dashboard.py).
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: points in the jobs chart's first line, as the browser draws it
POINTS = """() => { const el = document.querySelector('[data-chart=jobs] .solara-echarts');
    const chart = el && el.__vue__ && el.__vue__.chart; return chart ? chart.getOption().series[0].data.length : 0; }"""
#: resolves once the jobs chart has drawn ``n`` points: ECharts' own "rendered" event (fired when a frame is
#: done), so the page is not polled on every frame (ten pages polling at 60 Hz took the cores being measured)
DRAWN = """n => new Promise(resolve => {
    const chart = document.querySelector('[data-chart=jobs] .solara-echarts').__vue__.chart;
    const drawn = () => chart.getOption().series[0].data.length >= n;
    if (drawn()) { resolve(); return; }
    const check = () => { if (drawn()) { chart.off('rendered', check); resolve(); } };
    chart.on('rendered', check); })"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _p90(times: list[float]) -> float:
    """The 90th percentile, interpolated between presses (numpy's default)."""
    return statistics.quantiles(times, n=10, method="inclusive")[8] if len(times) > 1 else times[0]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its children so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def start_server(port: int) -> subprocess.Popen:
    """The dashboard as a teacher starts it; returns once it answers."""
    process = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "dashboard", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("error: the dashboard did not start within 90 s")


async def session(browser, url: str, steps: int, ready: asyncio.Barrier) -> list[float]:
    """One student: open the page, wait for the others, then press Step ``steps`` times; seconds per press."""
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(120_000)
    page = await context.new_page()
    await page.goto(url)
    await page.locator("[data-key=step]", has_text="0 / ").wait_for()
    await page.wait_for_function(f"() => ({POINTS})() === 1")
    await ready.wait()
    times = []
    for step in range(1, steps + 1):
        started = time.perf_counter()
        await page.get_by_role("button", name="Step", exact=True).click()
        await page.evaluate(DRAWN, step + 1)
        times.append(time.perf_counter() - started)
    await context.close()
    return times


async def measure(url: str, counts: list[int], steps: int, chromium: str, server_pid: int) -> list[dict]:
    """Step-to-redrawn-chart times for each count of simultaneous sessions."""
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for n in counts:
            ready = asyncio.Barrier(n + 1)
            tasks = [asyncio.create_task(session(browser, url, steps, ready)) for _ in range(n)]
            await ready.wait()  # every session has loaded its page: the presses start now
            cpu = cpu_seconds(server_pid)
            per_session = await asyncio.gather(*tasks)
            server_ms = 1000 * (cpu_seconds(server_pid) - cpu) / (n * steps)
            times = sorted(t for s in per_session for t in s)
            rows.append({"sessions": n, "presses": len(times), "median_s": statistics.median(times),
                         "p90_s": _p90(times), "max_s": times[-1],
                         "slowest_session_median_s": max(statistics.median(s) for s in per_session),
                         "server_cpu_ms_per_press": server_ms, "target_s": TARGETS.get(n)})
            print(f"{n:>3} sessions: median {rows[-1]['median_s']:.2f} s, 90th percentile {rows[-1]['p90_s']:.2f} s, "
                  f"max {rows[-1]['max_s']:.2f} s, slowest session's median "
                  f"{rows[-1]['slowest_session_median_s']:.2f} s, server CPU {server_ms:.0f} ms a press"
                  + (f" (target {TARGETS[n]} s)" if n in TARGETS else ""), flush=True)
        await browser.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--steps", type=int, default=10, help="presses of Step per session (default 10)")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("error: no chromium on PATH (Debian: apt-get install chromium)")
    port = _free_port()
    server = start_server(port)
    try:
        rows = asyncio.run(measure(f"http://127.0.0.1:{port}/", args.sessions, args.steps, chromium, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=20)
    result = {"machine": {"cores": os.cpu_count()}, "steps": args.steps, "rows": rows}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
