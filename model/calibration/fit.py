"""Reproducible fit of the china_2015_2025 scenario: a weighted distance of simulated moments, searched with optuna.

Run ``python -m model.calibration.fit [--trials 120] [--seeds 2] [--out outputs/fit]``.
Each trial sets the parameters in :data:`PARAMS` (``--set`` overrides of the
scenario), simulates the scenario for every seed (and its AI-off twin for AI's
lift to GDP) and scores the *fitted* targets only (``role="fitted"`` in
``targets.py``; held-out facts and implied targets never enter the loss).

The loss is a simulated-moments distance with a diagonal weighting matrix::

    J(theta) = sum_k ((m_k(theta) - d_k) / h_k)^2

where ``m_k`` is the model's moment (the mean over seeds of target k's
measure, common random numbers across trials), ``d_k`` the figure and ``h_k``
half the width of its pass band, which stands for the figure's uncertainty
(``W = diag(1 / h_k^2)``). This is calibration by a simulated-moments
distance, not estimation: the weights are the bands, not the inverse
variances of the data moments, and there are no standard errors or
over-identification test. A moment the run cannot measure adds 100 (more than
a miss by ten half-bands, so the search never prefers an undefined moment).

The search is optuna's TPE sampler with a fixed seed, its study kept in
``OUT/study.sqlite3``: rerunning the same command continues an interrupted
search until ``--trials`` trials are complete (the sampler is reseeded by
the number of finished trials, so a resumed search asks what an uninterrupted one
would). A run that collapses is a failed trial. The first trial is the
scenario's current values. ``OUT/fit.json`` records the best values, their
loss and target table, the seeds and the optuna version; ``OUT/trials.csv``
every trial. The values are not written anywhere: copy them by hand, those in
:data:`START_STATE` into the scenario file and the rest into the model's
defaults (``docs/calibration.md`` records each fit), or pass them with ``--set``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

from model.calibration.targets import targets_of
from model.calibration.validate import evaluate, run_seeds
from model.scenario_io import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "china_2015_2025.yaml"

#: (override path, lower bound, upper bound, log scale): what is fitted, and to which targets (docs/calibration.md).
PARAMS = (
    ("frontier.robot_price", 10.0, 200.0, True),  # robot density 2022, robot sales growth
    ("frontier.robot_price_decline", 0.02, 0.12, False),  # robot density 2022, robot sales growth
    ("frontier.max_robot_share", 0.2, 0.9, False),  # robot density 2022 (the technical ceiling)
    ("frontier.robot_price_elasticity", 0.2, 4.0, False),  # robot sales growth (automation by cost)
    ("frontier.automation_cost", -1.0, 2.0, False),  # robot density 2015 and 2022 (integration cost)
    ("adoption.bass_q", 0.02, 2.0, True),  # data adoption 2021, 2022
    ("adoption.hazard", 0.02, 0.6, True),  # data adoption, CNC rate
    ("workforce.initial_gig_share", 0.05, 0.45, False),  # flexible employment 2021
    ("labour.ai_digital_requirement", 0.2, 0.9, False),  # digital-talent gap
    ("technology.ai.gain", 0.1, 0.8, False),  # AI's lift to GDP
    ("frontier.max_ai_share", 0.2, 0.9, False),  # AI's lift to GDP
)
#: Of :data:`PARAMS`, those that set the history's starting state (2015): the fit writes them into the history
#: scenario. The others describe the economy, not its date: their fitted values are the model's defaults, so the
#: baseline and every scenario built on it run the calibrated economy (tests/test_validate.py checks it).
START_STATE = ("frontier.robot_price", "workforce.initial_gig_share")
#: The targets the loss reads: every fitted one.
FITTED = targets_of("fitted")
STUDY = "china_2015_2025"


def loss(table: pd.DataFrame) -> float:
    """The simulated-moments distance of the module docstring over the rows of ``table``."""
    total = 0.0
    for row in table.itertuples(index=False):
        if not np.isfinite(row.model_mean):
            total += 100.0
        else:
            half = max((row.tolerance_hi - row.tolerance_lo) / 2.0, 1e-9)
            total += ((row.model_mean - row.target_value) / half) ** 2
    return total


def overrides(values: dict) -> list[str]:
    """``--set`` lines for ``values``."""
    return [f"{k}={v:.6g}" for k, v in values.items()]


def score(values: dict, seeds: list[int], scenario: Path = SCENARIO, extra: list[str] | None = None):
    """The loss and target table of ``values`` (the fitted targets, over ``seeds``)."""
    config = load_scenario(scenario, [*(extra or []), *overrides(values)])
    table = evaluate(run_seeds(config, seeds, FITTED), FITTED)
    return loss(table), table


def current_values(scenario: Path = SCENARIO, extra: list[str] | None = None) -> dict:
    """The scenario's own values of :data:`PARAMS` (the first trial)."""
    full = load_scenario(scenario, extra or []).model_dump()
    out = {}
    for path, _, _, _ in PARAMS:
        node = full
        for part in path.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        out[path] = float(node)
    return out


def fit(trials: int, seeds: list[int], out: Path, scenario: Path = SCENARIO, extra: list[str] | None = None,
        sampler_seed: int = 2015, progress: bool = True, fixed: tuple[str, ...] = ()) -> dict:
    """Run (or continue) the search until ``trials`` trials are complete; write and return the record.

    ``fixed`` names parameters of :data:`PARAMS` held at the scenario's values (set from public figures,
    not searched).
    """
    import optuna

    from model.errors import EconomyCollapse, UserError

    unknown = sorted(set(fixed) - {p[0] for p in PARAMS})
    if unknown:
        raise UserError(f"--fix {', '.join(unknown)}: not a fitted parameter; valid: "
                        f"{', '.join(p[0] for p in PARAMS)}")
    searched = tuple(p for p in PARAMS if p[0] not in fixed)

    out.mkdir(parents=True, exist_ok=True)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(study_name=STUDY, storage=f"sqlite:///{out / 'study.sqlite3'}",
                                load_if_exists=True, direction="minimize")
    fingerprint = {"scenario": str(scenario), "seeds": seeds, "extra": list(extra or []), "sampler_seed": sampler_seed,
                   "params": [list(p) for p in searched]}
    if "fingerprint" not in study.user_attrs:
        study.set_user_attr("fingerprint", fingerprint)
    elif study.user_attrs["fingerprint"] != fingerprint:
        raise UserError(f"{out}: holds a fit of another set-up ({study.user_attrs['fingerprint']}); use another "
                        f"--out or delete it")

    def finished() -> int:
        return sum(t.state.is_finished() for t in study.trials)

    if finished() == 0:
        study.enqueue_trial({k: v for k, v in current_values(scenario, extra).items() if k not in fixed})

    def objective(trial) -> float:
        values = {path: trial.suggest_float(path, lo, hi, log=log) for path, lo, hi, log in searched}
        value, table = score(values, seeds, scenario, extra)
        trial.set_user_attr("passes", int((table["status"] == "pass").sum()))
        if progress:
            print(f"trial {trial.number}: loss {value:.2f}, {trial.user_attrs['passes']} of {len(table)} pass",
                  flush=True)
        return value

    # one trial at a time, the sampler seeded by the number of finished trials: a resumed search asks what
    # an uninterrupted one would have asked (a trial killed midway stays "running", which TPE ignores
    # without the constant liar, set off explicitly: optuna 5 turns it on by default)
    while finished() < trials:
        study.sampler = optuna.samplers.TPESampler(seed=sampler_seed + finished(), constant_liar=False)
        study.optimize(objective, n_trials=1, catch=(EconomyCollapse,))
    best = study.best_trial
    value, table = score(best.params, seeds, scenario, extra)
    record = {"scenario": str(scenario), "seeds": seeds, "trials": len(study.trials), "sampler": "TPE",
              "sampler_seed": sampler_seed, "optuna": optuna.__version__, "best_trial": best.number,
              "fixed": list(fixed), "loss": value, "start_loss": next((t.value for t in study.trials if t.value is not None), None),
              "values": best.params,
              "overrides": overrides(best.params),
              "targets": table[["target", "target_value", "model_mean", "tolerance_lo", "tolerance_hi",
                                "status"]].to_dict(orient="records")}
    (out / "fit.json").write_text(json.dumps(record, indent=2, default=float))
    study.trials_dataframe().to_csv(out / "trials.csv", index=False)
    return record


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=120, help="trials in all (a rerun continues to this number)")
    parser.add_argument("--seeds", type=int, default=2, help="seeds per trial (common to every trial)")
    parser.add_argument("--out", default="outputs/fit", help="folder of the study and its record")
    parser.add_argument("--scenario", default=str(SCENARIO), help="scenario to fit (default china_2015_2025)")
    parser.add_argument("--set", dest="extra", action="append", default=[], metavar="KEY.PATH=VALUE",
                        help="fixed override of the scenario, e.g. a smaller population for a quick fit")
    parser.add_argument("--fix", action="append", default=[], metavar="KEY.PATH",
                        help="hold a fitted parameter at the scenario's value (set from public figures)")
    args = parser.parse_args(argv)
    scenario = Path(args.scenario)
    seed = load_scenario(scenario, args.extra).seed
    from model.errors import UserError

    try:
        record = fit(args.trials, [seed + i for i in range(args.seeds)], Path(args.out), scenario, args.extra,
                     fixed=tuple(args.fix))
    except UserError as exc:
        raise SystemExit(f"error: {exc}") from None
    start = record["start_loss"]
    first = f" (first completed trial {start:.2f})" if start is not None else ""
    print(f"best trial {record['best_trial']} of {record['trials']}: loss {record['loss']:.2f}{first}")
    for line in record["overrides"]:
        print(f"  --set {line}")
    print(pd.DataFrame(record["targets"]).to_string(index=False))


if __name__ == "__main__":
    main()
