"""Rule 2: the technology frontier moves.

Robot prices fall, AI capability rises along a logistic curve, compute and its
energy get cheaper (exogenous, configurable trends: the digital producers are not
agents of this economy); every firm's non-digital TFP takes an idiosyncratic
shock and any disembodied trend; what firms' R&D finds or copies is the next
rule's (:mod:`model.innovation`).
"""

from __future__ import annotations

import numpy as np


def quarterly(rate_per_year: float) -> float:
    """Quarterly rate equivalent to a yearly growth (or decline) rate."""
    return (1.0 + rate_per_year) ** 0.25 - 1.0


def logistic_step_back(capability: float, rate: float) -> float:
    """The capability one quarter earlier: the root in [0, 1] of ``p + rate p (1 - p) = capability``."""
    if rate <= 0.0:
        return capability
    root = (1.0 + rate - np.sqrt((1.0 + rate) ** 2 - 4.0 * rate * capability)) / (2.0 * rate)
    return float(min(max(root, 0.0), capability))  # in [0, capability] despite rounding (capability 1 gives 1)


def wind_back_frontier(model, quarters: int) -> None:
    """Move the frontier ``quarters`` back, so that as many quarters of :func:`advance_frontier` (the burn-in's
    growth quarters) bring it to where the scenario starts: robots, compute and its energy dearer, the
    automation ceiling lower (not below 0: a ceiling that grows so fast that it would have been below 0 is
    not reached exactly), AI capability one inverted logistic step a quarter lower, and firms' TFP less
    the disembodied trend. The burn-in's settling quarters, before them, run with this wound-back technology.
    Consumers' digital reach is not wound back: it grows in every quarter of the burn-in
    (:func:`model.platforms.run_gig_platforms`), as it did before the growth quarters."""
    if quarters <= 0:
        return
    fr = model.cfg.frontier
    model.robot_price /= (1.0 - quarterly(fr.robot_price_decline)) ** quarters
    model.compute_cost /= (1.0 - quarterly(fr.compute_cost_decline)) ** quarters
    model.energy_per_compute /= (1.0 - quarterly(model.cfg.green.energy_efficiency_gain)) ** quarters
    kept = (1.0 - fr.robot_ceiling_growth) ** (quarters / 4.0)  # share of the undone part left after the quarters
    model.robot_ceiling = max(1.0 - (1.0 - model.robot_ceiling) / kept, 0.0) if kept > 0 else 0.0
    for _ in range(quarters):
        model.ai_capability = logistic_step_back(model.ai_capability, fr.ai_capability_growth / 4.0)
    model.firms.log_a -= quarters * np.log1p(quarterly(fr.tfp_trend))


def advance_frontier(model) -> None:
    """Move robot price, AI capability, compute cost and energy efficiency one quarter."""
    fr = model.cfg.frontier
    model.robot_price *= 1.0 - quarterly(fr.robot_price_decline)
    model.compute_cost *= 1.0 - quarterly(fr.compute_cost_decline)
    model.energy_per_compute *= 1.0 - quarterly(model.cfg.green.energy_efficiency_gain)
    # the part of routine manual work robots cannot yet do shrinks (the ceiling of automation.py)
    model.robot_ceiling = 1.0 - (1.0 - model.robot_ceiling) * (1.0 - fr.robot_ceiling_growth) ** 0.25
    cap = model.ai_capability
    model.ai_capability = float(np.clip(cap + fr.ai_capability_growth / 4.0 * cap * (1.0 - cap), 0.0, 1.0))
    firms = model.firms
    shocks = model.stream("frontier").normal(0.0, model.cfg.production.productivity_shock, firms.n)
    firms.log_a += np.log1p(quarterly(fr.tfp_trend)) + shocks
