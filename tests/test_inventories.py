"""Inventories: firms keep what they did not sell and produce toward a target stock (model/inventories.py)."""

from __future__ import annotations

import numpy as np
import pytest

import model.goods_market as goods_market
from conftest import small_scenario
from model import EconomyModel
from model.inventories import production_target, stock_wanted


def _sectors(industry_stock: float) -> list[dict]:
    """The default sectors, industry's firms wanting ``industry_stock`` quarters of sales in stock."""
    return [{"name": "agriculture"}, {"name": "industry", "inventory_quarters": industry_stock}, {"name": "services"}]


def test_every_unit_offered_is_sold_or_kept_and_only_sectors_with_a_target_keep_any(monkeypatch):
    """Checked inside the goods market of every quarter: a firm sells at most its output and the stock it carried
    in; what it does not sell it keeps if its sector holds stock (industry, by default) and loses otherwise; stock
    is never negative; the books close."""
    checked = []
    keep = goods_market.keep_unsold

    def checking(model, on_offer):
        firms = model.firms
        carried = firms.inventory.copy()
        assert (firms.sales <= on_offer * (1 + 1e-12) + 1e-12).all()
        np.testing.assert_allclose(on_offer, np.maximum(firms.output, 0.0) + carried)
        keep(model, on_offer)
        holds = stock_wanted(model) > 0
        np.testing.assert_allclose(firms.inventory[holds], (on_offer - firms.sales)[holds], atol=1e-9)
        assert (firms.inventory[~holds] == 0).all() and (firms.inventory >= -1e-9).all()
        np.testing.assert_allclose(firms.inventory_change, firms.inventory - carried, atol=1e-9)
        checked.append(float(firms.inventory[holds].sum()))

    monkeypatch.setattr(goods_market, "keep_unsold", checking)
    model = EconomyModel(small_scenario(), seed=5)
    for _ in range(8):
        model.step()
    assert len(checked) >= 8 and max(checked) > 0  # industry did keep stock
    assert model.books_gap_max < 1e-9


def test_without_a_target_stock_nothing_is_kept_and_firms_produce_their_orders():
    model = EconomyModel(small_scenario(sectors=_sectors(0.0)), seed=5)
    for _ in range(6):
        model.step()
        assert not model.firms.inventory.any() and not model.firms.inventory_value.any()
        np.testing.assert_array_equal(production_target(model), model.firms.planned)
        assert model.records[-1]["inventory_investment_to_gdp"] == 0.0
        assert model.records[-1]["capital_formation_to_gdp"] == model.records[-1]["investment_to_gdp"]


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_stock_follows_its_target_and_is_valued_near_unit_cost(seed):
    """Quarters 5-12 of the test economy: industry's stock averages between 0.3 and 1.2 times its target
    (measured 2026-12-05: 0.52, 0.74, 0.83 for seeds 5-7; below 1 because firms that sell out draw it down) and
    is valued at average production cost, the median firm's between 0.6 and 0.97 of its price (measured 0.83-0.88,
    about 1 / (1 + markup): valuing stock at price, or at a whole quarter's cost per unit kept, fails)."""
    model = EconomyModel(small_scenario(), seed=seed)
    ratios, costs = [], []
    for quarter in range(12):
        model.step()
        firms = model.firms
        industry = model.is_industry.take(firms.sector)
        if quarter >= 4:
            ratios.append(firms.inventory[industry].sum() / (stock_wanted(model) * firms.expected)[industry].sum())
            held = firms.inventory > 1e-9
            costs.append(np.median(firms.inventory_value[held] / firms.inventory[held] / firms.price[held]))
    assert 0.3 < np.mean(ratios) < 1.2, ratios
    assert 0.6 < np.median(costs) < 0.97, costs


def test_stock_on_hand_serves_buyers_a_sold_out_firm_would_turn_away():
    """Same seeds, same economy: with industry keeping stock fewer orders go unfilled over 12 quarters, in each of
    seeds 5-7 and by more than 5% on average. Measured (2026-12-05): without stock 2.2%, 5.5%, 2.5%; with 0.2
    quarters of sales 1.9%, 5.0%, 1.9% (-13% on average)."""
    def unmet(stock, seed):
        model = EconomyModel(small_scenario(sectors=_sectors(stock)), seed=seed)
        shares = []
        for _ in range(12):
            model.step()
            shares.append(model.records[-1]["unmet_demand_share"])
        return float(np.mean(shares))

    without = np.array([unmet(0.0, seed) for seed in (5, 6, 7)])
    with_stock = np.array([unmet(0.2, seed) for seed in (5, 6, 7)])
    assert (with_stock < without).all() and with_stock.mean() < 0.95 * without.mean(), (without, with_stock)


def test_banks_lend_against_stock_at_its_advance_rate():
    """A firm's credit line grows by ``banking.inventory_advance`` of the book value of its stock (the rest of the
    line is that of a firm without stock): a firm that builds stock does not pay for it out of the deposits it
    would invest."""
    from model.banking import credit_line

    model = EconomyModel(small_scenario(), seed=5)
    for _ in range(6):
        model.step()
    firms = model.firms
    rows = np.flatnonzero(firms.inventory_value > 0)
    assert rows.size > 0
    sales = firms.price[rows] * firms.planned[rows]
    with_stock = credit_line(model, rows, sales, price_k=1.0)
    value = firms.inventory_value.copy()
    firms.inventory_value[rows] = 0.0
    without = credit_line(model, rows, sales, price_k=1.0)
    firms.inventory_value = value
    np.testing.assert_allclose(with_stock - without, model.cfg.banking.inventory_advance * value[rows], rtol=1e-12)
    assert model.cfg.banking.inventory_advance == 0.5
