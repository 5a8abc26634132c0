"""Rule 4: task-based production.

Each sector weighs three task groups: routine manual (low-skill labour and
robots), routine cognitive (mid-skill labour and AI) and non-routine
(high-skill labour, augmented by AI). The routine manual tasks a firm has
automated (share ``s`` of the group, ``automation.py``) are done by robots;
they are their own argument of the task aggregate (Acemoglu and Restrepo
2018, 2020): a normalised CES with elasticity ``automation_sigma`` between the
automated tasks and the bundle of the other tasks, whose own elasticity rises
with the firm's digital capability (seed 004: digital tools move isoquants
from Leontief toward perfect substitutes). The routine cognitive tasks AI
does (share ``a`` of the group, chosen by cost below the ceiling
``frontier.max_ai_share`` x AI capability, ``ai_task_share``; in part for
rented AI) are likewise their own argument, done by AI at the cost of its
compute; people do the rest. They are automated tasks beside the robots', in
the outer nest with the same elasticity, outside the human bundle. So AI displaces mid-skill work from the tasks it takes (its
weight leaves people's bundle); cheaper compute makes AI do more of its tasks
and shrinks the whole human bundle a little at a given output, while the cost
it saves raises the demand for every task. Data multiplies productivity
through an effective data stock (own + pooled platform + opened public data)
with diminishing returns.

    T = CES_A( x_robot, CES_A( x_ai, CES_sigma(cap)(x_manual, x_cognitive, x_nonroutine) ) )
    Y = min(h * A * M_data * P_adjust * K^beta * T^(1 - beta), planned output)

with hours ``h`` between ``production.hours_min`` and ``hours_max`` set by the orders
(:func:`working_hours`): overtime and short time take the first of a change in
demand, headcount follows it through the labour market.

The firm's cost-minimising plan of staff and robots for a planned output on this production function is in
:mod:`model.labour_plan` (:func:`~model.labour_plan.labour_demand`).
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from model.ai_service import renting
from model.automation import automated_task_saving
from model.compute_energy import firm_compute_cost
from model.inventories import production_target
from model.numerics import logsumexp_rows, matmul, row_sum
from model.state import ADJUSTING, AI, DATA, INTEGRATED, NONE, ROBOTS

#: Largest exponent whose exp is a finite float.
LOG_MAX = float(np.log(np.finfo(float).max))


def substitution_rho(capability: np.ndarray, sigma_min: float, sigma_max: float) -> np.ndarray:
    """CES exponent rho = 1 - 1/sigma, sigma rising linearly with capability."""
    sigma = sigma_min + (sigma_max - sigma_min) * np.clip(capability, 0.0, 1.0)
    rho = 1.0 - 1.0 / sigma
    return np.where(np.abs(rho) < 1e-3, 1e-3, rho)


def _log(values: np.ndarray) -> np.ndarray:
    """Natural log, -inf where ``values`` is 0 (without a divide-by-zero warning).

    ``log(fmax(values, 0))`` with the warning off: -inf for 0, negative values and NaN, as a masked ``log``
    would give, in half its time (NumPy's log gives the same bits on any memory layout, masked or not).
    """
    with np.errstate(divide="ignore"):
        return np.log(np.fmax(values, 0.0))


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


def ai_task_share(model, prices: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Share of its routine cognitive tasks each firm gives an AI system, chosen by cost like robots' share.

    The technical ceiling ``frontier.max_ai_share`` x AI capability, times the share of tasks whose integration
    cost AI's saving covers: with ln kappa logistic across a firm's tasks around its own integration cost
    ``m_i`` (drawn at birth around ``frontier.ai_integration_cost``, spread ``ai_integration_dispersion``:
    :func:`model.automation.draw_automation_cost`), ``Lambda(epsilon (ln(w_mid / c_ai) - m_i))``, ``w_mid`` the
    region's mid-skill wage and ``c_ai`` AI's compute per task (both relative to the start's mid-skill wage;
    :func:`ai_compute_cost`), so cheaper compute, a compute voucher or dearer mid-skill work widen it.
    ``prices``: the two from :func:`ai_cost_and_mid_wage`, if already known.
    """
    fr = model.cfg.frontier
    ai_cost, mid = ai_cost_and_mid_wage(model) if prices is None else prices
    advantage = np.log(np.maximum(mid, 1e-12)) - np.log(np.maximum(ai_cost, 1e-300))
    m = model.firms.automation_cost[:, 1]
    return fr.max_ai_share * model.ai_capability * expit(fr.ai_price_elasticity * (advantage - m))


def technology_terms(model):
    """Per-firm digital terms: data multiplier, AI task share, AI augmentation, adjustment penalty."""
    firms, cfg = model.firms, model.cfg
    stage = firms.stage
    techs = model.tech_params
    scale = np.maximum(firms.planned, 1e-9)
    data_on = stage[:, DATA] == INTEGRATED
    intensity = model.data_intensity.take(firms.sector, axis=0)
    ratio = effective_data(model) / (cfg.production.data_scale * scale)
    m_data = 1.0 + techs[DATA].gain * intensity * data_returns(ratio)
    m_data = np.where(data_on, m_data, 1.0)
    # an own AI system works in full; AI rented from the platform as a service in part (ai_service.py)
    strength = np.where(stage[:, AI] == INTEGRATED, 1.0,
                        np.where(renting(model), cfg.industrial_platforms.ai_service_efficiency, 0.0))
    ai_share = ai_task_share(model) * strength
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


def task_weights_split(alpha: np.ndarray, robot_share: np.ndarray, ai_share: np.ndarray) -> np.ndarray:
    """Five task weights [F, 5]: automated and manual routine manual, AI's and people's routine cognitive,
    non-routine."""
    return np.column_stack([alpha[:, 0] * robot_share, alpha[:, 0] * (1.0 - robot_share), alpha[:, 1] * ai_share,
                            alpha[:, 1] * (1.0 - ai_share), alpha[:, 2]])


def task_groups(model) -> np.ndarray:
    """Weights [F, 3] of every firm's three task groups (routine manual, routine cognitive, non-routine).

    Its sector's, plus the new non-routine tasks AI creates: AI-integrated firms gain non-routine tasks
    (reinstatement, Acemoglu and Restrepo 2018) in proportion to AI capability; weights are renormalised.
    """
    firms = model.firms
    alpha = model.alpha.take(firms.sector, axis=0)
    ai_on = firms.stage[:, AI] == INTEGRATED
    alpha[ai_on, 2] *= 1.0 + model.cfg.frontier.ai_new_tasks * model.ai_capability
    return alpha / row_sum(alpha)[:, None]


def task_weights(model, ai_share: np.ndarray | None = None, groups: np.ndarray | None = None) -> np.ndarray:
    """Task weights [F, 5] of every firm: automated and manual routine manual, AI's and people's routine
    cognitive, non-routine (AI's part ``ai_share``, by default the firm's ``firms.ai_share``).

    The task groups' weights (:func:`task_groups`, ``groups`` if already known), the routine manual one split
    by the firm's automated share, the routine cognitive one by AI's (``task_weights_split``).
    """
    firms = model.firms
    return task_weights_split(task_groups(model) if groups is None else groups, firms.robot_share,
                              firms.ai_share if ai_share is None else ai_share)


def task_inputs(headcount, robots, ai_tasks, augment, robot_productivity, robot_share) -> np.ndarray:
    """Effective task inputs [F, 5]: automated routine manual, manual routine manual, AI's routine cognitive,
    people's routine cognitive, non-routine.

    Robots do the automated tasks; people do the manual ones and, where the robots do not cover the automated
    share ``robot_share`` of the group's work, the rest of the automated ones too (automated tasks get
    ``max(robot units, robot_share x all routine manual units)``). AI does ``ai_tasks`` units of routine
    cognitive tasks (:func:`firm_ai_tasks`), the staff's time the rest; augmentation multiplies the staff's
    non-routine time.
    """
    x = matmul(headcount, SKILL_TASKS)
    machine = robot_productivity * robots
    total = x[:, 0] + machine
    automated = np.maximum(machine, robot_share * total)
    return np.column_stack([automated, total - automated, ai_tasks, x[:, 1], x[:, 2] * augment])


#: Columns of the task inputs people do: manual routine manual, people's routine cognitive, non-routine.
HUMAN = [1, 3, 4]


def human_bundle(inputs: np.ndarray, weights: np.ndarray, rho: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The CES bundle ``B`` of the three human task inputs (weights renormalised) and their total weight."""
    w_human = row_sum(weights[:, HUMAN])
    return ces(inputs[:, HUMAN], weights[:, HUMAN] / np.maximum(w_human, 1e-300)[:, None], rho), w_human


def ai_compute_bill(model) -> np.ndarray:
    """What each firm with its own AI system pays for the compute of the tasks AI did this quarter (money):
    ``c_ai x_ai`` times the start's mid-skill wage of its region (renters' compute is in their platform's fee)."""
    firms = model.firms
    own = firms.stage[:, AI] != NONE
    return np.where(own, ai_compute_cost(model) * firms.ai_tasks * model.wage0[:, 1].take(firms.region), 0.0)


def ai_cost_and_mid_wage(model) -> tuple[np.ndarray, np.ndarray]:
    """Every firm's cost of an AI task (:func:`ai_compute_cost`) and its region's mid-skill wage, both relative
    to the start's mid-skill wage: the two prices AI's share and its expected saving weigh."""
    firms = model.firms
    return ai_compute_cost(model), (model.wage[:, 1] / model.wage0[:, 1]).take(firms.region)


def ai_compute_cost(model) -> np.ndarray:
    """Cost of one routine cognitive task unit done by AI (its compute), relative to the start's mid-skill wage:
    ``frontier.ai_task_cost`` x the cost of compute (falling with the frontier) x the region's compute cost
    factor x any policy's (``compute_west``)."""
    return firm_compute_cost(model, model.cfg.frontier.ai_task_cost)


def automation_rho(prod) -> float:
    """CES exponent between automated tasks and the bundle of human tasks (``production.automation_sigma``)."""
    rho = 1.0 - 1.0 / prod.automation_sigma
    return 1e-3 if abs(rho) < 1e-3 else rho


def task_aggregate(inputs: np.ndarray, weights: np.ndarray, rho: np.ndarray, rho_auto: float,
                   bundle: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The nested normalised CES of the five task inputs.

    The human bundle ``B`` of the three human task inputs (columns 1, 3, 4; exponent ``rho``), then AI's tasks
    (column 2) against ``B``, then robots' automated tasks (column 0) against that, both with ``rho_auto``:

        T = CES_A( x_robot, CES_A( x_ai, B ) )

    (nests with one elasticity: the CES of the three with ``automation_sigma``). Equals ``lam`` at
    ``inputs = lam * weights``; without automated tasks it is the bundle. ``bundle``: the bundle and its
    weight (:func:`human_bundle`) if already known; it is not changed.
    """
    w_robot, w_ai = weights[:, 0], weights[:, 2]
    aggregate, w_human = human_bundle(inputs, weights, rho) if bundle is None else (bundle[0].copy(), bundle[1])
    w_rest = w_ai + w_human
    rows = np.flatnonzero(w_ai > 0)  # AI users: their AI tasks against the bundle
    if rows.size:
        aggregate[rows] = ces(np.column_stack([inputs[rows, 2], aggregate[rows]]),
                              np.column_stack([w_ai[rows], w_human[rows]]) / w_rest[rows, None],
                              np.full(rows.size, rho_auto))
    rows = np.flatnonzero(w_robot > 0)  # robot users: their automated tasks against the rest
    if rows.size:
        aggregate[rows] = ces(np.column_stack([inputs[rows, 0], aggregate[rows]]),
                              np.column_stack([w_robot[rows], w_rest[rows]]), np.full(rows.size, rho_auto))
    return aggregate


def staff_for_tasks(human_tasks: np.ndarray) -> np.ndarray:
    """Staff by skill [F, 3] whose time covers the human part of each task group."""
    return np.maximum(matmul(human_tasks, TASK_SKILLS), 0.0)


def base_factor(model) -> np.ndarray:
    """A * K^beta for every firm."""
    firms = model.firms
    beta = model.cfg.production.capital_elasticity
    return np.exp(firms.log_a) * np.maximum(firms.capital, 1e-9) ** beta


def firm_ai_tasks(model, inputs: np.ndarray, weights: np.ndarray, rho: np.ndarray, augment: np.ndarray,
                  rho_auto: float, costs: np.ndarray | None = None,
                  bundle: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """AI's routine cognitive task units at every firm beside the human bundle its staff make (``inputs``).

    AI is bought as a service each quarter, so a firm runs it at the cost-minimising ratio of its nest:

        x_ai / B = (w_ai / w_B) (c_ai / c_B)^(-sigma_A),

    ``w`` the task weights, ``c_ai`` AI's compute per task unit and ``c_B`` the bundle's CES unit cost at
    today's wages. A firm without AI's tasks, or without staff, runs none. ``costs`` (:func:`task_costs`) and
    ``bundle`` (:func:`human_bundle`) are computed unless given.
    """
    bundle, w_human = human_bundle(inputs, weights, rho) if bundle is None else bundle
    log_costs = np.log(task_costs(model, augment) if costs is None else costs)
    log_bundle_cost = _log_unit_cost(_log(weights[:, HUMAN]) - _log(w_human)[:, None], log_costs[:, HUMAN],
                                     1.0 / (1.0 - rho))
    ratio = np.divide(weights[:, 2], w_human, out=np.zeros(weights.shape[0]), where=w_human > 0)
    sigma_auto = 1.0 / (1.0 - rho_auto)
    return bundle * ratio * _exp(-sigma_auto * (log_costs[:, 2] - log_bundle_cost))


def firm_task_inputs(model, headcount, robots, augment, weights, rho, rho_auto, costs=None,
                     bundle_out: list | None = None) -> np.ndarray:
    """Every firm's five task inputs: its staff's, its robots' and the AI it runs beside them.

    ``costs``: the task costs (:func:`task_costs`) if already known; ``bundle_out``: a list that receives the
    staff's human bundle and its weight (:func:`human_bundle`), for :func:`task_aggregate` to reuse.
    """
    fr = model.cfg.frontier
    inputs = task_inputs(headcount, robots, np.zeros(headcount.shape[0]), augment, fr.robot_productivity,
                         model.firms.robot_share)
    bundle = human_bundle(inputs, weights, rho)  # AI's column is not part of it
    if bundle_out is not None:
        bundle_out[:] = bundle
    inputs[:, 2] = firm_ai_tasks(model, inputs, weights, rho, augment, rho_auto, costs, bundle)
    return inputs


def produce(model) -> None:
    """Rule 4: every firm produces with the staff, robots, data and AI it has, for the hours its orders need."""
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    beta = prod.capital_elasticity
    q_r, rs = cfg.frontier.robot_productivity, firms.robot_share
    rho_auto = automation_rho(prod)
    m_data, ai_share, augment, penalty = model.technology = technology_terms(model)
    model.task_cost = task_costs(model, augment)  # the labour market plans at the same prices
    firms.ai_share = ai_share
    groups = task_groups(model)
    weights = model.task_weight = task_weights(model, groups=groups)
    base = base_factor(model)
    rho = substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max)
    bundle = []
    inputs = firm_task_inputs(model, firms.headcount, firms.robots, augment, weights, rho, rho_auto,
                              model.task_cost, bundle)
    firms.ai_tasks = inputs[:, 2]
    capacity = base * m_data * penalty * task_aggregate(inputs, weights, rho, rho_auto, bundle) ** (1.0 - beta)
    firms.target = production_target(model)  # orders and the gap to the target stock (inventories.py)
    firms.hours = working_hours(capacity, firms.target, prod)
    firms.output = np.minimum(capacity * firms.hours, firms.target)
    firms.producing_staff = row_sum(firms.headcount)
    rho_min = substitution_rho(np.zeros(firms.n), prod.sigma_min, prod.sigma_max)
    none = np.zeros(firms.n)
    no_ai = task_weights(model, ai_share=none, groups=groups)  # people do every routine cognitive task
    plain = task_inputs(firms.headcount, firms.robots, none, none + 1.0, q_r, rs)
    firms.output_nodigital = base * task_aggregate(plain, no_ai, rho_min, rho_auto) ** (1.0 - beta)
    model.capacity = capacity
    model.sector_capacity = np.column_stack([
        np.bincount(firms.sector, weights=capacity, minlength=model.n_sectors),
        np.bincount(firms.sector, weights=firms.output_nodigital, minlength=model.n_sectors)])
    # what rented AI produced: the share of capacity the same firm would lose without it (the fee's base)
    firms.ai_gain[:] = 0.0
    rows = np.flatnonzero(renting(model))
    if rows.size:
        lost = (base[rows] * m_data[rows] * penalty[rows]
                * task_aggregate(plain[rows], no_ai[rows], rho[rows], rho_auto) ** (1.0 - beta))
        firms.ai_gain[rows] = np.maximum(1.0 - lost / np.maximum(capacity[rows], 1e-300), 0.0)
        model.flows["ai_renters"] += int((firms.ai_gain[rows] > 0).sum())


def working_hours(capacity: np.ndarray, planned: np.ndarray, prod) -> np.ndarray:
    """Hours a firm's staff work this quarter, relative to normal hours: what its orders need, within bounds.

    A firm meets orders its staff, robots and capital would not make in normal hours with overtime, and runs
    short time when orders fall short; machines run the same hours as people (shifts), so output is
    ``h x capacity``:

        h_i = clip(Y_i^plan / capacity_i, production.hours_min, production.hours_max)

    A firm without capacity works normal hours (it makes nothing).
    """
    need = np.divide(planned, capacity, out=np.ones_like(capacity), where=capacity > 1e-12)
    return np.clip(need, prod.hours_min, prod.hours_max)


def task_costs(model, augment: np.ndarray) -> np.ndarray:
    """Cost of one unit of each of the five task inputs [F, 5], relative to the wage of its skill at the start.

    Automated routine manual tasks: the wage times ``exp(-saving)``, the mean cost of the tasks the firm's
    robots do cheaper (``automation.automated_task_saving``); manual ones: the local low-skill wage; AI's routine
    cognitive tasks: its compute (``ai_compute_cost``); people's: the mid-skill wage; non-routine: the
    high-skill wage over augmentation.
    """
    firms = model.firms
    rel = (model.wage / model.wage0).take(firms.region, axis=0)
    costs = np.empty((firms.n, 5))
    costs[:, 0] = rel[:, 0] * np.exp(-automated_task_saving(model))
    costs[:, 1] = rel[:, 0]
    costs[:, 2] = ai_compute_cost(model)
    costs[:, 3] = rel[:, 1]
    costs[:, 4] = rel[:, 2] / augment
    return np.maximum(costs, 1e-6)


def _log_unit_cost(log_alpha: np.ndarray, log_costs: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Log unit cost of a normalised CES: ``unit = (sum_j alpha_j c_j^(1 - sigma))^(1 / (1 - sigma))``."""
    return logsumexp_rows(log_alpha + (1.0 - sigma)[:, None] * log_costs) / (1.0 - sigma)


__all__ = ["produce", "technology_terms", "ROBOTS"]
