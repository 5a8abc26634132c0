"""The firm's labour plan: the staff by skill, and the robots, that produce a planned output at least cost.

On the nested task CES of :mod:`model.production` (robots' automated tasks against the rest; AI's tasks
against the bundle of the three human task inputs), a firm plans the cost-minimising mix at the quarter's task
costs (:func:`model.production.task_costs`): the plan's automated tasks are the robot stock it invests toward;
today it works with the robots it has and hires people for the rest (:func:`labour_demand`, called by the
labour market, :mod:`model.labour_market`). Computed in logs, like the production function's CES.
"""

from __future__ import annotations

import numpy as np

from model.numerics import logsumexp_rows
from model.production import (HUMAN, LOG_MAX, _exp, _log, _log_unit_cost, automation_rho, base_factor,
                              staff_for_tasks, substitution_rho, task_costs, task_weights, technology_terms)


def _cheapest_mix(log_scale: np.ndarray, log_alpha: np.ndarray, log_costs: np.ndarray,
                  sigma: np.ndarray) -> np.ndarray:
    """Cost-minimising inputs of a normalised CES at ``exp(log_scale)``: ``lam alpha_j (c_j / unit)^(-sigma)``
    (in logs, ``unit`` from ``_log_unit_cost``)."""
    log_unit = _log_unit_cost(log_alpha, log_costs, sigma)
    return _exp(log_scale[:, None] + log_alpha - sigma[:, None] * (log_costs - log_unit[:, None]))


def _split_log_weights(log_weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """Log weights of the nest: robots' automated tasks and the rest (``1 - w_robot``); within the rest, AI's
    tasks and the human bundle (renormalised); within the bundle, its three task inputs (renormalised)."""
    log_human = logsumexp_rows(log_weights[:, HUMAN])
    log_rest = np.logaddexp(log_weights[:, 2], log_human)
    return (log_weights[:, 0], log_rest, log_weights[:, 2] - log_rest, log_human - log_rest,
            log_weights[:, HUMAN] - log_human[:, None])


def _bundle_cost(nest, log_costs, sigma) -> np.ndarray:
    """Log CES unit cost of the human bundle (``nest`` from ``_split_log_weights``)."""
    return _log_unit_cost(nest[4], log_costs[:, HUMAN], sigma)


def _plan_rest(log_scale, nest, log_costs, log_bundle_cost, sigma, sigma_auto) -> tuple[np.ndarray, np.ndarray]:
    """Cost-minimising AI task units [F] and human task units [F, 3] of the rest of the nest (AI's tasks and
    the human bundle) at scale ``exp(log_scale)``: the bundle is priced at its CES unit cost
    (``_bundle_cost``), then split."""
    _, _, log_ai, log_bundle, log_inner = nest
    mid = _cheapest_mix(log_scale, np.column_stack([log_ai, log_bundle]),
                        np.column_stack([log_costs[:, 2], log_bundle_cost]), sigma_auto)
    return mid[:, 0], _cheapest_mix(_log(mid[:, 1]), log_inner, log_costs[:, HUMAN], sigma)


def _plan(log_lam, nest, log_costs, sigma, sigma_auto,
          log_bundle_cost: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cost-minimising robot task units [F], AI task units [F] and human task units [F, 3] of the nested task
    CES at scale ``exp(log_lam)`` (``nest`` from ``_split_log_weights``; ``log_bundle_cost`` from
    ``_bundle_cost`` if already known)."""
    log_robot, log_rest, log_ai, log_bundle, _ = nest
    if log_bundle_cost is None:
        log_bundle_cost = _bundle_cost(nest, log_costs, sigma)
    log_rest_cost = _log_unit_cost(np.column_stack([log_ai, log_bundle]),
                                   np.column_stack([log_costs[:, 2], log_bundle_cost]), sigma_auto)
    outer = _cheapest_mix(log_lam, np.column_stack([log_robot, log_rest]),
                          np.column_stack([log_costs[:, 0], log_rest_cost]), sigma_auto)
    ai, human = _plan_rest(_log(outer[:, 1]), nest, log_costs, log_bundle_cost, sigma, sigma_auto)
    return outer[:, 0], ai, human


def _rest_beside_robots(log_lam, nest, robot_work, rho_auto) -> np.ndarray:
    """Log of the rest of the nest (AI's tasks and the human bundle) that, beside the automated tasks the robots
    in place do (``robot_work``, fixed in the short run), reaches the scale ``exp(log_lam)``; NaN where the
    robots cannot carry their part.

    With x_a fixed, ``lam^rho_A - w_a^(1 - rho_A) x_a^rho_A`` is left for the rest R, whose term is
    ``(1 - w_a)^(1 - rho_A) R^rho_A``.
    """
    log_auto, log_rest = nest[0], nest[1]
    working = (robot_work > 0) & np.isfinite(log_auto) & np.isfinite(log_lam)
    lam = np.where(working, log_lam, 0.0)
    log_part = (1.0 - rho_auto) * log_auto + rho_auto * (np.log(np.where(working, robot_work, 1.0)) - lam)
    robots_part = np.where(working, np.exp(np.minimum(log_part, LOG_MAX)), np.inf)
    feasible = robots_part < 1.0
    log_left = rho_auto * lam + np.log1p(-np.where(feasible, robots_part, 0.0))
    return np.where(feasible, (log_left - (1.0 - rho_auto) * log_rest) / rho_auto, np.nan)


def labour_demand(model, planned: np.ndarray, terms: tuple | None = None, costs: np.ndarray | None = None,
                  weights: np.ndarray | None = None) -> np.ndarray:
    """Staff by skill [F, 3] needed to produce ``planned`` with today's technology, robots and prices.

    The firm plans the cost-minimising mix of its task CES (normalised at start-of-run prices, so the mix
    starts at the task weights): dearer tasks are used less, the more so the higher the elasticity. The
    automated tasks of that plan, over a robot's task units, are the robot stock the firm invests toward
    (``model.robot_task_need``). Today it works with the robots it has: beside them, the cheapest mix of AI
    and human tasks that reaches ``planned``; if its robots fall short of the automated share ``s`` of its
    routine manual work (a new adopter), people also do automated tasks, costed at the wage. AI takes its share
    of the routine cognitive tasks from people (its weight); its tasks cost its compute, so cheaper compute
    makes it do more of them and shrinks the whole human bundle a little (``automation_sigma``); augmentation
    means fewer high-skill hours per non-routine task.
    Also stores the task need [F, 4] (routine manual, AI's routine cognitive, people's routine cognitive,
    non-routine) in ``model.task_need``. ``terms`` (:func:`technology_terms`), ``costs`` (:func:`task_costs`) and
    the task ``weights`` at the terms' AI share (:func:`task_weights`) are computed unless given (the labour
    market passes this quarter's, from :func:`produce`).
    """
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    beta = prod.capital_elasticity
    m_data, ai_share, augment, penalty = technology_terms(model) if terms is None else terms
    productivity = base_factor(model) * m_data * penalty
    log_lam = (_log(planned) - np.log(np.maximum(productivity, 1e-12))) / (1.0 - beta)  # CES scale, in logs
    nest = _split_log_weights(_log(task_weights(model, ai_share=ai_share) if weights is None else weights))
    sigma = 1.0 / (1.0 - substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max))
    rho_auto = automation_rho(prod)
    sigma_auto = np.full(firms.n, 1.0 / (1.0 - rho_auto))
    log_costs = np.log(task_costs(model, augment) if costs is None else costs)
    log_bundle_cost = _bundle_cost(nest, log_costs, sigma)  # row by row: the robot users' rows are theirs
    robot_need, ai_need, human_need = _plan(log_lam, nest, log_costs, sigma, sigma_auto, log_bundle_cost)
    need = np.column_stack([robot_need + human_need[:, 0], ai_need, human_need[:, 1:]])
    model.robot_task_need = np.zeros(firms.n)
    robot_work = np.zeros(firms.n)
    users = np.flatnonzero(firms.robot_share > 0)
    if users.size:  # robot users plan their robots and work with the robots they have
        lam, costs, sig, sig_a = log_lam[users], log_costs[users], sigma[users], sigma_auto[users]
        bundle_cost = log_bundle_cost[users]  # the human tasks' costs are the same at the wage
        part = tuple(x[users] for x in nest)
        model.robot_task_need[users] = robot_need[users]
        robot_work[users] = cfg.frontier.robot_productivity * firms.robots[users]
        # robots short of their share: the automated tasks at the wage, the robots' part of them done by them
        at_wage = costs.copy()
        at_wage[:, 0] = costs[:, 1]
        auto_plain, ai_plain, human_plain = _plan(lam, part, at_wage, sig, sig_a, bundle_cost)
        plain = np.column_stack([auto_plain + human_plain[:, 0], ai_plain, human_plain[:, 1:]])
        log_rest = _rest_beside_robots(lam, part, robot_work[users], rho_auto)
        short = np.isnan(log_rest) | (robot_work[users] <= firms.robot_share[users] * plain[:, 0])
        ai_beside, human_beside = _plan_rest(np.where(short, -np.inf, log_rest), part, costs, bundle_cost, sig,
                                             sig_a)
        beside = np.column_stack([robot_work[users] + human_beside[:, 0], ai_beside, human_beside[:, 1:]])
        need[users] = np.where(short[:, None], plain, beside)
    model.task_need = need
    human = np.empty((firms.n, 3))
    human[:, 0] = np.maximum(need[:, 0] - robot_work, 0.0)
    human[:, 1] = need[:, 2]
    human[:, 2] = need[:, 3] / augment
    return staff_for_tasks(human)


__all__ = ["labour_demand"]
