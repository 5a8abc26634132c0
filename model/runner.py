"""Run one scenario with one seed and return its results (no files written).

This is the function every command builds on: ``run``, ``compare``,
``sweep``, ``sensitivity`` and ``validate`` all call :func:`simulate`.
"""

from __future__ import annotations

import math
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


def check_memory(scenario: Scenario, agents: bool = True, *, concurrent: int = 1, fix: str | None = None) -> None:
    """Refuse, with a clear message, a population that cannot fit in the memory this process may use.

    Args:
        scenario: The scenario to run.
        agents: Whether Mesa agent views are created (they cost memory per worker).
        concurrent: Runs of this size held in memory at once (parallel workers).
        fix: What the user can do, for the message (default: use a smaller population).

    Raises:
        UserError: when ``concurrent`` runs need more than 90% of the free memory, the address-space limit
            (``ulimit -v``) or the cgroup memory limit, whichever is lowest (see :mod:`model.memory`).
    """
    from model.memory import check_memory_need

    pop = scenario.population
    check_memory_need(estimate_memory(scenario, agents), f"population.firms={pop.firms}, "
                      f"population.workers={pop.workers}", concurrent=concurrent,
                      fix=fix or "use a smaller population")


@dataclass
class RunResult:
    """What one run produced.

    Attributes:
        timeseries: One row per step (step 0 is the initial state), one column per metric.
        accounts: The transactions-flow matrix of every step, long format (step, sector, flow, value).
        summary: Final values of every metric, plus scenario name, seed and steps.
        model: The model at the end of the run (for inspecting agents).
    """

    timeseries: pd.DataFrame
    accounts: pd.DataFrame
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
        UserError: if the population cannot fit in the memory this process may use.
        EconomyCollapse: if the economy collapses (see :mod:`model.guards`); the message names the step.
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
    # a metric that is not defined is None (null in summary.json), never NaN
    final = {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in model.records[-1].items()}
    from model import __version__

    summary = {"scenario": scenario.name, "seed": model.seed_used, "steps": steps,
               "start": scenario.start, "end": model.period, "version": __version__, "final": final,
               "books_gap": model.books_gap_max}
    accounts = pd.DataFrame.from_records(model.ledger.history, columns=["step", "sector", "flow", "value"])
    return RunResult(timeseries=frame, accounts=accounts, summary=summary, model=model)
