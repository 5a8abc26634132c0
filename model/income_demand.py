"""Rule 8: incomes, demand, profits and prices, every payment recorded in the books.

Firms pay wages; the government pays benefits and transfers and taxes
incomes (:mod:`model.government`); firms order capital
(:mod:`model.investment`); households, the government, foreign buyers and
investing firms buy output, and firms the running services of their digital
technology (:mod:`model.goods_market`, :mod:`model.digital_services`); firms pay cloud
fees, interest, profit tax and dividends (:mod:`model.distribution`,
:mod:`model.banking`) and borrow or repay. Then firms price at a markup over
unit cost with demand pressure, buyers choose again among the firms' varieties
by quality-adjusted price (:mod:`model.market_shares`), and
consumption shifts toward services as real income grows (income
elasticities). The demand a firm met is its planned output next quarter.
"""

from __future__ import annotations

import numpy as np

from model.banking import pay_bank_dividends, service_debt, pay_interest, set_credit_lines
from model.digital_services import order_digital_services
from model.distribution import book_profits, pay_dividends, pay_platform_dividends, pay_running_costs, pay_wage_bill
from model.goods_market import clear_goods_market
from model.government import settle_government
from model.households import update_expectations
from model.innovation import order_research
from model.investment import order_capital
from model.numerics import dot, row_sum
from model.inventories import carried_in, production_target
from model.market_shares import price_index, quality_adjusted_prices, update_shares


def set_prices_and_shares(model) -> None:
    """Markup pricing on unit cost, then market shares follow price competitiveness."""
    firms, cfg = model.firms, model.cfg
    # firms with negligible output (entrants still hiring) keep their price: their unit cost says little
    producing = firms.output > 0.05 * firms.planned
    # unit cost: the wages of the staff who produced this quarter's output (not of this quarter's new hires)
    # and the other costs, per unit produced
    staff = row_sum(firms.headcount)
    ok = producing & (staff > 0) & (firms.producing_staff > 0) & (model.capacity > 1e-12)
    labour = np.divide(firms.wage_bill * firms.producing_staff, staff * firms.output, out=np.zeros(firms.n),
                       where=ok)
    other = np.divide(model.costs - firms.wage_bill, firms.output, out=np.zeros(firms.n), where=ok)
    unit_cost = np.where(ok, labour + other, firms.price / (1.0 + cfg.production.markup))
    # demand-pull: firms facing more demand than they can produce raise their markup, and cut it when idle
    # (what it plans to make: orders and the gap to its target stock; a firm with stock to spare cuts its markup)
    pressure = np.clip(np.divide(production_target(model), model.capacity, out=np.ones(firms.n),
                                 where=model.capacity > 1e-9) - 1.0, -0.5, 1.0)
    target = (1.0 + cfg.production.markup) * np.maximum(unit_cost, 1e-9) * np.exp(cfg.demand.price_pressure * pressure)
    sticky = 0.5 * firms.price + 0.5 * target  # prices close half the gap to their target each quarter
    firms.price = np.where(producing, sticky, firms.price)
    fill = np.divide(firms.output + carried_in(model), firms.planned, out=np.ones(firms.n), where=firms.planned > 1e-9)
    fill = np.where(firms.age < 2, 1.0, fill)  # entrants are still hiring: no penalty yet
    # buyers weigh price against quality (model/quality.py) and choose again gradually (model/market_shares.py)
    firms.share = update_shares(model, quality_adjusted_prices(model), fill)
    model.sector_price = price_index(model)


def consumer_price_level(model) -> float:
    """Sector prices weighted by the starting consumption basket."""
    return dot(model.sector_price, model.cons_shares0)


def employee_productivity(model) -> float:
    """Real firm output per employee (not moved by gig work or unemployment composition)."""
    firms = model.firms
    staff = float(firms.headcount.sum())
    return dot(firms.output, model.sector_price0.take(firms.sector, axis=0)) / max(staff, 1.0)


def update_productivity_trend(model) -> None:
    """Slow moving average of quarterly productivity growth: what wages are indexed to.

    Growth is measured between quarters the economy produced: the constructed start (``last_productivity``
    None) has no previous quarter, so the first quarter only records its level. Nothing bounds it (it was
    clipped to +-5% a quarter, which bound once: the first burn-in quarter against the constructed start,
    -12% in the baseline).
    """
    productivity = employee_productivity(model)
    if model.last_productivity is None:
        model.last_productivity = productivity
        return
    growth = float(np.log(max(productivity, 1e-12) / max(model.last_productivity, 1e-12)))
    model.productivity_growth = 0.8 * model.productivity_growth + 0.2 * growth
    model.last_productivity = productivity


def settle_demand(model) -> None:
    """Rule 8: incomes, taxes and transfers, investment, the goods market, interest, profits, prices and plans."""
    workers, cfg = model.workers, model.cfg
    order_research(model)  # a share of last quarter's revenue, first call on the firm's means
    order_capital(model)  # planned on the quarter's opening deposits and credit, before wages fall due
    pay_wage_bill(model)
    settle_government(model)
    order_digital_services(model)  # the running services of this quarter's output
    clear_goods_market(model)
    pay_running_costs(model)
    pay_interest(model)
    costs = book_profits(model)
    service_debt(model, costs)  # overdrafts, instalments: before dividends
    pay_dividends(model, costs)
    pay_bank_dividends(model)
    pay_platform_dividends(model)
    model.costs = costs
    set_prices_and_shares(model)
    price_level = consumer_price_level(model)
    model.inflation = float(np.log(price_level / model.price_level))
    model.price_level = price_level
    real_income = float(workers.income.sum()) / price_level / workers.n
    ratio = max(real_income / model.real_income0, 1e-6)
    shares = model.cons_shares0 * ratio ** (model.income_elasticity - 1.0)
    model.cons_shares = shares / shares.sum()
    model.services_price = float(model.sector_price[model.services_sector])
    model.benefit = cfg.labour.unemployment_benefit * float(model.wage[:, 0].mean())
    update_expectations(model)
    set_credit_lines(model)
    update_productivity_trend(model)
