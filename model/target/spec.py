"""The target spec: levers to choose, uncertainties to sample, targets to reach, and what the search minimises.

Example (``scenarios/targets/sme_gap.yaml``)::

    name: sme_gap
    base: ../baseline.yaml                    # relative to this file
    set: {population.firms: 200, population.workers: 2000, steps: 24}
    seed: 11                                  # seeds of the futures are spawned from it
    levers:                                   # registered levers (`python run.py list`), added to the base
      sme_subsidy:
        rate: {bounds: [0.0, 0.8], step: 0.05}   # [low, high], or with a grid step
        start: [2025Q3, 2027Q1]               # periods (or step numbers)
        fixed: {advisory: 0.02}               # set, not searched
    uncertainties:                            # scenario key paths, sampled once (Latin hypercube)
      adoption.bass_q: [0.1, 0.3]
    futures: {samples: 2, seeds: 2}           # 2 uncertainty draws x 2 seeds = 4 futures
    targets:
      - {metric: adoption_gap_size, at: 2030Q4, max: 0.1}
      - {metric: unemployment_rate, through: end, stat: mean, max: 0.08}
    objective: {metric: policy_spending_cumulative, at: end}     # minimised (mean over futures)
    outcome: {metric: tfp_index, at: end, direction: maximize}   # the main outcome
    robustness: 0.75                          # the chosen mix: the cheapest reaching this share of futures
    search: {trials: 30, population: 8, seed: 1}

Every problem becomes one :class:`~model.errors.UserError` naming the file,
the line, the key and what is valid; nothing is run or written before the
spec, its base scenario and its levers are checked.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from model.errors import UserError
from model.sweep.spec import BaseSpec, _check_paths, _where, read_spec, unknown_metric, validated

#: Lever fields that are not searchable numbers.
NOT_SEARCHED = ("lever", "label")
PERIOD = re.compile(r"^\d{4}Q[1-4]$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Range(_Strict):
    """A searched range: ``[low, high]`` numbers or periods, with an optional grid ``step`` for numbers."""

    bounds: tuple[float | str, float | str]
    step: float | None = Field(None, gt=0, allow_inf_nan=False, description="Grid step (numbers only).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        return {"bounds": value} if isinstance(value, (list, tuple)) else value

    @model_validator(mode="after")
    def _ordered(self):
        lo, hi = self.bounds
        if isinstance(lo, str) != isinstance(hi, str):
            raise ValueError("give two numbers or two periods like 2027Q1")
        if isinstance(lo, str):
            from model.periods import period_index

            for text in (lo, hi):
                if not PERIOD.match(text):
                    raise ValueError(f"{text!r} is not a period like 2027Q1")
            if self.step is not None:
                raise ValueError("step: only numeric ranges take a step (periods move a quarter at a time)")
            if not period_index(lo) < period_index(hi):
                raise ValueError(f"the range is empty or reversed: {lo} must come before {hi}")
            return self
        if not (abs(lo) < 1e300 and abs(hi) < 1e300):
            raise ValueError("bounds must be finite numbers")
        if not lo < hi:
            raise ValueError(f"the range is empty or reversed: low must be below high (got [{lo}, {hi}])")
        if self.step is not None and self.step > hi - lo:
            raise ValueError(f"step {self.step} is wider than the range [{lo}, {hi}]")
        return self

    @property
    def periods(self) -> bool:
        """The range is of periods (searched as whole quarters)."""
        return isinstance(self.bounds[0], str)


class LeverSearch(_Strict):
    """One lever to add to the base scenario: its searched parameters and the ones set as they are."""

    fixed: dict[str, Any] = Field(default_factory=dict, description="Lever parameters set, not searched.")
    ranges: dict[str, Range] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, value):
        if not isinstance(value, dict):
            return value
        fixed = value.get("fixed", {})
        return {"fixed": fixed, "ranges": {k: v for k, v in value.items() if k != "fixed"}}


class Target(_Strict):
    """A constraint on a metric: at one period (``at``, ``end`` the last), or in every period ``from`` .. ``through``
    (``stat: mean``: on their mean)."""

    metric: str
    at: str | None = Field(None, description="A period like 2030Q4, or end.")
    through: str | None = Field(None, description="Every period up to this one (or end) must hold.")
    from_: str | None = Field(None, alias="from", description="With through: the first period checked "
                                                              "(default the first).")
    stat: Literal["all", "mean"] = Field("all", description="With through: every period must hold (all), or "
                                                            "their mean (mean).")
    min: float | None = Field(None, allow_inf_nan=False)
    max: float | None = Field(None, allow_inf_nan=False)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _shape(self):
        if (self.at is None) == (self.through is None):
            raise ValueError("give at: PERIOD (one period) or through: PERIOD (every period up to it)")
        if (self.from_ is not None or self.stat != "all") and self.through is None:
            raise ValueError("from: and stat: only go with through:")
        if self.min is None and self.max is None:
            raise ValueError("give min:, max: or both")
        if self.min is not None and self.max is not None and not self.min <= self.max:
            raise ValueError(f"the range is empty or reversed: min {self.min} is above max {self.max}")
        return self

    def describe(self) -> str:
        """``adoption_gap_size <= 0.05 at 2030Q4``."""
        bound = " and ".join(f"{op} {v:g}" for op, v in ((">=", self.min), ("<=", self.max)) if v is not None)
        span = (f"from {self.from_} " if self.from_ else "") + f"through {self.through}"
        if self.at:
            return f"{self.metric} {bound} at {self.at}"
        return f"mean {self.metric} {span} {bound}" if self.stat == "mean" else f"{self.metric} {bound} {span}"


class Measure(_Strict):
    """A metric read at one period (``end``: the last), averaged over the futures."""

    metric: str
    at: str = "end"
    direction: Literal["minimize", "maximize"] = "minimize"


class Futures(_Strict):
    """How many futures each candidate is run in: uncertainty draws times seeds."""

    samples: int = Field(1, ge=1, le=1000, description="Draws of the uncertainties (Latin hypercube).")
    seeds: int = Field(1, ge=1, le=1000, description="Seeds per draw (common to every draw and candidate).")


class Search(_Strict):
    """The optimiser: optuna's NSGA-II sampler, seeded."""

    trials: int = Field(40, ge=1, le=100_000, description="Candidates evaluated (--trials overrides).")
    population: int = Field(10, ge=2, le=1000, description="NSGA-II population size.")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Sampler seed (reseeded per trial: seed + trial).")


class TargetSpec(BaseSpec):
    """A validated target spec (see the module docstring)."""

    seed: int = Field(0, ge=0, le=2**63 - 1, description="Seed of the futures (seeds and uncertainty draws).")
    levers: dict[str, LeverSearch] = Field(..., min_length=1)
    uncertainties: dict[str, Range] = Field(default_factory=dict)
    futures: Futures = Field(default_factory=Futures)
    targets: list[Target] = Field(..., min_length=1, max_length=50)
    objective: Measure = Field(default_factory=lambda: Measure(metric="policy_spending_cumulative"))
    outcome: Measure = Field(default_factory=lambda: Measure(metric="tfp_index", direction="maximize"))
    robustness: float = Field(1.0, gt=0, le=1, description="Share of futures the chosen mix must meet every "
                                                             "target in.")
    search: Search = Field(default_factory=Search)

    @field_validator("uncertainties")
    @classmethod
    def _numeric(cls, value):
        _check_paths(value)
        for name, rng in value.items():
            if rng.periods:
                raise ValueError(f"{name}: an uncertainty is a number range [low, high]")
            if rng.step is not None:
                raise ValueError(f"{name}.step: uncertainties are sampled continuously; remove step")
        return value

    @model_validator(mode="after")
    def _objective_direction(self):
        if self.objective.direction != "minimize":
            raise ValueError("objective.direction: the objective (a cost) is minimised; name the outcome to "
                             "maximise under outcome:")
        return self


# -- loading ------------------------------------------------------------------
def _fields_at(loc: tuple) -> list[str]:
    models = {"futures": Futures, "search": Search, "objective": Measure, "outcome": Measure, "targets": Target}
    model = models.get(loc[0]) if loc else None
    if model is None or (loc[0] == "targets" and len(loc) < 3):
        model = TargetSpec
    return [f.alias or n for n, f in model.model_fields.items()]


def _fail(smap: dict, path, loc: tuple, message: str) -> UserError:
    key = ".".join(str(p) for p in loc)
    return UserError(f"{_where(smap, loc, str(path))}: {key}: {message}")


def _loc(err_loc: tuple) -> tuple:
    """Pydantic's location with the internal ``ranges`` level of a lever removed."""
    out = list(err_loc)
    if len(out) > 2 and out[0] == "levers" and out[2] == "ranges":
        del out[2]
    if "from_" in out:
        out[out.index("from_")] = "from"
    return tuple(out)


def load_target_spec(path: str | Path) -> tuple[TargetSpec, dict]:
    """Read and validate a target spec file; its levers are checked against the registry, its metrics exist.

    Returns ``(spec, smap)``, the line of every key in ``smap``; raises one :class:`UserError` naming the file,
    line, key and what is valid.
    """
    data, smap = read_spec(path, "target spec")
    spec = validated(TargetSpec, data, path, smap, _fields_at, _loc)
    _check_levers(spec, path, smap)
    for loc, measure in [(("objective",), spec.objective), (("outcome",), spec.outcome)] + \
            [(("targets", i), t) for i, t in enumerate(spec.targets)]:
        problem = unknown_metric(measure.metric)
        if problem:
            raise _fail(smap, path, (*loc, "metric"), problem)
    return spec, smap


def _check_levers(spec: TargetSpec, path, smap: dict) -> None:
    """Every lever is registered, every searched parameter is one of its numbers or its schedule."""
    from model.policies import LEVERS

    for name, lever in spec.levers.items():
        if name not in LEVERS:
            close = difflib.get_close_matches(name, list(LEVERS), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise _fail(smap, path, ("levers", name), f"no such lever{hint} Valid levers: {', '.join(LEVERS)}.")
        fields = LEVERS[name].model_fields
        if not lever.ranges:
            raise _fail(smap, path, ("levers", name), "name at least one parameter to search, e.g. rate: [0, 0.5]")
        for param, rng in {**lever.ranges, **dict.fromkeys(lever.fixed)}.items():
            if param not in fields or param in NOT_SEARCHED:
                valid = [f for f in fields if f not in NOT_SEARCHED]
                close = difflib.get_close_matches(param, valid, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise _fail(smap, path, ("levers", name, param),
                            f"{name} has no parameter {param!r}{hint} Valid: {', '.join(valid)}.")
            if rng is None:
                continue
            if param in lever.fixed:
                raise _fail(smap, path, ("levers", name, param), "both searched and fixed; keep one")
            schedule = param in ("start", "end")
            if schedule and rng.step is not None:
                raise _fail(smap, path, ("levers", name, param, "step"), "schedule bounds move a quarter at a time")
            if not schedule and rng.periods:
                raise _fail(smap, path, ("levers", name, param), "a number range [low, high] (periods are for "
                                                                  "start and end)")
            for value in rng.bounds:  # each end of the range must be a valid value of the lever
                try:
                    LEVERS[name].model_validate({**lever.fixed, param: value})
                except ValidationError as exc:
                    err = exc.errors(include_url=False)[0]
                    where = ".".join(str(p) for p in err["loc"])
                    raise _fail(smap, path, ("levers", name, param),
                                f"{value!r} is not a valid {name} value ({where}: "
                                f"{err['msg'].removeprefix('Value error, ')})") from None


def resolve(spec: TargetSpec, spec_path: str | Path, smap: dict) -> tuple[Path, dict, dict]:
    """The base scenario file and its merged data with ``set:`` applied, checked with every lever added.

    Returns:
        ``(base file, base data, source map of the base)``.

    Raises:
        UserError: a missing base, a bad ``set:`` or uncertainty key path, a lever the base already has, or a
            lever that does not fit the scenario (e.g. starts before it).
    """
    import copy

    from model.errors import ScenarioError
    from model.scenario_io import load_scenario_data, validate
    from model.sweep.plan import _apply
    from model.sweep.spec import base_path

    base_file = base_path(spec, spec_path, smap)
    base, base_map = load_scenario_data(base_file)
    for name, value in spec.set.items():
        _apply(base, name, value, base_map, f"{_where(smap, ('set', name), str(spec_path))}: set")
    have = [p.get("lever") for p in base.get("policies") or [] if isinstance(p, dict)]
    for name in spec.levers:
        if name in have:
            raise _fail(smap, spec_path, ("levers", name),
                        f"the base scenario {base_file} already has a {name} lever; search from a base without "
                        f"it (e.g. baseline.yaml)")
    for corner in (0, 1):
        data = copy.deepcopy(base)
        data["policies"] = list(data.get("policies") or []) + \
            [{"lever": n, **lv.fixed, **{p: r.bounds[corner] for p, r in lv.ranges.items()}}
             for n, lv in spec.levers.items()]
        for name, rng in spec.uncertainties.items():
            _apply(data, name, rng.bounds[corner], dict(base_map),
                   f"{_where(smap, ('uncertainties', name), str(spec_path))}: uncertainties")
        ends = f"{'low' if corner == 0 else 'high'} ends of the ranges"
        try:
            validate(data, {}, "")
        except ScenarioError as exc:
            message = exc.message.removeprefix(": ")
            for i, name in enumerate(spec.levers, start=len(have)):  # the appended levers, as the spec names them
                if message.startswith(f"policies.{i}."):
                    raise _fail(smap, spec_path, ("levers", name),
                                f"{message.removeprefix(f'policies.{i}.')} (at the {ends})") from None
            for name in spec.uncertainties:
                if message.startswith(f"{name}:"):
                    raise _fail(smap, spec_path, ("uncertainties", name),
                                f"{message.removeprefix(f'{name}: ')} (at the {ends})") from None
            raise UserError(f"{spec_path}: the base scenario {base_file} with the levers and uncertainties at the "
                            f"{ends}: {message}") from None
    return base_file, base, base_map
