"""Rule 8: income and demand.

Wages, gig earnings and transfers (less income tax) become household income;
part of it is consumed, the rest saved. Consumption shifts toward services as
real income grows (income elasticities); autonomous demand (investment,
exports, government) grows at a trend. Firms price at a markup over unit cost,
and market shares move toward firms with lower prices (the 'allocation'
engine: factors flow to productive firms). Real sector demand, split by market
share, is next quarter's planned output.
"""

from __future__ import annotations

import numpy as np

from model.frontier import quarterly
from model.metrics import firm_emissions
from model.numerics import dot
from model.state import UNEMPLOYED


def settle_incomes(model) -> None:
    """Benefits, taxes and the levers' income hooks; sets each worker's income."""
    workers, cfg = model.workers, model.cfg
    unemployed = workers.status == UNEMPLOYED
    workers.earnings[unemployed] = 0.0
    workers.transfers[unemployed] += model.benefit
    model.fiscal.pay_benefits(float(unemployed.sum() * model.benefit))
    tax = cfg.demand.income_tax * workers.earnings
    model.fiscal.collect_tax(float(tax.sum()))
    workers.income = workers.earnings + workers.transfers - tax
    for lever in model.active_levers:
        lever.settle_income(model)


def firm_accounts(model) -> np.ndarray:
    """Profit of every firm this quarter; updates cash, credit and loss streaks."""
    firms, cfg = model.firms, model.cfg
    revenue = firms.price * firms.output
    capital_cost = cfg.production.capital_cost * (firms.capital + model.robot_price * firms.robots)
    running = np.zeros(firms.n)
    compute = model.compute_cost * model.region_compute[firms.region] * model.effects.compute_cost_factor[firms.region]
    for t, params in enumerate(model.tech_params):
        factor = compute if t == 2 else 1.0
        running += (firms.stage[:, t] > 0) * params.running_cost * factor * revenue
    voucher = model.effects.share_cost(model.fiscal, "compute", "ai", firms.size, firms.region,
                                       (firms.stage[:, 2] > 0) * model.tech_params[2].running_cost * compute * revenue)
    running -= voucher
    # carbon price on compute emissions (a negative share: a charge booked as the lever's revenue)
    running -= model.effects.share_cost(model.fiscal, "carbon", "ai", firms.size, firms.region, firm_emissions(model))
    fees = getattr(model, "platform_fees", 0.0)
    # adoptions paid as a subscription (cloud onboarding): one fee a quarter until paid off
    paying = firms.fee_left > 0
    running += np.where(paying, firms.fee, 0.0)
    firms.fee_left[paying] -= 1
    firms.fee[firms.fee_left == 0] = 0.0
    firms.profit = revenue - firms.wage_bill - capital_cost - running - fees
    dividends = cfg.demand.dividend_payout * np.maximum(firms.profit, 0.0)
    firms.cash += firms.profit - dividends
    firms.credit = model.credit_ratio[firms.size] * revenue
    firms.losses = np.where(firms.profit < 0, firms.losses + 1, 0)
    model.costs = revenue - firms.profit
    return dividends


def set_prices_and_shares(model) -> None:
    """Markup pricing on unit cost, then market shares follow price competitiveness."""
    firms, cfg = model.firms, model.cfg
    # firms with negligible output (entrants still hiring) keep their price: their unit cost says little
    producing = firms.output > 0.05 * firms.planned
    unit_cost = np.divide(model.costs, firms.output, out=firms.price.copy(), where=producing)
    # demand-pull: firms facing more demand than they can produce raise their markup, and cut it when idle
    pressure = np.clip(np.divide(firms.planned, model.capacity, out=np.ones(firms.n), where=model.capacity > 1e-9)
                       - 1.0, -0.5, 1.0)
    target = (1.0 + cfg.production.markup) * np.maximum(unit_cost, 1e-9) * (1.0 + cfg.demand.price_pressure * pressure)
    sticky = np.clip(0.5 * firms.price + 0.5 * target, 0.85 * firms.price, 1.15 * firms.price)
    firms.price = np.where(producing, sticky, firms.price)
    sector_price = sector_mean(model, firms.price, firms.share)
    fill = np.divide(firms.output, firms.planned, out=np.ones(firms.n), where=firms.planned > 1e-9)
    fill = np.where(firms.age < 2, 1.0, fill)  # entrants are still hiring: no penalty yet
    relative = firms.price / sector_price[firms.sector]
    factor = np.clip(1.0 + cfg.demand.share_adjustment * (1.0 - relative), 0.5, 1.5) * np.clip(fill, 0.5, 1.0) ** 0.5
    firms.share = normalise_shares(model, np.maximum(firms.share * factor, 1e-12))
    model.sector_price = sector_mean(model, firms.price, firms.share)


def sector_mean(model, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of ``values`` in every sector."""
    sector = model.firms.sector
    total = np.bincount(sector, weights=weights, minlength=model.n_sectors)
    out = np.bincount(sector, weights=values * weights, minlength=model.n_sectors)
    return np.divide(out, total, out=np.ones(model.n_sectors), where=total > 0)


def normalise_shares(model, shares: np.ndarray) -> np.ndarray:
    """Rescale so market shares sum to one within every sector."""
    total = np.bincount(model.firms.sector, weights=shares, minlength=model.n_sectors)
    return shares / np.where(total > 0, total, 1.0)[model.firms.sector]


def invest_capital(model) -> float:
    """Firms move capital toward their target capital-output ratio; returns spending."""
    firms, prod = model.firms, model.cfg.production
    target = prod.capital_output * firms.planned
    change = 0.1 * (target - firms.capital)
    firms.capital = np.maximum(firms.capital + change, 1e-6)
    spend = np.maximum(change, 0.0)
    firms.cash -= spend
    return float(spend.sum())


def employee_productivity(model) -> float:
    """Real firm output per employee (not moved by gig work or unemployment composition)."""
    firms = model.firms
    staff = float(firms.headcount.sum())
    return dot(firms.output, model.sector_price0[firms.sector]) / max(staff, 1.0)


def update_productivity_trend(model) -> None:
    """Slow moving average of quarterly productivity growth: what wages are indexed to."""
    productivity = employee_productivity(model)
    growth = float(np.clip(np.log(max(productivity, 1e-12) / max(model.last_productivity, 1e-12)), -0.05, 0.05))
    model.productivity_growth = 0.8 * model.productivity_growth + 0.2 * growth
    model.last_productivity = productivity


def settle_demand(model) -> None:
    """Rule 8: incomes, consumption, prices, market shares and next quarter's demand."""
    firms, workers, cfg = model.firms, model.workers, model.cfg
    settle_incomes(model)
    dividends = firm_accounts(model)
    set_prices_and_shares(model)
    capital_spend = invest_capital(model)
    household = float(workers.income.sum() + dividends.sum())
    model.consumption = cfg.demand.propensity_to_consume * household
    price_level = dot(model.sector_price, model.cons_shares0)
    model.inflation = float(np.log(price_level / model.price_level))
    model.price_level = price_level
    real_income = household / price_level / workers.n
    ratio = max(real_income / model.real_income0, 1e-6)
    shares = model.cons_shares0 * ratio ** (model.income_elasticity - 1.0)
    model.cons_shares = shares / shares.sum()
    # autonomous demand (investment, exports, government) grows in nominal terms at its real trend plus the
    # inflation target: inflation above target erodes it in real terms, which closes excess demand
    model.autonomous *= (1.0 + quarterly(cfg.demand.autonomous_growth)) * (1.0 + quarterly(cfg.demand.inflation_target))
    # autonomous demand already stands for routine investment (adding capital spending again would double
    # count it and make an explosive accelerator); the digital investment wave adds to it
    investment = model.flows["adoption_investment"] + model.flows["robot_investment"]
    model.flows["capital_investment"] += capital_spend
    firm_consumption = model.consumption * (1.0 - model.gig_spending_share * model.reach)
    nominal = model.cons_shares * firm_consumption + model.aut_shares * (model.autonomous + investment)
    model.sector_demand = nominal / model.sector_price
    firms.planned = firms.share * model.sector_demand[firms.sector]
    model.services_price = float(model.sector_price[model.services_sector])
    model.benefit = cfg.labour.unemployment_benefit * float(model.wage[:, 0].mean())
    update_productivity_trend(model)
