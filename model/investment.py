"""Investment: firms order machines toward a target capital stock, financed by deposits, then credit.

Capital depreciates at ``production.capital_depreciation`` a quarter. A firm
orders the replacement of what wore out plus ``capital_adjustment`` of the
gap to its target stock ``capital_output`` x the demand it expects over the
life of the capital, which follows the demand it meets at
``production.demand_expectation`` a quarter (capital is not bought for one
quarter's orders):

    E_i <- E_i + e (Y_i^plan - E_i)
    I_i = max(0, delta K_i + a (k E_i - K_i)) x m_i / (n_i p)

where the last factor makes investment lumpy if ``p`` =
``production.investment_frequency`` is below 1: a firm's ``n_i`` projects
(one per ``production.project_staff`` producing staff) each get an
investment opportunity with chance ``p`` a quarter, ``m_i`` of them this
quarter (opportunities arrive at random, as in Kiyotaki and Moore 2019: a
constant-hazard, Calvo-type adjustment), and those that do order ``1 / p``
quarters' worth. With ``p`` 1 (the default) every firm invests every
quarter. Orders are at the price of investment goods, but never more than
its deposits plus the unused part of its credit line (:func:`model.banking.headroom`). Robots and
AI/data systems ordered by the adoption rule join the same order
(``firms.order``); the goods market delivers it (:mod:`model.goods_market`).
"""

from __future__ import annotations

import numpy as np

from model.banking import headroom
from model.numerics import dot


def investment_price(model) -> float:
    """Price of investment goods: the sector prices weighted by where investment goods are bought."""
    return dot(model.sector_price, model.investment_weights)


def investment_opportunities(model) -> np.ndarray:
    """The share of each firm's projects that have an investment opportunity this quarter, over its mean.

    A firm has ``1 + floor(staff / production.project_staff)`` projects (one with ``project_staff`` 0); each
    has an opportunity with chance ``p`` = ``production.investment_frequency`` a quarter, independently
    (Kiyotaki and Moore 2019). A firm of ``n`` projects of which ``m`` have one orders ``m / (n p)`` times its
    smooth order: the same in expectation before the financing cap (a lumpy order hits it more often), lumpy
    for a small firm, smooth for a large one.
    """
    firms, prod = model.firms, model.cfg.production
    p = prod.investment_frequency
    if p >= 1.0:
        return np.ones(firms.n)
    projects = np.ones(firms.n, np.int64)
    if prod.project_staff > 0:
        projects += (firms.producing_staff // prod.project_staff).astype(np.int64)
    return model.stream("investment").binomial(projects, p) / (projects * p)


def order_capital(model) -> None:
    """Every firm's capital order for this quarter, within what it can finance."""
    firms, prod = model.firms, model.cfg.production
    firms.expected += prod.demand_expectation * (firms.planned - firms.expected)
    wanted = np.maximum(prod.capital_depreciation * firms.capital
                        + prod.capital_adjustment * (prod.capital_output * firms.expected - firms.capital), 0.0)
    wanted = wanted * investment_opportunities(model)
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
