"""Extreme but valid scenarios: every run finishes with finite metrics, workers and money accounted for.

Scenarios are drawn (hypothesis, derandomized) across the whole documented
range of every parameter and every lever: edges of each range, zero platforms,
one region, sector or size class, tiny populations. Runs are tiny so 200 of
them take seconds; two larger runs use the same checks.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_support import extreme_scenarios, time_limit
from model import scenario_from_dict, simulate
from model.config import Scenario
from model.policies import LEVERS
from model.periods import to_step
from model.state import EMPLOYED, GIG, UNEMPLOYED

#: metrics that are shares, rates or indices bounded by construction to [0, 1]
UNIT_INTERVAL = re.compile(
    r"^(adoption_(?!gap)\w+|integrated_\w+|digital_penetration_\w+|digital_economy_share|employment_rate|"
    r"unemployment_rate|flexible_employment_share|gig_utilisation|platform_members_share|platform_hhi|"
    r"industrial_platform_hhi|green_power_share|gini_income|digital_divide_index|platform_commission|"
    r"ai_capability|digital_skill_(mean|low|mid|high)|barrier_\w+)$")
COUNTS = ("employees", "gig_workers", "unemployed", "robot_stock", "robot_sales", "data_stock", "hires", "vacancies",
          "displacements", "reemployed", "trainees", "firms_entered", "firms_exited", "compute_energy", "emissions",
          "benefits_paid", "gdp")
RUNS = []


def check_run(scenario: Scenario, result) -> None:
    """The invariants every run must keep, whatever the parameters."""
    frame, model = result.timeseries, result.model
    assert len(frame) == scenario.steps + 1
    numbers = frame.drop(columns=["period"]).astype(float)
    bad = [c for c in numbers if not np.isfinite(numbers[c]).all()]
    assert not bad, f"NaN or inf in {bad}"
    # every worker accounted for, every step and in the agents' own state
    n = scenario.population.workers
    assert (frame["employees"] + frame["gig_workers"] + frame["unemployed"] == n).all()
    workers, firms = model.workers, model.firms
    status = workers.status
    assert np.isin(status, [EMPLOYED, GIG, UNEMPLOYED]).all()
    employed = status == EMPLOYED
    assert ((workers.employer >= 0) & (workers.employer < firms.n))[employed].all()
    assert (workers.employer[~employed] == -1).all()
    assert ((workers.platform >= 0) & (workers.platform < scenario.population.gig_platforms))[status == GIG].all()
    assert firms.n == scenario.population.firms
    assert np.isfinite(workers.digital).all() and (workers.digital >= 0).all() and (workers.digital <= 1).all()
    # rates and counts in range
    for column in numbers:
        if UNIT_INTERVAL.match(column):
            assert numbers[column].between(-1e-9, 1 + 1e-9).all(), (column, numbers[column].tolist())
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


@settings(max_examples=200, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=extreme_scenarios(max_firms=60, max_workers=400, max_steps=6))
def test_extreme_valid_scenarios_run_cleanly(data):
    scenario = scenario_from_dict(data)
    with warnings.catch_warnings(), time_limit(60):
        warnings.simplefilter("ignore", RuntimeWarning)
        result = simulate(scenario, agents=False)
    check_run(scenario, result)
    RUNS.append((len(scenario.regions), len(scenario.sectors), scenario.population.gig_platforms,
                 len(scenario.policies)))


def test_the_draws_cover_the_corners():
    if len(RUNS) < 200:
        pytest.skip("run the whole module")
    regions, sectors, gig, levers = map(np.array, zip(*RUNS))
    assert (regions == 1).any() and (sectors == 1).any() and (gig == 0).any() and (levers >= 3).any()


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
        warnings.simplefilter("ignore", RuntimeWarning)
        result = simulate(scenario, agents=False)
    check_run(scenario, result)
