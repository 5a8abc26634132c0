"""The starting balance sheets: stocks and flows of a consistent start, and the demand that buys its output.

Called once at the end of :func:`model.initialise.init_economy` (:func:`init_balances`), when firms' output,
prices and wages are set: households hold the deposits at which their saving keeps pace with income
(:func:`steady_deposits`), firms their deposit buffer and the drawn part of their credit lines, banks their
equity and the government the bonds the balance sheet then requires; government consumption, investment
(:func:`robot_and_adoption_orders` for the robots) and exports buy the first quarter's output, and households
take what is left of each sector's sales (:func:`balance_start_demand`), so every sector starts in balance.
"""

from __future__ import annotations

import numpy as np

from model.banking import credit_line, loan_rates
from model.digital_services import order_digital_services, record_sector_accounts
from model.errors import EconomyCollapse
from model.frontier import quarterly
from model.government import pension_payments
from model.income_demand import consumer_price_level
from model.investment import investment_price
from model.market_shares import price_index
from model.platforms import run_gig_platforms
from model.state import EMPLOYED, GIG


#: Households' spending out of wealth plus nominal trend growth, a quarter, below which no stationary deposits exist.
MIN_WEALTH_PULL = 1e-3


def steady_deposits(income: np.ndarray | float, propensity: float, model) -> np.ndarray | float:
    """Deposits at which saving out of ``income`` just keeps them growing with nominal income.

    With C = c_y y + c_w D, saving y - C equals g D when D = (1 - c_y) y / (g + c_w).
    """
    cfg = model.cfg
    growth = quarterly(cfg.government.consumption_growth) + quarterly(cfg.demand.inflation_target)
    pull = growth + cfg.households.propensity_wealth
    if pull < MIN_WEALTH_PULL:  # no stationary deposits: they would grow without bound against income
        raise EconomyCollapse(
            f"step 0 ({cfg.start}): the economy cannot start, before the burn-in: households' deposits have no "
            f"stationary level (nominal trend growth {growth:.3g} a quarter plus households.propensity_wealth "
            f"{cfg.households.propensity_wealth:.3g} is {pull:.3g}, below {MIN_WEALTH_PULL:g}: saving would pile "
            f"up deposits of more than {1 / MIN_WEALTH_PULL:.0f} quarters of income); raise "
            "households.propensity_wealth, government.consumption_growth or demand.inflation_target", 0,
            "deposits")
    return (1.0 - propensity) * np.maximum(income, 0.0) / pull


def init_balances(model) -> None:
    """Stocks and flows of a consistent start: deposits, loans, bonds, bank equity, and demand that buys output.

    Households hold the deposits at which their saving keeps pace with income
    (:func:`steady_deposits`); firms hold ``banking.cash_buffer`` quarters of
    sales in deposits and owe the drawn part of their credit lines; bank equity is ``initial_capital_ratio``
    of loans; government bonds are what the balance sheet then requires
    (loans + bonds = deposits + bank equity). Government consumption is
    ``consumption_share`` of GDP, investment replaces depreciation, and
    exports are the rest of the demand that buys the first quarter's output
    (net of the digital services firms buy from the services sector, an
    intermediate input); households' spending on each sector is what is left
    of that sector's sales, so every sector starts in balance.
    """
    cfg, firms, workers, b = model.cfg, model.firms, model.workers, model.balances
    hh, m = cfg.households, cfg.trade.import_share
    firms.revenue = firms.price * firms.output
    firms.sales = firms.output.copy()
    order_digital_services(model)  # the first quarter's running services, at the start's prices
    running = firms.digital
    digital = float(running.sum())  # intermediate: in sales, not in GDP
    model.sector_price = price_index(model)  # the same index every step uses
    model.sector_price0 = model.sector_price.copy()
    record_sector_accounts(model)
    model.services_price = model.services_price0 = float(model.sector_price[model.services_sector])
    firms.cash = cfg.banking.cash_buffer * firms.revenue  # cash_buffer quarters of sales
    firms.credit = credit_line(model, slice(None), firms.revenue)
    model.price_level0 = model.price_level
    # pensions: a share of the start's GDP, shared by earnings (government.pay_pensions)
    b.government.real_pensions = cfg.government.pensions_share * (float(firms.revenue.sum()) - digital
                                                                  + model.gig_gross0)  # of GDP
    # households' expected income (pensions included) and the deposits that go with it
    tax = cfg.demand.income_tax
    gig_net = cfg.gig.initial_earnings * float(model.wage[:, 0].mean())
    status = workers.status
    workers.expected_income = np.select(
        [status == EMPLOYED, status == GIG], [workers.earnings * (1 - tax), np.full(workers.n, gig_net * (1 - tax))],
        model.benefit) + pension_payments(model, b.government.real_pensions)
    workers.deposits = steady_deposits(workers.expected_income, hh.propensity_income, model)
    price_k = investment_price(model)
    depreciation = cfg.production.capital_depreciation * firms.capital * price_k
    interest = loan_rates(model) * firms.loans
    profit = firms.revenue - firms.wage_bill - running - interest - depreciation
    after_tax = np.maximum(profit, 0.0) * (1 - cfg.government.profit_tax)
    b.banks.equity = cfg.banking.initial_capital_ratio * float(firms.loans.sum())
    bank_profit = float(interest.sum())  # roughly: bonds and deposits pay about the same rate
    owners_income = (cfg.demand.dividend_payout * float(after_tax.sum()) + cfg.banking.dividend_payout * bank_profit
                     + model.gig_gross0 * cfg.gig.commission)
    b.owners.expected_income = owners_income
    b.owners.deposits = float(steady_deposits(owners_income, hh.owners_propensity_income, model))
    deposits = float(workers.deposits.sum()) + b.owners.deposits + float(firms.cash.sum())
    b.government.bonds = deposits + b.banks.equity - float(firms.loans.sum())
    # demand that buys the first quarter's output
    consumption = (hh.propensity_income * float(np.maximum(workers.expected_income, 0).sum())
                   + hh.owners_propensity_income * owners_income + hh.propensity_wealth * (deposits - float(firms.cash.sum())))
    model.consumption = consumption
    model.gig_spending_share = min(model.gig_gross0 / max(consumption * model.reach, 1e-12), 1.0)
    sales = np.bincount(firms.sector, weights=firms.revenue, minlength=model.n_sectors)
    gdp = float(sales.sum()) - digital + model.gig_gross0
    if not gdp > 0:  # demand that buys the output would be negative: no consistent start exists
        raise EconomyCollapse(
            f"step 0 ({cfg.start}): the economy cannot start, before the burn-in: the running services of firms' "
            f"digital technology ({digital:.3g} a quarter) are worth more than everything firms make "
            f"({float(sales.sum()):.3g}), so value added (GDP) would be {gdp:.3g}; lower technology.<tech>.running_cost "
            "or the regions' compute_cost", 0, "gdp")
    investment = float(depreciation.sum()) + robot_and_adoption_orders(model)
    goods = max(consumption - model.gig_gross0, 0.0)
    government = cfg.government.consumption_share * gdp
    exports = max(float(sales.sum()) - digital - (1 - m) * (goods + investment) - government, 0.0)
    household_part = balance_start_demand(model, sales, government=government, exports=exports,
                                          investment=investment, digital=digital)
    if household_part.sum() > 0:
        model.cons_shares0 = household_part / household_part.sum()
        model.cons_shares = model.cons_shares0.copy()
    model.price_level = model.price_level0 = model.price_base = consumer_price_level(model)
    b.government.real_consumption = government
    b.rest_of_world.real_exports = exports
    q = model.quarter  # the step-0 expenditure the start is built on (the metrics of step 0 read it)
    q["consumption"], q["investment"], q["government_consumption"] = consumption, investment, government
    q["exports"], q["imports"] = exports, m * (goods + investment)
    model.real_income0 = max(float(workers.expected_income.sum()) / model.price_level / workers.n, 1e-12)
    model.gdp_base = model.real_gdp()
    model.gig_spending = 0.0
    model.household_spent = 0.0
    if model.n_gig:  # gig workers' earnings and platforms' shares at the start (no money moves yet)
        saved = workers.deposits.copy(), b.owners.deposits, b.platform_deposits
        workers.consumption = hh.propensity_income * np.maximum(workers.expected_income, 0)
        b.owners.consumption = consumption - float(workers.consumption.sum())
        run_gig_platforms(model)
        workers.deposits, b.owners.deposits, b.platform_deposits = saved
        model.ledger.begin_step()
        model.household_spent = 0.0
    workers.income = workers.earnings + workers.transfers


def balance_start_demand(model, sales: np.ndarray, *, government: float, exports: float, investment: float,
                         digital: float) -> np.ndarray:
    """Households' part of each sector's sales at the start; sets the sectors' shares of exports and of
    government consumption.

    Each sector sells its output to the rest of the world, the government
    (both in the proportions of the sectors' output, ``public_shares``),
    investment, the digital services and households, who take what is left.
    Where the other buyers take more than a sector sells, exports take that
    much less from it and more from the other sectors, in proportion to
    households' part of them; then, if that is not enough, government
    consumption does the same. Totals are unchanged and every sector starts
    in balance. Where investment and the digital services alone take more of
    a sector than it sells (a tiny industry), households buy none of it and
    the rest stays unmet at the start: ``model.start_shortfall`` records it
    by sector, as a share of all sales; the goods market rations it and the
    burn-in absorbs it.

    Args:
        model: The model being initialised.
        sales: Each sector's sales at the start (value).
        government: Government consumption (value).
        exports: Exports (value).
        investment: Investment orders, imports included (value).
        digital: The digital running services firms order (value).

    Returns:
        Households' part of each sector's sales.
    """
    m, public = model.cfg.trade.import_share, model.public_shares
    part = (sales - (government + exports) * public - (1 - m) * investment * model.investment_weights
            - digital * model.services_weights)
    totals = {"exports": exports, "government": government}  # the buyers who take what the economy sells
    shares = {name: public.copy() for name in totals}
    for name, total in totals.items():
        basket = total * shares[name]
        short = np.minimum(np.maximum(-part, 0.0), basket)
        room = np.maximum(part + short, 0.0)  # the sectors it can buy more of (not the short ones)
        if short.sum() == 0 or room.sum() <= 0:
            continue
        moved = float(short.sum()) * room / float(room.sum())
        part = part + short - moved
        shares[name] = (basket - short + moved) / total
    model.export_shares, model.public_shares = shares["exports"], shares["government"]
    model.start_shortfall = np.maximum(-part, 0.0) / max(float(sales.sum()), 1e-300)
    return np.maximum(part, 0.0)


def robot_and_adoption_orders(model) -> float:
    """What firms spend on robots and new technology in a typical quarter at the start (replacement of robots)."""
    fr = model.cfg.frontier
    return float(model.firms.robots.sum()) * fr.robot_depreciation * model.robot_price
