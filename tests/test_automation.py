"""Automation chosen by cost: robot users automate the tasks a robot does cheaper (model/automation.py)."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.automation import automation_ceiling, firm_robot_share, robot_task_cost
from model.production import labour_demand
from model.state import INTEGRATED, LOW, ROBOTS


def _run(steps: int = 8, seed: int = 1, **sections) -> EconomyModel:
    model = EconomyModel(small_scenario(steps=steps, **sections), seed=seed)
    for _ in range(steps):
        model.step()
    return model


def _mean_last(model, metric: str, quarters: int = 4) -> float:
    return float(np.mean([r[metric] for r in model.records[-quarters:]]))


def test_robot_users_sit_below_the_technical_ceiling():
    model = _run()
    firms = model.firms
    users = firms.stage[:, ROBOTS] == INTEGRATED
    relative = firm_robot_share(model)[users] / automation_ceiling(model)[firms.sector[users]]
    assert users.sum() >= 10
    assert np.median(relative) < 0.8 and np.quantile(relative, 0.9) < 0.95  # the ceiling is not where they sit
    assert 0 < model.records[-1]["automated_share"] < model.records[-1]["automation_ceiling"]


def test_the_automated_share_follows_the_wage_over_the_robots_cost():
    model = _run(steps=2)
    base = firm_robot_share(model)
    model.wage[:, LOW] *= 1.3  # dearer labour: every firm automates more of what it can
    assert (firm_robot_share(model) > base).all()
    model.wage[:, LOW] /= 1.3
    cost = robot_task_cost(model)
    model.robot_price *= 1.5
    assert robot_task_cost(model) > cost and (firm_robot_share(model) < base).all()
    cheap, dear = np.argsort(model.firms.automation_cost)[[0, -1]]  # same sector and wage aside, cost decides
    same = model.firms.sector[cheap] == model.firms.sector[dear] and model.firms.region[cheap] == model.firms.region[dear]
    assert not same or base[cheap] > base[dear]


def test_a_robot_tax_lowers_the_robot_stock_and_cheaper_robots_raise_it():
    """Common seeds 1-3, 8 quarters of the test economy. Measured: a 50% robot tax -27..-31% robots,
    automated share -27..-32%; robots at 6 instead of 11.5 wage-quarters +104..+118% robots."""
    for seed in (1, 2, 3):
        base = _run(seed=seed)
        taxed = _run(seed=seed, policies=[{"lever": "robot_tax", "rate": 0.5}])
        cheap = _run(seed=seed, frontier={"robot_price": 6.0})
        assert _mean_last(taxed, "robot_stock") < 0.8 * _mean_last(base, "robot_stock")
        assert _mean_last(taxed, "automated_share") < 0.9 * _mean_last(base, "automated_share")
        assert _mean_last(cheap, "robot_stock") > 1.3 * _mean_last(base, "robot_stock")
        assert _mean_last(cheap, "robot_worker_equivalents") > _mean_last(base, "robot_worker_equivalents")


def test_robots_displace_low_skill_staff_at_a_given_output():
    """The displacement effect alone: the same firms, the same planned output, more robots -> fewer low-skill
    staff and fewer staff in all (a few more mid-skill hours cover the cognitive work the low-skill did)."""
    model = _run(steps=2)
    firms = model.firms
    users = np.flatnonzero(firms.stage[:, ROBOTS] == INTEGRATED)
    before = labour_demand(model, firms.planned)
    firms.robots[users] *= 1.5
    after = labour_demand(model, firms.planned)
    assert after[users, LOW].sum() < 0.97 * before[users, LOW].sum()
    assert after[users].sum() < before[users].sum()
