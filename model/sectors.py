"""Typed state of the aggregate sectors: owners, banks, government and the rest of the world.

Workers, firms and platforms keep their balances per agent in
:mod:`model.state` (``workers.deposits``, ``firms.cash`` and ``firms.loans``,
``platforms.cash``); the sectors without agents keep theirs here, in one
:class:`Balances` object (``model.balances``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Owners:
    """The households that own firms, banks and platforms (one representative account)."""

    deposits: float = 0.0
    expected_income: float = 0.0  # expected disposable income per quarter
    income: float = 0.0  # disposable income this quarter: dividends + deposit interest - equity put into entrants
    consumption: float = 0.0  # planned spending this quarter


@dataclass
class Banks:
    """The banking sector: loans and bonds on the asset side, deposits and equity on the other."""

    equity: float = 0.0
    profit: float = 0.0  # interest received - interest paid - write-offs, this quarter
    lending_factor: float = 1.0  # share of credit lines banks honour (below 1 when short of capital)


@dataclass
class Government:
    """Taxes, spending and the bonds that finance the difference."""

    bonds: float = 0.0  # outstanding, held by banks
    real_consumption: float = 0.0  # exogenous real government consumption this quarter
    real_pensions: float = 0.0  # pensions this quarter at the start's prices (grow like government consumption)
    spending: float = 0.0  # this quarter: consumption, benefits, transfers, subsidies, interest
    revenue: float = 0.0  # this quarter: income and profit taxes, lever charges


@dataclass
class RestOfWorld:
    """Foreign buyers and sellers; their deposits fall when they buy more from us than they sell."""

    deposits: float = 0.0
    real_exports: float = 0.0  # foreign demand at world prices equal to ours (grows at trade.export_growth)
    world_price: float = 1.0  # world price level relative to our starting price level


@dataclass
class Balances:
    """Every aggregate sector's state, in one place."""

    owners: Owners = field(default_factory=Owners)
    banks: Banks = field(default_factory=Banks)
    government: Government = field(default_factory=Government)
    rest_of_world: RestOfWorld = field(default_factory=RestOfWorld)
    platform_deposits: float = 0.0  # the platforms' account: revenue in, earnings and dividends out
