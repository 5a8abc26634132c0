"""Firms' costs, profits, taxes and dividends; platforms pass their profit to their owners.

Firms bought the running services of their data, robots and AI in the goods market
(:mod:`model.digital_services`); here they pay cloud subscriptions to platforms, a compute voucher pays
part of AI's running services and a carbon price adds a charge paid to the government. Profit is

    Pi_i = p_i sold_i - W_i - R_i - r_i L_i - delta p_I K_i

and a firm pays ``government.profit_tax`` on a positive profit. After it has serviced its debt
(:func:`model.banking.service_debt`: the quarter's interest, term-loan instalment and overdraft repayment)
it pays ``demand.dividend_payout`` of its profit after tax to its owners, but never more than its deposits
above its cash buffer: dividends come out of net profit after interest and out of cash left after debt
service, as in Caiani et al. (2016, JEDC 69), so a firm cannot borrow to pay them.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, HOUSEHOLDS, PLATFORMS
from model.ai_service import pay_ai_service
from model.banking import spare_cash
from model.government import government_pays, subsidise_firms
from model.inventories import keeps_stock, revalue_stock
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


def book_profits(model) -> np.ndarray:
    """Profit and profit tax of every firm; returns each firm's costs this quarter."""
    firms, cfg = model.firms, model.cfg
    depreciation = cfg.production.capital_depreciation * firms.capital * investment_price(model)
    costs = firms.wage_bill + firms.running + firms.interest + depreciation + firms.rd - firms.rd_support
    firms.profit = firms.revenue - costs
    if keeps_stock(model):  # the cost of the goods sold, not of the goods made (model/inventories.py)
        stocked = revalue_stock(model, firms.wage_bill + firms.running + depreciation)
        firms.profit += stocked
        model.quarter["inventory_investment"] = float(stocked.sum())
    tax = cfg.government.profit_tax * np.maximum(firms.profit, 0.0)
    firms.cash -= tax
    government_pays(model, "profit_tax", FIRMS, -float(tax.sum()))
    firms.losses = np.where(firms.profit < 0, firms.losses + 1, 0)
    return costs


def pay_dividends(model, costs: np.ndarray) -> None:
    """Firms pay ``dividend_payout`` of their profit after tax, out of deposits left above their buffer."""
    firms, owners = model.firms, model.balances.owners
    after_tax = (1.0 - model.cfg.government.profit_tax) * np.maximum(firms.profit, 0.0)
    wanted = model.cfg.demand.dividend_payout * after_tax
    dividends = np.minimum(wanted, spare_cash(model, costs))
    firms.cash -= dividends
    firms.dividends = dividends
    owners.deposits += float(dividends.sum())
    owners.income += float(dividends.sum())
    model.ledger.pay("dividends", FIRMS, HOUSEHOLDS, float(dividends.sum()))


def pay_platform_dividends(model) -> None:
    """Platforms pay everything they earned this quarter to their owners."""
    b = model.balances
    profit = b.platform_deposits
    b.owners.deposits += profit
    b.owners.income += profit
    b.platform_deposits = 0.0
    model.ledger.pay("dividends", PLATFORMS, HOUSEHOLDS, profit)
