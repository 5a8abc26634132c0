"""The sweep spec: a YAML file naming a base scenario, the parameters to vary, a design and replications.

Example (``scenarios/sweeps/matching_grid.yaml``)::

    name: matching_grid
    base: ../baseline.yaml          # relative to this file
    set: {population.firms: 300, population.workers: 3000, steps: 12}
    seed: 7
    replications: 3
    parameters:
      labour.matching_efficiency: {values: [0.3, 0.5, 0.8]}
      policies.0.rate: {bounds: [0.1, 0.6], levels: 3}
    design: grid                     # grid | list | lhs | sobol | morris
    metrics: [tfp_index, unemployment_rate]

Every problem becomes one :class:`~model.errors.UserError` naming the file,
the line, the key and what is valid.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from model.errors import UserError

DESIGNS = ("grid", "list", "lhs", "sobol", "morris")
DEFAULT_METRICS = ("tfp_index", "adoption_ai", "unemployment_rate", "digital_divide_index", "gini_income")
#: Columns of runs.parquet / timeseries.parquet that a parameter may not be named.
RESERVED = ("run_id", "point", "replication", "seed", "status", "error", "step", "period")
MAX_POINTS = 1_000_000


def key_path(text: str) -> list:
    """``"policies.0.rate"`` -> ``["policies", 0, "rate"]`` (as ``--set`` reads it)."""
    return [int(p) if p.isdigit() else p for p in text.split(".")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Parameter(_Strict):
    """One varied scenario value: explicit ``values``, or ``bounds`` (with ``levels`` for a grid)."""

    values: list[Any] | None = Field(None, min_length=1, max_length=100_000,
                                     description="Explicit levels (grid).")
    bounds: tuple[float, float] | None = Field(None, description="[low, high] for lhs, sobol, morris (and grid "
                                                                 "with levels).")
    levels: int | None = Field(None, ge=2, le=10_000, description="Grid: evenly spaced levels within bounds.")
    integer: bool = Field(False, description="Round sampled values to whole numbers (e.g. population.firms).")

    @field_validator("bounds")
    @classmethod
    def _ordered(cls, value):
        if value is not None:
            lo, hi = value
            if not (abs(lo) < 1e300 and abs(hi) < 1e300):
                raise ValueError("bounds must be finite numbers")
            if not lo < hi:
                raise ValueError(f"low must be below high (got [{lo}, {hi}])")
        return value

    @model_validator(mode="after")
    def _one_kind(self):
        if self.values is None and self.bounds is None:
            raise ValueError("give values: [...] or bounds: [low, high]")
        if self.values is not None and (self.bounds is not None or self.levels is not None):
            raise ValueError("give either values: [...] or bounds: [low, high] (with levels: for a grid), not both")
        return self


class Design(_Strict):
    """How design points are chosen."""

    kind: Literal[DESIGNS] = Field("grid", description="grid | list | lhs | sobol | morris")
    samples: int | None = Field(None, ge=1, le=MAX_POINTS,
                                description="lhs: points; sobol: base samples N (a power of 2); morris: trajectories.")
    points: list[dict[str, Any]] | None = Field(None, min_length=1, max_length=MAX_POINTS,
                                                description="list: the design points, each {key.path: value}.")
    second_order: bool = Field(False, description="sobol: also sample for second-order indices (N(2D+2) runs).")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        return {"kind": value} if isinstance(value, str) else value


class BaseSpec(_Strict):
    """What every spec of scenario runs names first: a name, the base scenario and the values set on it."""

    name: str = Field(..., min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    description: str = Field("", max_length=5000)
    base: str = Field(..., min_length=1, description="Base scenario file, relative to the spec file.")
    set: dict[str, Any] = Field(default_factory=dict, description="key.path: value applied to the base first.")

    @field_validator("set")
    @classmethod
    def _set_paths(cls, value):
        return _check_paths(value)


def _check_paths(value: dict) -> dict:
    for name in value:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*", name):
            raise ValueError(f"{name!r} is not a key path like labour.matching_efficiency or policies.0.rate")
    return value


class SweepSpec(BaseSpec):
    """A validated sweep spec (see the module docstring)."""

    seed: int = Field(0, ge=0, le=2**63 - 1, description="Sweep seed; run seeds are spawned from it.")
    replications: int = Field(1, ge=1, le=100_000)
    common_random_numbers: bool | None = Field(
        None, description="Same seed for replication r of every design point (default: no for sweep, yes for "
                          "sensitivity).")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    design: Design = Field(default_factory=Design)
    metrics: list[str] = Field(default_factory=lambda: list(DEFAULT_METRICS), min_length=1, max_length=200)

    @field_validator("parameters")
    @classmethod
    def _paths(cls, value):
        return _check_paths(value)

    @field_validator("parameters")
    @classmethod
    def _not_reserved(cls, value):
        for name in value:
            if name == "seed":
                raise ValueError("seed: the sweep gives every run its own seed; set the sweep's seed: and "
                                 "replications: instead")
            if name in RESERVED:
                raise ValueError(f"{name}: reserved column name; valid parameters are scenario key paths")
        return value

    @model_validator(mode="after")
    def _design_fits(self):
        kind, params = self.design.kind, self.parameters
        if kind == "list":
            if not self.design.points:
                raise ValueError("design.points: a list design needs points: [{key.path: value, ...}, ...]")
            if params:
                raise ValueError("parameters: a list design takes its parameters from design.points; remove "
                                 "parameters:")
            keys = list(self.design.points[0])
            for i, point in enumerate(self.design.points):
                if list(point) != keys:
                    raise ValueError(f"design.points.{i}: every point must set the same keys in the same order "
                                     f"({', '.join(keys)})")
            self._paths(dict.fromkeys(keys))
            self._not_reserved(dict.fromkeys(keys))
            return self
        if self.design.points is not None:
            raise ValueError(f"design.points: only a list design takes points (this design is {kind})")
        if not params:
            raise ValueError("parameters: name at least one key path to vary")
        for name, p in params.items():
            if kind == "grid" and p.values is None and p.levels is None:
                raise ValueError(f"parameters.{name}: a grid needs values: [...] or bounds with levels:")
            if kind != "grid" and p.bounds is None:
                raise ValueError(f"parameters.{name}: a {kind} design needs bounds: [low, high]")
            if kind != "grid" and p.levels is not None:
                raise ValueError(f"parameters.{name}.levels: only a grid uses levels (this design is {kind})")
        if kind in ("lhs", "sobol", "morris") and self.design.samples is None:
            raise ValueError(f"design.samples: a {kind} design needs samples: N")
        if kind == "sobol" and self.design.samples & (self.design.samples - 1):
            n = self.design.samples
            lower = 1 << (n.bit_length() - 1)
            raise ValueError(f"design.samples: Sobol' sampling needs a power of 2 (got {n}; try {lower} or "
                             f"{lower * 2})")
        if kind in ("sobol", "morris") and len(params) < 2:
            raise ValueError(f"parameters: {kind} needs at least two parameters")
        return self

    @property
    def names(self) -> list[str]:
        """The varied key paths, in order."""
        if self.design.kind == "list":
            return list(self.design.points[0])
        return list(self.parameters)


# -- loading ------------------------------------------------------------------
def _where(smap: dict, loc: tuple, origin: str) -> str:
    for cut in range(len(loc), -1, -1):
        hit = smap.get(tuple(loc[:cut]))
        if hit and hit[1]:
            return f"{origin}: line {hit[1]}"
    return origin


def _explain(err: dict, fields: list[str]) -> str:
    loc = tuple(err["loc"])
    key = ".".join(str(p) for p in loc) or "(top level)"
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{key}: unknown key{hint} Valid keys: {', '.join(fields)}."
    if err["type"] == "missing":
        return f"{key}: required key is missing"
    given = err.get("input")
    shown = "" if isinstance(given, (dict, list)) or given is None else f" (got {given!r})"
    return f"{key}: {msg}{shown}"


def _fields_at(loc: tuple) -> list[str]:
    model: type[BaseModel] = SweepSpec
    if loc[:1] == ("design",):
        model = Design
    elif loc[:1] == ("parameters",) and len(loc) > 2:
        model = Parameter
    return list(model.model_fields)


def load_spec(path: str | Path, *, kind: str | None = None, samples: int | None = None) -> tuple[SweepSpec, dict]:
    """Read and validate a sweep spec file.

    Args:
        path: The spec YAML file.
        kind: Replace the spec's design kind (``sensitivity --method``).
        samples: Replace the design's number of samples (``--samples``).

    Returns:
        ``(spec, smap)``: the validated spec and the line of every key in the file.

    Raises:
        UserError: naming the file, line, key and what is valid.
    """
    data, smap = read_spec(path, "sweep spec")
    if kind is not None or samples is not None:
        design = data.get("design") or {}
        design = {"kind": design} if isinstance(design, str) else dict(design)
        if kind is not None:
            design["kind"] = kind
        if samples is not None:
            design["samples"] = samples
        data["design"] = design
    return validated(SweepSpec, data, path, smap, _fields_at), smap


def read_spec(path: str | Path, what: str) -> tuple[dict, dict]:
    """A spec file's data (``name`` defaulting to the file's stem) and the line of every key."""
    from model.scenario_io import load_yaml_file

    smap: dict = {}
    data = load_yaml_file(path, smap, what=what)
    data.setdefault("name", Path(path).stem)
    return data, smap


def validated(model: type[BaseModel], data: dict, path, smap: dict, fields_at, relocate=tuple):
    """``model.model_validate(data)``, its errors (at most five) as one :class:`UserError` naming line and key.

    Args:
        fields_at: ``loc -> valid keys`` there (for the hint of an unknown key).
        relocate: ``loc -> loc`` as the file spells it (when the model nests keys the file does not).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        lines = []
        for err in errors[:5]:
            loc = relocate(tuple(err["loc"]))
            lines.append(f"{_where(smap, loc, str(path))}: {_explain({**err, 'loc': loc}, fields_at(loc))}")
        more = f"\n  (and {len(errors) - 5} more problems)" if len(errors) > 5 else ""
        raise UserError("\n  ".join(lines) + more) from None


def base_path(spec: SweepSpec, spec_path: str | Path, smap: dict) -> Path:
    """The base scenario file, resolved relative to the spec file (a regular file that must exist)."""
    from model.files import check_input_file

    base = Path(spec.base)
    if not base.is_absolute():
        base = Path(spec_path).parent / base
    try:
        check_input_file(base, "scenario file")
    except UserError as exc:
        raise UserError(f"{_where(smap, ('base',), str(spec_path))}: base: {spec.base}: "
                        f"{exc.message.removeprefix(f'{base}: ')} (looked at {base})") from None
    return base


def unknown_metric(name: str) -> str | None:
    """Why ``name`` is not a metric of the model (None if it is; group names expand, e.g. adoption_ai_sme)."""
    from model.metric_catalogue import METRICS

    patterns = [re.compile(re.sub(r"<[a-z]+>", "[A-Za-z0-9_]+", re.escape(key))) for key in METRICS]
    if name in ("step", "period") or not any(p.fullmatch(name) for p in patterns):
        close = difflib.get_close_matches(name, [m for m in METRICS if "<" not in m], n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown metric {name!r}{hint} (see `python run.py list` for every metric)"
    return None


def check_metrics(spec: SweepSpec, spec_path: str | Path, smap: dict) -> None:
    """Every ``metrics:`` name must be a metric of the model (group names expand, e.g. adoption_ai_sme)."""
    for i, name in enumerate(spec.metrics):
        problem = unknown_metric(name)
        if problem:
            raise UserError(f"{_where(smap, ('metrics', i), str(spec_path))}: metrics.{i}: {problem}")
