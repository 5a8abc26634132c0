"""The government: taxes, benefits, pensions, transfers, subsidies, its own consumption, and the bonds that pay
for the rest.

The income tax includes social contributions, and the government pays pensions out of its revenue
(:func:`pay_pensions`): ``government.pensions_share`` of the start's GDP, growing like its consumption. Without
them the contributions were collected and never paid out, and the start's exports, the demand that buys what
households and the government leave unsold, had to be a trade surplus of about 9% of GDP.

The government keeps no deposits: whatever it pays beyond what it raises is
borrowed by selling bonds to banks (``balances.government.bonds`` rises), and
a surplus retires bonds. Every payment goes through :func:`government_pays`,
so its spending, revenue and debt always agree with the books.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, GOVERNMENT, HOUSEHOLDS, PLATFORMS
from model.frontier import quarterly
from model.numerics import lookup
from model.state import UNEMPLOYED


def government_pays(model, flow: str, payee: str, amount: float) -> None:
    """Record a payment by the government (negative: a payment to it) and borrow or repay bonds for it."""
    gov = model.balances.government
    gov.bonds += amount
    if amount >= 0:
        gov.spending += amount
    else:
        gov.revenue -= amount
    model.ledger.pay(flow, GOVERNMENT, payee, amount)


def subsidise_firms(model, rows: np.ndarray, amounts: np.ndarray) -> None:
    """The government pays ``amounts`` to firms ``rows`` (negative amounts: the firms pay a charge)."""
    if rows.size == 0:
        return
    np.add.at(model.firms.cash, rows, amounts)
    government_pays(model, "subsidies", FIRMS, float(np.sum(amounts)))


def subsidise_platforms(model, amount: float) -> None:
    """The government pays part of a fee firms owe to platforms directly to the platforms."""
    model.balances.platform_deposits += amount
    government_pays(model, "subsidies", PLATFORMS, amount)


def begin_quarter(model) -> None:
    """Government consumption, foreign demand and world prices grow at their trends; lever purchases start at zero."""
    gov = model.balances.government
    if model.steps > 0 and not model.settling:  # the burn-in's growth quarters too
        trend = 1.0 + quarterly(model.cfg.government.consumption_growth)  # pensions grow like consumption
        gov.real_consumption *= trend
        gov.real_pensions *= trend
        model.balances.rest_of_world.real_exports *= 1.0 + quarterly(model.cfg.trade.export_growth)
        model.balances.rest_of_world.world_price *= 1.0 + quarterly(model.cfg.demand.inflation_target)
    gov.spending = 0.0
    gov.revenue = 0.0


def nominal(model, real: float) -> float:
    """An amount in output units of the start, at today's consumer prices."""
    return real * model.price_level / model.price_base


def programme_cost(model, share: float) -> float:
    """Nominal cost of a programme worth ``share`` of the starting quarter's real GDP, at today's prices."""
    return nominal(model, share * model.gdp_base)


def tax_incomes(model) -> None:
    """Income tax on wages and gig earnings, paid from workers' deposits."""
    workers = model.workers
    workers.tax = model.cfg.demand.income_tax * np.maximum(workers.earnings, 0.0)
    workers.deposits -= workers.tax
    government_pays(model, "income_tax", HOUSEHOLDS, -float(workers.tax.sum()))


def pay_benefits(model) -> None:
    """Unemployment benefit to every unemployed worker."""
    workers = model.workers
    unemployed = np.flatnonzero(workers.status == UNEMPLOYED)
    workers.earnings[unemployed] = 0.0
    workers.transfers[unemployed] += model.benefit
    workers.deposits[unemployed] += model.benefit
    amount = float(unemployed.size * model.benefit)
    model.fiscal.pay_benefits(amount)
    government_pays(model, "benefits", HOUSEHOLDS, amount)


def pension_keys(model) -> np.ndarray:
    """Each household's weight in the pension bill: its skill level's mean wage in its region (pensions follow
    the earnings they were contributed from)."""
    workers = model.workers
    return lookup(model.wage, workers.region, workers.skill)


def pension_payments(model, total: float) -> np.ndarray:
    """``total`` shared among households by :func:`pension_keys`."""
    keys = pension_keys(model)
    key_sum = float(keys.sum())
    if key_sum <= 0.0:  # no wages to weigh by (zero skill wages): equal shares
        keys = np.ones_like(keys)
        key_sum = float(keys.sum())
    return total * keys / key_sum


def pay_pensions(model) -> None:
    """Pensions to every household: their real path (``government.pensions_share`` of the start's GDP, growing
    at ``government.consumption_growth``) at today's consumer prices."""
    workers = model.workers
    total = model.balances.government.real_pensions * model.price_level / model.price_level0
    paid = pension_payments(model, total)
    workers.transfers += paid
    workers.deposits += paid
    model.flows["pensions"] += total
    government_pays(model, "pensions", HOUSEHOLDS, total)


def settle_lever_incomes(model) -> None:
    """Levers' income hooks (floors, basic income and their surcharges); the change is a transfer."""
    workers = model.workers
    workers.income = workers.earnings + workers.transfers - workers.tax
    if not model.active_levers:
        return
    before = workers.income.copy()
    for lever in model.active_levers:
        lever.settle_income(model)
    delta = workers.income - before
    if np.any(delta):
        workers.deposits += delta
        government_pays(model, "transfers", HOUSEHOLDS, float(delta.sum()))


def settle_government(model) -> None:
    """Rule 8 (government): benefits, pensions, income tax, lever transfers."""
    pay_benefits(model)
    pay_pensions(model)
    tax_incomes(model)
    settle_lever_incomes(model)

