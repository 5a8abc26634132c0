"""Items 3 and 4: sweep throughput on 1 and 2 local workers, and runner memory over a long sweep.

Both go through the project's sweep runner (``model.sweep``: ``build_plan`` and
``execute``, what ``python run.py sweep`` does) with a spec written here: the
baseline scenario at a given size, replicated with independent seeds.
Memory is measured in a fresh process so its peak is its own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.scaling import ROOT
from bench.sizes import Population

THROUGHPUT_TARGET = 1.8  # 2 workers vs 1
MEMORY_GROWTH_LIMIT = 0.10  # after 1,000 runs vs after 100
BASELINE = ROOT / "scenarios" / "baseline.yaml"

HOW_THROUGHPUT = ("{runs} runs (independent seeds) of the baseline economy at {pop.firms:,} firms and "
                  "{pop.workers:,} workers x {pop.steps} steps, through `model.sweep.execute` (the runner behind "
                  "`python run.py sweep`; 1 worker runs in the runner process, 2 workers are a local process "
                  "pool), each sweep in a fresh process as `python run.py sweep` would be; wall time of the whole "
                  "call, pool start-up and writing the results included; {repeats} rounds, 1 and 2 workers in "
                  "alternation, median of the rounds.")
HOW_MEMORY = ("Runs of a small scenario ({pop.firms:,} firms, {pop.workers:,} workers x {pop.steps} steps) through "
              "`model.sweep.execute` with 1 worker (every run inside the runner process), each count in a fresh "
              "process; peak resident memory of that process at the end.")


def write_spec(folder: Path, pop: Population, runs: int, name: str) -> Path:
    """A sweep spec: the baseline at ``pop``'s size, ``runs`` replications of one point.

    A spec must vary a parameter: it "varies" the matching efficiency over its one default value.
    """
    from model import Scenario

    spec = {"name": name, "base": str(BASELINE), "seed": 7, "replications": runs,
            "set": {"population.firms": pop.firms, "population.workers": pop.workers, "steps": pop.steps},
            "parameters": {"labour.matching_efficiency": {"values": [Scenario().labour.matching_efficiency]}},
            "metrics": ["tfp_index", "unemployment_rate"]}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def run_sweep(pop: Population, runs: int, workers: int) -> dict:
    """Build and execute the sweep in a temporary folder; wall time of ``execute``."""
    from model.sweep import build_plan, execute

    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        plan = build_plan(write_spec(Path(tmp), pop, runs, "bench_sweep"))
        start = time.perf_counter()
        outcome = execute(plan, Path(tmp) / "out", workers=workers, progress=False, csv=False)
        wall = time.perf_counter() - start
    # a run whose small economy collapses (the guard stops it, as a sweep records) still went through the runner
    if outcome.done != runs:
        raise RuntimeError(f"benchmark sweep: {outcome.done} of {runs} runs done, failed: {outcome.failed}")
    return {"workers": workers, "runs": runs, "wall_s": wall, "runs_per_s": runs / wall,
            "collapsed": len(outcome.failed)}


def sweep_throughput(pop: Population, runs: int, workers=(1, 2), repeats: int = 1, log=print) -> list[dict]:
    """The same sweep on each number of workers, ``repeats`` rounds in alternation; the median of each.

    Each sweep runs in a fresh process, as ``python run.py sweep`` does: in the
    benchmark's own process, the 1.1M-agent models of item 1 (Mesa 3.3.1 keeps
    every Boltzmann model alive) would leave a heap of millions of objects that
    forked workers inherit and garbage-collect. Alternating rounds share out
    whatever else the machine is doing (on a virtual machine, other tenants of
    the host's cores and caches) between the worker counts, and the median
    keeps one disturbed round from deciding. Each row keeps every round's wall time.
    """
    walls: dict[int, list[float]] = {k: [] for k in workers}
    for round_ in range(repeats):
        for k in workers:
            walls[k].append(sweep_in_child(pop, runs, k)["wall_s"])
            log(f"  round {round_ + 1}: sweep of {runs} runs on {k} worker(s): {walls[k][-1]:.1f} s")
    rows = []
    for k in workers:
        wall = statistics.median(walls[k])
        rows.append({"workers": k, "runs": runs, "repeats": repeats, "wall_s": wall, "runs_per_s": runs / wall,
                     "walls_s": walls[k]})
    return rows


def sweep_in_child(pop: Population, runs: int, workers: int) -> dict:
    """:func:`run_sweep` in a fresh process; with its peak resident memory (MB)."""
    code = ("import json, sys; from bench.sweeps import run_sweep; from bench.sizes import Population; "
            "from bench.child import peak_rss_mb; "
            f"r = run_sweep(Population({pop.firms}, {pop.workers}, {pop.steps}), {runs}, {workers}); "
            "r['peak_rss_mb'] = peak_rss_mb(); json.dump(r, sys.stdout)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"sweep benchmark failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def sweep_memory(pop: Population, marks: tuple[int, ...], log=print) -> dict:
    """Peak memory of a fresh runner process after each number of runs in ``marks``."""
    peaks, walls = {}, {}
    for runs in marks:
        result = sweep_in_child(pop, runs, 1)
        peaks[runs], walls[runs] = result["peak_rss_mb"], result["wall_s"]
        log(f"  runner memory after {runs} runs: {peaks[runs]:.0f} MB ({walls[runs]:.1f} s)")
    return {"peak_rss_mb": peaks, "wall_s": walls}
