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
