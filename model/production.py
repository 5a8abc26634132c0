"""Rule 4: task-based production.

Each sector weighs three task groups: routine manual (low-skill labour and
robots), routine cognitive (mid-skill labour; AI performs a share of it) and
non-routine (high-skill labour, augmented by AI). The routine manual tasks a
firm has automated (share ``s`` of the group, ``automation.py``) are done by
robots; they are their own argument of the task aggregate (Acemoglu and
Restrepo 2018, 2020): a normalised CES with elasticity ``automation_sigma``
between the automated tasks and the bundle of human tasks (manual routine,
routine cognitive, non-routine), whose own elasticity rises with the firm's
digital capability (seed 004: digital tools move isoquants from Leontief
toward perfect substitutes). Data multiplies productivity through an
effective data stock (own + pooled platform + opened public data) with
diminishing returns.

    T = CES_sigma_A( x_auto, CES_sigma(cap)(x_manual, x_cognitive, x_nonroutine) )
    Y = A * M_data * P_adjust * K^beta * T^(1 - beta),   Y <= planned output
"""

from __future__ import annotations

import numpy as np

from model.ai_service import renting
from model.automation import automated_task_saving
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


def data_returns(ratio: np.ndarray | float) -> np.ndarray | float:
    """Saturating returns to data: ``x / (1 + x)`` of a data stock ``x`` times ``data_scale`` quarters of output.

    Half the most data can do at ``x = 1``, nearly all of it by ``x = 10``: a firm's productivity gain from data
    is bounded by ``technology.data.gain`` times its sector's ``data_intensity``, however large the pool it draws
    on (firm studies find data-driven firms a few percent more productive, not multiples; docs/ODD.md).
    """
    return ratio / (1.0 + ratio)


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
    ratio = effective_data(model) / (cfg.production.data_scale * scale)
    m_data = 1.0 + techs[DATA].gain * intensity * data_returns(ratio)
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


def task_weights_split(alpha: np.ndarray, robot_share: np.ndarray) -> np.ndarray:
    """Four task weights [F, 4]: automated and manual routine manual tasks, routine cognitive, non-routine."""
    return np.column_stack([alpha[:, 0] * robot_share, alpha[:, 0] * (1.0 - robot_share), alpha[:, 1:]])


def task_weights(model) -> np.ndarray:
    """Task weights [F, 4] of every firm: automated and manual routine manual, routine cognitive, non-routine.

    Its sector's three task groups, plus the new non-routine tasks AI creates: AI-integrated firms gain
    non-routine tasks (reinstatement, Acemoglu and Restrepo 2018) in proportion to AI capability; weights are
    renormalised. The routine manual weight is split by the firm's automated share (``task_weights_split``).
    """
    firms = model.firms
    alpha = model.alpha[firms.sector].copy()
    ai_on = firms.stage[:, AI] == INTEGRATED
    alpha[ai_on, 2] *= 1.0 + model.cfg.frontier.ai_new_tasks * model.ai_capability
    return task_weights_split(alpha / alpha.sum(axis=1, keepdims=True), firms.robot_share)


def task_inputs(headcount, robots, ai_share, augment, robot_productivity, robot_share) -> np.ndarray:
    """Effective task inputs [F, 4]: automated routine manual, manual routine manual, routine cognitive,
    non-routine.

    Robots do the automated tasks; people do the manual ones and, where the robots do not cover the automated
    share ``robot_share`` of the group's work, the rest of the automated ones too (automated tasks get
    ``max(robot units, robot_share x all routine manual units)``).
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
    machine = robot_productivity * robots
    total = x[:, 0] + machine
    automated = np.maximum(machine, robot_share * total)
    return np.column_stack([automated, total - automated, x[:, 1] / (1.0 - ai_share), x[:, 2] * augment])


def automation_rho(prod) -> float:
    """CES exponent between automated tasks and the bundle of human tasks (``production.automation_sigma``)."""
    rho = 1.0 - 1.0 / prod.automation_sigma
    return 1e-3 if abs(rho) < 1e-3 else rho


def task_aggregate(inputs: np.ndarray, weights: np.ndarray, rho: np.ndarray, rho_auto: float) -> np.ndarray:
    """The nested normalised CES of four task inputs: automated tasks (column 0, exponent ``rho_auto``) against
    the CES bundle of the three human task groups (exponent ``rho``). Equals ``lam`` at ``inputs = lam * weights``;
    without automated tasks it is the bundle."""
    w_auto = weights[:, 0]
    w_human = 1.0 - w_auto
    bundle = ces(inputs[:, 1:], weights[:, 1:] / np.maximum(w_human, 1e-300)[:, None], rho)
    rows = np.flatnonzero(w_auto > 0)  # robot users; for the others the aggregate is the bundle
    if rows.size:
        bundle[rows] = ces(np.column_stack([inputs[rows, 0], bundle[rows]]),
                           np.column_stack([w_auto[rows], w_human[rows]]), np.full(rows.size, rho_auto))
    return bundle


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
    q_r, rs = cfg.frontier.robot_productivity, firms.robot_share
    weights = task_weights(model)
    rho_auto = automation_rho(prod)
    m_data, ai_share, augment, penalty = technology_terms(model)
    firms.ai_share = ai_share
    base = base_factor(model)
    rho = substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max)
    inputs = task_inputs(firms.headcount, firms.robots, ai_share, augment, q_r, rs)
    capacity = base * m_data * penalty * task_aggregate(inputs, weights, rho, rho_auto) ** (1.0 - beta)
    firms.output = np.minimum(capacity, firms.planned)
    firms.producing_staff = firms.headcount.sum(axis=1)
    rho_min = substitution_rho(np.zeros(firms.n), prod.sigma_min, prod.sigma_max)
    plain = task_inputs(firms.headcount, firms.robots, np.zeros(firms.n), np.ones(firms.n), q_r, rs)
    firms.output_nodigital = base * task_aggregate(plain, weights, rho_min, rho_auto) ** (1.0 - beta)
    model.capacity = capacity
    # what rented AI produced: the share of capacity the same firm would lose without it (the fee's base)
    firms.ai_gain[:] = 0.0
    rows = np.flatnonzero(renting(model))
    if rows.size:
        none = np.zeros(rows.size)
        without = task_inputs(firms.headcount[rows], firms.robots[rows], none, none + 1.0, q_r, rs[rows])
        lost = (base[rows] * m_data[rows] * penalty[rows]
                * task_aggregate(without, weights[rows], rho[rows], rho_auto) ** (1.0 - beta))
        firms.ai_gain[rows] = np.maximum(1.0 - lost / np.maximum(capacity[rows], 1e-300), 0.0)
        model.flows["ai_renters"] += int((firms.ai_gain[rows] > 0).sum())


def task_costs(model, ai_share: np.ndarray, augment: np.ndarray) -> np.ndarray:
    """Cost of one unit of each of the four task groups [F, 4], relative to the wage of its skill at the start.

    Automated routine manual tasks: the wage times ``exp(-saving)``, the mean cost of the tasks the firm's
    robots do cheaper (``automation.automated_task_saving``); manual ones: the local low-skill wage; routine
    cognitive: the mid-skill wage for the share left to people plus compute for AI's share; non-routine: the
    high-skill wage over augmentation.
    """
    firms = model.firms
    rel = model.wage[firms.region] / model.wage0[firms.region]
    costs = np.empty((firms.n, 4))
    costs[:, 0] = rel[:, 0] * np.exp(-automated_task_saving(model))
    costs[:, 1] = rel[:, 0]
    compute = 0.2 * model.compute_cost * model.region_compute[firms.region]
    costs[:, 2] = rel[:, 1] * (1.0 - ai_share) + compute * ai_share
    costs[:, 3] = rel[:, 2] / augment
    return np.maximum(costs, 1e-6)


def _log_unit_cost(log_alpha: np.ndarray, log_costs: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Log unit cost of a normalised CES: ``unit = (sum_j alpha_j c_j^(1 - sigma))^(1 / (1 - sigma))``."""
    return logsumexp_rows(log_alpha + (1.0 - sigma)[:, None] * log_costs) / (1.0 - sigma)


def _cheapest_mix(log_scale: np.ndarray, log_alpha: np.ndarray, log_costs: np.ndarray,
                  sigma: np.ndarray) -> np.ndarray:
    """Cost-minimising inputs of a normalised CES at ``exp(log_scale)``: ``lam alpha_j (c_j / unit)^(-sigma)``
    (in logs, ``unit`` from ``_log_unit_cost``)."""
    log_unit = _log_unit_cost(log_alpha, log_costs, sigma)
    return _exp(log_scale[:, None] + log_alpha - sigma[:, None] * (log_costs - log_unit[:, None]))


def _split_log_weights(log_weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log weights of the nest: the automated tasks', the human bundle's (``1 - w_a``) and, within the bundle,
    the three human task groups' (renormalised)."""
    log_human = np.log1p(-np.exp(log_weights[:, 0]))
    return log_weights[:, 0], log_human, log_weights[:, 1:] - log_human[:, None]


def _plan(log_lam, nest, log_costs, sigma, sigma_auto) -> tuple[np.ndarray, np.ndarray]:
    """Cost-minimising automated task units [F] and human task units [F, 3] of the nested task CES at scale
    ``exp(log_lam)`` (``nest`` from ``_split_log_weights``): the bundle of human tasks is priced at its CES
    unit cost, then split within."""
    log_auto, log_human, log_inner = nest
    log_bundle_cost = _log_unit_cost(log_inner, log_costs[:, 1:], sigma)
    outer = _cheapest_mix(log_lam, np.column_stack([log_auto, log_human]),
                          np.column_stack([log_costs[:, 0], log_bundle_cost]), sigma_auto)
    return outer[:, 0], _cheapest_mix(_log(outer[:, 1]), log_inner, log_costs[:, 1:], sigma)


def _bundle_beside_robots(log_lam, nest, robot_work, rho_auto) -> np.ndarray:
    """Log of the human-task bundle that, beside the automated tasks the robots in place do (``robot_work``,
    fixed in the short run), reaches the scale ``exp(log_lam)``; NaN where the robots cannot carry their part.

    With x_a fixed, ``lam^rho_A - w_a^(1 - rho_A) x_a^rho_A`` is left for the bundle B, whose term is
    ``(1 - w_a)^(1 - rho_A) B^rho_A``.
    """
    log_auto, log_human, _ = nest
    working = (robot_work > 0) & np.isfinite(log_auto) & np.isfinite(log_lam)
    lam = np.where(working, log_lam, 0.0)
    log_part = (1.0 - rho_auto) * log_auto + rho_auto * (np.log(np.where(working, robot_work, 1.0)) - lam)
    robots_part = np.where(working, np.exp(np.minimum(log_part, LOG_MAX)), np.inf)
    feasible = robots_part < 1.0
    log_rest = rho_auto * lam + np.log1p(-np.where(feasible, robots_part, 0.0))
    return np.where(feasible, (log_rest - (1.0 - rho_auto) * log_human) / rho_auto, np.nan)


def labour_demand(model, planned: np.ndarray) -> np.ndarray:
    """Staff by skill [F, 3] needed to produce ``planned`` with today's technology, robots and prices.

    The firm plans the cost-minimising mix of its task CES (normalised at start-of-run prices, so the mix
    starts at the task weights): dearer tasks are used less, the more so the higher the elasticity. The
    automated tasks of that plan, over a robot's task units, are the robot stock the firm invests toward
    (``model.robot_task_need``). Today it works with the robots it has: beside them, the cheapest bundle of
    human tasks that reaches ``planned``; if its robots fall short of the automated share ``s`` of its routine
    manual work (a new adopter), people also do automated tasks, costed at the wage. AI then does a share of
    routine cognitive tasks and augmentation means fewer high-skill hours per non-routine task. Also stores
    the task need [F, 3] in ``model.task_need``.
    """
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    beta = prod.capital_elasticity
    m_data, ai_share, augment, penalty = technology_terms(model)
    productivity = base_factor(model) * m_data * penalty
    log_lam = (_log(planned) - np.log(np.maximum(productivity, 1e-12))) / (1.0 - beta)  # CES scale, in logs
    log_weights = _log(task_weights(model))
    sigma = 1.0 / (1.0 - substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max))
    rho_auto = automation_rho(prod)
    log_costs = np.log(task_costs(model, ai_share, augment))
    # firms without automated tasks: the cheapest mix of human tasks, all of it done by people
    need = _cheapest_mix(log_lam, log_weights[:, 1:], log_costs[:, 1:], sigma)
    model.robot_task_need = np.zeros(firms.n)
    robot_work = np.zeros(firms.n)
    users = np.flatnonzero(firms.robot_share > 0)
    if users.size:  # robot users plan their robots and work with the robots they have
        lam, costs, sig = log_lam[users], log_costs[users], sigma[users]
        nest = _split_log_weights(log_weights[users])
        sigma_auto = np.full(users.size, 1.0 / (1.0 - rho_auto))
        model.robot_task_need[users], _ = _plan(lam, nest, costs, sig, sigma_auto)
        robot_work[users] = cfg.frontier.robot_productivity * firms.robots[users]
        # robots short of their share: the automated tasks at the wage, the robots' part of them done by them
        at_wage = costs.copy()
        at_wage[:, 0] = costs[:, 1]
        auto_plain, human_plain = _plan(lam, nest, at_wage, sig, sigma_auto)
        plain = np.column_stack([auto_plain + human_plain[:, 0], human_plain[:, 1:]])
        log_bundle = _bundle_beside_robots(lam, nest, robot_work[users], rho_auto)
        short = np.isnan(log_bundle) | (robot_work[users] <= firms.robot_share[users] * plain[:, 0])
        beside = _cheapest_mix(np.where(short, -np.inf, log_bundle), nest[2], costs[:, 1:], sig)
        need[users] = np.where(short[:, None], plain,
                               np.column_stack([robot_work[users] + beside[:, 0], beside[:, 1:]]))
    model.task_need = need
    human = np.empty((firms.n, 3))
    human[:, 0] = np.maximum(need[:, 0] - robot_work, 0.0)
    human[:, 1] = need[:, 1] * (1.0 - ai_share)
    human[:, 2] = need[:, 2] / augment
    return staff_for_tasks(human)


__all__ = ["produce", "labour_demand", "technology_terms", "ROBOTS"]
