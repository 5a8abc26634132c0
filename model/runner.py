"""Run one scenario with one seed and return its results (no files written).

This is the function every command builds on: ``run``, ``compare``,
``sweep``, ``sensitivity`` and ``validate`` all call :func:`simulate`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from model.config import Scenario
from model.economy import EconomyModel
from model.errors import UserError
from model.guards import check_step

#: Approximate peak bytes per agent (arrays, temporaries and, for workers, the Mesa agent view);
#: measured on 1,000,000 workers and 100,000 firms (docs/performance.md).
BYTES_PER_WORKER = {True: 900, False: 350}
BYTES_PER_FIRM = 3000
BASE_BYTES = 300 * 2**20


def estimate_memory(scenario: Scenario, agents: bool = True) -> int:
    """Rough peak memory (bytes) of one run of ``scenario``."""
    pop = scenario.population
    return BASE_BYTES + pop.workers * BYTES_PER_WORKER[agents] + pop.firms * BYTES_PER_FIRM


def available_memory() -> int | None:
    """Memory the system can still give this process (bytes), or None if unknown."""
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_memory(scenario: Scenario, agents: bool = True) -> None:
    """Refuse, with a clear message, a population that cannot fit in this machine's memory."""
    need, have = estimate_memory(scenario, agents), available_memory()
    if have is not None and need > 0.9 * have:
        pop = scenario.population
        raise UserError(f"population.firms={pop.firms}, population.workers={pop.workers}: a run needs about "
                        f"{need / 2**30:.1f} GiB but only {have / 2**30:.1f} GiB of memory is available; "
                        f"use a smaller population")


@dataclass
class RunResult:
    """What one run produced.

    Attributes:
        timeseries: One row per step (step 0 is the initial state), one column per metric.
        summary: Final values of every metric, plus scenario name, seed and steps.
        model: The model at the end of the run (for inspecting agents).
    """

    timeseries: pd.DataFrame
    summary: dict
    model: EconomyModel


def simulate(scenario: Scenario, seed: int | None = None, steps: int | None = None, *,
             progress: bool = False, agents: bool = True) -> RunResult:
    """Run ``scenario`` for ``steps`` quarters (default: ``scenario.steps``).

    Args:
        scenario: A validated scenario.
        seed: Random seed (default: ``scenario.seed``); same seed, same numbers.
        steps: Number of quarters (default: ``scenario.steps``).
        progress: Show a tqdm progress bar.
        agents: Create Mesa agent views for every worker (skip for speed at scale).

    Returns:
        The run's time series, final summary and end-of-run model.

    Raises:
        UserError: if the population cannot fit in this machine's memory.
    """
    steps = scenario.steps if steps is None else steps
    check_memory(scenario, agents)
    model = EconomyModel(scenario, seed=seed, agents=agents)
    check_step(model, model.records[0])  # the initial state too (each step checks itself)
    iterator = range(steps)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(iterator, desc=scenario.name, unit="quarter", leave=False)
    for _ in iterator:
        model.step()
    frame = pd.DataFrame.from_records(model.records)
    final = {k: v for k, v in model.records[-1].items()}
    from model import __version__

    summary = {"scenario": scenario.name, "seed": model.seed_used, "steps": steps,
               "start": scenario.start, "end": model.period, "version": __version__, "final": final}
    return RunResult(timeseries=frame, summary=summary, model=model)
