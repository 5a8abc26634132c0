"""Market shares: how a sector's buyers divide their spending among its firms, under one of two rules.

``demand.share_rule`` chooses the rule; both compare quality-adjusted prices
``p_i / q_i`` (:mod:`model.quality`) and both take buyers away from a firm that
could not deliver what was ordered (``fill_i`` = output / orders):

* ``replicator`` (the default; Dosi, Fagiolo and Roventini 2010): shares grow
  with the firm's competitiveness against its sector's sales-weighted mean
  ``r_i = (p_i / q_i) / mean(p / q)``,

      s_i <- normalise(s_i clip(1 + lambda (1 - r_i), 0.5, 1.5) clip(fill_i, 0.5, 1)^0.5)

  Any lasting cost advantage keeps growing a firm's share, so a sector
  concentrates without end: the top tenth of firms' output share rises from
  60% to 78% over the history's ten years, and that drift is measured as TFP
  growth (docs/calibration.md, "Market shares from CES buyers").

* ``ces``: each firm sells its own variety and buyers split their spending as
  CES buyers do (Dixit and Stiglitz 1977), by quality-adjusted price and the
  firm's appeal ``b_i`` (its customer base, brand and the taste for its variety
  that price and quality do not capture; Hottman, Redding and Weinstein 2016
  find it explains most of the dispersion of firms' sales):

      s*_i = b_i (p_i / q_i)^(1 - sigma) / sum_j b_j (p_j / q_j)^(1 - sigma)      (j: the firms of i's sector)
      s_i <- normalise(((1 - lambda) s_i + lambda s*_i) clip(fill_i, 0.5, 1)^0.5)

  with ``sigma`` = ``demand.variety_elasticity``, the elasticity of
  substitution: a CES buyer's quantity of variety i goes with
  ``q_i^(sigma - 1) p_i^(-sigma)``, so its spending on it with
  ``(p_i / q_i)^(1 - sigma)``. A share ``lambda`` of the buyers choose again
  each quarter. Appeal is set once: at the start so that ``s*_i`` is the
  start's share (the start is a demand equilibrium of the choice rule: with
  every order filled, shares would not move), for an entrant so that its
  target is the share it enters with at its entry price.
  A firm that becomes cheaper or better wins a lasting, bounded gain.
  ``log b_i`` is kept, so the weights never overflow.

``lambda`` is ``demand.share_adjustment`` in both.
"""

from __future__ import annotations

import numpy as np

from model.quality import quality_index


def sector_mean(model, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of ``values`` in every sector."""
    sector = model.firms.sector
    total = np.bincount(sector, weights=weights, minlength=model.n_sectors)
    out = np.bincount(sector, weights=values * weights, minlength=model.n_sectors)
    return np.divide(out, total, out=np.ones(model.n_sectors), where=total > 0)


def normalise_shares(model, shares: np.ndarray) -> np.ndarray:
    """Rescale so market shares sum to one within every sector."""
    total = np.bincount(model.firms.sector, weights=shares, minlength=model.n_sectors)
    return shares / np.where(total > 0, total, 1.0).take(model.firms.sector, axis=0)


def price_index(model, prices: np.ndarray | None = None) -> np.ndarray:
    """Each sector's price: the unit value of what it sold (market shares where it sold nothing).

    Args:
        prices: Per-firm prices to average (default the firms' prices; quality-adjusted ones for shares).
    """
    firms = model.firms
    prices = firms.price if prices is None else prices
    sold = np.bincount(firms.sector, weights=firms.sales, minlength=model.n_sectors)
    unit_value = sector_mean(model, prices, firms.sales)
    return np.where(sold > 0, unit_value, sector_mean(model, prices, firms.share))


def quality_adjusted_prices(model) -> np.ndarray:
    """Every firm's price over its quality: what buyers compare."""
    return model.firms.price / quality_index(model)


def spending_exponent(model) -> float:
    """``sigma - 1``: the elasticity of a CES buyer's spending on a variety to its quality-adjusted price, negated."""
    return model.cfg.demand.variety_elasticity - 1.0


def log_attraction(model, adjusted: np.ndarray) -> np.ndarray:
    """``log b_i - (sigma - 1) log(p_i / q_i)``: each firm's log weight in its sector's CES spending."""
    return model.firms.appeal - spending_exponent(model) * np.log(np.maximum(adjusted, 1e-300))


def sector_log_sum(model, log_weights: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """``log sum exp`` of ``log_weights`` over each sector's firms (of ``rows`` only, if given); -inf if none."""
    sector = model.firms.sector if rows is None else model.firms.sector[rows]
    values = log_weights if rows is None else log_weights[rows]
    top = np.full(model.n_sectors, -np.inf)
    np.maximum.at(top, sector, values)
    offset = np.where(np.isfinite(top), top, 0.0)
    total = np.bincount(sector, weights=np.exp(values - offset[sector]), minlength=model.n_sectors)
    with np.errstate(divide="ignore"):
        return offset + np.log(total)


def target_shares(model, adjusted: np.ndarray) -> np.ndarray:
    """``s*_i``: the shares buyers choosing now would give each firm of its sector."""
    log_w = log_attraction(model, adjusted)
    return np.exp(log_w - sector_log_sum(model, log_w).take(model.firms.sector, axis=0))


def set_start_appeal(model) -> None:
    """Appeal at the start: the CES demand at the start's prices and quality gives the start's shares."""
    if model.cfg.demand.share_rule != "ces":  # only CES buyers weigh appeal
        return
    firms, eps = model.firms, spending_exponent(model)
    firms.appeal = np.log(np.maximum(firms.share, 1e-300)) + eps * np.log(
        np.maximum(quality_adjusted_prices(model), 1e-300))


def set_entrant_appeal(model, rows: np.ndarray) -> None:
    """Appeal of entrants ``rows``: at their prices their targets are the shares they enter with.

    With ``R_s`` the incumbents' summed weight in sector ``s`` and ``E_s`` the
    entrants' summed share there, an entrant of share ``s_i`` needs the weight
    ``s_i R_s / (1 - E_s)``.
    """
    if model.cfg.demand.share_rule != "ces":  # only CES buyers weigh appeal
        return
    firms, eps = model.firms, spending_exponent(model)
    adjusted = np.maximum(quality_adjusted_prices(model), 1e-300)
    incumbent = np.ones(firms.n, bool)
    incumbent[rows] = False
    log_r = sector_log_sum(model, log_attraction(model, adjusted), np.flatnonzero(incumbent))
    entering = np.bincount(firms.sector[rows], weights=firms.share[rows], minlength=model.n_sectors)
    sector = firms.sector[rows]
    log_weight = (np.log(np.maximum(firms.share[rows], 1e-300)) + log_r[sector]
                  - np.log(np.maximum(1.0 - entering[sector], 1e-12)))
    # a sector of entrants only: their shares are their targets among themselves
    log_weight = np.where(np.isfinite(log_r[sector]), log_weight, np.log(np.maximum(firms.share[rows], 1e-300)))
    firms.appeal[rows] = log_weight + eps * np.log(adjusted[rows])


def replicator_shares(model, adjusted: np.ndarray, fill: np.ndarray) -> np.ndarray:
    """The replicator rule: shares grow with quality-adjusted price competitiveness (not yet normalised)."""
    firms = model.firms
    relative = adjusted / price_index(model, adjusted).take(firms.sector, axis=0)
    lam = model.cfg.demand.share_adjustment
    factor = np.clip(1.0 + lam * (1.0 - relative), 0.5, 1.5) * np.clip(fill, 0.5, 1.0) ** 0.5
    return firms.share * factor


def ces_shares(model, adjusted: np.ndarray, fill: np.ndarray) -> np.ndarray:
    """The CES rule: ``lambda`` of the buyers choose again; unserved buyers leave (not yet normalised)."""
    firms, demand = model.firms, model.cfg.demand
    moved = (1.0 - demand.share_adjustment) * firms.share + demand.share_adjustment * target_shares(model, adjusted)
    return moved * np.clip(fill, 0.5, 1.0) ** 0.5


RULES = {"replicator": replicator_shares, "ces": ces_shares}


def update_shares(model, adjusted: np.ndarray, fill: np.ndarray) -> np.ndarray:
    """This quarter's market shares under ``demand.share_rule``, each sector's summing to one."""
    moved = RULES[model.cfg.demand.share_rule](model, adjusted, fill)
    return normalise_shares(model, np.maximum(moved, 1e-12))
