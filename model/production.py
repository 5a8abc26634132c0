"""Rule 4: task-based production.

Each sector weighs three task groups: routine manual (low-skill labour and
robots), routine cognitive (mid-skill labour; AI performs a share of it) and
non-routine (high-skill labour, augmented by AI). Task inputs combine in a
normalised CES whose elasticity of substitution rises with the firm's digital
capability (seed 004: digital tools move isoquants from Leontief toward perfect
substitutes). Data multiplies productivity through an effective data stock
(own + pooled platform + opened public data) with diminishing returns.

    Y = A * M_data * P_adjust * K^beta * T^(1 - beta),   Y <= planned output
"""

from __future__ import annotations

import numpy as np

from model.ai_service import renting
from model.banking import borrowing_rate
from model.numerics import logsumexp_rows, matmul
from model.state import ADJUSTING, AI, DATA, INTEGRATED, ROBOTS

#: Largest exponent whose exp is a finite float.
LOG_MAX = float(np.log(np.finfo(float).max))


def substitution_rho(capability: np.ndarray, sigma_min: float, sigma_max: float) -> np.ndarray:
    """CES exponent rho = 1 - 1/sigma, sigma rising linearly with capability."""
    sigma = sigma_min + (sigma_max - sigma_min) * np.clip(capability, 0.0, 1.0)
    rho = 1.0 - 1.0 / sigma
    return np.where(np.abs(rho) < 1e-3, 1e-3, rho)


def _log(values: np.ndarray) -> np.ndarray:
    """Natural log, -inf where ``values`` is 0 (without a divide-by-zero warning)."""
    return np.log(values, out=np.full(np.shape(values), -np.inf), where=values > 0)


def _exp(log_values: np.ndarray) -> np.ndarray:
    """``exp``, 0 where the result would overflow (the CES functions' convention for an unbounded value)."""
    return np.exp(np.where(log_values > LOG_MAX, -np.inf, log_values))


def ces(inputs: np.ndarray, alpha: np.ndarray, rho: np.ndarray) -> np.ndarray:
    """Normalised CES: equals ``lam`` when ``inputs = lam * alpha``, whatever rho.

    ``(sum_j alpha_j (x_j / alpha_j)^rho)^(1/rho)``, computed in logs so that tiny task weights or extreme
    inputs cannot overflow; a value past the largest float counts as 0, as does a firm without task weights.
    """
    log_terms = (1.0 - rho)[:, None] * _log(alpha) + rho[:, None] * np.log(np.maximum(inputs, 1e-9))
    log_terms = np.where(alpha > 0, log_terms, -np.inf)
    return _exp(logsumexp_rows(log_terms) / rho)


def effective_data(model) -> np.ndarray:
    """Own data plus the member platform's pool plus opened public data (output units)."""
    firms, cfg = model.firms, model.cfg
    eff = firms.data.copy()
    members = firms.member >= 0
    if members.any():
        pools = model.platforms.pooled_data[model.n_gig + firms.member[members]]
        eff[members] += cfg.industrial_platforms.pool_relevance * pools
    opened = model.effects.public_data_open
    if opened > 0:
        public = cfg.production.public_data_stock * cfg.production.data_scale
        eff += opened * public * np.maximum(firms.planned, 1e-9)
    return eff


def technology_terms(model):
    """Per-firm digital terms: data multiplier, AI task share, AI augmentation, adjustment penalty."""
    firms, cfg = model.firms, model.cfg
    stage = firms.stage
    techs = model.tech_params
    scale = np.maximum(firms.planned, 1e-9)
    data_on = stage[:, DATA] == INTEGRATED
    intensity = model.data_intensity[firms.sector]
    m_data = 1.0 + techs[DATA].gain * intensity * np.log1p(effective_data(model) / (cfg.production.data_scale * scale))
    m_data = np.where(data_on, m_data, 1.0)
    # an own AI system works in full; AI rented from the platform as a service in part (ai_service.py)
    strength = np.where(stage[:, AI] == INTEGRATED, 1.0,
                        np.where(renting(model), cfg.industrial_platforms.ai_service_efficiency, 0.0))
    ai_share = cfg.frontier.max_ai_share * model.ai_capability * strength
    augment = 1.0 + techs[AI].gain * model.ai_capability * strength
    penalty = np.ones(firms.n)
    for t, params in enumerate(techs):
        penalty *= 1.0 - params.adjust_cost * (stage[:, t] == ADJUSTING)
    return m_data, ai_share, augment, penalty


#: Share of a worker's time each skill level spends on each task group (rows: low, mid, high;
#: columns: routine manual, routine cognitive, non-routine). Mostly on its own task group.
SKILL_TASKS = np.array([[0.85, 0.12, 0.03],
                        [0.12, 0.78, 0.10],
                        [0.02, 0.18, 0.80]])
#: Its inverse, written exactly (the rationals over 2520, correctly rounded): LAPACK's last bits vary by processor.
TASK_SKILLS = np.array([[3030, -453, -57],
                        [-470, 3397, -407],
                        [30, -753, 3243]]) / 2520


def task_weights(model) -> np.ndarray:
    """Task weights [F, 3] of every firm: its sector's, plus the new non-routine tasks AI creates.

    AI-integrated firms gain non-routine tasks (reinstatement, Acemoglu and
    Restrepo 2018) in proportion to AI capability; weights are renormalised.
    """
    firms = model.firms
    alpha = model.alpha[firms.sector].copy()
    ai_on = firms.stage[:, AI] == INTEGRATED
    alpha[ai_on, 2] *= 1.0 + model.cfg.frontier.ai_new_tasks * model.ai_capability
    return alpha / alpha.sum(axis=1, keepdims=True)


def task_inputs(headcount, robots, ai_share, augment, robot_productivity) -> np.ndarray:
    """Effective task inputs [F, 3] from staff by skill, robots and AI.

    AI does ``ai_share`` of a firm's routine cognitive tasks and its staff the
    rest, so the group's input is the staff's time over ``1 - ai_share``. The
    schema keeps ``frontier.max_ai_share`` (hence ``ai_share``) below 1: at 1 the
    input would be unbounded for a firm with routine cognitive staff and 0/0
    (NaN) for one without staff, such as the firms of a size class with almost
    no workers (issue 14).
    """
    if np.any(ai_share >= 1.0):
        raise ValueError("AI's share of routine cognitive tasks must be below 1 (frontier.max_ai_share < 1)")
    x = matmul(headcount, SKILL_TASKS)
    x[:, 0] += robot_productivity * robots
    x[:, 1] /= 1.0 - ai_share
    x[:, 2] *= augment
    return x


def staff_for_tasks(human_tasks: np.ndarray) -> np.ndarray:
    """Staff by skill [F, 3] whose time covers the human part of each task group."""
    return np.maximum(matmul(human_tasks, TASK_SKILLS), 0.0)


def base_factor(model) -> np.ndarray:
    """A * K^beta for every firm."""
    firms = model.firms
    beta = model.cfg.production.capital_elasticity
    return np.exp(firms.log_a) * np.maximum(firms.capital, 1e-9) ** beta


def produce(model) -> None:
    """Rule 4: every firm produces with the staff, robots, data and AI it has."""
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    beta = prod.capital_elasticity
    alpha = task_weights(model)
    m_data, ai_share, augment, penalty = technology_terms(model)
    firms.ai_share = ai_share
    base = base_factor(model)
    rho = substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max)
    inputs = task_inputs(firms.headcount, firms.robots, ai_share, augment, cfg.frontier.robot_productivity)
    capacity = base * m_data * penalty * ces(inputs, alpha, rho) ** (1.0 - beta)
    firms.output = np.minimum(capacity, firms.planned)
    firms.producing_staff = firms.headcount.sum(axis=1)
    rho_min = substitution_rho(np.zeros(firms.n), prod.sigma_min, prod.sigma_max)
    plain = task_inputs(firms.headcount, firms.robots, np.zeros(firms.n), np.ones(firms.n),
                        cfg.frontier.robot_productivity)
    firms.output_nodigital = base * ces(plain, alpha, rho_min) ** (1.0 - beta)
    model.capacity = capacity
    # what rented AI produced: the share of capacity the same firm would lose without it (the fee's base)
    firms.ai_gain[:] = 0.0
    rows = np.flatnonzero(renting(model))
    if rows.size:
        none = np.zeros(rows.size)
        without = task_inputs(firms.headcount[rows], firms.robots[rows], none, none + 1.0,
                              cfg.frontier.robot_productivity)
        lost = base[rows] * m_data[rows] * penalty[rows] * ces(without, alpha[rows], rho[rows]) ** (1.0 - beta)
        firms.ai_gain[rows] = np.maximum(1.0 - lost / np.maximum(capacity[rows], 1e-300), 0.0)
        model.flows["ai_renters"] += int((firms.ai_gain[rows] > 0).sum())


def task_costs(model, ai_share: np.ndarray, augment: np.ndarray) -> np.ndarray:
    """Cost of one unit of each task group [F, 3], relative to its cost at the start.

    Routine manual: the local low-skill wage, or the robot user cost for the share
    robots do; routine cognitive: the mid-skill wage for the share left to people
    plus compute for AI's share; non-routine: the high-skill wage over augmentation.
    """
    firms, cfg = model.firms, model.cfg
    rel = model.wage[firms.region] / model.wage0[firms.region]
    robot_cost = (model.robot_price * (borrowing_rate(model) + cfg.frontier.robot_depreciation)
                  * model.effects.robot_price_factor / cfg.frontier.robot_productivity
                  / model.wage0[firms.region, 0])
    rs = firms.robot_share
    costs = np.empty((firms.n, 3))
    costs[:, 0] = rel[:, 0] * (1.0 - rs) + robot_cost * rs
    compute = 0.2 * model.compute_cost * model.region_compute[firms.region]
    costs[:, 1] = rel[:, 1] * (1.0 - ai_share) + compute * ai_share
    costs[:, 2] = rel[:, 2] / augment
    return np.maximum(costs, 1e-6)


def labour_demand(model, planned: np.ndarray) -> np.ndarray:
    """Staff by skill [F, 3] needed to produce ``planned`` with today's technology and prices.

    The firm chooses the cost-minimising task mix of its CES (normalised at
    start-of-run prices, so the mix starts at the sector's task weights): dearer
    tasks are used less, the more so the higher the firm's digital capability
    raises the elasticity of substitution. Robots then cover routine manual
    tasks, AI a share of routine cognitive ones, and augmentation means fewer
    high-skill hours per non-routine task. Also stores the task need in
    ``model.task_need``.
    """
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    beta = prod.capital_elasticity
    m_data, ai_share, augment, penalty = technology_terms(model)
    productivity = base_factor(model) * m_data * penalty
    log_lam = (_log(planned) - np.log(np.maximum(productivity, 1e-12))) / (1.0 - beta)  # CES scale, in logs
    alpha = task_weights(model)
    sigma = 1.0 / (1.0 - substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max))
    costs = task_costs(model, ai_share, augment)
    # unit cost (sum_j alpha_j c_j^(1 - sigma))^(1 / (1 - sigma)) and need lam alpha_j (c_j / unit)^(-sigma), in logs
    log_alpha, log_costs = _log(alpha), np.log(costs)
    log_unit = logsumexp_rows(log_alpha + (1.0 - sigma)[:, None] * log_costs) / (1.0 - sigma)
    need = _exp(log_lam[:, None] + log_alpha - sigma[:, None] * (log_costs - log_unit[:, None]))
    model.task_need = need
    human = np.empty_like(need)
    human[:, 0] = np.maximum(need[:, 0] - cfg.frontier.robot_productivity * firms.robots, 0.0)
    human[:, 1] = need[:, 1] * (1.0 - ai_share)
    human[:, 2] = need[:, 2] / augment
    return staff_for_tasks(human)


__all__ = ["produce", "labour_demand", "technology_terms", "ROBOTS"]
