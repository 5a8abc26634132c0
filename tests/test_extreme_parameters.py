"""Extreme but valid scenarios: every run finishes with finite metrics, workers and money accounted for, or stops
with a clear message naming the step at which its economy collapsed.

Scenarios are drawn (hypothesis, derandomized) across the whole documented
range of every parameter and every lever: edges of each range, zero platforms,
one region, sector or size class, tiny populations. Runs are tiny so 200 of
them take seconds; two larger runs use the same checks. Any RuntimeWarning
(numpy's overflow, divide by zero, invalid value) fails a test: the model must
not produce them, and hides none.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from hypothesis import given, seed

from fuzz_support import extreme_scenarios, fuzz_settings, time_limit
from model import scenario_from_dict, simulate
from model.config import Scenario
from model.economy import EconomyModel
from model.errors import EconomyCollapse
from model.guards import LABOUR_SHARE_CEILING, LABOUR_SHARE_EXCESS, LABOUR_SHARE_QUARTERS, check_step
from model.metric_catalogue import METRICS
from model.policies import LEVERS
from model.periods import period_label, to_step
from model.state import EMPLOYED, GIG, UNEMPLOYED

#: Metrics documented as a share ('share' or '0..1') that are not a part of a whole: growth rates (negative when
#: output falls) and the digital share of TFP growth (a ratio of log changes, documented as clipped to [-2, 2]).
NOT_PARTS = {"gdp_growth", "gdp_growth_yoy", "tfp_growth", "tfp_growth_yoy", "potential_output_digital_ratio",
             "potential_output_digital_ratio_yoy"}
SHARE_UNITS = ("share", "0..1")


def _pattern(name: str) -> re.Pattern:
    return re.compile(re.sub(r"<[a-z]+>", r"[A-Za-z0-9_]+", re.escape(name)))


PATTERNS = [(_pattern(name), unit) for name, (_, unit) in METRICS.items() if "<" in name]


def is_share(column: str) -> bool:
    """Whether ``column`` is documented as a share of a whole, bounded to [0, 1] by its definition."""
    if column in NOT_PARTS:
        return False
    if column in METRICS:
        return METRICS[column][1] in SHARE_UNITS
    units = [unit for pattern, unit in PATTERNS if pattern.fullmatch(column)]
    return bool(units) and all(unit in SHARE_UNITS for unit in units)


COUNTS = ("employees", "gig_workers", "unemployed", "robot_stock", "robot_sales", "data_stock", "hires", "vacancies",
          "displacements", "reemployed", "trainees", "firms_entered", "firms_exited", "compute_energy", "emissions",
          "benefits_paid", "gdp")
RUNS = []


def check_series(scenario: Scenario, frame) -> None:
    """The invariants every reported step must keep, whatever the parameters."""
    numbers = frame.drop(columns=["period"]).astype(float)
    bad = [c for c in numbers if not np.isfinite(numbers[c]).all()]
    assert not bad, f"NaN or inf in {bad}"
    n = scenario.population.workers
    assert (frame["employees"] + frame["gig_workers"] + frame["unemployed"] == n).all()
    shares = [c for c in numbers if is_share(c)]
    assert {"digital_talent_gap", "unemployment_rate", "gini_income"} <= set(shares)
    for column in shares:
        assert numbers[column].between(-1e-9, 1 + 1e-9).all(), (column, numbers[column].tolist())
    # labour income may exceed value added for at most three quarters in a row (the guard stops the fourth), and
    # by less than a quarter's value added summed over them
    streak, excess, longest, largest = 0, 0.0, 0, 0.0
    for share in numbers["labour_share"]:
        over = share > LABOUR_SHARE_CEILING
        streak, excess = (streak + 1, excess + share - LABOUR_SHARE_CEILING) if over else (0, 0.0)
        longest, largest = max(longest, streak), max(largest, excess)
    assert (numbers["labour_share"] >= -1e-9).all() and longest < LABOUR_SHARE_QUARTERS, numbers["labour_share"].tolist()
    assert largest < LABOUR_SHARE_EXCESS, numbers["labour_share"].tolist()
    for column in COUNTS:
        assert (numbers[column] >= -1e-9).all(), (column, numbers[column].tolist())
    # money: total spending is the sum of the levers' books, cumulated; nothing outside a lever's window
    spend = [c for c in numbers if c.startswith("spending_")]
    total = numbers[spend].sum(axis=1) if spend else 0.0 * numbers["step"]
    assert np.allclose(numbers["policy_spending"], total, rtol=1e-9, atol=1e-9)
    assert np.allclose(numbers["policy_spending_cumulative"], numbers["policy_spending"].cumsum(), rtol=1e-9,
                       atol=1e-6)
    for lever in scenario.policies:
        column = numbers[f"spending_{lever.key}"]
        start, end = to_step(lever.start, scenario.start) or 0, to_step(lever.end, scenario.start)
        steps = numbers["step"]
        outside = (steps < start) | ((steps > end) if end is not None else False) | (steps == 0)
        assert (column[outside].abs() < 1e-12).all(), (lever.key, column.tolist())
        budget = getattr(lever, "budget", None)
        if budget is not None:
            assert column.sum() <= budget * (1 + 1e-9) + 1e-9, (lever.key, column.sum(), budget)


def check_state(scenario: Scenario, model) -> None:
    """Every worker accounted for in the agents' own state; digital skill in [0, 1]."""
    workers, firms = model.workers, model.firms
    status = workers.status
    assert np.isin(status, [EMPLOYED, GIG, UNEMPLOYED]).all()
    employed = status == EMPLOYED
    assert ((workers.employer >= 0) & (workers.employer < firms.n))[employed].all()
    assert (workers.employer[~employed] == -1).all()
    assert ((workers.platform >= 0) & (workers.platform < scenario.population.gig_platforms))[status == GIG].all()
    assert firms.n == scenario.population.firms
    assert np.isfinite(workers.digital).all() and (workers.digital >= 0).all() and (workers.digital <= 1).all()


def check_run(scenario: Scenario, result) -> None:
    """A finished run: every step's invariants and the final state's."""
    assert len(result.timeseries) == scenario.steps + 1
    check_series(scenario, result.timeseries)
    check_state(scenario, result.model)


#: The rules of a step, as an in-step collapse names them (EconomyModel.step).
RULES = ("policies", "households' plans", "frontier", "innovation", "adoption", "production", "labour market",
         "platforms", "training", "careers", "income and demand", "entry and exit")


def run_or_collapse(scenario: Scenario) -> tuple[EconomyModel, EconomyCollapse | None]:
    """Run like :func:`simulate` (the initial state checked too), keeping the model if the economy collapses."""
    model = None
    try:
        model = EconomyModel(scenario, agents=False)  # the burn-in runs here
        check_step(model, model.records[0])
        for _ in range(scenario.steps):
            model.step()
    except EconomyCollapse as exc:
        return model, exc
    return model, None


#: The examples drawn are fixed by this seed, not by the test's source (derandomize hashes it, so editing a
#: decorator would draw 200 new scenarios); it is the digest the test had when the corners below were checked.
EXTREME_SEED = 33095002799702755090425829303717268270550843744099583778084453616071795786620341789910126971337440738400765408379585


@pytest.mark.slow
@seed(EXTREME_SEED)
@fuzz_settings(200, deadline=60)
@given(data=extreme_scenarios(max_firms=60, max_workers=400, max_steps=6))
def test_extreme_valid_scenarios_run_cleanly_or_stop_at_a_named_step(data):
    import pandas as pd

    scenario = scenario_from_dict(data)
    with warnings.catch_warnings(), time_limit(60):
        warnings.simplefilter("error", RuntimeWarning)
        model, collapse = run_or_collapse(scenario)
    if collapse is None:
        check_series(scenario, pd.DataFrame.from_records(model.records))
        check_state(scenario, model)
    elif model is None:  # stopped in (or, with no economy to start, before) the burn-in: the message says so
        assert collapse.step == 0 and "burn-in" in collapse.message
        assert collapse.message.startswith(f"step 0 ({scenario.start}): ")
    elif collapse.step == len(model.records):  # a rule raised inside a step: the step has no record
        assert collapse.step <= scenario.steps and collapse.quantity in RULES
        assert collapse.message.startswith(f"step {collapse.step} ({period_label(scenario.start, collapse.step)}): "
                                          f"the economy collapsed: ") and f"in the {collapse.quantity} rule" in \
            collapse.message
        check_series(scenario, pd.DataFrame.from_records(model.records))
    else:  # stopped by the guard: the message names the step and what fell; every step before it was sound
        assert collapse.step == len(model.records) - 1 <= scenario.steps
        assert collapse.message.startswith(f"step {collapse.step} ({model.records[-1]['period']}): ")
        assert collapse.quantity in ("gdp", "employment", "labour_share") or collapse.quantity in model.records[-1]
        assert {"gdp": "real output", "employment": "workers work"}.get(collapse.quantity, collapse.quantity) \
            in collapse.message
        if collapse.step > 0:
            check_series(scenario, pd.DataFrame.from_records(model.records[:-1]))
    RUNS.append((len(scenario.regions), len(scenario.sectors), scenario.population.gig_platforms,
                 len(scenario.policies), collapse.quantity if collapse else None))


def test_the_draws_cover_the_corners():
    if len(RUNS) < 200:
        pytest.skip("run the whole module")
    regions, sectors, gig, levers, collapsed = zip(*RUNS)
    regions, sectors, gig, levers = map(np.array, (regions, sectors, gig, levers))
    assert (regions == 1).any() and (sectors == 1).any() and (gig == 0).any() and (levers >= 3).any()
    finished = sum(q is None for q in collapsed)
    # 40-60 of 200 finish: in the closed economy a firm must sell what it makes, so extreme draws that leave
    # firms unable to cover their wages stop on labour_share more often than they did when demand was exogenous,
    # and the 16-quarter burn-in before step 0 gives an extreme economy four times as long to fall through a floor;
    # since digital services are intermediate inputs (model/digital_services.py), a running cost near its top of 1
    # (the whole value of output) leaves almost no value added, so the gdp floor stops more of them: 30 finish
    # with that change (39 before; gdp stops 50 before, 73 after), 26 once AI's integration cost is drawn per firm
    # (another draw of the same corners: gdp 62); 15 once demand.share_rule and demand.variety_elasticity joined
    # the schema (new draws: 15 of the 167 replicator draws finish and none of the 33 CES draws, half of them at
    # the default elasticity 7.7 and a third at 1.01, where buyers barely prefer the cheaper firm)
    assert finished >= 12, f"only {finished} of 200 extreme runs finished: are the guard's floors too eager?"
    assert {"gdp", "employment", "labour_share"} <= set(collapsed), "each guard should fire on some extreme draw"


def test_the_guard_names_the_step_and_the_quantity():
    model = EconomyModel(scenario_from_dict({"population": {"firms": 20, "workers": 100}, "steps": 2}), agents=False)
    record = dict(model.records[0], step=3, period="2025Q4")
    for change, quantity, words in (({"gdp": float("nan")}, "gdp", "gdp is nan, not a finite number"),
                                    ({"tfp_index": float("inf")}, "tfp_index", "tfp_index is inf"),
                                    ({"gdp": record["gdp"] * 1e-7}, "gdp", "real output (gdp) is"),
                                    ({"employees": 0, "gig_workers": 0, "unemployed": 100}, "employment",
                                     "0 of 100 workers work")):
        with pytest.raises(EconomyCollapse) as info:
            check_step(model, {**record, **change})
        assert (info.value.step, info.value.quantity) == (3, quantity)
        assert info.value.message.startswith("step 3 (2025Q4): ") and words in info.value.message
    check_step(model, record)  # a sound record passes


def test_step_0_is_not_counted_again_after_the_burn_in():
    """Step 0 is the state of the burn-in's last quarter, which the guard has counted already."""
    model = EconomyModel(scenario_from_dict({"population": {"firms": 20, "workers": 100}, "steps": 2,
                                             "initial": {"burn_in": 4, "growth_quarters": 2}}), agents=False)
    model.labour_share_streak = (model.labour_share_streak[0], 3, 0.6)  # as if its last three quarters had been above
    check_step(model, dict(model.records[0], labour_share=1.2))
    assert model.labour_share_streak == (0, 3, 0.6)


def test_labour_income_above_value_added_stops_a_run_after_a_year_not_a_quarter():
    """Firms may pay staff out of deposits and credit through a slump, but not for four quarters in a row."""
    model = EconomyModel(scenario_from_dict({"population": {"firms": 20, "workers": 100}, "steps": 2}), agents=False)
    record = dict(model.records[0], labour_share=1.2)
    shares = {3: 1.2, 4: 1.2, 5: 1.2, 6: 0.9, 7: 1.2, 8: 1.2, 9: 1.2}
    for step, share in shares.items():  # three quarters above, one below: the count starts again
        check_step(model, {**record, "step": step, "labour_share": share})
        check_step(model, {**record, "step": step, "labour_share": share})  # a step checked twice counts once
    with pytest.raises(EconomyCollapse) as info:
        check_step(model, {**record, "step": 10, "period": "2027Q3"})
    assert (info.value.step, info.value.quantity) == (10, "labour_share")
    assert info.value.message.startswith("step 10 (2027Q3): the economy is not viable: labour income (wages and gig "
                                         "earnings) is 1.2 x nominal value added (labour_share above 1 for 4 "
                                         "quarters in a row)")


def test_labour_income_far_above_value_added_stops_a_run_before_a_year():
    """Four quarters in a row is the bound on a small excess; a large one stops the run as soon as labour income
    has exceeded value added by a quarter's value added in all (three quarters at three times value added used
    to pass)."""
    model = EconomyModel(scenario_from_dict({"population": {"firms": 20, "workers": 100}, "steps": 2}), agents=False)
    record = dict(model.records[0], period="2026Q1")
    check_step(model, {**record, "step": 3, "labour_share": 1.6})
    check_step(model, {**record, "step": 4, "labour_share": 0.7})  # below: the sum starts again
    check_step(model, {**record, "step": 5, "labour_share": 1.6})
    with pytest.raises(EconomyCollapse) as info:
        check_step(model, {**record, "step": 6, "labour_share": 1.45})
    assert (info.value.step, info.value.quantity) == (6, "labour_share")
    assert "has exceeded it by 1.05 quarters of value added over 2 quarter(s) in a row (at most 1)" in info.value.message
    fresh = EconomyModel(scenario_from_dict({"population": {"firms": 20, "workers": 100}, "steps": 2}), agents=False)
    with pytest.raises(EconomyCollapse):
        check_step(fresh, {**record, "step": 3, "labour_share": 3.0})


def test_a_collapsing_run_exits_2_and_writes_nothing(tmp_path):
    from conftest import run_cli

    scenario = tmp_path / "dead.yaml"  # one firm, one worker, no platform: when the worker loses the job, all stops
    scenario.write_text("name: dead\nsteps: 8\npopulation: {firms: 1, workers: 1, gig_platforms: 0}\n")
    for command in (["run", scenario], ["compare", scenario, scenario, "--seeds", "1", "--workers", "1"]):
        proc = run_cli(*command, "--out", tmp_path / "out", "--quiet", cwd=tmp_path)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert re.fullmatch(r"error: step \d \(\d{4}Q\d\): the economy collapsed(| before the start, in quarter \d+ "
                            r"of the \d+-quarter burn-in \(initial.burn_in\)): 0 of 1 workers work \(employed or "
                            r"gig\); at least 1% of them and at least one must; the run is stopped \(see "
                            r"docs/reliability.md, 'Collapsing economies'\)\n", proc.stderr), proc.stderr
        assert not (tmp_path / "out").exists()


def _every_lever(scenario_data: dict) -> list[dict]:
    """One instance of every registered lever at the top of its numeric ranges."""
    from fuzz_support import LEVER_LEAVES

    levers = []
    for name in sorted(LEVERS):
        item = {"lever": name}
        for leaf in LEVER_LEAVES[name]:
            if leaf.kind in ("int", "float") and leaf.hi is not None and leaf.path[-1] not in ("start", "end"):
                item[leaf.path[-1]] = leaf.hi
        levers.append(item)
    return levers


@pytest.mark.parametrize("size", [(2000, 20000, 8), (300, 3000, 40)], ids=["default-size", "forty-quarters"])
def test_larger_runs_with_every_lever_at_its_maximum(size):
    firms, workers, steps = size
    data = {"population": {"firms": firms, "workers": workers}, "steps": steps}
    data["policies"] = _every_lever(data)
    scenario = scenario_from_dict(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = simulate(scenario, agents=False)
    check_run(scenario, result)


def test_a_sweep_records_a_collapsing_run_as_failed_and_goes_on(tmp_path):
    import pandas as pd
    import yaml

    from model.cli import main

    base = tmp_path / "tiny.yaml"
    base.write_text("name: tiny\nsteps: 8\npopulation: {firms: 5, workers: 50, gig_platforms: 0}\n")
    spec = tmp_path / "spec.yaml"  # 50 workers live on; a single worker soon loses the only job
    spec.write_text(yaml.safe_dump({"name": "collapse", "base": str(base), "replications": 2,
                                    "set": {"population.firms": 1},
                                    "parameters": {"population.workers": {"values": [50, 1]}}}))
    assert main(["sweep", str(spec), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"]) == 1
    runs = pd.read_parquet(tmp_path / "out" / "runs.parquet")
    assert list(runs["status"]) == ["ok", "ok", "failed", "failed"]
    assert re.match(r"EconomyCollapse: step \d+ \(\d{4}Q\d\): the economy collapsed( before the start|: )",
                    runs.loc[2, "error"])
    assert set(pd.read_parquet(tmp_path / "out" / "timeseries.parquet")["run_id"]) == {0, 1}


def test_a_start_without_positive_costs_stops_at_step_0_naming_unit_cost():
    """Banks paying firms interest on credit lines of 100 quarters' revenue: costs below zero, so no markup price
    exists. Before this check the start priced goods below zero and the goods market lost money (issue 15).
    (Lines of 60 quarters were enough until the rent-sharing premium became linear, which raised the lowest
    firms' wage bills.)"""
    from conftest import small_scenario

    sizes = [dict(s.model_dump(), credit_ratio=100.0) for s in Scenario().size_classes]
    scenario = small_scenario(banking={"policy_rate": -0.05, "loan_spread": 0.0, "initial_drawdown": 1.0},
                              size_classes=sizes)
    with pytest.raises(EconomyCollapse) as caught:
        EconomyModel(scenario)
    assert caught.value.step == 0 and caught.value.quantity == "unit cost"
    message = caught.value.args[0]
    assert message.startswith("step 0 (2025Q1): the economy cannot start") and "banking.policy_rate" in message


def test_a_start_without_stationary_deposits_stops_at_step_0_naming_deposits():
    """Shrinking nominal demand and no spending out of wealth: saving piles up deposits without bound."""
    from conftest import small_scenario

    scenario = small_scenario(households={"propensity_wealth": 0.0}, government={"consumption_growth": -0.05},
                              demand={"inflation_target": 0.0})
    with pytest.raises(EconomyCollapse) as caught:
        EconomyModel(scenario)
    assert caught.value.step == 0 and caught.value.quantity == "deposits"
    assert "households.propensity_wealth" in caught.value.args[0]
