"""Item 2: wall time and peak memory of the full model as the population grows.

Each run is a fresh process (``python -m bench.child``), so its peak resident
memory is its own; the median wall time of the repeats is reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from statistics import median

from bench.sizes import Population

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT_MB = 4096  # 1.1M agents x 40 steps within 4 GB (issue 7)
LINEAR_LIMIT = 11.0  # time at 1.1M over time at 110k


def run_child(pop: Population, *, views: bool = True, seed: int = 1) -> dict:
    """Run the model once in a fresh Python process and return its measurements."""
    cmd = [sys.executable, "-m", "bench.child", str(pop.firms), str(pop.workers), str(pop.steps), "--seed", str(seed)]
    if not views:
        cmd.append("--arrays")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({' '.join(cmd)}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def scale(pops, repeats: int, *, modes=("views", "arrays"), log=print) -> list[dict]:
    """Median wall time and peak memory of each population in each mode."""
    rows = []
    for mode in modes:
        for pop in pops:
            runs = []
            for rep in range(repeats):
                runs.append(run_child(pop, views=mode == "views", seed=rep + 1))
                r = runs[-1]
                log(f"  {pop.name} ({mode}) rep {rep + 1}: {r['setup'] + r['steps']:.2f} s, "
                    f"peak {r['peak_rss_mb']:.0f} MB")
            rows.append({"population": pop.name, "agents": pop.agents, "steps": pop.steps, "mode": mode,
                         "repeats": repeats, "setup_s": median(r["setup"] for r in runs),
                         "steps_s": median(r["steps"] for r in runs),
                         "wall_s": median(r["setup"] + r["steps"] for r in runs),
                         "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                         "start_rss_mb": median(r["start_rss_mb"] for r in runs)})
    return rows


def linearity(rows: list[dict], small: int, large: int, mode: str = "views") -> dict | None:
    """Time ratio between two populations of one mode, against the agent ratio."""
    by = {r["agents"]: r for r in rows if r["mode"] == mode}
    if small not in by or large not in by:
        return None
    a, b = by[small], by[large]
    return {"mode": mode, "from": a["population"], "to": b["population"], "agent_ratio": large / small,
            "wall_ratio": b["wall_s"] / a["wall_s"], "steps_ratio": b["steps_s"] / a["steps_s"]}
