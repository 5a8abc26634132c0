"""Rule 6: platforms.

**Gig platforms** match gig workers to consumer demand for platform services
(ride-hailing, delivery, freelance). Demand grows with household spending and
the digital reach of consumers; consumers choose platforms with a network
effect (share ~ workers^nu), so the market tips toward the largest; the
algorithm lifts utilisation from the street-hail level (~50%, seed 004) toward
its own; earnings fall with crowding; each platform sets its commission,
higher with market power, within any cap. Unemployed and low-paid workers join
when gig work pays more than their alternative (the benefit, or a share of
the market wage for their skill, whichever is higher: skilled job seekers hold
out for formal work), and quit when it pays less than the benefit.

**Industrial platforms** pool members' data (non-rival: every member uses the
whole pool) and rent AI and analytics, which lowers members' adoption cost and
skills barrier; they charge a subscription. Firms join when the expected
saving beats the fee.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, HOUSEHOLDS, PLATFORMS
from model.ai_service import ai_running_cost, can_rent, rent_ai, service_value
from model.government import subsidise_firms
from model.households import spend
from model.numerics import lookup, row_count, row_sum
from model.production import data_returns
from model.state import AI, DATA, EMPLOYED, GIG, INTEGRATED, LOW, NONE, UNEMPLOYED


def gig_demand(model) -> float:
    """Nominal spending on platform services this quarter."""
    return model.gig_spending_share * model.reach * model.consumption


def run_gig_platforms(model) -> None:
    """Earnings, commissions, consumer shares, joining and quitting of gig workers."""
    workers, plats, cfg, rng = model.workers, model.platforms, model.cfg, model.stream("gig")
    gig = cfg.gig
    g = model.n_gig
    model.reach = min(1.0, model.reach * (1.0 + gig.reach_growth))
    on_gig = workers.status == GIG
    model.gig_spending = 0.0
    if g == 0:
        return
    rows = np.flatnonzero(on_gig)
    platform = workers.platform[rows]
    counts = np.bincount(platform, minlength=g).astype(float)
    plats.workers[:g] = counts
    attract = (counts + 1.0) ** gig.network_effect
    plats.demand_share[:g] = attract / attract.sum()
    base_share = counts / max(counts.sum(), 1.0)
    commission = gig.commission + gig.commission_power * (base_share - 1.0 / g)
    commission = np.clip(commission, 0.0, gig.max_commission)
    if model.effects.commission_cap is not None:
        commission = np.minimum(commission, model.effects.commission_cap)
    plats.commission[:g] = commission
    price = model.services_price
    units_wanted = plats.demand_share[:g] * gig_demand(model) / price
    capacity = counts * gig.tasks_per_worker * gig.algorithm_utilisation
    served = np.minimum(units_wanted, capacity)
    # the same workers and demand without the algorithm: street-hail utilisation (the matching gain's baseline)
    model.flows["gig_served"] += float(served.sum())
    model.flows["gig_served_street"] += float(np.minimum(units_wanted, capacity * gig.street_utilisation
                                                          / max(gig.algorithm_utilisation, 1e-12)).sum())
    plats.utilisation[:g] = np.divide(served, counts * gig.tasks_per_worker, out=np.zeros(g), where=counts > 0)
    gross = served * price
    per_worker = np.divide(gross, counts, out=np.zeros(g), where=counts > 0)
    insurance = model.effects.gig_social_insurance
    net = per_worker * (1.0 - commission)
    plats.revenue[:g] = gross * (commission - insurance)
    model.flows["gig_insurance"] += float((gross * insurance).sum())
    earned = net.take(platform)  # take: int16 rows, faster than indexing
    workers.earnings[rows] = earned
    cover = insurance * per_worker.take(platform)
    workers.transfers[rows] += cover
    # consumers pay the platforms; the platforms pay their workers (and the insurance contribution)
    spend(model, float(gross.sum()), "gig_services", PLATFORMS)
    model.gig_spending = float(gross.sum())
    workers.deposits[rows] += earned + cover
    model.balances.platform_deposits += float(gross.sum()) - float(earned.sum()) - float(cover.sum())
    model.ledger.pay("gig_earnings", PLATFORMS, HOUSEHOLDS, float(earned.sum()))
    model.ledger.pay("gig_insurance", PLATFORMS, HOUSEHOLDS, float(cover.sum()))

    # what a newcomer would earn on each platform (one more worker crowds it)
    newcomer = np.minimum(units_wanted, (counts + 1) * gig.tasks_per_worker * gig.algorithm_utilisation)
    prospect = newcomer * price / (counts + 1.0) * (1.0 - commission)
    benefit = model.benefit
    alternative = benefit * (1.0 + 0.5 * rng.random(workers.n))
    # job seekers hold out for formal work unless gig pays a fair share of the market wage for their skill
    reservation = np.maximum(alternative, gig.reservation_ratio * lookup(model.wage, workers.region, workers.skill))
    best = prospect.max()
    unemployed = workers.status == UNEMPLOYED
    low_paid = (workers.status == EMPLOYED) & (workers.skill == LOW) & (workers.earnings < 0.8 * best)
    eligible = (unemployed & (best > reservation)) | (low_paid & (rng.random(workers.n) < 0.05))
    joiners = np.flatnonzero(eligible & (rng.random(workers.n) < gig.join_rate))
    quit_u = rng.random(workers.n)  # drawn before the variable-size platform choice (common random numbers)
    weights = plats.demand_share[:g] * np.maximum(prospect, 1e-12)
    choice = rng.choice(g, size=joiners.size, p=weights / weights.sum())
    leaving_job = joiners[workers.status[joiners] == EMPLOYED]
    model.flows["gig_joined"] += joiners.size
    # a worker who leaves a job for gig work is paid by neither this quarter (wages are paid in rule 8)
    workers.status[joiners] = GIG
    workers.employer[joiners] = -1
    workers.platform[joiners] = choice
    workers.spell[joiners] = 0
    workers.earnings[leaving_job] = 0.0
    quitters = np.flatnonzero(on_gig & (workers.earnings < alternative) & (quit_u < gig.quit_rate))
    workers.status[quitters] = UNEMPLOYED
    workers.platform[quitters] = -1
    workers.earnings[quitters] = 0.0
    workers.spell[quitters] = 0
    model.flows["gig_quit"] += quitters.size


def run_industrial_platforms(model) -> None:
    """Membership, data pools and subscription revenue of industrial platforms."""
    firms, plats, cfg, rng = model.firms, model.platforms, model.cfg, model.stream("industrial")
    ind = cfg.industrial_platforms
    g, n = model.n_gig, model.n_ind
    if n == 0:
        return
    revenue = np.maximum(firms.price * firms.planned, 0.0)
    fee = ind.subscription * revenue
    members = firms.member >= 0
    everyone = np.arange(firms.n)
    policy_pays = model.effects.share_cost(model.fiscal, "platform_fee", "data", firms.size, firms.region,
                                           fee, dry_run=True)
    # expected saving: discount on the adoption costs still ahead, spread over the horizon, plus pooled data
    unadopted = row_count((firms.stage == NONE) & firms.aware)
    saving = (ind.cost_discount * unadopted * model.tech_params[0].fixed_cost * model.size_cost.take(firms.size, axis=0)
              * np.maximum(row_sum(firms.headcount), 1) ** 0.7 * model.output_per_worker0
              / cfg.adoption.horizon_quarters)
    saving += (pooled_data_gain(model) + ai_service_gain(model)) * revenue
    net_fee = fee - policy_pays
    join_u, leave_u = rng.random((2, firms.n))
    join = ~members & (saving > net_fee) & (join_u < ind.join_rate)
    idx = np.flatnonzero(join)
    if idx.size:
        attract = (plats.members[g:] + 1.0) ** cfg.gig.network_effect
        firms.member[idx] = rng.choice(n, size=idx.size, p=attract / attract.sum())
    leave = members & (saving < 0.5 * net_fee) & (leave_u < 0.05)
    firms.member[leave] = -1
    members = firms.member >= 0
    paid = np.where(members, fee, 0.0)
    subsidy = np.zeros(firms.n)
    rows = everyone[members]
    subsidy[rows] = model.effects.share_cost(model.fiscal, "platform_fee", "data", firms.size[rows],
                                             firms.region[rows], fee[rows])
    firms.cash -= paid
    firms.running += paid
    model.balances.platform_deposits += float(paid.sum())
    model.ledger.pay("platform_fees", FIRMS, PLATFORMS, float(paid.sum()))
    subsidise_firms(model, rows, subsidy[rows])
    firms.running[rows] -= subsidy[rows]
    member_of = firms.member[members]
    plats.members[g:] = np.bincount(member_of, minlength=n)
    share = np.clip(ind.pool_share + model.effects.pool_share_boost, 0.0, 1.0)
    plats.pooled_data[g:] = share * np.bincount(member_of, weights=firms.data[members], minlength=n)
    plats.revenue[g:] = np.bincount(member_of, weights=paid[members], minlength=n)
    rent_ai(model)


def pooled_data_gain(model) -> np.ndarray:
    """What a platform's pooled data would add to each data-using firm's output, as a share of it.

    The data multiplier of production (``technology_terms``) with the mean platform's pool added to the firm's
    own data, over the multiplier without it; 0 for firms that do not use data.
    """
    firms, cfg = model.firms, model.cfg
    prod = cfg.production
    scale = prod.data_scale * np.maximum(firms.planned, 1e-9)
    pool = cfg.industrial_platforms.pool_relevance * model.platforms.pooled_data[model.n_gig:].mean()
    strength = model.tech_params[DATA].gain * model.data_intensity.take(firms.sector, axis=0)
    own = data_returns(firms.data / scale)
    gain = strength * (data_returns((firms.data + pool) / scale) - own)
    return np.where(firms.stage[:, DATA] == INTEGRATED, gain / (1.0 + strength * own), 0.0)


def ai_service_gain(model) -> np.ndarray:
    """What renting the platform's AI would be worth to each firm that could rent it (share of output)."""
    firms = model.firms
    return np.where(can_rent(model), service_value(model, firms.belief[:, AI] + ai_running_cost(model)), 0.0)


def run_platforms(model) -> None:
    """Rule 6: gig platforms, then industrial platforms."""
    run_gig_platforms(model)
    run_industrial_platforms(model)
