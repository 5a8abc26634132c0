"""Set-up of an economy: the groups, the levers, the frontier, and a consistent start.

Called once by :class:`~model.economy.EconomyModel` in this order (each draw
comes from the model's generator, so the order is part of the seed's meaning):
:func:`setup_groups`, :func:`setup_levers`, :func:`init_frontier`, then the
starting population (:mod:`model.start_population`: ``init_firms``,
``init_workers``, ``init_platforms``), then :func:`init_economy`, which brings
them to a consistent starting state and ends with the starting balance sheets
(:func:`model.start_balances.init_balances`).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from model.banking import credit_line, loan_rates
from model.digital_services import running_services
from model.errors import EconomyCollapse
from model.income_demand import consumer_price_level
from model.market_shares import normalise_shares, set_start_appeal
from model.labour_market import pay_wages, refresh_headcount, structural_rates
from model.numerics import matmul
from model.periods import to_step
from model.policies.effects import PolicyEffects
from model.automation import automated_task_saving, firm_robot_share
from model.production import (SKILL_TASKS, automation_rho, produce, substitution_rho,
                              firm_task_inputs, task_aggregate, task_weights, technology_terms)
from model.start_balances import init_balances
from model.start_population import _probabilities
from model.state import DATA, GIG, INTEGRATED, ROBOTS, TECHS

SMALL_NAMES = {"sme", "micro", "small", "medium", "smes"}


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
    model.inventory_quarters = np.array([s.inventory_quarters for s in cfg.sectors])
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
    # wages (labour_plan.labour_demand, with the human-task bundle at its start cost)
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
    model.sector_capacity = np.zeros((model.n_sectors, 2))
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
    # the drawn lines financed the capital already installed: term loans (an overdraft with loan_maturity 0)
    firms.term_loans = firms.loans.copy() if cfg.banking.loan_maturity > 0 else np.zeros_like(firms.loans)
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
