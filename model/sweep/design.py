"""Design points of a sweep: full grid, explicit list, Latin hypercube, Sobol' (Saltelli) or Morris samples.

Sampled designs use SALib with a seed derived from the sweep's seed, so the
same spec always gives the same points.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from model.sweep.spec import SweepSpec

#: spawn key (under the sweep seed) of the generator that draws sampled designs; runs use keys 0, 1, 2, ...
DESIGN_STREAM = 2**32


@dataclass(frozen=True)
class DesignPoints:
    """The points of a design.

    Attributes:
        names: varied key paths, in order.
        points: one tuple of values per design point (integers rounded, plain Python types).
        matrix: the raw sample matrix SALib drew (None for grid and list designs).
    """

    names: list[str]
    points: list[tuple]
    matrix: np.ndarray | None = None


def design_seed(spec: SweepSpec) -> int:
    """A 32-bit seed for SALib, independent of every run's seed."""
    seq = np.random.SeedSequence(spec.seed, spawn_key=(DESIGN_STREAM,))
    return int(seq.generate_state(1, np.uint32)[0])


def salib_problem(spec: SweepSpec) -> dict:
    """The SALib problem: the varied parameters and their bounds."""
    return {"num_vars": len(spec.parameters), "names": list(spec.parameters),
            "bounds": [list(p.bounds) for p in spec.parameters.values()]}


def _grid_levels(param) -> list:
    if param.values is not None:
        return list(param.values)
    levels = np.linspace(param.bounds[0], param.bounds[1], param.levels)
    return [int(v) for v in np.rint(levels)] if param.integer else [float(v) for v in levels]


def _sample(spec: SweepSpec) -> np.ndarray:
    problem, n, seed = salib_problem(spec), spec.design.samples, design_seed(spec)
    kind = spec.design.kind
    if kind == "lhs":
        from SALib.sample import latin

        return latin.sample(problem, n, seed=seed)
    if kind == "sobol":
        from SALib.sample import sobol

        return sobol.sample(problem, n, calc_second_order=spec.design.second_order, seed=seed)
    from SALib.sample import morris

    return morris.sample(problem, n, num_levels=spec.design.levels, seed=seed)


def design_points(spec: SweepSpec) -> DesignPoints:
    """Every design point of ``spec`` in run order (the first parameter varies slowest in a grid)."""
    kind = spec.design.kind
    if kind == "list":
        names = spec.names
        return DesignPoints(names, [tuple(p[k] for k in names) for p in spec.design.points])
    names = list(spec.parameters)
    if kind == "grid":
        points = list(itertools.product(*(_grid_levels(p) for p in spec.parameters.values())))
        return DesignPoints(names, points)
    matrix = _sample(spec)
    integer = [p.integer for p in spec.parameters.values()]
    points = [tuple(int(np.rint(v)) if is_int else float(v) for v, is_int in zip(row, integer)) for row in matrix]
    return DesignPoints(names, points, matrix)


def expected_size(spec: SweepSpec) -> int:
    """Number of design points the spec asks for (before replications), without sampling."""
    kind, d = spec.design.kind, len(spec.parameters)
    if kind == "list":
        return len(spec.design.points)
    if kind == "grid":
        return int(np.prod([len(_grid_levels(p)) for p in spec.parameters.values()]))
    n = spec.design.samples
    if kind == "lhs":
        return n
    if kind == "sobol":
        return n * (2 * d + 2 if spec.design.second_order else d + 2)
    return n * (d + 1)
