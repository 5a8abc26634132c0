"""Firms' costs, profits, taxes and dividends; platforms pass their profit to their owners.

Firms bought the running services of their data, robots and AI in the goods market
(:mod:`model.digital_services`); here they pay cloud subscriptions to platforms, a compute voucher pays
part of AI's running services and a carbon price adds a charge paid to the government. Profit is

    Pi_i = p_i sold_i - W_i - R_i - r_i L_i - delta p_I K_i

and a firm pays ``government.profit_tax`` on a positive profit, then
``demand.dividend_payout`` of what remains to its owners, out of deposits.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, HOUSEHOLDS, PLATFORMS
from model.ai_service import pay_ai_service
from model.government import government_pays, subsidise_firms
from model.investment import investment_price
from model.compute_energy import firm_emissions


def pay_wage_bill(model) -> None:
    """Firms pay their employees this quarter's wages."""
    firms, workers = model.firms, model.workers
    emp = np.flatnonzero(workers.employer >= 0)
    firms.wage_bill = np.bincount(workers.employer[emp], weights=workers.earnings[emp], minlength=firms.n)
    firms.cash -= firms.wage_bill
    workers.deposits[emp] += workers.earnings[emp]
    model.ledger.pay("wages", FIRMS, HOUSEHOLDS, float(firms.wage_bill.sum()))


def pay_running_costs(model) -> None:
    """Cloud fees to platforms; compute vouchers and carbon charges. (Firms bought the running services of
    their technology in the goods market: :mod:`model.digital_services`.)"""
    firms, eff = model.firms, model.effects
    every = np.arange(firms.n)
    voucher = eff.share_cost(model.fiscal, "compute", "ai", firms.size, firms.region, firms.digital_ai)
    carbon = eff.share_cost(model.fiscal, "carbon", "ai", firms.size, firms.region, firm_emissions(model))
    subsidise_firms(model, every, voucher + carbon)
    # adoptions paid as a subscription (cloud onboarding): one fee a quarter until paid off
    paying = firms.fee_left > 0
    fees = np.where(paying, firms.fee, 0.0)
    firms.fee_left[paying] -= 1
    firms.fee[firms.fee_left == 0] = 0.0
    firms.cash -= fees
    model.balances.platform_deposits += float(fees.sum())
    model.ledger.pay("platform_fees", FIRMS, PLATFORMS, float(fees.sum()))
    firms.running += firms.digital + fees - voucher - carbon
    pay_ai_service(model)


def distribute_profits(model) -> np.ndarray:
    """Profit, profit tax and dividends of every firm; returns each firm's costs this quarter."""
    firms, cfg, owners = model.firms, model.cfg, model.balances.owners
    depreciation = cfg.production.capital_depreciation * firms.capital * investment_price(model)
    costs = firms.wage_bill + firms.running + firms.interest + depreciation + firms.rd - firms.rd_support
    firms.profit = firms.revenue - costs
    tax = cfg.government.profit_tax * np.maximum(firms.profit, 0.0)
    firms.cash -= tax
    government_pays(model, "profit_tax", FIRMS, -float(tax.sum()))
    dividends = np.minimum(cfg.demand.dividend_payout * np.maximum(firms.profit - tax, 0.0),
                           np.maximum(firms.cash, 0.0))
    firms.cash -= dividends
    firms.dividends = dividends
    owners.deposits += float(dividends.sum())
    owners.income += float(dividends.sum())
    model.ledger.pay("dividends", FIRMS, HOUSEHOLDS, float(dividends.sum()))
    firms.losses = np.where(firms.profit < 0, firms.losses + 1, 0)
    return costs


def pay_platform_dividends(model) -> None:
    """Platforms pay everything they earned this quarter to their owners."""
    b = model.balances
    profit = b.platform_deposits
    b.owners.deposits += profit
    b.owners.income += profit
    b.platform_deposits = 0.0
    model.ledger.pay("dividends", PLATFORMS, HOUSEHOLDS, profit)
