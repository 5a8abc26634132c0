"""The validate command: the calibrated scenario against the seed documents' figures, and a check that can fail."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli
from model.calibration.targets import ROLES, TARGETS, Runs, Target, level, targets_of, yearly_growth
from model.calibration.validate import ai_switched_off, evaluate, exit_status, format_table, steps_needed
from model.scenario_io import load_scenario

CHINA = ROOT / "scenarios" / "china_2015_2025.yaml"


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("validate")
    proc = run_cli("validate", CHINA, "--seeds", 2, "--out", out, "--quiet", timeout=600)
    return proc, out


@pytest.mark.slow
def test_validate_writes_table_and_figure(calibrated):
    proc, out = calibrated
    assert proc.returncode in (0, 1), proc.stderr
    table = pd.read_csv(out / "validation.csv")
    assert list(table["target"]) == [t.key for t in TARGETS]
    assert set(table["status"]) <= {"pass", "miss"}
    assert (table["model_min"] <= table["model_mean"] + 1e-12).all()
    assert (table["model_mean"] <= table["model_max"] + 1e-12).all()
    assert (out / "validation.png").stat().st_size > 10_000
    assert list(table["role"]) == [t.role for t in TARGETS]
    # exit status 1 exactly when a held-out fact misses; fitted and implied targets never fail a run
    held_miss = ((table["role"] == "held_out") & (table["status"] == "miss")).any()
    assert proc.returncode == int(held_miss)
    report = (out / "validation.md").read_text()
    assert "Held-out facts" in report and "Fitted targets" in report and "Implied by the start" in report


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="held-out facts miss (10 seeds, 3 of 15 pass, two on their band's edge): "
                                       "the digital share of TFP growth 25.1% (band from 30%), GDP 2.6%, CPI 3.6%, "
                                       "labour share 0.72, consumption 68% and capital formation 16% of GDP, Gini "
                                       "0.37, digital penetration -8% to -15%, the digital economy 12% of GDP "
                                       "(docs/calibration.md, status; issues 15-17)")
def test_calibrated_scenario_passes(calibrated):
    """The test of the model: every held-out fact inside its band (validate exits 0)."""
    proc, out = calibrated
    table = pd.read_csv(out / "validation.csv")
    held = table[table["role"] == "held_out"]
    assert (held["status"] == "pass").all(), held[held["status"] != "pass"].to_string()
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_validate_fails_when_a_held_out_fact_is_out_of_reach(tmp_path):
    """Half of all jobs ending every quarter (``labour.separation_rate`` 0.5, against 0.02) puts unemployment (held
    out) above its band: a miss, exit 1. Measured (2026-12-05, with inventories): 7.9% against the band's 6.5%.

    The same small economy without the override is inside the band (5.4% against 4-6.5%), so the miss is the
    override's. (Until inventories the override was a structural unemployment rate of 25% in the wage curve; it
    gave 6.5%, and 6.2% since: unemployment in the history hardly answers the wage curve's anchor, or households'
    propensity to consume (0.6 instead of 0.85: 5.6%), because gig work takes up the slack.)
    """
    small = ["--set", "population.firms=300", "--set", "population.workers=3000"]
    on = run_cli("validate", CHINA, "--seeds", 1, "--out", tmp_path / "on", "--quiet", *small)
    off = run_cli("validate", CHINA, "--seeds", 1, "--out", tmp_path / "off", "--quiet", *small,
                  "--set", "labour.separation_rate=0.5")
    assert off.returncode == 1, off.stderr
    base = pd.read_csv(tmp_path / "on" / "validation.csv").set_index("target").loc["unemployment"]
    moved = pd.read_csv(tmp_path / "off" / "validation.csv").set_index("target").loc["unemployment"]
    assert base["role"] == moved["role"] == "held_out"
    assert base["status"] == "pass"
    assert moved["status"] == "miss" and moved["model_mean"] > moved["tolerance_hi"]


def test_fitted_held_out_and_implied_are_disjoint_and_named():
    """Every target has one role; fitted and held-out sets are both non-empty; the fit reads only fitted ones."""
    from model.calibration.fit import FITTED

    fitted, held = targets_of("fitted"), targets_of("held_out")
    assert fitted and len(held) >= 8
    assert not {t.key for t in fitted} & {t.key for t in held}
    assert sum(len(targets_of(r)) for r in ROLES) == len(TARGETS)
    assert {t.key for t in FITTED} <= {t.key for t in fitted}
    assert len({t.key for t in TARGETS}) == len(TARGETS)
    assert all("seed 0" not in t.source or "(" in t.source for t in TARGETS)  # a named source, not "seed 004"


def _frame(value: float) -> pd.DataFrame:
    periods = [f"{y}Q{q}" for y in range(2015, 2026) for q in range(1, 5)]
    return pd.DataFrame({"period": periods, "x": np.full(len(periods), value)})


def _target(key: str, role: str) -> Target:
    return Target(key, key, "a source", "2020", 0.5, 0.4, 0.6, lambda r: level(r.main, "x", "2020"), "x", "x",
                  role=role)


def test_only_held_out_misses_fail_validate():
    """A fitted or initial target out of its band leaves exit 0; a held-out one gives 1."""
    targets = [_target("f", "fitted"), _target("h", "held_out"), _target("i", "implied")]
    on, off = [Runs(main=_frame(0.5))], [Runs(main=_frame(0.9))]
    assert exit_status(evaluate(on, targets)) == 0
    assert exit_status(evaluate(off, targets[::2])) == 0  # fitted and initial misses only
    assert exit_status(evaluate(off, targets)) == 1
    text = format_table(evaluate(off, targets), targets)
    assert text.index("Held-out facts (0 of 1 pass)") < text.index("Fitted targets (0 of 1 pass)")
    assert "Implied by the start or the fit (0 of 1 inside the band; not counted)" in text
    with pytest.raises(ValueError, match="role"):
        _target("x", "tuned")


def test_bad_seeds_is_a_user_error(tmp_path):
    proc = run_cli("validate", CHINA, "--seeds", 0, "--out", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: --seeds")
    assert not (tmp_path / "validation.csv").exists()


def test_evaluate_marks_pass_miss_and_uncovered():
    periods = [f"{y}Q{q}" for y in range(2015, 2026) for q in range(1, 5)]
    frame = pd.DataFrame({"period": periods, "adoption_data": np.linspace(0.2, 0.9, len(periods))})
    target = next(t for t in TARGETS if t.key == "data_2021")
    on = evaluate([Runs(main=frame)], [target]).iloc[0]
    assert on["model_mean"] == pytest.approx(level(frame, "adoption_data", "2021Q4"))
    assert on["status"] == ("pass" if target.lo <= on["model_mean"] <= target.hi else "miss")
    off = evaluate([Runs(main=frame.assign(adoption_data=0.95))], [target]).iloc[0]
    assert off["status"] == "miss"
    short = evaluate([Runs(main=frame[frame["period"] < "2020"])], [target]).iloc[0]
    assert short["status"] == "n/a"


def test_yearly_growth_reads_full_years():
    periods = pd.Series([f"{y}Q{q}" for y in (2016, 2017, 2018) for q in range(1, 5)])
    values = pd.Series([1.0] * 4 + [1.1] * 4 + [1.21] * 4)
    assert yearly_growth(values, periods, 2016, 2018) == pytest.approx(0.1)
    assert np.isnan(yearly_growth(values, periods, 2015, 2018))


def test_ai_switched_off_and_extension():
    scenario = load_scenario(CHINA)
    twin = ai_switched_off(scenario)
    assert not twin.technology.ai.available and twin.technology.data.available and twin.technology.robots.available
    assert scenario.technology.ai.available  # the original is untouched
    assert steps_needed(scenario) == 83  # 2015Q1 + 83 quarters = 2035Q4, for AI's long-run lift


def test_the_baseline_runs_the_calibrated_economy():
    """Every fitted parameter that describes the economy rather than its 2015 state has the same value in the
    history and in the defaults (so in the baseline): the baseline ran AI with a ceiling of 0.7 of routine
    cognitive tasks while the fit had found 0.38, and robots with twice the fitted price elasticity."""
    from model.calibration.fit import PARAMS, START_STATE, current_values

    history, defaults = current_values(CHINA), current_values(ROOT / "scenarios" / "baseline.yaml")
    structural = [p[0] for p in PARAMS if p[0] not in START_STATE]
    assert len(structural) >= 8
    apart = {key: (history[key], defaults[key]) for key in structural if history[key] != defaults[key]}
    assert not apart, apart


def test_baseline_defaults_are_the_historys_2025_state():
    """The baseline starts where the calibrated history is at 2025Q1 (model/calibration/handoff.py)."""
    from model.calibration.handoff import compare_with_history

    table = compare_with_history([42, 43])
    assert len(table) >= 20
    assert set(table["status"]) <= {"ok", "kept"}, table[table["status"] == "off"].to_string()


def test_handoff_flags_a_baseline_that_starts_elsewhere():
    """The check can fail: a baseline whose SMEs start with a quarter of the history's robot users is off."""
    from model.calibration.handoff import compare_with_history
    from model.config import Scenario

    data = Scenario().model_dump()
    next(s for s in data["size_classes"] if s["name"] == "sme")["adoption"]["robots"] = 0.05
    small = ["population.firms=600", "population.workers=6000"]  # the history; the baseline is measured at 20,000
    table = compare_with_history([42], baseline=Scenario.model_validate(data),
                                 history=load_scenario(CHINA, small)).set_index("key")
    assert table.loc["size_classes.sme.adoption.robots", "status"] == "off"
    assert table.loc["frontier.ai_capability", "status"] == "ok"


def test_fit_resumes_to_the_same_search(tmp_path):
    """The fit, killed in the middle of a trial after five and rerun, asks what one uninterrupted run asks.

    Twelve trials: past TPE's ten random start-up trials, so the model-based proposals are compared too. The
    kill is a trial asked and never told (it stays "running" in the study, as after a kill -9).
    """
    import optuna

    from model.calibration.fit import PARAMS, STUDY, fit

    small = ["population.firms=100", "population.workers=1000"]
    once = fit(12, [42], tmp_path / "once", extra=small, progress=False)
    fit(5, [42], tmp_path / "twice", extra=small, progress=False)
    study = optuna.load_study(study_name=STUDY, storage=f"sqlite:///{tmp_path / 'twice' / 'study.sqlite3'}")
    study.ask({path: optuna.distributions.FloatDistribution(lo, hi, log=log) for path, lo, hi, log in PARAMS})
    resumed = fit(12, [42], tmp_path / "twice", extra=small, progress=False)
    first = pd.read_csv(tmp_path / "once" / "trials.csv")
    second = pd.read_csv(tmp_path / "twice" / "trials.csv")
    second = second[second["state"] == "COMPLETE"].reset_index(drop=True)
    params = [c for c in first.columns if c.startswith("params_")]
    assert len(params) >= 10 and len(first) == len(second) == 12
    pd.testing.assert_frame_equal(first[params + ["value"]], second[params + ["value"]])
    assert once["values"] == resumed["values"] and once["loss"] == resumed["loss"]
    assert first["value"].iloc[0] == pytest.approx(once["start_loss"])  # trial 0: the scenario's own values


def test_fit_refuses_a_folder_of_another_set_up(tmp_path):
    from model.calibration.fit import fit
    from model.errors import UserError

    small = ["population.firms=100", "population.workers=1000"]
    fit(1, [42], tmp_path, extra=small, progress=False)
    with pytest.raises(UserError, match="another set-up"):
        fit(2, [43], tmp_path, extra=small, progress=False)


def test_fixed_parameters_are_held_and_unknown_ones_refused(tmp_path):
    """``--fix`` holds a parameter at the scenario's value: it is never searched; a name the fit does not know
    is a clear error."""
    from model.calibration.fit import fit
    from model.errors import UserError

    small = ["population.firms=100", "population.workers=1000"]
    record = fit(2, [42], tmp_path / "fixed", extra=small, progress=False, fixed=("frontier.robot_price",))
    assert "frontier.robot_price" not in record["values"] and record["fixed"] == ["frontier.robot_price"]
    assert "adoption.hazard" in record["values"]
    with pytest.raises(UserError, match="frontier.robot_prize: not a fitted parameter"):
        fit(1, [42], tmp_path / "bad", extra=small, progress=False, fixed=("frontier.robot_prize",))


def test_yearly_growth_is_undefined_when_the_total_changes_sign():
    """Digital value added, a difference against a twin, can turn negative: its growth is then NaN, not a warning."""
    import warnings

    from model.calibration.targets import yearly_growth

    periods = pd.Series([f"{y}Q{q}" for y in (2016, 2017, 2018) for q in range(1, 5)])
    values = pd.Series([1.0] * 4 + [0.5] * 4 + [-0.5] * 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(yearly_growth(values, periods, 2016, 2018))
        assert yearly_growth(values, periods, 2016, 2017) == pytest.approx(-0.5)



def _twin_frames(factor: float, quantity: float = 1.0):
    """A scenario's frame and a twin with ``quantity`` times its quantities whose base prices are ``factor`` times
    the scenario's (the digital services it buys are valued at the services price, like gig services)."""
    periods = [f"{y}Q{q}" for y in (2021, 2022, 2023) for q in range(1, 5)]
    n = len(periods)
    main = {"period": periods, "platform_services_real": [50.0] * n}
    for s, sales in zip(("agriculture", "industry", "services"), (100.0, 300.0, 600.0)):
        main.update({f"real_output_{s}": [sales] * n, f"real_value_added_{s}": [0.9 * sales] * n,
                     f"base_price_{s}": [1.0] * n})
    main = pd.DataFrame(main)
    main["gdp"] = main[[f"real_value_added_{s}" for s in ("agriculture", "industry", "services")]].sum(axis=1) + 50.0
    twin = main.copy()
    for s in ("agriculture", "industry", "services"):
        twin[f"base_price_{s}"] = factor
        for column in (f"real_output_{s}", f"real_value_added_{s}"):
            twin[column] = main[column] * factor * quantity
    twin["platform_services_real"] = main["platform_services_real"] * factor * quantity
    twin["gdp"] = main["gdp"] * factor * quantity
    return main, twin


def test_twin_levels_are_compared_at_the_scenarios_prices():
    """A twin that produced the same quantities at 10% higher base-year prices (its burn-in left it dearer) has no
    digital penetration, digital value added beyond platform services, or AI lift: a price level is not output."""
    from model.calibration import targets
    from model.calibration.targets import ai_lift_series, digital_value_added, penetration_series

    main, twin = _twin_frames(1.1)
    runs = Runs(main=main, ai_off=twin, digital_off=twin)
    for s in ("agriculture", "industry", "services"):
        assert penetration_series(runs, s).to_numpy() == pytest.approx(0.0, abs=1e-12)
    assert digital_value_added(runs).to_numpy() == pytest.approx(main["platform_services_real"].to_numpy())
    assert ai_lift_series(runs).to_numpy() == pytest.approx(0.0, abs=1e-12)
    assert targets.at_prices_of(main, twin)["gdp"].to_numpy() == pytest.approx(main["gdp"].to_numpy())
    # 5% fewer quantities in the twin, at any base price of its own: penetration 1 - 0.95
    main, twin = _twin_frames(0.8, quantity=0.95)
    runs = Runs(main=main, ai_off=twin, digital_off=twin)
    assert penetration_series(runs, "industry").to_numpy() == pytest.approx(0.05)
    assert ai_lift_series(runs).to_numpy() == pytest.approx(1 / 0.95 - 1)


def test_runs_record_their_base_prices(small):
    """Every run records the base-year sector prices its real series are valued at (constant, positive)."""
    from model.runner import simulate

    result = simulate(small(), seed=1)
    frame, model = result.timeseries, result.model
    for g, s in enumerate(model.sector_names):
        column = frame[f"base_price_{s}"]
        assert (column == column.iloc[0]).all() and column.iloc[0] > 0
        assert column.iloc[0] == pytest.approx(float(model.sector_price0[g]))
    assert model.services_price0 == pytest.approx(float(model.sector_price0[model.services_sector]))
