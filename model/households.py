"""Households: workers and the owners of firms, banks and platforms.

Each quarter a household plans to spend a share of its expected disposable
income and a share of its deposits (Godley & Lavoie's consumption function):

    C_i = c_y * E[y_i] + c_w * D_i

(``households.propensity_income`` for workers, ``owners_propensity_income``
for owners; ``propensity_wealth`` for both). Spending goes first to gig
services (rule 6), then to goods (rule 8); whatever the goods market cannot
supply stays in deposits. Expected income then moves toward realised
disposable income at ``expectation_speed``.
"""

from __future__ import annotations

import numpy as np

from model.accounts import HOUSEHOLDS


def plan_consumption(model) -> None:
    """Every household's planned spending this quarter."""
    hh, workers, owners = model.cfg.households, model.workers, model.balances.owners
    workers.consumption = (hh.propensity_income * np.maximum(workers.expected_income, 0.0)
                           + hh.propensity_wealth * np.maximum(workers.deposits, 0.0))
    owners.consumption = (hh.owners_propensity_income * max(owners.expected_income, 0.0)
                          + hh.propensity_wealth * max(owners.deposits, 0.0))
    owners.income = 0.0
    model.consumption = float(workers.consumption.sum()) + owners.consumption
    model.household_spent = 0.0


def spend(model, amount: float, flow: str, payee: str) -> None:
    """Households pay ``amount`` to ``payee``, each in proportion to its planned spending."""
    if amount == 0.0 or model.consumption <= 0.0:
        return
    share = amount / model.consumption
    model.workers.deposits -= share * model.workers.consumption
    model.balances.owners.deposits -= share * model.balances.owners.consumption
    model.household_spent += amount
    model.ledger.pay(flow, HOUSEHOLDS, payee, amount)


def goods_budget(model) -> float:
    """What households still plan to spend on goods after gig services."""
    return max(model.consumption - model.household_spent, 0.0)


def update_expectations(model) -> None:
    """Expected disposable income moves toward this quarter's."""
    speed = model.cfg.households.expectation_speed
    workers, owners = model.workers, model.balances.owners
    workers.expected_income += speed * (workers.income - workers.expected_income)
    owners.expected_income += speed * (owners.income - owners.expected_income)


def household_deposits(model) -> float:
    """Deposits of all households (workers and owners)."""
    return float(model.workers.deposits.sum()) + model.balances.owners.deposits
