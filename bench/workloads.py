"""The timed workloads: one run of the full model, and one of Mesa's Boltzmann wealth example."""

from __future__ import annotations

import gc
import math
import time

from bench.sizes import Population


def scenario(pop: Population):
    """The default (baseline) economy at the population and length of ``pop``."""
    from model import scenario_from_dict

    return scenario_from_dict({"population": {"firms": pop.firms, "workers": pop.workers}, "steps": pop.steps})


def time_model(pop: Population, *, seed: int = 1, views: bool = True) -> dict:
    """Build and step the full model; seconds for set-up and for the steps.

    Args:
        pop: Population and number of steps.
        seed: Random seed.
        views: Create a Mesa agent view for every worker (the full model); ``False`` keeps
            workers as array rows only (firm and platform agents are always created).
    """
    from model import EconomyModel

    sc = scenario(pop)
    gc.collect()
    start = time.perf_counter()
    model = EconomyModel(sc, seed=seed, agents=views)
    built, cpu = time.perf_counter(), time.process_time()
    for _ in range(pop.steps):
        model.step()
    done, cpu = time.perf_counter(), time.process_time() - cpu
    del model
    gc.collect()
    return {"setup": built - start, "steps": done - built, "steps_cpu": cpu, "n_steps": pop.steps,
            "agents": pop.agents}


def time_boltzmann(n: int, steps: int, *, seed: int = 1) -> dict:
    """Build and step Mesa's Boltzmann wealth model with ``n`` agents on a grid of about one cell per agent.

    The example's default is 100 agents on a 10 x 10 grid; the grid grows with ``n`` to keep that density.
    """
    from mesa.agent import Agent
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth

    side = math.ceil(math.sqrt(n))
    gc.collect()
    start = time.perf_counter()
    model = BoltzmannWealth(n=n, width=side, height=side, seed=seed)
    built, cpu = time.perf_counter(), time.process_time()
    for _ in range(steps):
        model.step()
    done, cpu = time.perf_counter(), time.process_time() - cpu
    Agent._ids.pop(model, None)  # mesa 3.3.1 keeps every model alive through this table (mesa issue #3179)
    del model
    gc.collect()
    return {"setup": built - start, "steps": done - built, "steps_cpu": cpu, "n_steps": steps, "agents": n}


def per_agent_step(result: dict, clock: str = "steps") -> float:
    """Seconds per agent per step (step time only): wall clock (``steps``) or CPU time (``steps_cpu``)."""
    return result[clock] / (result["agents"] * result["n_steps"])
