"""The search problem: the futures every candidate meets, a candidate as a scenario and a sweep, and its score.

A *future* is one draw of the uncertainties and one seed. The draws are a
Latin hypercube (scipy's, seeded from ``SeedSequence(spec.seed,
spawn_key=(2**31,))``); the seeds are the sweep runner's common random numbers
(``SeedSequence(spec.seed).spawn`` child ``r`` for seed ``r``). Every candidate
meets the same futures, so two candidates differ only by their levers.

A candidate is written as two files: a scenario (the base, ``set:`` and the
levers, with no ``extends``: ``run`` and ``compare`` read it as it is) and a
sweep spec whose list design holds the uncertainty draws and whose
replications are the seeds. The sweep runner runs it (locally or on Dask),
so each future of a candidate is reproduced by ``python run.py run
CANDIDATE.yaml --seed SEED --set KEY=VALUE ...``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from model.sweep.plan import run_seed, yaml_scalar
from model.target.spec import TargetSpec, _fail, load_target_spec, resolve

#: Spawn key of the uncertainty draws (the seeds use keys 0, 1, ...).
DRAW_KEY = 2**31


@dataclass
class Problem:
    """Everything a search needs, checked before anything is written.

    Attributes:
        spec: the validated spec.
        spec_path: its file.
        base_file: the base scenario file.
        base: the base data with ``set:`` applied.
        start: the first period; ``end`` the last.
        futures: one row per future: future, point, replication, seed and each uncertainty's value.
        points: the uncertainty draws, one dict per draw.
        fingerprint: hash of what decides every trial's results (the spec but its description, robustness and
            trials; the base data).
    """

    spec: TargetSpec
    spec_path: Path
    base_file: Path
    base: dict
    start: str
    end: str
    futures: pd.DataFrame
    points: list[dict]
    fingerprint: str

    @property
    def dims(self) -> list[tuple[str, str, object]]:
        """The searched parameters: (lever, parameter, range), in spec order."""
        return [(lever, param, rng) for lever, ls in self.spec.levers.items() for param, rng in ls.ranges.items()]

    @property
    def metrics(self) -> list[str]:
        """The metrics a candidate's runs must record."""
        spec = self.spec
        names = [spec.objective.metric, spec.outcome.metric, *(t.metric for t in spec.targets)]
        return list(dict.fromkeys(names))

    def period(self, label: str) -> str:
        """``end`` -> the last period; anything else as it is."""
        return self.end if label == "end" else label


def _draw(spec: TargetSpec) -> list[dict]:
    """The uncertainty draws: a seeded Latin hypercube over their ranges (one empty draw if there are none)."""
    from scipy.stats import qmc

    names = list(spec.uncertainties)
    if not names:
        return [{}]
    rng = np.random.default_rng(np.random.SeedSequence(spec.seed, spawn_key=(DRAW_KEY,)))
    unit = qmc.LatinHypercube(d=len(names), seed=rng).random(spec.futures.samples)
    lows = np.array([spec.uncertainties[n].bounds[0] for n in names])
    highs = np.array([spec.uncertainties[n].bounds[1] for n in names])
    values = qmc.scale(unit, lows, highs) if len(names) else unit
    return [{n: float(v) for n, v in zip(names, row)} for row in values]


def _check_periods(spec: TargetSpec, path, smap: dict, start: str, end: str) -> None:
    from model.periods import period_index

    first, last = period_index(start), period_index(end)
    checks = [(("objective", "at"), spec.objective.at), (("outcome", "at"), spec.outcome.at)]
    for i, t in enumerate(spec.targets):
        checks += [(("targets", i, "at"), t.at), (("targets", i, "through"), t.through),
                   (("targets", i, "from"), t.from_)]
    for loc, label in checks:
        if label is None or label == "end":
            continue
        try:
            index = period_index(label)
        except ValueError:
            raise _fail(smap, path, loc, f"{label!r} is not a period like 2030Q4 or end") from None
        if not first <= index <= last:
            raise _fail(smap, path, loc, f"{label} is outside the run ({start} to {end}); give a period in it or "
                                         f"end (or change steps in set:)")


def build_problem(spec_path: str | Path) -> Problem:
    """Read the spec and its base scenario, check everything and draw the futures; nothing is run or written."""
    from model.periods import period_label

    spec_path = Path(spec_path)
    spec, smap = load_target_spec(spec_path)
    base_file, base, _ = resolve(spec, spec_path, smap)
    from model.config import Scenario

    start = base.get("start", Scenario.model_fields["start"].default)
    steps = int(base.get("steps", Scenario.model_fields["steps"].default))
    end = period_label(start, steps)
    _check_periods(spec, spec_path, smap, start, end)
    points = _draw(spec)
    rows = []
    for p, values in enumerate(points):
        for r in range(spec.futures.seeds):
            rows.append({"future": p * spec.futures.seeds + r, "point": p, "replication": r,
                         "seed": run_seed(spec.seed, r), **values})
    fingerprint = hashlib.sha256(json.dumps(
        {"base": base, "spec": spec.model_dump(mode="json", exclude={"description": True, "robustness": True,
                                                                     "search": {"trials"}}),
         "format": 1}, sort_keys=True, default=str).encode()).hexdigest()
    return Problem(spec, spec_path, base_file, base, start, end, pd.DataFrame(rows), points, fingerprint)


# -- candidates ---------------------------------------------------------------
def param_name(lever: str, param: str) -> str:
    """The optuna parameter name of a lever's parameter: ``sme_subsidy.rate``."""
    return f"{lever}.{param}"


def distributions(problem: Problem) -> dict:
    """The optuna distribution of every searched parameter (periods as whole steps from the start)."""
    from optuna.distributions import FloatDistribution, IntDistribution

    from model.periods import to_step

    out = {}
    for lever, param, rng in problem.dims:
        lo, hi = rng.bounds
        if param in ("start", "end"):
            low, high = (to_step(lo, problem.start), to_step(hi, problem.start)) if rng.periods else (lo, hi)
            out[param_name(lever, param)] = IntDistribution(int(low), int(high))
        elif rng.step is not None:
            top = lo + math.floor((hi - lo) / rng.step + 1e-9) * rng.step
            out[param_name(lever, param)] = FloatDistribution(lo, top, step=rng.step)
        else:
            out[param_name(lever, param)] = FloatDistribution(lo, hi)
    return out


def lever_values(problem: Problem, params: dict) -> dict[str, dict]:
    """``{lever: {parameter: value}}`` of a candidate: fixed values plus searched ones (steps as periods)."""
    from model.periods import period_label

    out = {}
    for lever, ls in problem.spec.levers.items():
        values = dict(ls.fixed)
        for param, rng in ls.ranges.items():
            value = params[param_name(lever, param)]
            if param in ("start", "end"):
                value = period_label(problem.start, int(value)) if rng.periods else int(value)
            elif isinstance(value, float):
                value = round(value, 12)  # a grid step's float noise (0.30000000000000004) is not a choice
            values[param] = value
        out[lever] = values
    return out


def mix_label(problem: Problem, params: dict) -> str:
    """``sme_subsidy rate=0.4 start=2027Q1``."""
    parts = []
    for lever, values in lever_values(problem, params).items():
        searched = [f"{p}={yaml_scalar(values[p]) if not isinstance(values[p], float) else f'{values[p]:.4g}'}"
                    for p in problem.spec.levers[lever].ranges]
        parts.append(f"{lever} " + " ".join(searched))
    return "; ".join(parts)


def scenario_data(problem: Problem, params: dict, name: str, description: str = "") -> dict:
    """The candidate as plain scenario data: the base, ``set:`` and the levers appended to its policies."""
    data = copy.deepcopy(problem.base)
    data["name"] = name
    if description:
        data["description"] = description
    data["policies"] = list(data.get("policies") or []) + \
        [{"lever": lever, **values} for lever, values in lever_values(problem, params).items()]
    return data


def dump_yaml(data: dict) -> str:
    """YAML text of plain data, every float with all its digits."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_candidate(problem: Problem, params: dict, number: int, folder: Path) -> Path:
    """Write ``trial-NNNN.yaml`` (scenario) and ``trial-NNNN.sweep.yaml`` (its futures) into ``folder``.

    Returns:
        The sweep spec's path.
    """
    from model.sweep.atomic import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    stem = f"trial-{number:04d}"
    scenario = scenario_data(problem, params, f"{problem.spec.name}-{stem}", mix_label(problem, params))
    sweep = {"name": stem, "base": f"{stem}.yaml", "seed": problem.spec.seed,
             "replications": problem.spec.futures.seeds, "common_random_numbers": True,
             "design": {"kind": "list", "points": problem.points}, "metrics": problem.metrics}
    atomic_write(folder / f"{stem}.yaml", lambda tmp: tmp.write_text(dump_yaml(scenario), encoding="utf-8"))
    atomic_write(folder / f"{stem}.sweep.yaml", lambda tmp: tmp.write_text(dump_yaml(sweep), encoding="utf-8"))
    return folder / f"{stem}.sweep.yaml"


def reproduce_command(scenario_file: str | Path, future: dict, uncertainties: list[str]) -> str:
    """The ``python run.py run`` command that runs one future of a candidate alone."""
    import shlex

    args = ["python", "run.py", "run", str(scenario_file), "--seed", str(int(future["seed"]))]
    for name in uncertainties:
        args += ["--set", f"{name}={yaml_scalar(float(future[name]))}"]
    return shlex.join(args)


# -- scoring ------------------------------------------------------------------
def _value(series: pd.DataFrame, metric: str, period: str) -> float:
    hit = series.loc[series["period"] == period, metric]
    return float(hit.iloc[0]) if len(hit) else float("nan")


def _holds(target, series: pd.DataFrame, problem: Problem) -> tuple[bool, float]:
    """Whether ``target`` holds in one run, and the value it judged (the worst one for ``through``)."""
    from model.periods import period_index

    if target.at is not None:
        values = np.array([_value(series, target.metric, problem.period(target.at))])
    else:
        index = series["period"].map(period_index)
        first = period_index(problem.period(target.from_)) if target.from_ else index.min()
        last = period_index(problem.period(target.through))
        values = series.loc[(index >= first) & (index <= last), target.metric].to_numpy(float)
        if target.stat == "mean" and len(values):
            values = values.mean(keepdims=True)
    if not len(values) or not np.isfinite(values).all():
        return False, float("nan")
    ok = (target.min is None or (values >= target.min).all()) and (target.max is None or (values <= target.max).all())
    worst = values.max() if target.max is not None else values.min()
    return bool(ok), float(worst)


def score_futures(problem: Problem, folder: Path) -> pd.DataFrame:
    """One row per future of the candidate whose sweep results are in ``folder``.

    Columns: future, seed, status, error, cost, outcome, target_<i> (the judged value), holds_<i>, holds (all
    targets). A failed run holds no target and has no cost or outcome.
    """
    import pyarrow.parquet as pq

    runs = pq.read_table(folder / "runs.parquet", columns=["run_id", "seed", "status", "error"]).to_pandas()
    series = pq.read_table(folder / "timeseries.parquet", columns=["run_id", "period", *problem.metrics]).to_pandas()
    by_run = dict(tuple(series.groupby("run_id")))
    spec, rows = problem.spec, []
    for run in runs.itertuples(index=False):
        row = {"future": int(run.run_id), "seed": int(run.seed), "status": run.status, "error": run.error or "",
               "cost": float("nan"), "outcome": float("nan")}
        ts = by_run.get(run.run_id)
        ok = run.status == "ok" and ts is not None
        if ok:
            row["cost"] = _value(ts, spec.objective.metric, problem.period(spec.objective.at))
            row["outcome"] = _value(ts, spec.outcome.metric, problem.period(spec.outcome.at))
        for i, target in enumerate(spec.targets):
            holds, value = _holds(target, ts, problem) if ok else (False, float("nan"))
            row[f"target_{i}"], row[f"holds_{i}"] = value, holds
        row["holds"] = all(row[f"holds_{i}"] for i in range(len(spec.targets)))
        rows.append(row)
    return pd.DataFrame(rows).sort_values("future", ignore_index=True)


def summarise(scores: pd.DataFrame) -> dict | None:
    """Mean cost and outcome over the futures that ran, robustness over all of them (None if none ran)."""
    ran = scores[scores["status"] == "ok"]
    if ran.empty or not np.isfinite(ran["cost"]).any():
        return None
    return {"cost": float(np.nanmean(ran["cost"])), "robustness": float(scores["holds"].mean()),
            "outcome": float(np.nanmean(ran["outcome"])), "failed": int((scores["status"] != "ok").sum())}

