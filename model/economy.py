"""The economy: a Mesa model whose step follows the ten rules of ``MODEL.md``.

State lives in NumPy arrays (:mod:`model.state`); every rule is a function,
in a module named for the mechanism, that updates a whole population at once.
Firm, Worker and Platform agents are named views of their rows.
"""

from __future__ import annotations

from collections import defaultdict

import mesa
import numpy as np

from model.agents import Firm, Platform, Worker
from model.config import Scenario
from model.entry_exit import turnover
from model.fiscal import Fiscal
from model.frontier import advance_frontier
from model.income_demand import settle_demand
from model.labour_market import clear_labour_market, pay_wages, refresh_headcount
from model.metrics import collect_metrics
from model.numerics import dot
from model.periods import period_label
from model.platforms import run_platforms
from model.policies.effects import PolicyEffects
from model.production import produce, staff_for_tasks, technology_terms
from model.state import (DATA, EMPLOYED, GIG, INTEGRATED, NONE, ROBOTS, TECHS, UNEMPLOYED, FirmArrays,
                         PlatformArrays, WorkerArrays)
from model.technology_adoption import decide_adoption, expected_gain
from model.training import train

SMALL_NAMES = {"sme", "micro", "small", "medium", "smes"}

#: The random streams a step hands out, one per rule (see :meth:`EconomyModel.stream`).
STREAMS = ("frontier", "adoption", "labour", "matching", "gig", "industrial", "training", "entry_exit", "workforce",
           "policies")


def _probabilities(values) -> np.ndarray:
    values = np.asarray(values, float)
    return values / values.sum()


class EconomyModel(mesa.Model):
    """An economy of firms, workers and platforms adopting data, robots and AI.

    Args:
        scenario: A validated :class:`~model.config.Scenario` (defaults: the baseline).
        seed: Seed for the model's random generator (default: ``scenario.seed``).
        agents: Create a Mesa agent view for every firm, worker and platform
            (``False`` skips worker views, for the largest populations).
    """

    def __init__(self, scenario: Scenario | None = None, *, seed: int | None = None, agents: bool = True):
        scenario = scenario or Scenario()
        super().__init__(rng=np.random.default_rng(scenario.seed if seed is None else seed))
        self.cfg = scenario
        self.seed_used = int(scenario.seed if seed is None else seed)
        self._step_key = int(self.rng.integers(2**63))  # streams for the set-up; each step draws a new key
        self._streams: dict[str, np.random.Generator] = {}
        self._setup_groups()
        self._setup_levers()
        self.flows = defaultdict(float)
        self.effects = PolicyEffects(self.n_regions, self.n_sizes)
        self.fiscal = Fiscal([key for lever in scenario.policies for key in lever.accounts])
        self.active_levers = []
        self._init_frontier()
        self._init_firms()
        self._init_workers()
        self._init_platforms()
        self._init_economy()
        # plain lists, not object arrays: the garbage collector can then free a finished model
        self.firm_agents = [Firm(self, row) for row in range(self.firms.n)]
        self.worker_views = agents
        self.worker_agents = [Worker(self, row) for row in range(self.workers.n)] if agents else [None] * self.workers.n
        self.platform_agents = [Platform(self, row, self._platform_name(row)) for row in range(self.platforms.n)]
        self.records: list[dict] = []
        self.records.append(collect_metrics(self))

    # -- set-up -------------------------------------------------------------------------
    def _setup_groups(self) -> None:
        cfg = self.cfg
        self.region_names = [r.name for r in cfg.regions]
        self.sector_names = [s.name for s in cfg.sectors]
        self.size_names = [c.name for c in cfg.size_classes]
        self.n_regions, self.n_sectors, self.n_sizes = len(cfg.regions), len(cfg.sectors), len(cfg.size_classes)
        alpha = np.array([[s.tasks.routine_manual, s.tasks.routine_cognitive, s.tasks.non_routine]
                          for s in cfg.sectors])
        self.alpha = alpha / alpha.sum(axis=1, keepdims=True)
        self.data_intensity = np.array([s.data_intensity for s in cfg.sectors])
        self.robot_applicability = np.array([s.robot_applicability for s in cfg.sectors])
        self.income_elasticity = np.array([s.income_elasticity for s in cfg.sectors])
        self.is_industry = np.array([s.is_industry for s in cfg.sectors])
        self.sector_productivity = np.array([s.productivity for s in cfg.sectors])
        self.services_sector = next((i for i, s in enumerate(cfg.sectors) if s.name == "services"),
                                    self.n_sectors - 1)
        self.infrastructure_base = np.array([r.infrastructure for r in cfg.regions])
        self.infrastructure = self.infrastructure_base.copy()
        self.region_compute = np.array([r.compute_cost for r in cfg.regions])
        self.green_base = np.array([r.green_power for r in cfg.regions])
        self.region_productivity = np.array([r.productivity for r in cfg.regions])
        self.region_wage = np.array([r.wage for r in cfg.regions])
        self.sector_firm_p = _probabilities([s.firm_share for s in cfg.sectors])
        self.region_firm_p = _probabilities([r.firm_share for r in cfg.regions])
        self.region_worker_p = _probabilities([r.worker_share for r in cfg.regions])
        sizes = cfg.size_classes
        self.size_p = _probabilities([c.firm_share for c in sizes])
        self.size_cost = np.array([c.cost_factor for c in sizes])
        self.credit_ratio = np.array([c.credit_ratio for c in sizes])
        self.size_risk = np.array([c.risk_aversion for c in sizes])
        self.size_capability = np.array([c.capability for c in sizes])
        self.size_awareness = np.array([c.awareness for c in sizes])
        self.size_mean_workers = np.array([c.mean_workers for c in sizes])
        self.size_adoption = np.array([[c.adoption.get(t, 0.0) for t in TECHS] for c in sizes])
        order = np.argsort(-self.size_mean_workers)
        self.large_class = int(order[0])
        named_small = np.array([c.name.lower() in SMALL_NAMES for c in sizes])
        self.size_is_small = named_small if named_small.any() else (np.arange(self.n_sizes) != self.large_class)
        self.sme_class = next((i for i, c in enumerate(sizes) if c.name.lower() in {"sme", "smes", "small"}),
                              int(order[1]) if self.n_sizes > 1 else int(order[0]))
        entrant = self.size_p * np.where(np.arange(self.n_sizes) == self.large_class, 0.2, 1.0)
        self.entrant_size_p = entrant / entrant.sum()
        self.tech_params = [cfg.technology.data, cfg.technology.robots, cfg.technology.ai]

    def _setup_levers(self) -> None:
        from model.periods import to_step

        self.lever_windows = []
        for lever in self.cfg.policies:
            start = to_step(lever.start, self.cfg.start) or 0
            end = to_step(lever.end, self.cfg.start)
            self.lever_windows.append((lever, start, end))

    def _init_frontier(self) -> None:
        fr = self.cfg.frontier
        self.ai_capability = fr.ai_capability
        self.compute_cost = 1.0
        self.energy_per_compute = 1.0

    def _init_firms(self) -> None:
        cfg, rng = self.cfg, self.rng
        n = cfg.population.firms
        size = rng.choice(self.n_sizes, n, p=self.size_p).astype(np.int8)
        sector = rng.choice(self.n_sectors, n, p=self.sector_firm_p).astype(np.int8)
        region = rng.choice(self.n_regions, n, p=self.region_firm_p).astype(np.int8)
        disp = cfg.production.initial_dispersion
        log_a = (np.log(self.sector_productivity[sector] * self.region_productivity[region])
                 + rng.normal(-disp ** 2 / 2, disp, n))
        infra = self.infrastructure_base[region]
        p_adopt = np.clip(self.size_adoption[size] * ((0.5 + infra) / (0.5 + self.infrastructure_base.mean()))[:, None],
                          0, 1)
        stage = np.where(rng.random((n, 3)) < p_adopt, INTEGRATED, NONE).astype(np.int8)
        aware = (stage != NONE) | (rng.random((n, 3)) < self.size_awareness[size][:, None])
        member = np.full(n, -1, np.int16)
        n_ind = cfg.population.industrial_platforms
        if n_ind:
            weight = np.where(size == self.large_class, 2.0, 1.0)
            joins = rng.random(n) < np.clip(cfg.industrial_platforms.initial_members * weight, 0, 1)
            member[joins] = rng.integers(0, n_ind, joins.sum())
        zeros = np.zeros(n)
        self.firms = FirmArrays(
            sector=sector, region=region, size=size, age=rng.integers(4, 80, n).astype(np.int32), log_a=log_a,
            capital=zeros.copy(), robots=zeros.copy(), data=zeros.copy(), stage=stage,
            timer=np.zeros((n, 3), np.float32), aware=aware, belief=np.zeros((n, 3)),
            adopted_at=np.full((n, 3), -1, np.int32),
            capability=np.clip(self.size_capability[size] + 0.15 * (stage == INTEGRATED).mean(axis=1)
                               + rng.normal(0, 0.12, n), 0, 1),
            risk=np.clip(self.size_risk[size] + rng.normal(0, 0.1, n), 0, 1),
            cash=zeros.copy(), credit=zeros.copy(), member=member, share=zeros.copy(), price=np.ones(n),
            planned=zeros.copy(), output=zeros.copy(), output_nodigital=zeros.copy(), profit=zeros.copy(),
            losses=np.zeros(n, np.int32), headcount=np.zeros((n, 3), np.int64), producing_staff=np.zeros(n, np.int64),
            vacancies=np.zeros((n, 3), np.int64), wage_bill=zeros.copy(), robot_share=zeros.copy(),
            ai_share=zeros.copy(), digital_staff=zeros.copy(), fee=zeros.copy(), fee_left=np.zeros(n, np.int32),
        )

    def _init_workers(self) -> None:
        cfg, rng, firms = self.cfg, self.rng, self.firms
        wf = cfg.workforce
        n = cfg.population.workers
        n_gig_workers = int(round(n * wf.initial_gig_share)) if cfg.population.gig_platforms else 0
        n_unemployed = int(round(n * wf.initial_unemployment))
        n_employed = max(n - n_gig_workers - n_unemployed, 0)
        n_unemployed = n - n_gig_workers - n_employed
        raw = self.size_mean_workers[firms.size] * rng.lognormal(-0.125, 0.5, firms.n)
        heads = rng.multinomial(n_employed, raw / raw.sum())
        # staff by skill: the time split that covers the sector's task weights, rounded by largest remainder
        mix = staff_for_tasks(self.alpha)
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
        other_skill = rng.choice(3, others, p=[0.6, 0.32, 0.08])
        skill = np.concatenate([job_skill, other_skill]).astype(np.int8)
        region = np.concatenate([firms.region[employer], rng.choice(self.n_regions, others, p=self.region_worker_p)])
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
        self.workers = WorkerArrays(
            region=region.astype(np.int8), skill=skill, age=age, digital=np.clip(digital, 0, 1), status=status,
            employer=np.concatenate([employer, np.full(others, -1)]).astype(np.int32), platform=platform,
            earnings=np.zeros(n), transfers=np.zeros(n), income=np.zeros(n), training=np.zeros(n, np.int8),
            training_gain=np.zeros(n), spell=rng.integers(0, 8, n).astype(np.int32), displaced=np.zeros(n, bool),
        )

    def _init_platforms(self) -> None:
        g, k = self.cfg.population.gig_platforms, self.cfg.population.industrial_platforms
        n = g + k
        self.n_gig, self.n_ind = g, k
        kind = np.r_[np.zeros(g), np.ones(k)].astype(np.int8)
        self.platforms = PlatformArrays(
            kind=kind, commission=np.where(kind == 0, self.cfg.gig.commission, 0.0), workers=np.zeros(n),
            demand_share=np.where(kind == 0, 1.0 / max(g, 1), 0.0), members=np.zeros(n), pooled_data=np.zeros(n),
            revenue=np.zeros(n), utilisation=np.zeros(n),
        )

    def _platform_name(self, row: int) -> str:
        return f"gig-{row + 1}" if row < self.n_gig else f"industrial-{row - self.n_gig + 1}"

    def _init_economy(self) -> None:
        """Bring firms to a consistent starting state: capital, robots, data, prices, demand."""
        cfg, firms, workers = self.cfg, self.firms, self.workers
        prod, fr = cfg.production, cfg.frontier
        beta = prod.capital_elasticity
        refresh_headcount(self)
        self.wage = np.outer(self.region_wage, [cfg.labour.skill_wages.low, cfg.labour.skill_wages.mid,
                                                cfg.labour.skill_wages.high])
        self.wage0 = self.wage.copy()
        self.natural_unemployment = None
        self.robot_price0 = fr.robot_price * float(np.mean(self.wage[:, 0]))
        self.robot_price = self.robot_price0
        self.effects = PolicyEffects(self.n_regions, self.n_sizes)
        # robots already installed: a share of routine manual tasks
        from model.production import firm_robot_share

        share = firm_robot_share(self)
        on = firms.stage[:, ROBOTS] == INTEGRATED
        firms.robot_share = np.where(on, share, 0.0)
        low = firms.headcount[:, 0]
        firms.robots = np.where(on, share / np.maximum(1 - share, 1e-3) * low / fr.robot_productivity, 0.0)
        # output with capital at its target ratio: Y = (A M k^beta)^(1/(1-beta)) T
        firms.planned = np.maximum(firms.headcount.sum(axis=1), 1).astype(float)
        firms.data = np.where(firms.stage[:, DATA] == INTEGRATED,
                              prod.data_generation / max(prod.data_depreciation, 1e-3) * firms.planned * 0.5, 0.0)
        self.reach = cfg.gig.initial_reach
        self.consumption = 0.0
        self.capacity = np.zeros(firms.n)
        self.task_need = None
        for _ in range(3):  # planned output and the data multiplier depend on each other
            m_data, ai_share, augment, penalty = technology_terms(self)
            from model.production import ces, substitution_rho, task_inputs, task_weights

            inputs = task_inputs(firms.headcount, firms.robots, ai_share, augment, fr.robot_productivity)
            rho = substitution_rho(firms.capability, prod.sigma_min, prod.sigma_max)
            t = ces(inputs, task_weights(self), rho)
            level = (np.exp(firms.log_a) * m_data * penalty * prod.capital_output ** beta) ** (1 / (1 - beta))
            firms.planned = np.maximum(level * t, 1e-6)
            firms.data = np.where(firms.stage[:, DATA] == INTEGRATED, prod.data_generation
                                  / max(prod.data_depreciation, 1e-3) * firms.planned * 0.5, 0.0)
        firms.capital = prod.capital_output * firms.planned
        scale = firms.headcount.sum() / max(firms.planned.sum(), 1e-9)
        firms.log_a += (1 - beta) * np.log(scale)  # normalise: one unit of output per worker on average
        firms.planned *= scale
        firms.capital *= scale
        firms.data *= scale
        self.output_per_worker0 = 1.0
        produce(self)
        pay_wages(self)
        firms.price = np.ones(firms.n)
        sector_total = np.bincount(firms.sector, weights=firms.output, minlength=self.n_sectors)
        firms.share = firms.output / np.where(sector_total > 0, sector_total, 1.0)[firms.sector]
        empty = sector_total[firms.sector] <= 0
        firms.share[empty] = 1.0 / np.maximum(np.bincount(firms.sector, minlength=self.n_sectors), 1)[firms.sector[empty]]
        from model.income_demand import normalise_shares

        firms.share = normalise_shares(self, np.maximum(firms.share, 1e-9))
        revenue = firms.output
        capital_cost = prod.capital_cost * (firms.capital + self.robot_price * firms.robots)
        running = sum((firms.stage[:, t] > 0) * p.running_cost * revenue for t, p in enumerate(self.tech_params))
        unit_cost = np.divide(firms.wage_bill + capital_cost + running, firms.output,
                              out=np.ones(firms.n), where=firms.output > 1e-9)
        firms.price = (1 + prod.markup) * unit_cost
        self.sector_price = np.bincount(firms.sector, weights=firms.price * firms.share, minlength=self.n_sectors)
        self.sector_price = np.where(self.sector_price > 0, self.sector_price, 1.0)
        self.sector_price0 = self.sector_price.copy()
        firms.cash = 0.5 * firms.price * firms.output
        firms.credit = self.credit_ratio[firms.size] * firms.price * firms.output
        self.sector_demand = np.bincount(firms.sector, weights=firms.output, minlength=self.n_sectors)
        firms.planned = firms.share * self.sector_demand[firms.sector]
        nominal = self.sector_demand * self.sector_price
        nominal = nominal if nominal.sum() > 0 else self.sector_firm_p.copy()  # nobody employed at the start
        self.cons_shares0 = nominal / max(nominal.sum(), 1e-12)
        self.cons_shares = self.cons_shares0.copy()
        self.aut_shares = self.cons_shares0.copy()
        self.services_price = float(self.sector_price[self.services_sector])
        self.services_price0 = self.services_price
        self.price_level = dot(self.sector_price, self.cons_shares0)
        self.benefit = cfg.labour.unemployment_benefit * float(self.wage[:, 0].mean())
        # gig demand: set so a gig worker nets `initial_earnings` x the low-skill wage at the start
        n_gig_workers = int((workers.status == GIG).sum())
        target_net = cfg.gig.initial_earnings * float(self.wage[:, 0].mean())
        gross = n_gig_workers * target_net / (1 - cfg.gig.commission)
        capacity_value = n_gig_workers * cfg.gig.tasks_per_worker * cfg.gig.algorithm_utilisation * self.services_price
        gross = min(gross, capacity_value)
        profits = float(np.sum(firms.price * firms.output - firms.wage_bill - capital_cost - running))
        wages = float(firms.wage_bill.sum())
        household = ((wages + gross * (1 - cfg.gig.commission)) * (1 - cfg.demand.income_tax)
                     + self.benefit * float((workers.status == UNEMPLOYED).sum())
                     + cfg.demand.dividend_payout * max(profits, 0.0))
        self.consumption = cfg.demand.propensity_to_consume * household
        self.gig_spending_share = min(gross / max(self.consumption * self.reach, 1e-12), 1.0)  # at most all spending
        firm_consumption = self.consumption - gross
        self.autonomous = max(float(nominal.sum()) - firm_consumption, 0.0)
        self.cons_shares0 = nominal / max(nominal.sum(), 1e-12)
        self.real_income0 = max(household / self.price_level / workers.n, 1e-12)  # 0 if nobody earns at the start
        self.inflation = 0.0
        self.productivity_growth = 0.0
        firms.belief = self.initial_belief(np.arange(firms.n))
        self.size_mean_share = self._typical_shares()
        self.gdp0 = None
        from model.income_demand import employee_productivity

        self.last_productivity = employee_productivity(self)
        self.barriers = np.zeros((3, 3))
        self.barriers_small = np.zeros((3, 3))
        self.platform_fees = np.zeros(firms.n)
        self.costs = firms.price * firms.output / (1 + prod.markup)
        from model.platforms import run_gig_platforms

        if self.n_gig:
            run_gig_platforms(self)
        workers.income = workers.earnings + workers.transfers
        self.flows = defaultdict(float)

    def _typical_shares(self) -> np.ndarray:
        firms = self.firms
        cell = firms.sector.astype(np.int64) * self.n_sizes + firms.size
        total = np.bincount(cell, weights=firms.share, minlength=self.n_sectors * self.n_sizes)
        count = np.bincount(cell, minlength=self.n_sectors * self.n_sizes)
        mean = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
        fallback = 1.0 / max(firms.n, 1)
        return np.where(mean > 0, mean, fallback).reshape(self.n_sectors, self.n_sizes)

    def initial_belief(self, rows: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        """Initial perceived gains: the true expected gain, blurred and biased down (the 'unwilling')."""
        noise = self.cfg.adoption.belief_noise
        gain = expected_gain(self)[rows]
        rng = self.rng if rng is None else rng
        return np.maximum(gain, 0.0) * rng.lognormal(-noise, noise, (rows.size, 3))

    def stream(self, rule: str) -> np.random.Generator:
        """The random generator ``rule`` draws from in this step.

        Each step takes one number from the model's generator and derives from it
        a separate stream for every rule. Two scenarios run with the same seed
        therefore give every rule the same random numbers in every quarter, even
        after their economies differ (one more hire here draws no number away from
        a firm's adoption there): common random numbers, which make paired
        comparisons (``compare``, AI's lift in ``validate``) far less noisy.
        """
        gen = self._streams.get(rule)
        if gen is None:
            gen = np.random.default_rng([self._step_key, STREAMS.index(rule)])
            self._streams[rule] = gen
        return gen

    # -- helpers used by the rules and metrics ------------------------------------------
    def gig_output(self) -> float:
        """Real value of services delivered through gig platforms."""
        plats = self.platforms
        g = self.n_gig
        units = plats.utilisation[:g] * plats.workers[:g] * self.cfg.gig.tasks_per_worker
        return float(units.sum() * self.services_price0)

    def real_gdp(self) -> float:
        """Real value added: firm output at base-year sector prices plus gig services."""
        firms = self.firms
        return dot(firms.output, self.sector_price0[firms.sector]) + self.gig_output()

    def replace_firm_agents(self, rows: np.ndarray) -> None:
        """Exiting firms' agents leave the model; entrants in their rows get new agents."""
        for row in rows:
            self.firm_agents[row].remove()
            self.firm_agents[row] = Firm(self, int(row))

    def replace_worker_agents(self, rows: np.ndarray) -> None:
        """Retiring workers' agents leave the model; young entrants get new agents."""
        if not self.worker_views:
            return
        for row in rows:
            self.worker_agents[row].remove()
            self.worker_agents[row] = Worker(self, int(row))

    @property
    def period(self) -> str:
        """Current period label, e.g. ``2027Q3``."""
        return period_label(self.cfg.start, self.steps)

    # -- the step -----------------------------------------------------------------------
    def apply_policies(self) -> None:
        """Rule 1: reset effects, then let every lever active this step set them."""
        self.effects = PolicyEffects(self.n_regions, self.n_sizes)
        self.fiscal.begin_step()
        self.active_levers = [lever for lever, start, end in self.lever_windows
                              if start <= self.steps and (end is None or self.steps <= end)]
        for lever in self.active_levers:
            lever.begin_step(self, self.effects)
        self.infrastructure = np.clip(self.infrastructure_base + self.effects.infrastructure_boost, 0.0, 1.0)

    def step(self) -> None:
        """One quarter: the ten rules in order."""
        self.flows = defaultdict(float)
        self._step_key = int(self.rng.integers(2**63))
        self._streams = {}
        self.workers.transfers[:] = 0.0
        self.apply_policies()  # 1
        advance_frontier(self)  # 2
        decide_adoption(self)  # 3
        produce(self)  # 4
        clear_labour_market(self)  # 5
        run_platforms(self)  # 6
        train(self)  # 7
        settle_demand(self)  # 8
        turnover(self)  # 9
        self.records.append(collect_metrics(self))  # 10
