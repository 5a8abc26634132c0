"""Rule 2: the technology frontier moves.

Robot prices fall, robots' technical reach widens, AI capability rises along a
logistic curve, compute and its energy get cheaper; every firm's non-digital TFP
takes an idiosyncratic shock and any disembodied trend; what firms' R&D finds or
copies is the next rule's (:mod:`model.innovation`).

The scenario's trends are the frontier's pace when this economy's digital
producers innovate as they did at the start. The digital producers are the
services sector's firms, who make the digital services firms buy
(:mod:`model.digital_services`) and sell them in proportion to their market
shares; their innovation is the share-weighted mean of their chances to
innovate this quarter, ``p_t = sum_i s_i p_i`` (:func:`model.innovation.innovation_chances`:
R&D intensity times the digital boost of their capability and data). A share
``h`` (``frontier.home_innovation_share``) of the frontier's progress comes from
them, the rest (foreign producers) follows the trends:

    pace_t = (1 - h) + h p_t / p_ref

with ``p_ref`` their mean chance at step 0 (:func:`innovation_reference`): the
trends are the frontier's pace while they innovate as they did at the start. Robot prices and compute
cost fall by the trend's quarterly rate times ``pace_t``, the robots' ceiling and
AI capability grow by the trend's rate times ``pace_t``; the energy per unit of
compute follows its trend. So R&D policy, finance that cuts the digital
producers' R&D, or their own digitalisation move the frontier. The burn-in runs
at the trends (pace 1).
"""

from __future__ import annotations

import numpy as np

from model.numerics import dot


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


def digital_producers_innovation(model, intensity: np.ndarray | None = None) -> float:
    """``p_t``: the digital producers' (services firms') mean chance to innovate this quarter, weighted by their
    market shares (at R&D ``intensity``; default what each bought last quarter over its revenue)."""
    from model.innovation import innovation_chances  # here: innovation -> banking -> government -> frontier

    firms = model.firms
    producers = firms.sector == model.services_sector
    chance, _ = innovation_chances(model, intensity)
    weights = firms.share[producers]
    total = float(weights.sum())
    return dot(weights, chance[producers]) / total if total > 0 else 0.0  # not np.dot: BLAS threads change last bits


def innovation_reference(model) -> float:
    """``p_ref``, called at step 0: the digital producers' mean chance to innovate then, from the R&D they bought
    in the burn-in's last quarter; without a burn-in (no R&D bought yet), the chance had each spent
    ``innovation.rd_share`` of its revenue on R&D."""
    if float(model.firms.rd.sum()) > 0.0:
        return digital_producers_innovation(model)
    return digital_producers_innovation(model, np.full(model.firms.n, model.cfg.innovation.rd_share))


def frontier_pace(model) -> float:
    """The frontier's pace against the scenario's trends this quarter (1 in the burn-in, or without home
    innovation or its reference)."""
    h = model.cfg.frontier.home_innovation_share
    if model.burning_in or h == 0.0 or model.innovation_reference <= 0.0:
        return 1.0
    return (1.0 - h) + h * digital_producers_innovation(model) / model.innovation_reference


def advance_frontier(model) -> None:
    """Move robot price and reach, AI capability, compute cost and energy efficiency one quarter."""
    fr = model.cfg.frontier
    pace = model.frontier_pace = frontier_pace(model)
    model.robot_price *= 1.0 - quarterly(fr.robot_price_decline) * pace
    model.compute_cost *= 1.0 - quarterly(fr.compute_cost_decline) * pace
    model.energy_per_compute *= 1.0 - quarterly(model.cfg.green.energy_efficiency_gain)
    # the part of routine manual work robots cannot yet do shrinks (the ceiling of automation.py)
    model.robot_ceiling = 1.0 - (1.0 - model.robot_ceiling) * (1.0 - fr.robot_ceiling_growth) ** (0.25 * pace)
    cap = model.ai_capability
    model.ai_capability = float(np.clip(cap + fr.ai_capability_growth / 4.0 * pace * cap * (1.0 - cap), 0.0, 1.0))
    firms = model.firms
    shocks = model.stream("frontier").normal(0.0, model.cfg.production.productivity_shock, firms.n)
    firms.log_a += np.log1p(quarterly(fr.tfp_trend)) + shocks
