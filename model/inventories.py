"""Inventories: firms keep the finished goods they did not sell and produce toward a target stock.

A firm of sector ``s`` wants ``nu_s`` quarters of its expected sales in stock
(``sectors[].inventory_quarters``; industry's default 0.2 is about the 18 days
of sales that Chinese industrial firms' finished goods took to turn over in
2019-2023, NBS; services cannot be stored and agriculture has no such figure
here, so both keep 0). In the goods market it offers this quarter's output
plus the stock it carried in; what it does not sell it keeps:

    offered_i = Y_i + N_i,    N_i' = offered_i - sold_i

Its target stock is ``nu_s`` times the demand it expects (``E_i``, the
adaptive expectation it also plans its capital on, :mod:`model.investment`),
and next quarter it produces what its own buyers ordered this quarter plus a
share ``lambda`` (``demand.inventory_adjustment``) of the gap to that target
(the stock-adjustment model of Lovell 1961; never a negative amount):

    Y_i^target = max(0, D_i + lambda (nu_s E_i - N_i'))

The change of the stock, N_i' - N_i, is inventory investment: part of GDP
(at base-year sector prices in real GDP, at average cost in nominal GDP, as
profit counts it) and of gross capital formation. Stock is valued at the average cost of producing it
(wages, running costs of the technology and depreciation per unit made), and
profit counts the change of that value (the cost of the goods sold, not of
the goods made). Where ``nu_s`` is 0 nothing is kept: output that does not sell
is lost, the target is the orders, and the numbers are those of an economy
without inventories. An exiting firm's stock is written off with it (an
entrant starts with none).
"""

from __future__ import annotations

import numpy as np


def keeps_stock(model) -> bool:
    """Whether any sector's firms keep stock (if not, every rule runs as in an economy without inventories)."""
    return bool(model.inventory_quarters.any())


def stock_wanted(model) -> np.ndarray:
    """Quarters of expected sales each firm wants in stock (its sector's ``inventory_quarters``)."""
    return model.inventory_quarters.take(model.firms.sector, axis=0)


def production_target(model) -> np.ndarray:
    """Output each firm plans: its buyers' orders plus a share of the gap to its target stock, at least 0."""
    firms = model.firms
    nu = stock_wanted(model)
    gap = nu * firms.expected - firms.inventory
    speed = model.cfg.demand.inventory_adjustment
    return np.where(nu > 0, np.maximum(firms.planned + speed * gap, 0.0), firms.planned)


def offered(model) -> np.ndarray:
    """Units each firm offers in the goods market: this quarter's output and the stock it carried in."""
    firms = model.firms
    return np.maximum(firms.output, 0.0) + firms.inventory


def carried_in(model) -> np.ndarray:
    """Stock each firm carried into this quarter (after :func:`keep_unsold` has run)."""
    return model.firms.inventory - model.firms.inventory_change


def keep_unsold(model, on_offer: np.ndarray) -> None:
    """After the goods market: firms that hold stock keep what they did not sell; the rest is lost."""
    firms = model.firms
    kept = np.where(stock_wanted(model) > 0, on_offer - firms.sales, 0.0)
    firms.inventory_change = kept - firms.inventory
    firms.inventory = kept


def revalue_stock(model, made: np.ndarray) -> np.ndarray:
    """Each firm's stock valued at average cost after this quarter's sales; returns the change of that value.

    The goods on offer are the stock carried in (at its book value) and this quarter's output at its unit cost
    (``made``, the quarter's production costs: wage bill, running costs and depreciation, over output); what is
    kept takes the average cost of all of them.
    """
    firms = model.firms
    output = np.maximum(firms.output, 0.0)
    units = output + carried_in(model)
    value = firms.inventory_value + np.where(output > 0, made, 0.0)  # idle staff's pay is no stock's cost
    kept = np.divide(value * firms.inventory, units, out=np.zeros(firms.n), where=units > 0)
    change = kept - firms.inventory_value
    firms.inventory_value = kept
    return change


def write_off_stock(model, rows: np.ndarray) -> None:
    """Exiting firms' stock leaves with them: the entrants in their rows start with none."""
    firms = model.firms
    firms.inventory[rows] = 0.0
    firms.inventory_value[rows] = 0.0
    firms.inventory_change[rows] = 0.0
