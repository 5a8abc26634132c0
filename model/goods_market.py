"""The goods market: households, the government, foreign buyers and investing firms buy firms' output.

Nominal demand for sector ``s`` this quarter is

    D_s = (1 - m) c_s C + g_s G + x_s X + v_s (I - M_I) + r_s (RD + S),   M_I = m (I - R) + m_R R

with household goods spending ``C`` (planned spending less gig services), the
government's consumption ``G`` (its exogenous real path times the price level
plus the levers' programmes), exports ``X`` (foreign demand growing at
``trade.export_growth``, times ``(P / P_w)^-e``: dearer than the world, fewer
exports; world prices grow at the inflation target)
and the investment goods firms ordered ``I``, of which ``R`` robots, plus the
research services ``RD`` they ordered from the services sector (R&D,
:mod:`model.innovation`; investment in national accounts) and the running
services ``S`` of their data, robots and AI (:mod:`model.digital_services`; intermediate
inputs, what the home services firms cannot deliver is imported); ``m`` is
``trade.import_share``, ``m_R`` ``trade.robot_import_share`` (robots are largely
imported), ``r`` is 1 for services and 0 elsewhere, and ``c, g, x, v`` are the sectors' shares of each
kind of spending. A firm faces the part of its sector's demand given by its
market share and sells at most what it has: this quarter's output and the
stock it carried in (``N_i``, :mod:`model.inventories`; firms of sectors that
keep no stock lose what they do not sell):

    sold_i = min(share_i D_s / p_i, Y_i + N_i)

A buyer a firm turned away tries the other firms of the sector that still have
goods, up to ``demand.search_rounds`` times: in each round the value ``U_s``
not yet served in sector ``s`` goes to its firms with goods left, in
proportion to their market shares, each selling at its own price and at most
what it has left (:func:`serve_turned_away`):

    sold_i += min(U_s share_i / sum_{j open} share_j / p_i, Y_i + N_i - sold_i)   (i open: Y_i + N_i > sold_i)

A firm's orders (``firms.planned``, next quarter's plan, and the delivery
that moves its market share) stay those of its own buyers.

Every buyer pays only for what it gets: sector ``s`` fills a share
``f_s = sum_i p_i sold_i / D_s`` of each buyer's order, and what is not
delivered stays in the buyer's deposits.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, REST_OF_WORLD
from model.banking import borrow_for_investment
from model.digital_services import record_sector_accounts
from model.errors import EconomyCollapse
from model.government import government_pays, subsidise_firms
from model.guards import MORE
from model.households import goods_budget, spend
from model.innovation import research_support
from model.inventories import keep_unsold, offered
from model.investment import install_capital
from model.numerics import dot


def clear_goods_market(model) -> None:
    """Sell this quarter's output to every buyer; record every payment; set next quarter's planned output."""
    firms, b, cfg = model.firms, model.balances, model.cfg
    m = cfg.trade.import_share
    households = goods_budget(model)
    government = b.government.real_consumption * model.price_level / model.price_level0 + model.fiscal.purchases
    exports = foreign_demand(model) * model.price_level / model.price_level0
    investment = float(firms.order.sum())
    research = float(firms.rd_order.sum())
    digital = float(firms.digital.sum())
    robots = model.flows["robot_investment"]  # robots are imported at their own share
    imported_i = m * (investment - robots) + cfg.trade.robot_import_share * robots
    by_kind = {
        "consumption": (1 - m) * households * model.cons_shares,
        "government_consumption": government * model.public_shares,
        "exports": exports * model.export_shares,
        "investment": (investment - imported_i) * model.investment_weights,
        "research": research * model.services_weights,
        "digital_services": digital * model.services_weights,
    }
    for kind, amounts in by_kind.items():  # a buyer with a negative order would sell, not buy: not an economy
        if (amounts < 0).any():
            raise EconomyCollapse(f"step {model.steps} ({model.period}): the economy collapsed: {kind} demand in the "
                                  f"goods market is negative ({float(amounts.min()):.3g}); {MORE}", model.steps, kind)
    demand = sum(by_kind.values())
    sector = firms.sector
    price = np.maximum(firms.price, 1e-12)
    wanted = firms.share * demand[sector] / price
    stock = offered(model)  # this quarter's output and the stock carried in (model/inventories.py)
    firms.sales = serve_turned_away(np.minimum(wanted, stock), wanted, stock, firms.share, sector, price,
                                    cfg.demand.search_rounds)
    keep_unsold(model, stock)
    firms.revenue = price * firms.sales
    sold = np.bincount(sector, weights=firms.revenue, minlength=model.n_sectors)
    fill = np.divide(sold, demand, out=np.zeros(model.n_sectors), where=demand > 0)
    firms.cash += firms.revenue
    # each buyer pays for what it got
    paid = {kind: dot(amounts, fill) for kind, amounts in by_kind.items()}
    spend(model, paid["consumption"], "consumption", FIRMS)
    government_pays(model, "government_consumption", FIRMS, paid["government_consumption"])
    b.rest_of_world.deposits -= paid["exports"]
    model.ledger.pay("exports", REST_OF_WORLD, FIRMS, paid["exports"])
    # imported investment goods always arrive; home-made ones as far as their sellers could deliver
    delivered = (imported_i + paid["investment"]) / investment if investment > 0 else 1.0
    spent = firms.order * delivered
    firms.cash -= spent
    borrow_for_investment(model, spent)
    model.ledger.pay("investment", FIRMS, FIRMS, paid["investment"])
    install_capital(model, delivered)
    # R&D services as far as the services sector could deliver them (innovation.py)
    bought = paid["research"] / research if research > 0 else 0.0
    firms.rd = firms.rd_order * bought
    firms.cash -= firms.rd
    model.ledger.pay("research", FIRMS, FIRMS, paid["research"])
    firms.rd_support = research_support(model, firms.rd)
    subsidise_firms(model, np.arange(firms.n), firms.rd_support)
    # digital services: from home services firms as far as they could deliver, the rest imported
    firms.cash -= firms.digital
    model.ledger.pay("digital_services", FIRMS, FIRMS, paid["digital_services"])
    imported_d = digital - paid["digital_services"]
    # imports: the import share of household and investment spending, always delivered
    imported_h = m * households
    spend(model, imported_h, "imports", REST_OF_WORLD)
    b.rest_of_world.deposits += imported_h + imported_i + imported_d
    model.ledger.pay("imports", FIRMS, REST_OF_WORLD, imported_i + imported_d)
    q = model.quarter
    q["consumption"] = paid["consumption"] + imported_h + model.gig_spending
    q["government_consumption"] = paid["government_consumption"]
    q["exports"] = paid["exports"]
    q["imports"] = imported_h + imported_i + imported_d
    q["digital_services"] = digital
    q["investment"] = float(firms.order.sum()) * delivered + paid["research"]  # R&D is investment (SNA 2008)
    q["research"] = paid["research"]
    q["unmet_demand"] = float(demand.sum() - sold.sum())
    q["goods_demand"] = float(demand.sum())
    firms.planned = wanted
    model.sector_demand = demand / np.maximum(model.sector_price, 1e-12)
    record_sector_accounts(model)


def serve_turned_away(sales: np.ndarray, wanted: np.ndarray, stock: np.ndarray, share: np.ndarray,
                      sector: np.ndarray, price: np.ndarray, rounds: int) -> np.ndarray:
    """Sales after the buyers each firm turned away have tried the sector's other firms ``rounds`` times.

    Args:
        sales: Units each firm sold to its own buyers, at most ``stock``.
        wanted: Units its own buyers ordered.
        stock: Units it has this quarter.
        share: Its market share in its sector.
        sector: Its sector's index.
        price: Its price.
        rounds: How many times a turned-away buyer tries again.

    Returns:
        Units sold, own buyers and others', at most ``stock``.
    """
    sectors = int(sector.max()) + 1 if sector.size else 0
    unserved = np.bincount(sector, weights=(wanted - sales) * price, minlength=sectors)
    for _ in range(rounds):
        spare = stock - sales
        weight = np.where(spare > 0, share, 0.0)
        total = np.bincount(sector, weights=weight, minlength=sectors)
        reach = np.divide(unserved, total, out=np.zeros(sectors), where=total > 0)
        extra = np.minimum(reach[sector] * weight / price, spare)
        sales = sales + extra
        unserved = np.maximum(unserved - np.bincount(sector, weights=extra * price, minlength=sectors), 0.0)
    return sales


def foreign_demand(model) -> float:
    """Real exports: foreign demand at its trend, lower when our prices rise faster than world prices."""
    row = model.balances.rest_of_world
    relative = model.price_level / model.price_level0 / row.world_price
    return row.real_exports * relative ** -model.cfg.trade.export_price_elasticity
