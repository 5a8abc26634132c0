"""The start: the burn-in's growth quarters leave the economy growing at step 0, with the scenario's technology."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from conftest import ROOT, small_scenario
from model.economy import EconomyModel
from model.frontier import advance_frontier, logistic_step_back
from model.scenario_io import load_scenario

sys.path.insert(0, str(ROOT / "bench"))
from start import seed_gaps  # noqa: E402


def test_the_frontier_is_wound_back_so_that_step_0_has_the_scenarios_technology():
    """After the burn-in's growth quarters the frontier stands where the scenario starts (it moved meanwhile)."""
    scenario = small_scenario(steps=1, initial={"burn_in": 6, "growth_quarters": 4},
                              frontier={"robot_ceiling_growth": 0.1, "tfp_trend": 0.02})
    model = EconomyModel(scenario, seed=1, agents=False)
    fr = scenario.frontier
    assert model.ai_capability == pytest.approx(fr.ai_capability, rel=1e-12)
    assert model.robot_price == pytest.approx(model.robot_price0, rel=1e-12)
    assert model.compute_cost == pytest.approx(1.0, rel=1e-12)
    assert model.energy_per_compute == pytest.approx(1.0, rel=1e-12)
    assert model.robot_ceiling == pytest.approx(fr.max_robot_share, rel=1e-12)
    model.step()  # and it moves on from there
    assert model.ai_capability > fr.ai_capability and model.robot_price < model.robot_price0


def test_one_logistic_step_back_then_forward_is_the_identity():
    for capability in (0.0, 1e-6, 0.035, 0.3, 0.9, 1.0):
        for rate in (0.0, 0.01, 0.25, 1.25):
            back = logistic_step_back(capability, rate)
            assert 0.0 <= back <= capability
            assert back + rate * back * (1.0 - back) == pytest.approx(capability, abs=1e-12)


def test_advance_frontier_is_what_is_wound_back():
    """The inverse is of the rule the run uses: the same model, wound back and advanced, returns to its start."""
    model = EconomyModel(small_scenario(steps=1, initial={"burn_in": 0}, production={"productivity_shock": 0.0},
                                        frontier={"robot_ceiling_growth": 0.05, "tfp_trend": 0.02}),
                         seed=2, agents=False)
    from model.frontier import wind_back_frontier

    def state():
        return (model.ai_capability, model.robot_price, model.compute_cost, model.energy_per_compute,
                model.robot_ceiling)

    before, log_a = state(), model.firms.log_a.copy()
    model.burning_in = True  # the burn-in's growth quarters run at the trends (frontier pace 1)
    wind_back_frontier(model, 5)
    assert all(b != a for b, a in zip(state(), before))  # every quantity moved back
    for _ in range(5):
        advance_frontier(model)
    np.testing.assert_allclose(state(), before, rtol=1e-12)
    np.testing.assert_allclose(model.firms.log_a, log_a, rtol=0, atol=1e-12)


def _assert_starts_on_its_path(path, seeds) -> None:
    """Issue 15's criterion: each measure's gap, averaged over ``seeds``, within 1 point in quarters 1-4."""
    means = seed_gaps(load_scenario(path), seeds).mean(axis=0)
    for name, mean in zip(("unemployment", "inflation", "GDP growth"), means):
        assert (np.abs(mean) < 1.0).all(), (name, mean)


@pytest.mark.slow
def test_the_baseline_starts_on_its_path():
    """Issue 15, item 5, on the baseline: quarters 1-4 against step 0 (unemployment, yearly inflation) and against
    the mean yearly GDP growth of the first three years, each mean gap within 1 point.

    Thirty seeds (42-71): a quarter's annualised GDP growth varies by about 2 points between seeds, so on the
    issue's ten the standard error of a quarter's mean gap is 0.6-0.85 point, and seeds 42-51 put quarter 3 at
    +1.90 (0.68). Measured with the 32-quarter burn-in (2026-12-04): largest gaps +0.24 (unemployment), +0.61
    (inflation), +0.35 (GDP growth); with the 16-quarter burn-in before it GDP growth was +1.06 (0.41) in
    quarter 2, the start-up transient the longer burn-in removes (docs/calibration.md, sixth stop).
    """
    _assert_starts_on_its_path(ROOT / "scenarios" / "baseline.yaml", range(42, 72))


@pytest.mark.slow
def test_the_history_starts_on_its_path():
    """Issue 15, item 5, on the calibrated history (seeds 42-71; quarters 1-4).

    Thirty seeds, as for the baseline: with hours that follow orders (2026-12-05) seeds 42-51 put quarter 3's
    GDP growth at +1.01, and over seeds 42-71 the largest gaps are -0.13 (unemployment, standard error 0.07),
    -0.66 (inflation, 0.25) and +0.76 (GDP growth, 0.25).

    This replaced a test that the growth quarters remove the history's inflation jump at step 1: with 16
    burn-in quarters the mean inflation gap was +0.85 without growth quarters and -0.15 with 8; with 32 it is
    -0.23 without and -0.82 with them (worst quarter -1.25 while loans were an overdraft, a strict xfail then).
    With term loans financing investment (docs/calibration.md, seventh stop) the worst gaps are -0.10
    (unemployment), -0.76 (inflation, standard error 0.28) and +0.35 (GDP growth): met, inflation narrowly.
    """
    _assert_starts_on_its_path(ROOT / "scenarios" / "china_2015_2025.yaml", range(42, 72))


def _start_demand(monkeypatch, **sections):
    """The inputs of the start's demand balance for a small scenario without burn-in, the public shares it
    started from, households' part it returned and the model."""
    import model.start_balances as start_balances

    seen = {}
    real = start_balances.balance_start_demand

    def record(model, sales, **kw):
        seen.update(kw, sales=sales.copy(), model=model, public=model.public_shares.copy())
        seen["part"] = real(model, sales, **kw)
        return seen["part"]

    monkeypatch.setattr(start_balances, "balance_start_demand", record)
    EconomyModel(small_scenario(steps=1, initial={"burn_in": 0}, **sections), seed=1, agents=False)
    return seen


def _bought(seen, exports, government):
    """Each sector's sales to households, exports, government, investment and the digital services."""
    model = seen["model"]
    m = model.cfg.trade.import_share
    return (seen["part"] + seen["exports"] * exports + seen["government"] * government
            + (1 - m) * seen["investment"] * model.investment_weights + seen["digital"] * model.services_weights)


def _with_industry_share(share):
    sectors = [s.model_dump() for s in small_scenario().sectors]
    sectors[1]["firm_share"] = share  # industry (0.3 by default)
    return {"sectors": sectors}


def test_exports_leave_a_sector_whose_other_buyers_take_all_it_sells(monkeypatch):
    """With few industrial firms, government consumption and investment would take more of industry than it
    sells: exports buy that much less from industry and more from the other sectors (in proportion to
    households' part of them), so every sector starts in balance, households buy none of industry at the start
    instead of a negative amount, and total exports are unchanged. In the baseline's economy nothing moves."""
    for few in (True, False):
        seen = _start_demand(monkeypatch, **(_with_industry_share(0.1) if few else {}))
        model, public = seen["model"], seen["public"]
        assert (_bought(seen, public, public) > seen["sales"] * (1 + 1e-9)).any() == few  # households negative
        assert _bought(seen, model.export_shares, model.public_shares) == pytest.approx(seen["sales"], rel=1e-12)
        assert (seen["part"] >= 0).all() and (model.start_shortfall == 0).all()
        assert model.export_shares.sum() == pytest.approx(1.0, rel=1e-12) and (model.export_shares >= 0).all()
        assert (model.public_shares == public).all()  # exports were enough
        if few:
            assert seen["part"][1] == 0 and model.export_shares[1] < public[1]
            assert (model.export_shares[[0, 2]] > public[[0, 2]]).all()
        else:
            assert (model.export_shares == public).all()


def test_a_start_exports_cannot_balance_moves_government_then_records_the_shortfall(monkeypatch):
    """With industry's firms 7% of the economy, exports of industry are not enough: government buys
    less of it too; with a hundredth, investment alone takes more of it than it sells, and what is left unmet
    is recorded as a share of all sales (the run goes on: the goods market rations it)."""
    seen = _start_demand(monkeypatch, **_with_industry_share(0.07))
    model, public = seen["model"], seen["public"]
    assert model.export_shares[1] == 0 and model.public_shares[1] < public[1]
    assert _bought(seen, model.export_shares, model.public_shares) == pytest.approx(seen["sales"], rel=1e-12)
    seen = _start_demand(monkeypatch, **_with_industry_share(0.01))
    model = seen["model"]
    assert model.export_shares[1] == 0 and model.public_shares[1] == 0 and model.start_shortfall[1] > 0
    unmet = _bought(seen, model.export_shares, model.public_shares) - seen["sales"]
    assert unmet[1] == pytest.approx(model.start_shortfall[1] * seen["sales"].sum(), rel=1e-9)
    assert unmet[[0, 2]] == pytest.approx(np.zeros(2), abs=1e-9 * seen["sales"].sum())
