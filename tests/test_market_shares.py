"""Market shares under the CES rule: buyers who choose again gradually (model/market_shares.py)."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.entry_exit import create_entrants
from model.market_shares import ces_shares, quality_adjusted_prices, target_shares, update_shares


def _constructed(**demand) -> EconomyModel:
    """A small model under the CES rule at its constructed start (no burn-in)."""
    return EconomyModel(small_scenario(initial={"burn_in": 0}, demand={"share_rule": "ces", **demand}), seed=3)


def test_the_start_is_a_demand_equilibrium():
    """At the start's prices and quality, buyers choosing now would give every firm its start share."""
    model = _constructed()
    np.testing.assert_allclose(target_shares(model, quality_adjusted_prices(model)), model.firms.share, rtol=1e-9)


def test_entrants_are_targeted_at_the_share_they_enter_with():
    model = _constructed()
    for _ in range(2):
        model.step()
    rows = np.array([0, 7, 50])
    create_entrants(model, rows)
    target = target_shares(model, quality_adjusted_prices(model))
    np.testing.assert_allclose(target[rows], model.firms.share[rows], rtol=1e-9)


def test_a_cheaper_firm_gains_a_lasting_but_bounded_share():
    """A firm 10% cheaper than at the start: its share rises toward the CES target and stays there."""
    model = _constructed()
    firms, sigma = model.firms, model.cfg.demand.variety_elasticity
    i = int(np.argmax(firms.share))  # the biggest firm: under a replicator its share would grow to the whole sector
    firms.price[i] *= 0.9
    adjusted = quality_adjusted_prices(model)
    rivals = (firms.sector == firms.sector[i]) & (np.arange(firms.n) != i)
    odds0 = firms.share[i] / firms.share[rivals].sum()
    fill = np.ones(firms.n)
    for _ in range(300):  # 0.9^300: the gap to the target is closed to 2e-14
        firms.share = update_shares(model, adjusted, fill)
    settled = firms.share.copy()
    for _ in range(100):
        firms.share = update_shares(model, adjusted, fill)
    odds = firms.share[i] / firms.share[rivals].sum()
    np.testing.assert_allclose(odds / odds0, 0.9 ** (1 - sigma), rtol=1e-6)  # CES spending odds: (p_i / p_i0)^(1 - sigma)
    np.testing.assert_allclose(firms.share, settled, rtol=1e-9)  # no drift once there


def test_buyers_choose_again_at_the_rate_given():
    """With ``share_adjustment`` lambda, a quarter closes lambda of the gap to the target."""
    model = _constructed(share_adjustment=0.25)
    firms = model.firms
    firms.price[:5] *= 0.8
    adjusted = quality_adjusted_prices(model)
    target = target_shares(model, adjusted)
    moved = ces_shares(model, adjusted, np.ones(firms.n))  # before normalising: the targets sum to one already
    np.testing.assert_allclose(moved - firms.share, 0.25 * (target - firms.share), rtol=1e-9, atol=1e-15)
