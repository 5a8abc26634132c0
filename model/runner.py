"""Run one scenario with one seed and return its results (no files written).

This is the function every command builds on: ``run``, ``compare``,
``sweep``, ``sensitivity`` and ``validate`` all call :func:`simulate`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.config import Scenario
from model.economy import EconomyModel


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
    """
    steps = scenario.steps if steps is None else steps
    model = EconomyModel(scenario, seed=seed, agents=agents)
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
