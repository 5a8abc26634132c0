"""Set-up of an economy: the groups, the initial firms, workers and platforms, and a consistent start.

Called once by :class:`~model.economy.EconomyModel` in this order (each draw
comes from the model's generator, so the order is part of the seed's meaning):
:func:`setup_groups`, :func:`setup_levers`, :func:`init_frontier`,
:func:`init_firms`, :func:`init_workers`, :func:`init_platforms`,
:func:`init_economy`.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from model.banking import credit_line, loan_rates
from model.digital_services import order_digital_services, record_sector_accounts, running_services
from model.errors import EconomyCollapse
from model.frontier import quarterly
from model.income_demand import consumer_price_level
from model.government import pension_payments
from model.market_shares import normalise_shares, price_index, set_start_appeal
from model.labour_market import pay_wages, refresh_headcount, structural_rates
from model.numerics import matmul
from model.periods import to_step
from model.platforms import run_gig_platforms
from model.policies.effects import PolicyEffects
from model.technology_adoption import available_techs
from model.automation import automated_task_saving, draw_automation_cost, firm_robot_share
from model.production import (SKILL_TASKS, automation_rho, produce, staff_for_tasks, substitution_rho,
                              firm_task_inputs, task_aggregate, task_weights, technology_terms)
from model.state import (DATA, EMPLOYED, GIG, INTEGRATED, NONE, ROBOTS, TECHS, UNEMPLOYED, FirmArrays,
                         PlatformArrays, WorkerArrays)

SMALL_NAMES = {"sme", "micro", "small", "medium", "smes"}


def _probabilities(values) -> np.ndarray:
    values = np.asarray(values, float)
    return values / values.sum()


def setup_groups(model) -> None:
    """Arrays of the scenario's regions, sectors and size classes that the rules index by group."""
    cfg = model.cfg
    model.region_names = [r.name for r in cfg.regions]
    model.sector_names = [s.name for s in cfg.sectors]
    model.size_names = [c.name for c in cfg.size_classes]
    model.n_regions, model.n_sectors, model.n_sizes = len(cfg.regions), len(cfg.sectors), len(cfg.size_classes)
    alpha = np.array([[s.tasks.routine_manual, s.tasks.routine_cognitive, s.tasks.non_routine]
                      for s in cfg.sectors])
    model.alpha = alpha / alpha.sum(axis=1, keepdims=True)
    model.data_intensity = np.array([s.data_intensity for s in cfg.sectors])
    model.robot_applicability = np.array([s.robot_applicability for s in cfg.sectors])
    model.income_elasticity = np.array([s.income_elasticity for s in cfg.sectors])
    model.is_industry = np.array([s.is_industry for s in cfg.sectors])
    model.sector_productivity = np.array([s.productivity for s in cfg.sectors])
    model.services_sector = next((i for i, s in enumerate(cfg.sectors) if s.name == "services"),
                                 model.n_sectors - 1)
    # R&D and digital services are bought from the services sector
    model.services_weights = np.eye(model.n_sectors)[model.services_sector]
    model.infrastructure_base = np.array([r.infrastructure for r in cfg.regions])
    model.infrastructure = model.infrastructure_base.copy()
    model.region_compute = np.array([r.compute_cost for r in cfg.regions])
    model.green_base = np.array([r.green_power for r in cfg.regions])
    model.region_productivity = np.array([r.productivity for r in cfg.regions])
    model.region_wage = np.array([r.wage for r in cfg.regions])
    model.sector_firm_p = _probabilities([s.firm_share for s in cfg.sectors])
    model.region_firm_p = _probabilities([r.firm_share for r in cfg.regions])
    model.region_worker_p = _probabilities([r.worker_share for r in cfg.regions])
    sizes = cfg.size_classes
    model.size_p = _probabilities([c.firm_share for c in sizes])
    model.size_cost = np.array([c.cost_factor for c in sizes])
    model.credit_ratio = np.array([c.credit_ratio for c in sizes])
    model.loan_to_value = np.array([c.loan_to_value for c in sizes])
    model.loan_premium = np.array([c.loan_premium for c in sizes])
    weights = np.array([s.investment_share for s in cfg.sectors], float)
    model.investment_shares = weights / weights.sum() if weights.sum() > 0 else None  # None: like consumption
    model.size_risk = np.array([c.risk_aversion for c in sizes])
    model.size_capability = np.array([c.capability for c in sizes])
    model.size_awareness = np.array([c.awareness for c in sizes])
    model.size_mean_workers = np.array([c.mean_workers for c in sizes])
    model.size_adoption = np.array([[c.adoption.get(t, 0.0) for t in TECHS] for c in sizes])
    order = np.argsort(-model.size_mean_workers)
    model.large_class = int(order[0])
    named_small = np.array([c.name.lower() in SMALL_NAMES for c in sizes])
    model.size_is_small = named_small if named_small.any() else (np.arange(model.n_sizes) != model.large_class)
    model.sme_class = next((i for i, c in enumerate(sizes) if c.name.lower() in {"sme", "smes", "small"}),
                           int(order[1]) if model.n_sizes > 1 else int(order[0]))
    entrant = model.size_p * np.where(np.arange(model.n_sizes) == model.large_class, 0.2, 1.0)
    model.entrant_size_p = entrant / entrant.sum()
    model.tech_params = [cfg.technology.data, cfg.technology.robots, cfg.technology.ai]


def setup_levers(model) -> None:
    """Each lever with its first and last active step."""
    model.lever_windows = []
    for lever in model.cfg.policies:
        start = to_step(lever.start, model.cfg.start) or 0
        end = to_step(lever.end, model.cfg.start)
        model.lever_windows.append((lever, start, end))


def init_frontier(model) -> None:
    """The technology frontier at the start: AI capability, compute cost, energy per unit of compute."""
    fr = model.cfg.frontier
    model.ai_capability = fr.ai_capability
    model.compute_cost = 1.0
    model.energy_per_compute = 1.0
    model.robot_ceiling = fr.max_robot_share


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
        cash=zeros.copy(), loans=zeros.copy(), expected=zeros.copy(), credit=zeros.copy(), order=zeros.copy(), capital_order=zeros.copy(),
        rd_order=zeros.copy(), rd=zeros.copy(), rd_support=zeros.copy(),
        invested=zeros.copy(), sales=zeros.copy(), revenue=zeros.copy(), interest=zeros.copy(), running=zeros.copy(), digital=zeros.copy(), digital_ai=zeros.copy(), member=member, share=zeros.copy(), appeal=zeros.copy(), price=np.ones(n),
        planned=zeros.copy(), output=zeros.copy(), output_nodigital=zeros.copy(), profit=zeros.copy(), dividends=zeros.copy(),
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


def init_economy(model) -> None:
    """Bring firms to a consistent starting state: capital, robots, data, prices, demand."""
    cfg, firms, workers = model.cfg, model.firms, model.workers
    prod, fr = cfg.production, cfg.frontier
    beta = prod.capital_elasticity
    refresh_headcount(model)
    model.wage = np.outer(model.region_wage, [cfg.labour.skill_wages.low, cfg.labour.skill_wages.mid,
                                              cfg.labour.skill_wages.high])
    model.wage0 = model.wage.copy()
    model.natural_unemployment = structural_rates(model)
    model.robot_price0 = fr.robot_price * float(np.mean(model.wage[:, 0]))
    model.robot_price = model.robot_price0
    model.effects = PolicyEffects(model.n_regions, model.n_sizes)
    # robots already installed: the cost-minimising robot work beside the staff's manual routine work,
    # robot/manual task units = s / (1 - s) * (cost of an automated task / wage)^(-sigma_A) at start-of-run
    # wages (production.labour_demand, with the human-task bundle at its start cost)
    share = firm_robot_share(model)
    on = firms.stage[:, ROBOTS] == INTEGRATED
    firms.robot_share = np.where(on, share, 0.0)
    manual = matmul(firms.headcount, SKILL_TASKS)[:, 0]
    sigma_auto = 1.0 / (1.0 - automation_rho(prod))
    ratio = share / np.maximum(1 - share, 1e-3) * np.exp(sigma_auto * automated_task_saving(model))
    firms.robots = np.where(on, ratio * manual / fr.robot_productivity, 0.0)
    # output with capital at its target ratio: Y = (A M k^beta)^(1/(1-beta)) T
    firms.planned = np.maximum(firms.headcount.sum(axis=1), 1).astype(float)
    firms.data = np.where(firms.stage[:, DATA] == INTEGRATED,
                          prod.data_generation / max(prod.data_depreciation, 1e-3) * firms.planned * 0.5, 0.0)
    model.reach = cfg.gig.initial_reach
    model.consumption = 0.0
    model.capacity = np.zeros(firms.n)
    model.task_need = None
    model.robot_task_need = None
    for _ in range(3):  # planned output and the data multiplier depend on each other
        m_data, ai_share, augment, penalty = technology_terms(model)
        rho = substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max)
        weights = task_weights(model, ai_share=ai_share)
        inputs = firm_task_inputs(model, firms.headcount, firms.robots, augment, weights, rho, automation_rho(prod))
        t = task_aggregate(inputs, weights, rho, automation_rho(prod))
        level = (np.exp(firms.log_a) * m_data * penalty * prod.capital_output ** beta) ** (1 / (1 - beta))
        firms.planned = np.maximum(level * t, 1e-6)
        firms.data = np.where(firms.stage[:, DATA] == INTEGRATED, prod.data_generation
                              / max(prod.data_depreciation, 1e-3) * firms.planned * 0.5, 0.0)
    firms.capital = prod.capital_output * firms.planned
    scale = firms.headcount.sum() / max(firms.planned.sum(), 1e-9)
    firms.log_a += (1 - beta) * np.log(scale) if scale > 0 else 0.0  # one unit of output per worker on average
    firms.planned *= scale
    firms.capital *= scale
    firms.data *= scale
    model.output_per_worker0 = 1.0
    produce(model)
    pay_wages(model)
    firms.price = np.ones(firms.n)
    sector_total = np.bincount(firms.sector, weights=firms.output, minlength=model.n_sectors)
    firms.share = firms.output / np.where(sector_total > 0, sector_total, 1.0)[firms.sector]
    empty = sector_total[firms.sector] <= 0
    firms.share[empty] = 1.0 / np.maximum(np.bincount(firms.sector, minlength=model.n_sectors), 1)[firms.sector[empty]]
    firms.share = normalise_shares(model, np.maximum(firms.share, 1e-9))
    revenue = firms.output
    running = running_services(model).sum(axis=1)  # at the start's unit prices
    firms.loans = cfg.banking.initial_drawdown * credit_line(model, slice(None), revenue, price_k=1.0)
    interest = loan_rates(model) * firms.loans
    capital_cost = prod.capital_depreciation * firms.capital + interest
    unit_cost = np.divide(firms.wage_bill + capital_cost + running, firms.output,
                          out=np.ones(firms.n), where=firms.output > 1e-9)
    if (unit_cost <= 0).any():  # prices are a markup on unit cost: a start without positive costs has no prices
        rate = float(loan_rates(model).min())
        raise EconomyCollapse(f"step 0 ({cfg.start}): the economy cannot start, before the burn-in: firms' unit "
                              f"cost is not positive (lowest {float(unit_cost.min()):.3g}: wages plus depreciation, "
                              f"interest and running costs per unit of output; the quarterly loan rate is {rate:.3g} "
                              f"on the drawn part of credit lines, so interest paid to firms outweighs their costs); "
                              "raise banking.policy_rate or lower the size classes' credit_ratio and loan_to_value",
                              0, "unit cost")
    firms.price = (1 + prod.markup) * unit_cost
    # market shares are shares of each sector's spending: a firm's demand is its share times spending over its price
    spending = firms.price * firms.output
    sector_spending = np.bincount(firms.sector, weights=spending, minlength=model.n_sectors)
    firms.share = np.where(sector_spending[firms.sector] > 0,
                           spending / np.where(sector_spending > 0, sector_spending, 1.0)[firms.sector], firms.share)
    firms.share = normalise_shares(model, np.maximum(firms.share, 1e-9))
    set_start_appeal(model)  # the start's shares are what buyers choose at the start's prices
    model.sector_price = np.bincount(firms.sector, weights=firms.price * firms.share, minlength=model.n_sectors)
    model.sector_price = np.where(model.sector_price > 0, model.sector_price, 1.0)
    model.sector_price0 = model.sector_price.copy()
    firms.cash = 0.5 * firms.price * firms.output
    model.sector_demand = np.bincount(firms.sector, weights=firms.output, minlength=model.n_sectors)
    firms.planned = firms.output.copy()  # the first quarter's demand buys what firms produce
    firms.expected = firms.planned.copy()
    nominal = model.sector_demand * model.sector_price
    nominal = nominal if nominal.sum() > 0 else model.sector_firm_p.copy()  # nobody employed at the start
    model.cons_shares0 = nominal / max(nominal.sum(), 1e-12)
    model.cons_shares = model.cons_shares0.copy()
    model.public_shares = model.cons_shares0.copy()
    model.investment_weights = model.cons_shares0.copy() if model.investment_shares is None \
        else model.investment_shares
    model.services_price = float(model.sector_price[model.services_sector])
    model.services_price0 = model.services_price
    model.price_level = consumer_price_level(model)
    model.benefit = cfg.labour.unemployment_benefit * float(model.wage[:, 0].mean())
    # gig demand: set so a gig worker nets `initial_earnings` x the low-skill wage at the start
    n_gig_workers = int((workers.status == GIG).sum())
    target_net = cfg.gig.initial_earnings * float(model.wage[:, 0].mean())
    gross = n_gig_workers * target_net / (1 - cfg.gig.commission)
    capacity_value = n_gig_workers * cfg.gig.tasks_per_worker * cfg.gig.algorithm_utilisation * model.services_price
    gross = min(gross, capacity_value)
    model.gig_gross0 = gross
    model.real_income0 = 1.0
    model.inflation = 0.0
    model.productivity_growth = 0.0
    firms.belief = model.initial_belief(np.arange(firms.n))
    model.size_mean_share = typical_shares(model)
    model.gdp0 = None
    model.last_productivity = None  # the constructed start produced nothing: growth is measured from quarter 1
    model.barriers = np.zeros((3, 3))
    model.barriers_small = np.zeros((3, 3))
    model.costs = firms.price * firms.output / (1 + prod.markup)
    init_balances(model)
    model.flows = defaultdict(float)


def typical_shares(model) -> np.ndarray:
    """Mean market share of a firm in each sector x size class (entrants start at it)."""
    firms = model.firms
    cell = firms.sector.astype(np.int64) * model.n_sizes + firms.size
    total = np.bincount(cell, weights=firms.share, minlength=model.n_sectors * model.n_sizes)
    count = np.bincount(cell, minlength=model.n_sectors * model.n_sizes)
    mean = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    fallback = 1.0 / max(firms.n, 1)
    return np.where(mean > 0, mean, fallback).reshape(model.n_sectors, model.n_sizes)


#: Households' spending out of wealth plus nominal trend growth, a quarter, below which no stationary deposits exist.
MIN_WEALTH_PULL = 1e-3


def steady_deposits(income: np.ndarray | float, propensity: float, model) -> np.ndarray | float:
    """Deposits at which saving out of ``income`` just keeps them growing with nominal income.

    With C = c_y y + c_w D, saving y - C equals g D when D = (1 - c_y) y / (g + c_w).
    """
    cfg = model.cfg
    growth = quarterly(cfg.government.consumption_growth) + quarterly(cfg.demand.inflation_target)
    pull = growth + cfg.households.propensity_wealth
    if pull < MIN_WEALTH_PULL:  # no stationary deposits: they would grow without bound against income
        raise EconomyCollapse(
            f"step 0 ({cfg.start}): the economy cannot start, before the burn-in: households' deposits have no "
            f"stationary level (nominal trend growth {growth:.3g} a quarter plus households.propensity_wealth "
            f"{cfg.households.propensity_wealth:.3g} is {pull:.3g}, below {MIN_WEALTH_PULL:g}: saving would pile "
            f"up deposits of more than {1 / MIN_WEALTH_PULL:.0f} quarters of income); raise "
            "households.propensity_wealth, government.consumption_growth or demand.inflation_target", 0,
            "deposits")
    return (1.0 - propensity) * np.maximum(income, 0.0) / pull


def init_balances(model) -> None:
    """Stocks and flows of a consistent start: deposits, loans, bonds, bank equity, and demand that buys output.

    Households hold the deposits at which their saving keeps pace with income
    (:func:`steady_deposits`); firms hold the deposit buffer they keep before
    repaying loans (``banking.cash_buffer`` quarters of sales) and owe the drawn part of their credit lines; bank equity is ``initial_capital_ratio``
    of loans; government bonds are what the balance sheet then requires
    (loans + bonds = deposits + bank equity). Government consumption is
    ``consumption_share`` of GDP, investment replaces depreciation, and
    exports are the rest of the demand that buys the first quarter's output
    (net of the digital services firms buy from the services sector, an
    intermediate input); households' spending on each sector is what is left
    of that sector's sales, so every sector starts in balance.
    """
    cfg, firms, workers, b = model.cfg, model.firms, model.workers, model.balances
    hh, m = cfg.households, cfg.trade.import_share
    firms.revenue = firms.price * firms.output
    firms.sales = firms.output.copy()
    order_digital_services(model)  # the first quarter's running services, at the start's prices
    running = firms.digital
    digital = float(running.sum())  # intermediate: in sales, not in GDP
    model.sector_price = price_index(model)  # the same index every step uses
    model.sector_price0 = model.sector_price.copy()
    record_sector_accounts(model)
    model.services_price = model.services_price0 = float(model.sector_price[model.services_sector])
    firms.cash = cfg.banking.cash_buffer * firms.revenue  # the buffer firms keep before repaying loans
    firms.credit = credit_line(model, slice(None), firms.revenue)
    model.price_level0 = model.price_level
    # pensions: a share of the start's GDP, shared by earnings (government.pay_pensions)
    b.government.real_pensions = cfg.government.pensions_share * (float(firms.revenue.sum()) - digital
                                                                  + model.gig_gross0)  # of GDP
    # households' expected income (pensions included) and the deposits that go with it
    tax = cfg.demand.income_tax
    gig_net = cfg.gig.initial_earnings * float(model.wage[:, 0].mean())
    status = workers.status
    workers.expected_income = np.select(
        [status == EMPLOYED, status == GIG], [workers.earnings * (1 - tax), np.full(workers.n, gig_net * (1 - tax))],
        model.benefit) + pension_payments(model, b.government.real_pensions)
    workers.deposits = steady_deposits(workers.expected_income, hh.propensity_income, model)
    price_k = float(model.sector_price @ model.investment_weights)
    depreciation = cfg.production.capital_depreciation * firms.capital * price_k
    interest = loan_rates(model) * firms.loans
    profit = firms.revenue - firms.wage_bill - running - interest - depreciation
    after_tax = np.maximum(profit, 0.0) * (1 - cfg.government.profit_tax)
    b.banks.equity = cfg.banking.initial_capital_ratio * float(firms.loans.sum())
    bank_profit = float(interest.sum())  # roughly: bonds and deposits pay about the same rate
    owners_income = (cfg.demand.dividend_payout * float(after_tax.sum()) + cfg.banking.dividend_payout * bank_profit
                     + model.gig_gross0 * cfg.gig.commission)
    b.owners.expected_income = owners_income
    b.owners.deposits = float(steady_deposits(owners_income, hh.owners_propensity_income, model))
    deposits = float(workers.deposits.sum()) + b.owners.deposits + float(firms.cash.sum())
    b.government.bonds = deposits + b.banks.equity - float(firms.loans.sum())
    # demand that buys the first quarter's output
    consumption = (hh.propensity_income * float(np.maximum(workers.expected_income, 0).sum())
                   + hh.owners_propensity_income * owners_income + hh.propensity_wealth * (deposits - float(firms.cash.sum())))
    model.consumption = consumption
    model.gig_spending_share = min(model.gig_gross0 / max(consumption * model.reach, 1e-12), 1.0)
    sales = np.bincount(firms.sector, weights=firms.revenue, minlength=model.n_sectors)
    gdp = float(sales.sum()) - digital + model.gig_gross0
    if not gdp > 0:  # demand that buys the output would be negative: no consistent start exists
        raise EconomyCollapse(
            f"step 0 ({cfg.start}): the economy cannot start, before the burn-in: the running services of firms' "
            f"digital technology ({digital:.3g} a quarter) are worth more than everything firms make "
            f"({float(sales.sum()):.3g}), so value added (GDP) would be {gdp:.3g}; lower technology.<tech>.running_cost "
            "or the regions' compute_cost", 0, "gdp")
    investment = float(depreciation.sum()) + robot_and_adoption_orders(model)
    goods = max(consumption - model.gig_gross0, 0.0)
    government = cfg.government.consumption_share * gdp
    exports = max(float(sales.sum()) - digital - (1 - m) * (goods + investment) - government, 0.0)
    household_part = balance_start_demand(model, sales, government=government, exports=exports,
                                          investment=investment, digital=digital)
    if household_part.sum() > 0:
        model.cons_shares0 = household_part / household_part.sum()
        model.cons_shares = model.cons_shares0.copy()
    model.price_level = model.price_level0 = model.price_base = consumer_price_level(model)
    b.government.real_consumption = government
    b.rest_of_world.real_exports = exports
    q = model.quarter  # the step-0 expenditure the start is built on (the metrics of step 0 read it)
    q["consumption"], q["investment"], q["government_consumption"] = consumption, investment, government
    q["exports"], q["imports"] = exports, m * (goods + investment)
    model.real_income0 = max(float(workers.expected_income.sum()) / model.price_level / workers.n, 1e-12)
    model.gdp_base = model.real_gdp()
    model.gig_spending = 0.0
    model.household_spent = 0.0
    if model.n_gig:  # gig workers' earnings and platforms' shares at the start (no money moves yet)
        saved = workers.deposits.copy(), b.owners.deposits, b.platform_deposits
        workers.consumption = hh.propensity_income * np.maximum(workers.expected_income, 0)
        b.owners.consumption = consumption - float(workers.consumption.sum())
        run_gig_platforms(model)
        workers.deposits, b.owners.deposits, b.platform_deposits = saved
        model.ledger.begin_step()
        model.household_spent = 0.0
    workers.income = workers.earnings + workers.transfers


def balance_start_demand(model, sales: np.ndarray, *, government: float, exports: float, investment: float,
                         digital: float) -> np.ndarray:
    """Households' part of each sector's sales at the start; sets the sectors' shares of exports and of
    government consumption.

    Each sector sells its output to the rest of the world, the government
    (both in the proportions of the sectors' output, ``public_shares``),
    investment, the digital services and households, who take what is left.
    Where the other buyers take more than a sector sells, exports take that
    much less from it and more from the other sectors, in proportion to
    households' part of them; then, if that is not enough, government
    consumption does the same. Totals are unchanged and every sector starts
    in balance. Where investment and the digital services alone take more of
    a sector than it sells (a tiny industry), households buy none of it and
    the rest stays unmet at the start: ``model.start_shortfall`` records it
    by sector, as a share of all sales; the goods market rations it and the
    burn-in absorbs it.

    Args:
        model: The model being initialised.
        sales: Each sector's sales at the start (value).
        government: Government consumption (value).
        exports: Exports (value).
        investment: Investment orders, imports included (value).
        digital: The digital running services firms order (value).

    Returns:
        Households' part of each sector's sales.
    """
    m, public = model.cfg.trade.import_share, model.public_shares
    part = (sales - (government + exports) * public - (1 - m) * investment * model.investment_weights
            - digital * model.services_weights)
    totals = {"exports": exports, "government": government}  # the buyers who take what the economy sells
    shares = {name: public.copy() for name in totals}
    for name, total in totals.items():
        basket = total * shares[name]
        short = np.minimum(np.maximum(-part, 0.0), basket)
        room = np.maximum(part + short, 0.0)  # the sectors it can buy more of (not the short ones)
        if short.sum() == 0 or room.sum() <= 0:
            continue
        moved = float(short.sum()) * room / float(room.sum())
        part = part + short - moved
        shares[name] = (basket - short + moved) / total
    model.export_shares, model.public_shares = shares["exports"], shares["government"]
    model.start_shortfall = np.maximum(-part, 0.0) / max(float(sales.sum()), 1e-300)
    return np.maximum(part, 0.0)


def robot_and_adoption_orders(model) -> float:
    """What firms spend on robots and new technology in a typical quarter at the start (replacement of robots)."""
    fr = model.cfg.frontier
    return float(model.firms.robots.sum()) * fr.robot_depreciation * model.robot_price
