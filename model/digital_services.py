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
bought (:meth:`model.economy.EconomyModel.real_gdp`, from :class:`SectorAccounts` recorded when the goods
market clears, so the firms that exit at the end of the quarter count), and nominal GDP by expenditure does not
contain them (the imported part is an import). A compute voucher pays part of AI's share of the order
(:func:`model.distribution.pay_running_costs`). The order is a share of the value of output, so the real input
per unit of real output moves with the firm's price relative to the services sector's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.compute_energy import firm_compute_cost
from model.numerics import row_sum
from model.production import ai_compute_bill


def running_services(model) -> np.ndarray:
    """Each firm's running services this quarter by technology [F, 3] (money): data, robots, AI (with its
    compute bill), on the value of this quarter's output at the firm's price."""
    firms = model.firms
    value = firms.price * np.maximum(firms.output, 0.0)
    compute = firm_compute_cost(model)
    by_tech = np.empty((firms.n, 3))
    for t, params in enumerate(model.tech_params):
        by_tech[:, t] = (firms.stage[:, t] > 0) * params.running_cost * value * (compute if t == 2 else 1.0)
    by_tech[:, 2] += ai_compute_bill(model)
    return by_tech


def order_digital_services(model) -> None:
    """Firms order this quarter's running services of the technologies they use (``firms.digital``, money)
    and note AI's part of it (``firms.digital_ai``: what a compute voucher can pay)."""
    by_tech = running_services(model)
    model.firms.digital = row_sum(by_tech)
    model.firms.digital_ai = by_tech[:, 2]


def real_digital_services(model, nominal: np.ndarray | float) -> np.ndarray | float:
    """Digital services at the services sector's base-year price: ``nominal`` deflated by the unit value of
    what the services sector sold this quarter (home and imported digital services priced alike)."""
    firms, s = model.firms, model.services_sector
    in_sector = firms.sector == s
    units = float(firms.sales[in_sector].sum())
    unit_value = float(firms.revenue[in_sector].sum()) / units if units > 0 else float(model.sector_price[s])
    return nominal * model.sector_price0[s] / max(unit_value, 1e-12)


@dataclass
class SectorAccounts:
    """What each sector's firms sold and bought this quarter, recorded when the goods market clears (so GDP and
    the sectors' value added keep the firms that exit at the end of the quarter, whose rows entrants reuse)."""

    real_sales: np.ndarray  # sales at base-year sector prices
    revenue: np.ndarray  # nominal sales
    digital: np.ndarray  # digital services bought (nominal)
    real_digital: np.ndarray  # the same at the services sector's base-year price
    real_inventories: np.ndarray  # units added to firms' stock, at base-year sector prices (inventories.py)

    def rebase(self, old: np.ndarray, new: np.ndarray, services: int) -> None:
        """Value the recorded quarter at new base-year sector prices (``old`` -> ``new``)."""
        self.real_sales = self.real_sales * new / old
        self.real_digital = self.real_digital * new[services] / old[services]
        self.real_inventories = self.real_inventories * new / old

    @property
    def real_value_added(self) -> np.ndarray:
        """Real sales and inventory investment less the digital services bought: each sector's part of real GDP."""
        return self.real_sales + self.real_inventories - self.real_digital


def record_sector_accounts(model) -> None:
    """Record this quarter's :class:`SectorAccounts` from the firms' sales and purchases (``model.sector_accounts``)."""
    firms, n = model.firms, model.n_sectors
    digital = np.bincount(firms.sector, weights=firms.digital, minlength=n)
    model.sector_accounts = SectorAccounts(
        real_sales=np.bincount(firms.sector, weights=firms.sales * model.sector_price0.take(firms.sector, axis=0),
                               minlength=n),
        revenue=np.bincount(firms.sector, weights=firms.revenue, minlength=n),
        digital=digital, real_digital=real_digital_services(model, digital),
        real_inventories=np.bincount(firms.sector, weights=firms.inventory_change
                                     * model.sector_price0.take(firms.sector, axis=0), minlength=n))
