"""Every lever moves its target metric in the intended direction against the baseline.

Common random numbers: the baseline and the policy run use the same seeds, and
each lever starts at step 1 with a strong setting on a small economy, so the
paired difference shows the mechanism. The statistic is the paired difference
of the metric averaged over steps 1..T, then over seeds.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pytest

from model import simulate
from model.policies import LEVERS
from tests.conftest import small_scenario

SEEDS = (1, 2, 3)
STEPS = 14
AI_SHOCK = {"frontier": {"ai_capability": 0.6, "ai_capability_growth": 1.0}, "labour": {"ai_digital_requirement": 0.7}}

# (id, lever settings, extra scenario sections, metric, +1 raises / -1 lowers)
CASES = [
    ("sme_subsidy narrows the large-SME gap", {"lever": "sme_subsidy", "rate": 0.8}, {}, "adoption_gap_size", -1),
    ("sme_subsidy raises SME adoption", {"lever": "sme_subsidy", "rate": 0.8}, {}, "adoption_index_sme", +1),
    ("cloud_onboarding raises micro firms' data adoption", {"lever": "cloud_onboarding"}, {},
     "adoption_data_micro", +1),
    ("cloud_onboarding raises micro firms' adoption index", {"lever": "cloud_onboarding"}, {},
     "adoption_index_micro", +1),
    ("platform_membership brings firms onto platforms", {"lever": "platform_membership", "rate": 0.9}, {},
     "platform_members_share", +1),
    # its adoption effect needs more seeds than these three: test_digital_infrastructure_raises_adoption_in_its_region
    ("digital_infrastructure is paid for", {"lever": "digital_infrastructure", "regions": ["west"], "boost": 0.6},
     {}, "policy_spending", +1),
    ("compute_west moves compute to greener power", {"lever": "compute_west", "share": 0.8}, {},
     "green_power_share", +1),
    ("compute_west cuts compute emissions", {"lever": "compute_west", "share": 0.8}, {}, "emissions", -1),
    ("skills_training raises digital skill after an AI shock",
     {"lever": "skills_training", "share": 0.5, "target": "all"}, AI_SHOCK, "digital_skill_mean", +1),
    ("skills_training lowers unemployment after an AI shock",
     {"lever": "skills_training", "share": 0.5, "target": "all"}, AI_SHOCK, "unemployment_rate", -1),
    ("skills_training raises firm employment after an AI shock",
     {"lever": "skills_training", "share": 0.5, "target": "all"}, AI_SHOCK, "employees", +1),
    ("skills_training moves workers out of gig work after an AI shock",
     {"lever": "skills_training", "share": 0.5, "target": "all"}, AI_SHOCK, "flexible_employment_share", -1),
    # Not asked: skills_training and the digital talent gap. Measured after an AI shock (2026-12-05, seeds 1-36,
    # 14 quarters): no effect (mean paired difference 0.0000, t -0.02) while employment rises by 437 (t 61);
    # perhaps the firms that hire the trained workers open as many new vacancies needing digital skill (not
    # diagnosed). It passed on three seeds until term loans and overdrafts.
    ("public_data raises TFP", {"lever": "public_data", "share": 1.0}, {}, "tfp_index", +1),
    ("data_sharing pools more data", {"lever": "data_sharing", "pool_boost": 0.6}, {}, "pooled_data", +1),
    ("commission cap raises gig earnings", {"lever": "platform_regulation", "commission_cap": 0.1,
                                            "social_insurance": 0.0}, {}, "gig_earnings", +1),
    ("gig social insurance lowers the income Gini", {"lever": "platform_regulation", "commission_cap": None,
                                                     "social_insurance": 0.2}, {}, "gini_income", -1),
    ("rd_credit raises R&D", {"lever": "rd_credit", "rate": 0.5}, {}, "rd_to_gdp", +1),
    ("rd_credit raises TFP", {"lever": "rd_credit", "rate": 0.5}, {}, "tfp_index", +1),
    ("robot tax slows robot density", {"lever": "robot_tax", "rate": 1.0}, {}, "robot_density", -1),
    ("robot subsidy speeds robot density", {"lever": "robot_tax", "rate": -0.5}, {}, "robot_density", +1),
    ("compute voucher raises AI adoption", {"lever": "compute_voucher", "rate": 0.9, "adoption_rate": 0.6,
                                            "size_classes": ["large", "sme", "micro"]}, {}, "adoption_ai", +1),
    ("unified market raises hires", {"lever": "unified_market", "mobility_cost_cut": 1.0,
                                     "cross_region_search": 0.3, "matching_boost": 0.5}, {}, "hires", +1),
    # paired effects -0.28, -0.20, -0.29 pp (seeds of _runs); before careers (skill levels that rise with
    # experience and training) they were of both signs, +0.1 pp on average
    ("unified market fills digital vacancies",
     {"lever": "unified_market", "mobility_cost_cut": 1.0, "cross_region_search": 0.3,
      "matching_boost": 0.5, "cost": 0.0}, {}, "digital_talent_gap", -1),
    ("green compute cuts emissions", {"lever": "green_compute", "green_boost": 0.3, "carbon_price": 0.0}, {},
     "emissions", -1),
    ("carbon price slows AI adoption", {"lever": "green_compute", "green_boost": 0.0, "carbon_price": 1.0}, {},
     "adoption_ai", -1),
    ("income floor lowers the income Gini", {"lever": "income_support", "mode": "floor", "level": 0.8}, {},
     "gini_income", -1),
    ("basic income lowers the income Gini", {"lever": "income_support", "mode": "ubi", "level": 0.3}, {},
     "gini_income", -1),
]


@lru_cache(maxsize=None)
def _runs(extra_json: str, lever_json: str | None):
    """Time series per seed of a small economy, with one lever from step 1 (cached across tests)."""
    extra = json.loads(extra_json)
    policies = [] if lever_json is None else [dict(json.loads(lever_json), start=1)]
    scenario = small_scenario(steps=STEPS, policies=policies, **extra)
    return [simulate(scenario, seed=seed, agents=False).timeseries for seed in SEEDS]


def paired_effect(lever: dict, extra: dict, metric: str) -> np.ndarray:
    """Per seed: policy minus baseline, averaged over steps 1..T."""
    base = _runs(json.dumps(extra, sort_keys=True), None)
    policy = _runs(json.dumps(extra, sort_keys=True), json.dumps(lever, sort_keys=True))
    return np.array([(p[metric] - b[metric]).iloc[1:].mean() for p, b in zip(policy, base)])


def _case(c):
    return c.values if hasattr(c, "values") else c


@pytest.mark.parametrize("lever, extra, metric, sign",
                         [pytest.param(*_case(c)[1:], marks=getattr(c, "marks", ()), id=_case(c)[0]) for c in CASES])
def test_lever_direction(lever, extra, metric, sign):
    effect = paired_effect(lever, extra, metric)
    assert sign * effect.mean() > 0, f"{metric}: paired effects {effect} should be {'>' if sign > 0 else '<'} 0"


def test_digital_infrastructure_raises_adoption_in_its_region():
    """Infrastructure in the west (0.4 -> 1.0) discounts adoption costs there. Since the fit of 2026-12-05 firms
    past every barrier adopt with chance 0.044 a quarter (not 0.2), so the effect is small against three seeds'
    noise (paired effects +0.003, -0.006, +0.001 over 14 quarters). Measured over seeds 1-12, 24 quarters: +0.84
    points of the west's adoption index on average (t 3.1), higher in 9 of 12. Asked: more than twice its
    standard error."""
    lever = [{"lever": "digital_infrastructure", "regions": ["west"], "boost": 0.6, "start": 1}]
    effect = []
    for seed in range(1, 13):
        base = simulate(small_scenario(steps=24), seed=seed, agents=False).timeseries["adoption_index_west"]
        policy = simulate(small_scenario(steps=24, policies=lever), seed=seed, agents=False).timeseries
        effect.append((policy["adoption_index_west"] - base).iloc[1:].mean())
    effect = np.array(effect)
    assert effect.mean() > 2 * effect.std(ddof=1) / np.sqrt(effect.size), effect


def test_every_lever_has_a_direction_test():
    tested = {_case(case)[1]["lever"] for case in CASES}
    assert set(LEVERS) <= tested, f"levers without a direction test: {sorted(set(LEVERS) - tested)}"


def test_carbon_price_is_revenue():
    """A carbon price with no green-power programme raises money: negative net spending."""
    runs = _runs("{}", json.dumps({"lever": "green_compute", "green_boost": 0.0, "carbon_price": 1.0},
                                  sort_keys=True))
    assert all(frame["spending_green_compute"].iloc[2:].lt(0).all() for frame in runs)


def test_balanced_income_support_is_funded_by_its_surcharge():
    """Gross cost and surcharge revenue are booked separately and cancel when funding is balanced."""
    runs = _runs("{}", json.dumps({"lever": "income_support", "mode": "floor", "level": 0.8}, sort_keys=True))
    for frame in runs:
        gross, revenue = frame["spending_income_support"], frame["spending_income_support_surcharge"]
        assert gross.iloc[1:].gt(0).all() and revenue.iloc[1:].lt(0).all()
        np.testing.assert_allclose(gross + revenue, 0.0, atol=1e-6 * gross.max())


def _eager_non_adopters(policies):
    """A small economy where every firm wants data but is past its credit line."""
    from model.economy import EconomyModel
    from model.state import DATA, NONE

    model = EconomyModel(small_scenario(policies=policies), seed=5, agents=False)
    model.apply_policies()
    firms = model.firms
    firms.stage[:, DATA] = NONE
    firms.aware[:, DATA] = True
    firms.belief[:, DATA] = 0.5
    firms.risk[:] = 0.0
    firms.digital_staff[:] = 1.0
    firms.cash[:] = 0.0
    firms.loans[:] = 2.0 * firms.credit + 1.0  # past their credit lines: no headroom at all
    return model


def test_cloud_onboarding_lets_firms_past_their_credit_line_adopt_and_pay_over_time():
    from model.distribution import pay_running_costs
    from model.state import DATA, NONE
    from model.technology_adoption import adoption_cost, decide_adoption

    none = _eager_non_adopters([])
    decide_adoption(none)
    assert (none.firms.stage[:, DATA] != NONE).sum() == 0, "finance should block every firm without the lever"

    model = _eager_non_adopters([{"lever": "cloud_onboarding", "quarters": 8}])
    firms = model.firms
    cost = adoption_cost(model, DATA)
    cash = firms.cash.copy()
    decide_adoption(model)
    adopted = firms.stage[:, DATA] != NONE
    small = np.isin(firms.size, [model.size_names.index("sme"), model.size_names.index("micro")])
    assert adopted[small].sum() > 0
    assert adopted[~small].sum() == 0, "large firms are not eligible and stay blocked by finance"
    np.testing.assert_allclose(firms.cash[adopted], cash[adopted])  # nothing paid up front
    np.testing.assert_allclose(firms.fee[adopted] * firms.fee_left[adopted], cost[adopted])
    assert (firms.fee_left[adopted] == 8).all()
    fee = firms.fee.copy()
    for quarter in range(8):
        before = firms.fee_left.copy()
        platforms_before = model.balances.platform_deposits
        pay_running_costs(model)
        assert (firms.fee_left[adopted] == before[adopted] - 1).all()
        assert model.balances.platform_deposits - platforms_before >= fee[adopted].sum() * (1 - 1e-12)  # to the cloud
    assert (firms.fee_left == 0).all() and (firms.fee == 0).all()
    assert fee[~adopted].sum() == 0
