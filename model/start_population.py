"""Drawing the starting population: the firms, the workers and the platforms.

Called by :class:`~model.economy.EconomyModel` after :func:`model.initialise.setup_groups`,
:func:`~model.initialise.setup_levers` and :func:`~model.initialise.init_frontier`, in this order:
:func:`init_firms`, :func:`init_workers`, :func:`init_platforms` (each draw comes from the model's generator,
so the order is part of the seed's meaning). Firms draw size class, sector, region, productivity, adoption,
awareness and platform membership; workers their jobs by skill at each firm, gig work or a job search, ages
and digital skill; the platforms are set up empty. :func:`model.initialise.init_economy` then brings them to
a consistent start.
"""

from __future__ import annotations

import numpy as np

from model.automation import draw_automation_cost
from model.production import staff_for_tasks
from model.state import (EMPLOYED, GIG, INTEGRATED, NONE, UNEMPLOYED, FirmArrays, PlatformArrays,
                         WorkerArrays)
from model.technology_adoption import available_techs


def _probabilities(values) -> np.ndarray:
    values = np.asarray(values, float)
    return values / values.sum()



def init_firms(model) -> None:
    """Draw the firms: size class, sector, region, productivity, adoption, awareness, platform membership."""
    cfg, rng = model.cfg, model.rng
    n = cfg.population.firms
    size = rng.choice(model.n_sizes, n, p=model.size_p).astype(np.int8)
    sector = rng.choice(model.n_sectors, n, p=model.sector_firm_p).astype(np.int8)
    region = rng.choice(model.n_regions, n, p=model.region_firm_p).astype(np.int8)
    disp = cfg.production.initial_dispersion
    log_a = (np.log(model.sector_productivity[sector] * model.region_productivity[region])
             + rng.normal(-disp ** 2 / 2, disp, n))
    infra = model.infrastructure_base[region]
    p_adopt = np.clip(model.size_adoption[size] * ((0.5 + infra) / (0.5 + model.infrastructure_base.mean()))[:, None],
                      0, 1)
    stage = np.where(rng.random((n, 3)) < p_adopt, INTEGRATED, NONE).astype(np.int8)
    stage[:, ~available_techs(model)] = NONE  # a technology that does not exist has no users
    aware = (stage != NONE) | (rng.random((n, 3)) < model.size_awareness[size][:, None])
    member = np.full(n, -1, np.int16)
    n_ind = cfg.population.industrial_platforms
    if n_ind:
        weight = np.where(size == model.large_class, 2.0, 1.0)
        joins = rng.random(n) < np.clip(cfg.industrial_platforms.initial_members * weight, 0, 1)
        member[joins] = rng.integers(0, n_ind, joins.sum())
    zeros = np.zeros(n)
    model.firms = FirmArrays(
        sector=sector, region=region, size=size, age=rng.integers(4, 80, n).astype(np.int32), log_a=log_a,
        capital=zeros.copy(), robots=zeros.copy(), data=zeros.copy(), stage=stage,
        timer=np.zeros((n, 3), np.float32), aware=aware, belief=np.zeros((n, 3)),
        barrier=np.zeros((n, 3), np.int8),
        adopted_at=np.full((n, 3), -1, np.int32),
        capability=np.clip(model.size_capability[size] + 0.15 * (stage == INTEGRATED).mean(axis=1)
                           + rng.normal(0, 0.12, n), 0, 1),
        risk=np.clip(model.size_risk[size] + rng.normal(0, 0.1, n), 0, 1),
        cash=zeros.copy(), loans=zeros.copy(), term_loans=zeros.copy(), term_drawn=zeros.copy(), expected=zeros.copy(), credit=zeros.copy(), order=zeros.copy(), capital_order=zeros.copy(),
        rd_order=zeros.copy(), rd=zeros.copy(), rd_support=zeros.copy(),
        invested=zeros.copy(), sales=zeros.copy(), revenue=zeros.copy(), interest=zeros.copy(), running=zeros.copy(), digital=zeros.copy(), digital_ai=zeros.copy(), member=member, share=zeros.copy(), appeal=zeros.copy(), price=np.ones(n),
        planned=zeros.copy(), target=zeros.copy(), inventory=zeros.copy(), inventory_change=zeros.copy(),
        inventory_value=zeros.copy(), output=zeros.copy(), output_nodigital=zeros.copy(), hours=np.ones(n), profit=zeros.copy(), dividends=zeros.copy(),
        losses=np.zeros(n, np.int32), headcount=np.zeros((n, 3), np.int64), producing_staff=np.zeros(n, np.int64),
        vacancies=np.zeros((n, 3), np.int64), wage_bill=zeros.copy(), robot_share=zeros.copy(),
        automation_cost=draw_automation_cost(model, n, model.stream("automation")),
        ai_share=zeros.copy(), ai_service=np.zeros(n, bool), ai_gain=zeros.copy(), ai_tasks=zeros.copy(), digital_staff=zeros.copy(), fee=zeros.copy(), fee_left=np.zeros(n, np.int32),
    )


def init_workers(model) -> None:
    """Draw the workers: jobs by skill at each firm, gig workers and job seekers, ages and digital skill."""
    cfg, rng, firms = model.cfg, model.rng, model.firms
    wf = cfg.workforce
    n = cfg.population.workers
    n_gig_workers = int(round(n * wf.initial_gig_share)) if cfg.population.gig_platforms else 0
    n_unemployed = int(round(n * wf.initial_unemployment))
    n_employed = max(n - n_gig_workers - n_unemployed, 0)
    n_unemployed = n - n_gig_workers - n_employed
    raw = model.size_mean_workers[firms.size] * rng.lognormal(-0.125, 0.5, firms.n)
    heads = rng.multinomial(n_employed, raw / raw.sum())
    # staff by skill: the time split that covers the sector's task weights, rounded by largest remainder
    mix = staff_for_tasks(model.alpha)
    mix = mix / mix.sum(axis=1, keepdims=True)
    exact = heads[:, None] * mix[firms.sector]
    by_skill = np.floor(exact).astype(np.int64)
    short = heads - by_skill.sum(axis=1)
    order = np.argsort(-(exact - by_skill) + rng.random(exact.shape) * 1e-9, axis=1)
    for rank in range(3):
        add = short > rank
        by_skill[np.flatnonzero(add), order[add, rank]] += 1
    cell = np.repeat(np.arange(firms.n * 3), by_skill.ravel())
    employer, job_skill = cell // 3, cell % 3
    others = n - n_employed
    other_skill = rng.choice(3, others, p=cfg.workforce.jobless_skills.shares())
    skill = np.concatenate([job_skill, other_skill]).astype(np.int8)
    region = np.concatenate([firms.region[employer], rng.choice(model.n_regions, others, p=model.region_worker_p)])
    status = np.concatenate([np.full(n_employed, EMPLOYED), np.full(n_gig_workers, GIG),
                             np.full(n_unemployed, UNEMPLOYED)]).astype(np.int8)
    ages = wf.age_shares
    age = rng.choice(3, n, p=_probabilities([ages.young, ages.prime, ages.older])).astype(np.int8)
    levels = np.array([wf.digital_skill.low, wf.digital_skill.mid, wf.digital_skill.high])
    digital = (levels[skill] + np.where(age == 0, wf.young_digital_bonus, 0.0)
               - np.where(age == 2, wf.older_digital_penalty, 0.0) + rng.normal(0, 0.12, n))
    g = cfg.population.gig_platforms
    platform = np.full(n, -1, np.int16)
    if g and n_gig_workers:
        weights = rng.dirichlet(np.full(g, 2.0))
        platform[status == GIG] = rng.choice(g, n_gig_workers, p=weights)
    model.workers = WorkerArrays(
        region=region.astype(np.int8), skill=skill, age=age, digital=np.clip(digital, 0, 1), status=status,
        employer=np.concatenate([employer, np.full(others, -1)]).astype(np.int32), platform=platform,
        earnings=np.zeros(n), transfers=np.zeros(n), income=np.zeros(n), deposits=np.zeros(n),
        expected_income=np.zeros(n), consumption=np.zeros(n), tax=np.zeros(n), training=np.zeros(n, np.int8),
        training_gain=np.zeros(n), spell=rng.integers(0, 8, n).astype(np.int32), displaced=np.zeros(n, bool),
        trained=np.zeros(n, bool),
    )


def init_platforms(model) -> None:
    """Gig platforms (rows 0..G-1) and industrial platforms (rows G..)."""
    g, k = model.cfg.population.gig_platforms, model.cfg.population.industrial_platforms
    n = g + k
    model.n_gig, model.n_ind = g, k
    kind = np.r_[np.zeros(g), np.ones(k)].astype(np.int8)
    model.platforms = PlatformArrays(
        kind=kind, commission=np.where(kind == 0, model.cfg.gig.commission, 0.0), workers=np.zeros(n),
        demand_share=np.where(kind == 0, 1.0 / max(g, 1), 0.0), members=np.zeros(n), pooled_data=np.zeros(n),
        revenue=np.zeros(n), utilisation=np.zeros(n),
    )
