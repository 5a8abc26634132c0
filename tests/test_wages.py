"""Pay: the rent-sharing premium is linear in the surplus per worker (model/labour_market.py, pay_wages)."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.labour_market import hours_paid, pay_wages
from model.production import produce
from model.state import EMPLOYED

BETA = 0.3


def _premiums(model) -> tuple[np.ndarray, np.ndarray]:
    """Each employee's pay over the wage of their region and skill and the hours paid, and their employer (no
    digital premium)."""
    workers = model.workers
    emp = np.flatnonzero(workers.status == EMPLOYED)
    employer = workers.employer[emp]
    cell = model.wage[workers.region[emp], workers.skill[emp]] * hours_paid(model.firms.hours, model.cfg.production)[employer]
    return workers.earnings[emp] / cell, employer


def _model() -> EconomyModel:
    """A small model three quarters in, then producing and paying with the staff it has (so the staff paid
    are the staff who produced)."""
    model = EconomyModel(small_scenario(labour={"rent_sharing": BETA, "digital_premium": 0.0}), seed=5)
    for _ in range(3):
        model.step()
    produce(model)
    pay_wages(model)
    return model


def test_the_premium_averages_one_over_each_sectors_producing_staff():
    """Rent sharing moves pay between a sector's firms, not its level: the mean premium over the hours the staff
    who produced worked is 1 in every sector (less beta x the output share of firms that produced without staff, by robots
    or AI alone: 2e-7 here), and the premium spreads (the firms are not all alike)."""
    model = _model()
    firms = model.firms
    premium, employer = _premiums(model)
    paying = np.zeros(firms.n, bool)
    paying[employer] = True
    per_firm = np.ones(firms.n)
    per_firm[employer] = premium
    staff = firms.producing_staff.astype(float)
    assert paying[staff > 0].all()  # every firm that produced is paying, so its premium is seen
    hours = staff * firms.hours  # output per hour: the mean over the hours worked is 1
    assert firms.hours[staff > 0].std() > 0.01  # firms worked different hours, so the hours weights are tested
    means = [np.average(per_firm[firms.sector == s], weights=hours[firms.sector == s]) for s in range(model.n_sectors)]
    np.testing.assert_allclose(means, 1.0, rtol=1e-6)
    assert per_firm[staff > 0].std() > 0.02


def test_a_firm_that_produced_nothing_pays_one_minus_the_share_with_no_bound():
    model = _model()
    firms = model.firms
    staffed = (firms.producing_staff > 0) & (firms.headcount.sum(axis=1) > 0)
    idle = int(np.flatnonzero(staffed)[0])
    firms.output[idle] = 0.0
    pay_wages(model)
    premium, employer = _premiums(model)
    assert (employer == idle).any()
    np.testing.assert_allclose(premium[employer == idle], 1.0 - BETA, rtol=1e-12)


def test_hours_follow_the_orders_within_their_bounds_and_overtime_pays_half_again():
    """Hours are what the planned output needs of the capacity in normal hours, within 0.9-1.1 (normal hours
    without capacity); an hour of overtime pays 1.5 hours, short time pays its hours."""
    from types import SimpleNamespace

    from model.production import working_hours

    prod = SimpleNamespace(hours_min=0.9, hours_max=1.1, overtime_premium=0.5)
    hours = working_hours(np.array([1.0, 1.0, 1.0, 2.0, 0.0]), np.array([0.5, 1.05, 2.0, 1.9, 3.0]), prod)
    np.testing.assert_allclose(hours, [0.9, 1.05, 1.1, 0.95, 1.0])
    np.testing.assert_allclose(hours_paid(np.array([0.9, 1.0, 1.05, 1.1]), prod), [0.9, 1.0, 1.075, 1.15])


def test_firms_meet_their_planned_output_unless_at_the_overtime_bound():
    """In a running model every firm's hours are within the bounds; a firm below the overtime bound makes
    exactly its planned output (its buyers' orders and, in industry, part of the gap to its target stock:
    model/inventories.py), one at it makes 1.1 times its capacity, and some firms are at each bound."""
    model = _model()
    firms, prod = model.firms, model.cfg.production
    hours, capacity = firms.hours, model.capacity
    assert ((hours >= prod.hours_min - 1e-12) & (hours <= prod.hours_max + 1e-12)).all()
    made = capacity > 1e-9
    below = made & (hours < prod.hours_max - 1e-12)
    np.testing.assert_allclose(firms.output[below], firms.target[below], rtol=1e-12)
    assert (firms.target != firms.planned).any()  # some firms plan for their stock
    at = made & ~below
    np.testing.assert_allclose(firms.output[at], prod.hours_max * capacity[at], rtol=1e-12)
    assert at.any() and (made & (hours <= prod.hours_min + 1e-12)).any()
