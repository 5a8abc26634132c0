"""Item 1: cost per agent-step of the full model against Mesa's Boltzmann wealth example.

Both run in this one process, alternating (model first on even repeats,
Boltzmann first on odd ones), and the median of the repeats is reported.
"""

from __future__ import annotations

from statistics import median

from bench.sizes import Population
from bench.workloads import per_agent_step, time_boltzmann, time_model

#: Required speed-up over Boltzmann per agent-step, by number of agents (issue 7).
TARGETS = {22_000: 10.0, 1_100_000: 20.0}


def compare(pop: Population, repeats: int, *, modes=("views", "arrays"), log=print) -> dict:
    """Time ``pop`` in each mode and Boltzmann at the same number of agents, ``repeats`` times.

    Returns:
        A row: medians per agent-step (microseconds), set-up seconds and speed-ups.
    """
    b_steps = pop.boltzmann_steps or pop.steps
    runs = {mode: [] for mode in modes}
    boltz = []
    for rep in range(repeats):
        order = ["model", "boltzmann"] if rep % 2 == 0 else ["boltzmann", "model"]
        for what in order:
            if what == "boltzmann":
                boltz.append(time_boltzmann(pop.agents, b_steps, seed=rep + 1))
                log(f"  {pop.name} rep {rep + 1}: boltzmann {boltz[-1]['steps']:.2f} s for {b_steps} steps")
            else:
                for mode in modes:
                    runs[mode].append(time_model(pop, seed=rep + 1, views=mode == "views"))
                    log(f"  {pop.name} rep {rep + 1}: model ({mode}) {runs[mode][-1]['steps']:.2f} s "
                        f"for {pop.steps} steps")
    row = {"population": pop.name, "agents": pop.agents, "firms": pop.firms, "workers": pop.workers,
           "steps": pop.steps, "boltzmann_steps": b_steps, "repeats": repeats,
           "boltzmann_setup_s": median(r["setup"] for r in boltz), "target": TARGETS.get(pop.agents)}
    for clock, suffix in (("steps", "us"), ("steps_cpu", "cpu_us")):
        b_us = median(per_agent_step(r, clock) for r in boltz) * 1e6
        row[f"boltzmann_{suffix}"] = b_us
        for mode in modes:
            us = median(per_agent_step(r, clock) for r in runs[mode]) * 1e6
            row[f"{mode}_{suffix}"] = us
            row[f"{mode}_{suffix.replace('us', 'speedup')}"] = b_us / us
    for mode in modes:
        row[f"{mode}_setup_s"] = median(r["setup"] for r in runs[mode])
    return row
