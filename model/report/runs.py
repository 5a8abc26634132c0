"""Run several scenarios with the same seeds (common random numbers), in parallel, with a progress bar."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from model.runner import simulate


def run_one(job: tuple) -> tuple:
    """Worker: run one (scenario name, scenario, seed) and return its time series."""
    name, scenario, seed = job
    return name, seed, simulate(scenario, seed=seed, agents=False).timeseries


def default_workers(n_jobs: int) -> int:
    """As many processes as cores, but no more than jobs."""
    return max(1, min(os.cpu_count() or 1, n_jobs))


def run_all(scenarios: dict, seeds: list[int], *, workers: int = 1, progress: bool = True) -> dict:
    """Run every scenario with every seed.

    Args:
        scenarios: ``{name: Scenario}``; the first is the reference.
        seeds: the same seeds for every scenario.
        workers: processes (1: run here, no pool). Results do not depend on it.
        progress: show a tqdm progress bar on stderr.

    Returns:
        ``{name: [timeseries per seed, in the order of seeds]}``.
    """
    from tqdm import tqdm

    jobs = [(name, scenario, seed) for name, scenario in scenarios.items() for seed in seeds]
    results = {}
    bar = tqdm(total=len(jobs), desc="compare", unit="run", disable=not progress)
    try:
        if workers <= 1:
            for job in jobs:
                name, seed, frame = run_one(job)
                results[name, seed] = frame
                bar.update()
        else:  # mesa needs "spawn": a fresh interpreter per worker
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
                for future in as_completed([pool.submit(run_one, job) for job in jobs]):
                    name, seed, frame = future.result()
                    results[name, seed] = frame
                    bar.update()
    finally:
        bar.close()
    return {name: [results[name, seed] for seed in seeds] for name in scenarios}
