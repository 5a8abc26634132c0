"""Rule 3: firms weigh adopting data, robots and AI under three barriers.

* **unwilling** (不愿): the firm is not yet aware of the technology's value, or
  its belief about the gain is too low to cover the cost. Awareness spreads
  Bass-style from outside information (p) and adopting peers in the same sector
  and region (q); beliefs move toward the gains peers realised.
* **afraid** (不敢): the gain, discounted for risk aversion and uncertainty
  (smaller once many peers have adopted), does not cover the cost, or the firm
  cannot finance it from cash and credit (tighter for SMEs).
* **unable** (不会): too few digitally skilled staff, unless an industrial
  platform supplies part of the capability.

Adoption starts an adjustment period (shorter for capable firms) with a
productivity cost before the gain arrives. Integrated robot users then invest
toward the robot stock that the robot/wage cost ratio makes worthwhile, and
data users accumulate data.
"""

from __future__ import annotations

import numpy as np

from model.banking import headroom as finance_headroom
from model.government import subsidise_firms, subsidise_platforms
from model.compute_energy import compute_emissions_rate, firm_compute_cost
from model.automation import automated_task_saving, firm_robot_share
from model.numerics import row_count, row_sum
from model.production import ai_cost_and_mid_wage, ai_task_share, data_returns
from model.state import ADJUSTING, AI, DATA, INTEGRATED, NONE, ROBOTS, TECHS


def available_techs(model) -> np.ndarray:
    """Per technology (data, robots, AI): whether it exists in this scenario (``technology.<tech>.available``)."""
    return np.array([bool(p.available) for p in model.tech_params])


def group_rate(index: np.ndarray, flag: np.ndarray, n_groups: int) -> np.ndarray:
    """Share of rows with ``flag`` in each group of ``index`` (0 where a group is empty)."""
    count = np.bincount(index, minlength=n_groups)
    hits = np.bincount(index, weights=flag.astype(float), minlength=n_groups)
    return np.divide(hits, count, out=np.zeros(n_groups), where=count > 0)


def expected_gain(model) -> np.ndarray:
    """Gain [F, 3] each technology would bring, as a share of the firm's output.

    The same production rules the firm will face: the data multiplier at the
    data stock the firm would build up; the robot cost saving on routine manual
    tasks; AI's saving on routine cognitive tasks (the wage less the compute of
    the task) and augmentation of non-routine ones; minus running costs.
    """
    firms, cfg = model.firms, model.cfg
    techs = model.tech_params
    alpha = model.alpha.take(firms.sector, axis=0)
    labour_share = np.clip(firms.wage_bill / np.maximum(firms.price * firms.output, 1e-9), 0.1, 0.9)
    gain = np.zeros((firms.n, 3))
    prod = cfg.production
    steady_data = prod.data_generation / max(prod.data_depreciation, 1e-3)
    pool = 0.0
    if model.n_ind:
        pool = cfg.industrial_platforms.pool_relevance * model.platforms.pooled_data[model.n_gig:].mean()
        pool = np.where(firms.member >= 0, pool / np.maximum(firms.planned, 1e-9), 0.0)
    public = model.effects.public_data_open * prod.public_data_stock * prod.data_scale
    gain[:, DATA] = techs[DATA].gain * model.data_intensity.take(firms.sector, axis=0) * data_returns(
        (steady_data + pool + public) / prod.data_scale) - techs[DATA].running_cost
    share = firm_robot_share(model)
    unit_saving = -np.expm1(-automated_task_saving(model))  # 1 - (cost of an automated task / the wage)
    gain[:, ROBOTS] = techs[ROBOTS].gain * share * alpha[:, 0] * unit_saving * labour_share - techs[ROBOTS].running_cost
    cap = model.ai_capability
    compute = firm_compute_cost(model)
    # AI's tasks save the mid-skill wage less the compute they need (nothing where compute is the dearer)
    ai_cost, mid = ai_cost_and_mid_wage(model)
    relative = ai_cost / mid
    cognitive = ai_task_share(model, (ai_cost, mid)) * alpha[:, 1] * labour_share
    bill = cognitive * np.minimum(relative, 1.0)
    gain[:, AI] = (cognitive - bill + techs[AI].gain * cap * alpha[:, 2] * labour_share
                   - techs[AI].running_cost * compute)
    # policy on running AI: compute vouchers pay part of the compute bill, a carbon price charges its emissions
    ai_emissions = cfg.green.compute_per_ai_firm * cap * model.energy_per_compute * compute_emissions_rate(model)
    eff = model.effects
    gain[:, AI] += (eff.share_cost(model.fiscal, "compute", "ai", firms.size, firms.region,
                                   techs[AI].running_cost * compute + bill, dry_run=True)
                    + eff.share_cost(model.fiscal, "carbon", "ai", firms.size, firms.region, ai_emissions, dry_run=True))
    return gain


class _FirmRows:
    """Rows ``rows`` of the firm arrays, each array taken on first use; ``n`` is their number."""

    def __init__(self, firms, rows: np.ndarray):
        self._firms, self._rows, self.n = firms, rows, rows.size

    def __getattr__(self, name: str):
        value = getattr(self._firms, name)[self._rows]
        setattr(self, name, value)
        return value


class _ModelRows:
    """The model with only the firms ``rows`` (every other attribute the model's own), for rules that treat
    each firm apart."""

    def __init__(self, model, rows: np.ndarray):
        self._model, self.firms = model, _FirmRows(model.firms, rows)

    def __getattr__(self, name: str):
        return getattr(self._model, name)


def expected_gain_of(model, rows: np.ndarray) -> np.ndarray:
    """``expected_gain(model)[rows]``, computed for those rows alone (entrants: a tenth of the time).

    Every firm's gain is its own, but a lever's budget is spent on firms in array order
    (``PolicyEffects.share_cost``): with a budgeted compute or carbon lever all firms are computed.
    """
    coupled = any(share.kind in ("compute", "carbon") and share.budget is not None
                  for share in model.effects.cost_shares)
    return expected_gain(model)[rows] if coupled else expected_gain(_ModelRows(model, rows))


def adoption_scale(model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The factors of every firm's adoption cost that are the same for each technology: its size class's cost
    factor, its staff to the power 0.7 and its region's infrastructure discount (1 less the discount)."""
    firms, cfg = model.firms, model.cfg
    staff = np.maximum(row_sum(firms.headcount), 1)
    infra = np.clip(model.infrastructure.take(firms.region, axis=0), 0.0, 1.0)
    return model.size_cost.take(firms.size, axis=0), staff ** 0.7, 1.0 - cfg.adoption.infrastructure_discount * infra


def adoption_cost(model, tech: int, scale: tuple | None = None) -> np.ndarray:
    """One-off cost of adopting ``tech`` for every firm, before any subsidy (``scale``: the factors of
    :func:`adoption_scale`, if already known)."""
    firms, cfg = model.firms, model.cfg
    params = model.tech_params[tech]
    size_cost, staff_power, infra_factor = adoption_scale(model) if scale is None else scale
    cost = params.fixed_cost * size_cost * staff_power * model.output_per_worker0
    if tech == ROBOTS:
        cost = cost * (0.5 + 0.5 * model.robot_price / model.robot_price0)
    elif tech == AI:
        cost = cost * (0.5 + 0.5 * model.compute_cost)
    cost = cost * infra_factor
    return np.where(firms.member >= 0, cost * (1.0 - cfg.industrial_platforms.cost_discount), cost)


def outside_information(model) -> tuple[np.ndarray, np.ndarray]:
    """Each firm's peer cell (sector x region) and its chance of not hearing of a technology from outside
    (1 - Bass p), the same for every technology."""
    firms, cfg = model.firms, model.cfg
    cell = firms.sector.astype(np.int64) * model.n_regions + firms.region
    p = np.full(firms.n, cfg.adoption.bass_p)
    p[model.size_is_small.take(firms.size, axis=0)] += model.effects.awareness_boost
    p = np.where(firms.member >= 0, p * 2.0, p)
    return cell, 1.0 - np.clip(p, 0, 1)


def spread_awareness(model, tech: int, adopted: np.ndarray, outside: tuple | None = None) -> None:
    """Bass diffusion of awareness: outside information plus adopting peers (sector x region); ``outside``
    from :func:`outside_information`, if already known."""
    firms, cfg = model.firms, model.cfg
    cell, unheard = outside_information(model) if outside is None else outside
    peers = group_rate(cell, adopted, model.n_sectors * model.n_regions).take(cell)
    hazard = 1.0 - unheard * (1.0 - np.clip(cfg.adoption.bass_q * peers, 0, 1))
    newly = ~firms.aware[:, tech] & (model.stream("adoption").random(firms.n) < hazard)
    firms.aware[:, tech] |= newly


def update_beliefs(model, gain: np.ndarray) -> None:
    """Beliefs move toward the gain peers realised, faster the more peers adopted."""
    firms, cfg = model.firms, model.cfg
    for t in range(3):
        integrated = firms.stage[:, t] == INTEGRATED
        peers = group_rate(firms.sector, integrated, model.n_sectors).take(firms.sector, axis=0)
        # outside information (vendors, media: Bass p) keeps beliefs moving while no peer has adopted yet
        peers = np.maximum(peers, cfg.adoption.bass_p)
        firms.belief[:, t] += cfg.adoption.belief_learning * np.sqrt(peers) * (gain[:, t] - firms.belief[:, t])


def decide_adoption(model) -> None:
    """Rule 3: advance adjustment, spread awareness, and let firms adopt under the three barriers."""
    firms, cfg = model.firms, model.cfg
    flows = model.flows
    finishing = (firms.stage == ADJUSTING) & (firms.timer <= 1.0)
    firms.timer = np.where(firms.stage == ADJUSTING, firms.timer - 1.0, firms.timer)
    firms.stage[finishing] = INTEGRATED

    gain = expected_gain(model)
    frozen = model.settling  # the burn-in's settling quarters hold the technology: no learning, no new adoptions
    if not frozen:
        update_beliefs(model, gain)
    revenue = np.maximum(firms.price * firms.planned, 1e-9)
    horizon = cfg.adoption.horizon_quarters
    support = np.where(firms.member >= 0, cfg.industrial_platforms.skill_support, 0.0)
    headroom = finance_headroom(model)
    blocked = np.zeros((3, 3))  # tech x barrier (unwilling, afraid, unable), among non-adopters
    blocked_small = np.zeros((3, 3))
    small = model.size_is_small.take(firms.size, axis=0)
    scale = adoption_scale(model)  # staff, prices and platform members do not change in the loop
    outside = outside_information(model)
    for t, params in enumerate(model.tech_params):
        adopted = firms.stage[:, t] != NONE
        if not frozen:
            spread_awareness(model, t, adopted, outside)
        candidates = ~adopted & params.available
        gross = adoption_cost(model, t, scale)
        subsidy = np.zeros(firms.n)
        value = firms.belief[:, t] * revenue * horizon
        peer_share = group_rate(firms.sector, adopted, model.n_sectors).take(firms.sector, axis=0)
        doubt = firms.risk * params.uncertainty * (1.0 - peer_share)
        cand_idx = np.flatnonzero(candidates)
        if cand_idx.size:
            subsidy[cand_idx] = model.effects.share_cost(
                model.fiscal, "adoption", TECHS[t], firms.size[cand_idx], firms.region[cand_idx],
                gross[cand_idx], dry_run=True)
        net = gross - subsidy
        # a cost paid as a subscription (cloud onboarding) needs no financing up front
        deferred = model.effects.deferral_quarters(TECHS[t], firms.size, firms.region)
        upfront = np.where(deferred > 0, 0.0, net)
        unwilling = ~firms.aware[:, t] | (value <= net)
        afraid = ~unwilling & ((value * (1.0 - doubt) <= net) | ((upfront > 0) & (upfront > headroom)))
        unable = ~unwilling & ~afraid & (firms.digital_staff < params.skill_threshold * (1.0 - support))
        ready = candidates & ~unwilling & ~afraid & ~unable
        margin = np.clip(value * (1.0 - doubt) / np.maximum(net, 1e-9) - 1.0, 0.0, 1.0)
        go = ready & (model.stream("adoption").random(firms.n) < cfg.adoption.hazard * margin) & (not frozen)
        # the three barriers exclude one another: the first that held a candidate back, by its code
        firms.barrier[:, t] = (unwilling + 2 * afraid + 3 * unable) * candidates
        n_candidates, small_candidates = candidates.sum(), candidates & small
        n_small = small_candidates.sum()
        for b, mask in enumerate((unwilling, afraid, unable)):
            blocked[t, b] = np.count_nonzero(mask & candidates) / max(n_candidates, 1)
            blocked_small[t, b] = np.count_nonzero(mask & small_candidates) / max(n_small, 1)
        idx = np.flatnonzero(go)
        if idx.size:
            paid = model.effects.share_cost(model.fiscal, "adoption", TECHS[t], firms.size[idx],
                                            firms.region[idx], gross[idx])
            later = deferred[idx] > 0
            now = idx[~later]
            # bought now: the system is ordered from the capital-goods sellers (paid in the goods market),
            # the government pays its share to the firm
            firms.order[now] += gross[idx][~later]
            subsidise_firms(model, now, paid[~later])
            headroom[now] -= gross[idx][~later] - paid[~later]
            # paid as a subscription: the platform delivers it for fees; the government pays its share to it
            subscribe(firms, idx[later], gross[idx][later] - paid[later], deferred[idx[later]])
            subsidise_platforms(model, float(paid[later].sum()))
            firms.stage[idx, t] = ADJUSTING
            firms.timer[idx, t] = np.maximum(np.ceil(params.adjust_quarters * (1.5 - firms.capability[idx])), 1.0)
            firms.adopted_at[idx, t] = model.steps
            firms.aware[idx, t] = True
            flows["adoption_investment"] += float(gross[idx].sum())
            flows[f"adopters_{TECHS[t]}"] += idx.size
    model.barriers = blocked
    model.barriers_small = blocked_small
    invest_in_robots(model)
    accumulate_data(model)
    update_capability(model)


def subscribe(firms, rows: np.ndarray, cost: np.ndarray, quarters: np.ndarray) -> None:
    """Add ``cost`` to what ``rows`` pay in equal quarterly fees, spread over ``quarters`` from now."""
    if rows.size == 0:
        return
    owed = firms.fee[rows] * firms.fee_left[rows] + cost
    firms.fee_left[rows] = quarters
    firms.fee[rows] = owed / quarters


def invest_in_robots(model) -> None:
    """Integrated robot users move their robot stock toward the worthwhile target."""
    firms, cfg = model.firms, model.cfg
    fr = cfg.frontier
    firms.robots *= 1.0 - fr.robot_depreciation
    on = firms.stage[:, ROBOTS] == INTEGRATED
    share = firm_robot_share(model)
    firms.robot_share = np.where(on, share, 0.0)
    need = model.robot_task_need if model.robot_task_need is not None else np.zeros(firms.n)
    target = np.where(on, need / fr.robot_productivity, 0.0)
    buy = np.maximum(target - firms.robots, 0.0) * 0.5
    idx = np.flatnonzero(buy > 0)
    if idx.size == 0:
        return
    gross = buy[idx] * model.robot_price
    paid = model.effects.share_cost(model.fiscal, "robots", "robots", firms.size[idx], firms.region[idx], gross)
    firms.robots[idx] += buy[idx]
    firms.order[idx] += gross
    subsidise_firms(model, idx, paid)
    model.flows["robot_sales"] += float(buy[idx].sum())
    model.flows["robot_investment"] += float(gross.sum())


def accumulate_data(model) -> None:
    """Data users generate data from operations; every stock depreciates."""
    firms, prod = model.firms, model.cfg.production
    on = firms.stage[:, DATA] == INTEGRATED
    firms.data = firms.data * (1.0 - prod.data_depreciation) + np.where(on, prod.data_generation * firms.output, 0.0)


def update_capability(model) -> None:
    """Capability moves toward a target set by digital staff, integrated technologies, platform and infrastructure."""
    firms, cfg = model.firms, model.cfg
    integrated = row_count(firms.stage == INTEGRATED) / 3.0
    member = (firms.member >= 0) * cfg.industrial_platforms.capability_boost
    infra = np.clip(model.infrastructure.take(firms.region, axis=0), 0, 1)
    target = np.clip(0.5 * firms.digital_staff + 0.3 * integrated + 0.1 * infra + member, 0.0, 1.0)
    firms.capability += cfg.adoption.capability_speed * (target - firms.capability)
