"""The plan of a sweep: every run (id, design point, replication, seed), checked before any run starts.

Run ``i`` is design point ``i // replications``, replication ``i % replications``.
Its seed comes from ``numpy.random.SeedSequence(spec.seed).spawn(n)[k]``, with
``k = i`` (independent seeds) or ``k = replication`` (common random numbers:
replication ``r`` of every design point shares one seed). Child ``k`` of a spawn
is ``SeedSequence(spec.seed, spawn_key=(k,))``, so seeds are computed one at a
time and never all held in memory.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shlex
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from model.errors import ScenarioError, UserError
from model.sweep.design import DesignPoints, design_points, expected_size
from model.sweep.spec import MAX_POINTS, SweepSpec, base_path, check_metrics, key_path, load_spec

MAX_RUNS = 10_000_000


def run_seed(sweep_seed: int, index: int) -> int:
    """Seed of spawned child ``index`` of ``SeedSequence(sweep_seed)``, as an int below 2**63."""
    state = np.random.SeedSequence(sweep_seed, spawn_key=(index,)).generate_state(1, np.uint64)[0]
    return int(state) >> 1


def yaml_scalar(value) -> str:
    """``value`` as ``--set`` reads it back exactly (floats keep every digit)."""
    return yaml.safe_dump(value, default_flow_style=True, width=10**9).removesuffix("\n...\n").strip()


def column_kind(values) -> str:
    """How a parameter's values are stored: bool, int, float, str or json (anything else)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float"
    if present and all(isinstance(v, str) for v in present):
        return "str"
    return "json"


@dataclass(frozen=True)
class Run:
    """One run of the sweep."""

    run_id: int
    point: int
    replication: int
    seed: int
    values: tuple


@dataclass
class Plan:
    """Everything needed to run, store and summarise a sweep.

    Attributes:
        spec: the validated spec.
        spec_path: its file.
        base_path: the base scenario file.
        set_overrides: the spec's ``set:`` as ``key.path=value`` strings (for the ``run`` command).
        base: merged base scenario data with ``set:`` applied (each run adds its point to a copy).
        design: the design points.
        crn: common random numbers (replication r of every point shares a seed).
        kinds: storage kind of each parameter column.
        fingerprint: hash of everything that decides the results (base data, points, seeds).
        peak_memory: estimated peak bytes of the largest run (see :func:`model.runner.estimate_memory`).
        peak_point: the design point of that run.
    """

    spec: SweepSpec
    spec_path: Path
    base_path: Path
    set_overrides: list[str]
    base: dict
    design: DesignPoints
    crn: bool
    kinds: dict[str, str]
    fingerprint: str
    peak_memory: int = 0
    peak_point: int = 0

    @property
    def names(self) -> list[str]:
        """The parameters' key paths, in design order."""
        return self.design.names

    @property
    def n_runs(self) -> int:
        """Number of runs: design points times replications."""
        return len(self.design.points) * self.spec.replications

    def run(self, run_id: int) -> Run:
        """The run with id ``run_id``."""
        point, rep = divmod(run_id, self.spec.replications)
        seed = run_seed(self.spec.seed, rep if self.crn else run_id)
        return Run(run_id, point, rep, seed, self.design.points[point])

    def steps(self, run: Run) -> int:
        """Quarters ``run`` simulates (its time series has one more row: step 0)."""
        if "steps" in self.names:
            return int(run.values[self.names.index("steps")])
        from model.config import Scenario

        return int(self.base.get("steps", Scenario.model_fields["steps"].default))

    def task(self, run: Run) -> tuple:
        """The small payload a worker needs: (run id, seed, base data, [(key path, value), ...])."""
        return run.run_id, run.seed, self.base, [(key_path(n), v) for n, v in zip(self.names, run.values)]

    def command(self, run: Run) -> str:
        """The ``python run.py run`` command that reproduces ``run`` alone."""
        sets = self.set_overrides + [f"{n}={yaml_scalar(v)}" for n, v in zip(self.names, run.values)]
        args = ["python", "run.py", "run", str(self.base_path), "--seed", str(run.seed)]
        for item in sets:
            args += ["--set", item]
        return shlex.join(args)


def _where(smap: dict, loc: tuple, origin: str) -> str:
    hit = smap.get(loc)
    return f"{origin}: line {hit[1]}" if hit and hit[1] else origin


def _apply(data: dict, name: str, value, smap: dict, where: str) -> None:
    from model.scenario_io import apply_override

    try:
        apply_override(data, key_path(name), value, smap)
    except ScenarioError as exc:
        raise UserError(f"{where}: {exc.message.removeprefix('--set ')}") from None
    smap[tuple(key_path(name))] = (where, None)


def _check_points(spec: SweepSpec, design: DesignPoints, base: dict, spec_path: str, smap: dict) -> tuple[int, int]:
    """Validate every distinct design point as a full scenario (bad key paths and values fail here).

    Returns:
        (estimated peak bytes of the largest run, its design point).
    """
    from model.runner import estimate_memory
    from model.scenario_io import validate

    peak = (0, 0)
    seen = set()
    for i, values in enumerate(design.points):
        key = json.dumps(values, default=str)
        if key in seen:
            continue
        seen.add(key)
        data, point_map = copy.deepcopy(base), {}
        for name, value in zip(design.names, values):
            loc = ("design", "points", i, name) if spec.design.kind == "list" else ("parameters", name)
            where = f"{_where(smap, loc, spec_path)}: design point {i} ({name}={yaml_scalar(value)})"
            _apply(data, name, value, point_map, where)
        try:
            scenario = validate(data, point_map, f"{spec_path}: design point {i}")
        except ScenarioError as exc:
            raise UserError(exc.message) from None
        peak = max(peak, (estimate_memory(scenario, agents=False), -i))
    return peak[0], -peak[1]


def build_plan(spec_path: str | Path, *, kind: str | None = None, samples: int | None = None,
               crn_default: bool = False) -> Plan:
    """Read the spec, draw the design and check every point; nothing is run or written.

    Args:
        spec_path: the sweep spec YAML file.
        kind: replace the spec's design kind (``sensitivity --method``).
        samples: replace the design's samples.
        crn_default: common random numbers when the spec does not say.

    Returns:
        The plan: every run's parameter values and seed, ready for [execute][model.sweep.execute].

    Raises:
        UserError: for any problem in the spec, its base scenario or any design point.
    """
    from model.scenario_io import load_scenario_data, validate

    spec_path = Path(spec_path)
    spec, smap = load_spec(spec_path, kind=kind, samples=samples)
    base_file = base_path(spec, spec_path, smap)
    check_metrics(spec, spec_path, smap)
    size = expected_size(spec)
    if size > MAX_POINTS or size * spec.replications > MAX_RUNS:
        raise UserError(f"{spec_path}: design: {size} points x {spec.replications} replications is too many "
                        f"(at most {MAX_POINTS} points and {MAX_RUNS} runs)")
    base, base_map = load_scenario_data(base_file)
    for name, value in spec.set.items():
        _apply(base, name, value, base_map, f"{_where(smap, ('set', name), str(spec_path))}: set")
    validate(copy.deepcopy(base), base_map, str(base_file))
    design = design_points(spec)
    peak_memory, peak_point = _check_points(spec, design, base, str(spec_path), smap)
    crn = crn_default if spec.common_random_numbers is None else spec.common_random_numbers
    kinds = {name: column_kind([p[i] for p in design.points]) for i, name in enumerate(design.names)}
    fingerprint = hashlib.sha256(json.dumps(
        {"base": base, "names": design.names, "points": design.points, "seed": spec.seed, "crn": crn,
         "replications": spec.replications, "format": 1}, sort_keys=True, default=str).encode()).hexdigest()
    set_overrides = [f"{k}={yaml_scalar(v)}" for k, v in spec.set.items()]
    return Plan(spec, spec_path, base_file, set_overrides, base, design, crn, kinds, fingerprint, peak_memory,
                peak_point)
