"""The machine a benchmark ran on, and the Markdown report (docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import platform
import subprocess
from pathlib import Path

from bench.compare import TARGETS
from bench.scaling import LINEAR_LIMIT, MEMORY_LIMIT_MB
from bench.sweeps import MEMORY_GROWTH_LIMIT, THROUGHPUT_TARGET


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 2 ** 20
    except OSError:
        return None
    return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine() -> dict:
    """Hardware, software versions and the load on the machine now."""
    import mesa
    import numpy
    import pandas

    import model

    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no", "--", "model"))
    return {"date": dt.datetime.now().isoformat(timespec="seconds"), "cpu": _cpu_name(), "cores": os.cpu_count(),
            "memory_gb": _memory_gb(), "os": platform.platform(), "python": platform.python_version(),
            "numpy": numpy.__version__, "pandas": pandas.__version__, "mesa": mesa.__version__,
            "model": model.__version__, "commit": commit + (" + uncommitted changes in model/" if dirty else ""),
            "load": os.getloadavg()}


def _pair(row: dict, wall_key: str, fmt: str) -> str:
    """``wall / cpu`` of one measurement (the CPU key has ``_cpu`` before ``_us`` or ``_speedup``)."""
    cpu_key = wall_key.replace("_us", "_cpu_us").replace("_speedup", "_cpu_speedup")
    nan = float("nan")
    return f"{row.get(wall_key, nan):{fmt}} / {row.get(cpu_key, nan):{fmt}}"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def render(results: dict) -> str:
    """The whole report as Markdown."""
    m = results["machine"]
    lines = ["# Performance", "",
             "Measured by `python bench/run.py` (this file is written by it; do not edit by hand).", "",
             "## Machine", "",
             f"- {m['cpu']}, {m['cores']} cores, {m['memory_gb']:.0f} GB; {m['os']}",
             f"- Python {m['python']}, numpy {m['numpy']}, pandas {m['pandas']}, mesa {m['mesa']}; "
             f"model {m['model']} at commit {m['commit'] or 'unknown'}",
             f"- {m['date']}; load average at start {m['load'][0]:.1f}, at end {results['load_end'][0]:.1f} "
             "(other work on the machine slows wall times; ratios measured in alternation are fairer)", ""]
    targets = []
    if results.get("compare"):
        lines += ["## 1. Cost per agent-step against Mesa's Boltzmann wealth example", "",
                  "Step time only (set-up excluded, shown apart), median of the repeats, both models in the same "
                  "process, alternating. *Full model*: Mesa agent views for every firm, worker and platform; "
                  "*arrays only*: `agents=False`, no worker views. Boltzmann: "
                  "`mesa.examples.basic.boltzmann_wealth_model`, one cell per agent (the example's density), "
                  "its own `DataCollector` included.", "",
                  "Each cell gives wall clock / CPU time of the process; the verdict uses the lower speed-up of "
                  "the two.", "",
                  "| agents | steps (Boltzmann) | repeats | full model µs | arrays only µs | Boltzmann µs "
                  "| speed-up full | speed-up arrays | target | set-up s: full / arrays / Boltzmann |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        nan = float("nan")
        for r in results["compare"]:
            target = r["target"]
            worst = min(r["views_speedup"], r["views_cpu_speedup"])
            ok = None if target is None else worst >= target
            pair = functools.partial(_pair, r)
            lines.append(f"| {r['agents']:,} ({r['firms']:,} firms) | {r['steps']} ({r['boltzmann_steps']}) "
                         f"| {r['repeats']} | {pair('views_us', '.3f')} | {pair('arrays_us', '.3f')} "
                         f"| {pair('boltzmann_us', '.2f')} | {pair('views_speedup', '.1f')} "
                         f"| {pair('arrays_speedup', '.1f')} | {'≥ %gx ' % target if target else ''}{_verdict(ok)} "
                         f"| {r['views_setup_s']:.1f} / {r.get('arrays_setup_s', nan):.1f} "
                         f"/ {r['boltzmann_setup_s']:.1f} |")
            if target:
                targets.append((f"full model ≥ {target:g}x Boltzmann per agent-step at {r['agents']:,} agents",
                                f"{r['views_speedup']:.1f}x wall, {r['views_cpu_speedup']:.1f}x CPU", ok))
        lines.append("")
    if results.get("scaling"):
        lines += ["## 2. Scaling: wall time and peak memory", "",
                  "Each run in a fresh process (set-up + steps); peak resident memory of that process "
                  "(the interpreter with numpy, pandas and mesa loaded takes the 'at start' part).", "",
                  "| agents | steps | mode | repeats | set-up s | steps s | wall s | peak RSS MB | at start MB |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in results["scaling"]:
            lines.append(f"| {r['agents']:,} | {r['steps']} | {r['mode']} | {r['repeats']} | {r['setup_s']:.2f} "
                         f"| {r['steps_s']:.2f} | {r['wall_s']:.2f} | {r['peak_rss_mb']:,.0f} "
                         f"| {r['start_rss_mb']:.0f} |")
        lines.append("")
        for lin in results.get("linearity", []):
            lines.append(f"- {lin['mode']}: wall time {lin['to']} / {lin['from']} = {lin['wall_ratio']:.2f} "
                         f"(steps only {lin['steps_ratio']:.2f}) for {lin['agent_ratio']:.0f}x the agents.")
            if lin["mode"] == "views" and lin["agent_ratio"] == 10:
                targets.append((f"time at {lin['to']} / time at {lin['from']} ≤ {LINEAR_LIMIT:g}",
                                f"{lin['wall_ratio']:.2f}", lin["wall_ratio"] <= LINEAR_LIMIT))
        big = [r for r in results["scaling"] if r["agents"] >= 1_000_000]
        for r in big:
            targets.append((f"{r['agents']:,} agents x {r['steps']} steps ({r['mode']}) within 4 GB",
                            f"{r['peak_rss_mb']:,.0f} MB", r["peak_rss_mb"] <= MEMORY_LIMIT_MB))
        lines.append("")
    if results.get("sweep"):
        s = results["sweep"]
        lines += ["## 3. Sweep throughput", "", s["how"], "",
                  "| workers | runs | median wall s | runs per s | vs 1 worker | wall s of each round |",
                  "|---|---|---|---|---|---|"]
        base = s["rows"][0]["runs_per_s"]
        for r in s["rows"]:
            rounds = ", ".join(f"{w:.1f}" for w in r.get("walls_s", [r["wall_s"]]))
            lines.append(f"| {r['workers']} | {r['runs']} | {r['wall_s']:.1f} | {r['runs_per_s']:.2f} "
                         f"| {r['runs_per_s'] / base:.2f}x | {rounds} |")
        lines.append("")
        two = next((r for r in s["rows"] if r["workers"] == 2), None)
        if two:
            gain = two["runs_per_s"] / base
            if "walls_s" in two:
                each = [a / b for a, b in zip(s["rows"][0]["walls_s"], two["walls_s"])]
                lines += [f"- 2 workers against 1, round by round: {', '.join(f'{g:.2f}x' for g in each)}.", ""]
            targets.append((f"2 workers ≥ {THROUGHPUT_TARGET:g}x the throughput of 1", f"{gain:.2f}x",
                            gain >= THROUGHPUT_TARGET))
    if results.get("memory"):
        mem = results["memory"]
        peaks = mem["peak_rss_mb"]
        lines += ["## 4. Runner memory across a long sweep", "", mem["how"], "",
                  "| runs | peak RSS MB |", "|---|---|"]
        lines += [f"| {k:,} | {v:.0f} |" for k, v in sorted(peaks.items())]
        lines.append("")
        lo, hi = min(peaks), max(peaks)
        growth = peaks[hi] / peaks[lo] - 1
        targets.append((f"runner memory after {hi:,} runs within {MEMORY_GROWTH_LIMIT:.0%} of after {lo:,}",
                        f"{growth:+.1%}", growth <= MEMORY_GROWTH_LIMIT))
    if targets:
        lines += ["## Targets (issue 7)", "", "| target | measured | verdict |", "|---|---|---|"]
        lines += [f"| {name} | {value} | {_verdict(ok)} |" for name, value, ok in targets]
        lines.append("")
    lines += results.get("notes", [])
    return "\n".join(lines).rstrip() + "\n"
