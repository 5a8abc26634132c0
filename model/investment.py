"""Investment: firms order machines toward a target capital stock, financed by deposits, then credit.

Capital depreciates at ``production.capital_depreciation`` a quarter. A firm
orders the replacement of what wore out plus ``capital_adjustment`` of the
gap to its target stock ``capital_output`` x the demand it expects over the
life of the capital, which follows the demand it meets at
``production.demand_expectation`` a quarter (capital is not bought for one
quarter's orders):

    E_i <- E_i + e (Y_i^plan - E_i)
    I_i = max(0, delta K_i + a (k E_i - K_i))

at the price of investment goods, but never more than its deposits plus the
unused part of its credit line (:func:`model.banking.headroom`). Robots and
AI/data systems ordered by the adoption rule join the same order
(``firms.order``); the goods market delivers it (:mod:`model.goods_market`).
"""

from __future__ import annotations

import numpy as np

from model.banking import headroom


def investment_price(model) -> float:
    """Price of investment goods: the sector prices weighted by where investment goods are bought."""
    return float(model.sector_price @ model.investment_weights)


def order_capital(model) -> None:
    """Every firm's capital order for this quarter, within what it can finance."""
    firms, prod = model.firms, model.cfg.production
    firms.expected += prod.demand_expectation * (firms.planned - firms.expected)
    wanted = np.maximum(prod.capital_depreciation * firms.capital
                        + prod.capital_adjustment * (prod.capital_output * firms.expected - firms.capital), 0.0)
    price = investment_price(model)
    room = np.maximum(headroom(model) - firms.order - firms.rd_order, 0.0)
    affordable = np.minimum(wanted, room / max(price, 1e-12))
    firms.capital_order = affordable
    firms.order += affordable * price


def install_capital(model, delivered: np.ndarray) -> None:
    """Capital wears out; the delivered share of each firm's order is installed."""
    firms, prod = model.firms, model.cfg.production
    firms.invested = firms.capital_order * delivered
    firms.capital = firms.capital * (1.0 - prod.capital_depreciation) + firms.invested
