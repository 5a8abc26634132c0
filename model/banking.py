"""Banks: credit lines, loans that create deposits, interest, and equity that limits lending.

A firm holds two loan stocks (``firms.loans`` is their total). **Term loans** finance investment: a firm
borrows ``banking.investment_loan_share`` of what it pays for investment goods, within its unused line;
from the next quarter on they pay interest and are amortised on the declining balance, ``1/M`` of the
outstanding term loans falling due each quarter (``M`` = ``banking.loan_maturity``), paid from deposits,
what they cannot pay rolls over. The **overdraft** is drawn when a firm's deposits would go negative and
repaid as soon as deposits pass a buffer of ``banking.cash_buffer`` quarters of costs. With maturity 0
every loan is an overdraft. Repayment destroys the money. A firm's **credit line** is its size class's
``credit_ratio`` quarters
of sales (unsecured) plus its ``loan_to_value`` of the value of its installed
capital (secured on collateral) plus ``inventory_advance`` of the book value of its stock, scaled by the banks' **lending factor**: when bank equity falls
below ``capital_requirement`` per unit of loans, banks honour only part of
each line, cutting the riskiest classes (the highest ``loan_premium``) first.
Investment and adoption are planned within the line (the finance side of the
'afraid' barrier); a firm that stays over its line while losing money exits.
"""

from __future__ import annotations

import numpy as np

from model.accounts import BANKS, FIRMS, HOUSEHOLDS, REST_OF_WORLD
from model.government import government_pays

#: How much faster a class loses its line per point of yearly loan premium when banks are short of capital.
RISK_WEIGHT = 50.0


def loan_rates(model) -> np.ndarray:
    """Quarterly lending rate of every firm: policy rate + spread + its class's premium."""
    bank = model.cfg.banking
    return (bank.policy_rate + bank.loan_spread + model.loan_premium.take(model.firms.size, axis=0)) / 4.0


def borrowing_rate(model) -> float:
    """Quarterly return firms require on robots: the hurdle rate, or the lending rate if higher."""
    bank = model.cfg.banking
    return max(model.cfg.production.hurdle_rate, bank.policy_rate + bank.loan_spread) / 4.0


def deposit_rate(model) -> float:
    """Quarterly deposit rate (never below zero)."""
    bank = model.cfg.banking
    return max(bank.policy_rate - bank.deposit_spread, 0.0) / 4.0


def bond_rate(model) -> float:
    """Quarterly rate on government bonds: the policy rate."""
    return model.cfg.banking.policy_rate / 4.0


def capital_ratio(model) -> float:
    """Bank equity per unit of loans (infinite with no loans)."""
    loans = float(model.firms.loans.sum())
    return model.balances.banks.equity / loans if loans > 0 else np.inf


def credit_line(model, rows, sales, price_k: float | None = None) -> np.ndarray:
    """Credit line of firms ``rows`` with nominal ``sales`` a quarter: unsecured on sales, secured on capital
    and on stock.

    ``credit_ratio`` quarters of sales plus ``loan_to_value`` of the capital the firm has installed, valued at
    the price of investment goods ``price_k`` (default: today's) as its collateral, both by size class, plus
    ``banking.inventory_advance`` of the book value of its finished-goods stock (working capital).
    """
    from model.investment import investment_price  # investment.py draws on headroom() here

    firms = model.firms
    size = firms.size[rows]
    price_k = investment_price(model) if price_k is None else price_k
    collateral = firms.capital[rows] * price_k
    stock = model.cfg.banking.inventory_advance * firms.inventory_value[rows]  # lending against stock
    return model.credit_ratio[size] * sales + model.loan_to_value[size] * collateral + stock


def set_credit_lines(model) -> None:
    """Each firm's credit line from its sales and collateral, cut where banks are short of capital."""
    firms, bank = model.firms, model.cfg.banking
    requirement = bank.capital_requirement
    ratio = capital_ratio(model)
    shortfall = 0.0 if requirement <= 0 else max(0.0, 1.0 - ratio / requirement)
    factor = np.clip(1.0 - shortfall * (1.0 + RISK_WEIGHT * model.loan_premium.take(firms.size, axis=0)), 0.0, 1.0)
    model.balances.banks.lending_factor = float(factor.mean()) if factor.size else 1.0
    sales = np.maximum(firms.price * firms.planned, 0.0)
    firms.credit = credit_line(model, slice(None), sales) * factor


def unused_line(model) -> np.ndarray:
    """The part of each firm's credit line it has not drawn."""
    firms = model.firms
    return np.maximum(firms.credit - firms.loans, 0.0)


def headroom(model) -> np.ndarray:
    """What each firm can still spend: deposits plus the unused part of its credit line."""
    return model.firms.cash + unused_line(model)


def pay_interest(model) -> None:
    """Firms pay interest on loans, banks on deposits, the government on bonds; banks book the difference."""
    firms, workers, b = model.firms, model.workers, model.balances
    firms.interest = loan_rates(model) * (firms.loans - firms.term_drawn)  # new term loans pay from next quarter
    firms.cash -= firms.interest
    received = float(firms.interest.sum())
    model.ledger.pay("loan_interest", FIRMS, BANKS, received)
    rate = deposit_rate(model)
    to_workers = rate * np.maximum(workers.deposits, 0.0)
    workers.deposits += to_workers
    workers.income += to_workers
    to_owners = rate * max(b.owners.deposits, 0.0)
    b.owners.deposits += to_owners
    b.owners.income += to_owners
    to_firms = rate * np.maximum(firms.cash, 0.0)
    firms.cash += to_firms
    paid_h, paid_f = float(to_workers.sum()) + to_owners, float(to_firms.sum())
    model.ledger.pay("deposit_interest", BANKS, HOUSEHOLDS, paid_h)
    model.ledger.pay("deposit_interest", BANKS, FIRMS, paid_f)
    on_bonds = bond_rate(model) * b.government.bonds
    government_pays(model, "bond_interest", BANKS, on_bonds)
    # foreign assets: what the rest of the world owes (negative deposits) pays the bond rate; its deposits earn it
    foreign = -bond_rate(model) * b.rest_of_world.deposits
    b.rest_of_world.deposits -= foreign
    model.ledger.pay("foreign_interest", REST_OF_WORLD, BANKS, foreign)
    b.banks.profit = received + on_bonds + foreign - paid_h - paid_f
    b.banks.equity += b.banks.profit


def pay_bank_dividends(model) -> None:
    """Banks pay a share of positive profit to their owners, but only out of equity above their target ratio.

    The target is the capital ratio banks start with (``banking.initial_capital_ratio``): below it they keep
    their profit to rebuild capital.
    """
    b, bank = model.balances, model.cfg.banking
    spare = max(b.banks.equity - bank.initial_capital_ratio * float(model.firms.loans.sum()), 0.0)
    dividends = min(bank.dividend_payout * max(b.banks.profit, 0.0), spare)
    b.banks.equity -= dividends
    b.owners.deposits += dividends
    b.owners.income += dividends
    model.ledger.pay("dividends", BANKS, HOUSEHOLDS, dividends)


def bail_out(model) -> None:
    """The government tops bank equity up to the capital requirement when losses push it below half of it."""
    bank, b = model.cfg.banking, model.balances
    loans = float(model.firms.loans.sum())
    required = bank.capital_requirement * loans
    if b.banks.equity < 0.5 * required:
        amount = required - b.banks.equity
        b.banks.equity += amount
        government_pays(model, "bail_out", BANKS, amount)
        model.fiscal.bail_outs += amount


def borrow_for_investment(model, spent: np.ndarray) -> None:
    """Firms borrow ``investment_loan_share`` of what they paid for investment goods, within their unused line.

    The loan is a term loan (an overdraft with ``loan_maturity`` 0); it pays interest and its first instalment
    from next quarter.
    """
    share = model.cfg.banking.investment_loan_share
    if share <= 0:
        return
    firms = model.firms
    loan = np.minimum(share * spent, unused_line(model))
    firms.loans += loan
    firms.cash += loan
    if model.cfg.banking.loan_maturity > 0:
        firms.term_loans += loan
        firms.term_drawn += loan


def overdraft(model) -> np.ndarray:
    """Each firm's overdraft: its loans that are not term loans."""
    return model.firms.loans - model.firms.term_loans


def repay(model, amount: np.ndarray, term: bool) -> None:
    """Firms repay ``amount`` of their term loans (``term``) or their overdraft out of deposits."""
    firms = model.firms
    firms.loans -= amount
    firms.cash -= amount
    if term:
        firms.term_loans -= amount


def spare_cash(model, costs: np.ndarray) -> np.ndarray:
    """Deposits above each firm's buffer of ``cash_buffer`` quarters of costs."""
    return np.maximum(model.firms.cash - model.cfg.banking.cash_buffer * np.maximum(costs, 0.0), 0.0)


def service_debt(model, costs: np.ndarray) -> None:
    """Firms whose deposits went negative draw an overdraft; every firm pays the instalment due on its term
    loans (``1/M`` of those older than this quarter, what deposits cannot pay rolls over), then repays its
    overdraft out of deposits above its buffer."""
    firms = model.firms
    short = firms.cash < 0
    firms.loans[short] -= firms.cash[short]
    firms.cash[short] = 0.0
    maturity = model.cfg.banking.loan_maturity
    if maturity > 0:
        due = (firms.term_loans - firms.term_drawn) / maturity
        repay(model, np.minimum(due, firms.cash), term=True)
    firms.term_drawn[:] = 0.0
    repay(model, np.minimum(spare_cash(model, costs), overdraft(model)), term=False)


def write_off(model, rows: np.ndarray) -> None:
    """Exiting firms repay what they can from deposits; banks write off the rest; owners get any cash left."""
    firms, b = model.firms, model.balances
    loans, cash = firms.loans[rows], firms.cash[rows]
    repaid = np.minimum(loans, cash)
    lost = float((loans - repaid).sum())
    left = float((cash - repaid).sum())
    firms.loans[rows] = 0.0
    firms.term_loans[rows] = 0.0
    firms.term_drawn[rows] = 0.0
    firms.cash[rows] = 0.0
    b.banks.equity -= lost
    model.ledger.pay("loan_write_off", BANKS, FIRMS, lost)
    b.owners.deposits += left
    model.ledger.pay("equity", FIRMS, HOUSEHOLDS, left)

