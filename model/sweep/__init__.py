"""Parameter sweeps and sensitivity analysis: many runs of one scenario, resumable, on any executor.

Quick use::

    from model.sweep import build_plan, execute
    plan = build_plan("scenarios/sweeps/matching_grid.yaml")
    outcome = execute(plan, "outputs/sweeps/matching_grid", workers=2)

Modules: :mod:`~model.sweep.spec` (the YAML spec, pydantic), :mod:`~model.sweep.design`
(grid, list, LHS, Sobol', Morris), :mod:`~model.sweep.plan` (runs, seeds, up-front
checks), :mod:`~model.sweep.executors` (serial, process pool, dask),
:mod:`~model.sweep.runner` (the run loop), :mod:`~model.sweep.store`
(the results folder: manifest, resume, compaction), :mod:`~model.sweep.parts`
(each run's Arrow parts, checked and gathered), :mod:`~model.sweep.atomic`
(all-or-nothing writes, the folder lock), :mod:`~model.sweep.summary` (figures) and
:mod:`~model.sweep.sensitivity` (SALib indices).
"""

from model.sweep.plan import Plan, build_plan
from model.sweep.session import execute

__all__ = ["Plan", "build_plan", "execute"]
