#!/usr/bin/env python
"""Benchmark suite: ``python bench/run.py`` measures, prints a table and writes docs/performance.md.

Items (issue 7): 1 cost per agent-step against Mesa's Boltzmann wealth example,
2 scaling of wall time and peak memory, 3 sweep throughput on 1 and 2 workers,
4 runner memory across a long sweep. ``--smoke`` runs everything at tiny sizes
(for CI: it checks the suite still works, not the speed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make ``bench`` and ``model`` importable
    sys.path.insert(0, str(ROOT))

from bench import compare, report, scaling, sizes, sweeps  # noqa: E402

SECTIONS = ("compare", "scaling", "sweep", "memory")
NOTES = Path(__file__).with_name("notes.md")


def measure(plan: sizes.Plan, sections, log=print) -> dict:
    """Run the chosen sections of ``plan``; return every measurement."""
    results: dict = {"machine": report.machine()}
    if "compare" in sections:
        log("1. per agent-step against Boltzmann")
        results["compare"] = [compare.compare(pop, reps, modes=plan.modes, log=log) for pop, reps in plan.compare]
    if "scaling" in sections:
        log("2. scaling")
        results["scaling"] = scaling.scale(plan.scaling, plan.scaling_repeats, modes=plan.scaling_modes, log=log)
        agents = sorted({p.agents for p in plan.scaling})
        results["linearity"] = [lin for mode in plan.scaling_modes for a, b in zip(agents, agents[1:])
                                if (lin := scaling.linearity(results["scaling"], a, b, mode))]
    if "sweep" in sections:
        log("3. sweep throughput")
        pop = plan.sweep_population
        results["sweep"] = {"how": sweeps.HOW_THROUGHPUT.format(runs=plan.sweep_runs, pop=pop, repeats=plan.sweep_repeats),
                            "rows": sweeps.sweep_throughput(pop, plan.sweep_runs, plan.sweep_workers,
                                                             plan.sweep_repeats, log=log)}
    if "memory" in sections:
        log("4. runner memory")
        pop = plan.memory_population
        results["memory"] = sweeps.sweep_memory(pop, plan.memory_runs, log=log)
        results["memory"]["how"] = sweeps.HOW_MEMORY.format(pop=pop)
    results["load_end"] = os.getloadavg()
    results["notes"] = [NOTES.read_text()] if NOTES.exists() else []
    return results


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file (nothing half-written on failure)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds (CI)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md", help="Markdown report")
    parser.add_argument("--json", type=Path, help="also write the raw measurements as JSON")
    parser.add_argument("--reuse", type=Path, help="JSON of an earlier run: report its sections not run now")
    args = parser.parse_args(argv)
    plan = sizes.SMOKE if args.smoke else sizes.FULL
    results = measure(plan, args.only, log=lambda text: print(text, flush=True))
    if args.reuse:
        earlier = json.loads(args.reuse.read_text())
        reused = [key for key in ("compare", "scaling", "linearity", "sweep", "memory")
                  if key in earlier and key not in results]
        results.update({key: earlier[key] for key in reused})
        if "memory" in reused:
            results["memory"]["peak_rss_mb"] = {int(k): v for k, v in results["memory"]["peak_rss_mb"].items()}
        results["notes"].insert(0, f"Reused from an earlier run ({earlier['machine']['date']}, load average "
                                   f"{earlier['machine']['load'][0]:.1f}): {', '.join(reused)}.\n")
    text = report.render(results)
    print()
    print(text)
    write_atomic(args.out, text)
    if args.json:
        write_atomic(args.json, json.dumps(results, indent=1, default=str))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
