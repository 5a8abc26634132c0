"""Digital services: the running services of data, robots and AI, produced by the services sector's firms.

A firm that uses a technology buys its running services every quarter (licences, upkeep, cloud and compute)
from the digital producers, the software, cloud and IT-services firms of the services sector, who hire their
staff in the same labour market as everyone else. The order of firm ``i`` is

    S_i = sum_t 1[uses t] c_t kappa_t p_i Y_i + B_i

with ``c_t`` the technology's ``running_cost`` (a share of the value of the output it helped produce),
``kappa_t`` 1 for data and robots and, for AI, the firm's cost of compute (the frontier's falling compute
cost times its region's factor times any policy's), and ``B_i`` the compute of the routine cognitive tasks
an own AI system did (:func:`model.production.ai_compute_bill`; a renter's compute is in its platform's fee).

These are intermediate inputs, not final demand: the goods market
(:func:`model.goods_market.clear_goods_market`) sells them by the services firms' market shares with every
other order; what home firms cannot deliver this quarter is imported (the technology runs either way), so the
buyer always pays ``S_i``. GDP counts them once: real GDP is real sales less the real digital services firms
bought (:meth:`model.economy.EconomyModel.real_gdp`), and nominal GDP by expenditure does not contain them
(the imported part is an import). A compute voucher pays part of AI's share of the order
(:func:`model.distribution.pay_running_costs`).
"""

from __future__ import annotations

import numpy as np

from model.production import ai_compute_bill


def running_services(model) -> np.ndarray:
    """Each firm's running services this quarter by technology [F, 3] (money): data, robots, AI (with its
    compute bill), on the value of this quarter's output at the firm's price."""
    firms, eff = model.firms, model.effects
    value = firms.price * np.maximum(firms.output, 0.0)
    compute = model.compute_cost * model.region_compute[firms.region] * eff.compute_cost_factor[firms.region]
    by_tech = np.empty((firms.n, 3))
    for t, params in enumerate(model.tech_params):
        by_tech[:, t] = (firms.stage[:, t] > 0) * params.running_cost * value * (compute if t == 2 else 1.0)
    by_tech[:, 2] += ai_compute_bill(model)
    return by_tech


def order_digital_services(model) -> None:
    """Firms order this quarter's running services of the technologies they use (``firms.digital``, money)
    and note AI's part of it (``firms.digital_ai``: what a compute voucher can pay)."""
    by_tech = running_services(model)
    model.firms.digital = by_tech.sum(axis=1)
    model.firms.digital_ai = by_tech[:, 2]


def real_digital_services(model, nominal: np.ndarray | float) -> np.ndarray | float:
    """Digital services at the services sector's base-year price: ``nominal`` deflated by the unit value of
    what the services sector sold this quarter (home and imported digital services priced alike)."""
    firms, s = model.firms, model.services_sector
    in_sector = firms.sector == s
    units = float(firms.sales[in_sector].sum())
    unit_value = float(firms.revenue[in_sector].sum()) / units if units > 0 else float(model.sector_price[s])
    return nominal * model.sector_price0[s] / max(unit_value, 1e-12)
