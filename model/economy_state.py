"""Every model-level attribute of :class:`~model.economy.EconomyModel`, declared in one place.

The per-agent state is in :mod:`model.state` (one array row per firm, worker and platform) and the aggregate
sectors' balances in :mod:`model.sectors`; the economy's own attributes, which the rules set on ``model`` from
many modules, are declared here. The classes only annotate: they have no fields, defaults or ``__init__``, and
:class:`~model.economy.EconomyModel` inherits them, so their annotations are the model's and setting an
attribute works as before. Each attribute says what it is, its unit, and which module sets it;
``tests/test_state_declared.py`` fails on any attribute a module under ``model/`` sets without a declaration.

Shapes: ``F`` firm rows, ``W`` worker rows, ``S`` sectors, ``R`` regions, ``Z`` size classes, ``3``
technologies (data, robots, AI) or skills (low, mid, high) as named. Money is in units of output (about the
quarterly output of one worker at the start); "real" is at base-year (step 0) sector prices.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from model.accounts import Ledger
from model.agents import Firm, Platform, Worker
from model.config import Scenario
from model.config.technology import TechnologyParams
from model.digital_services import SectorAccounts
from model.fiscal import Fiscal
from model.policies.base import Lever
from model.policies.effects import PolicyEffects
from model.sectors import Balances
from model.state import FirmArrays, PlatformArrays, WorkerArrays

__all__ = ["RunState", "GroupTables", "PriceState", "LabourState", "FrontierState", "DemandState", "IndexBases",
           "QuarterState", "EconomyState"]


class RunState:
    """The scenario, the populations and their agents, the run's counters, random streams, books and levers."""

    cfg: Scenario
    """The validated scenario the economy runs (``economy.py``)."""
    seed_used: int
    """The seed of the model's random generator (``economy.py``)."""
    steps: int
    """Mesa's step counter: quarters since step 0 (Mesa; reset to 0 after the burn-in, ``economy.py``)."""
    running: bool
    """Mesa's flag: False stops ``run_model`` (Mesa; ``economy.py``, ``dashboard/params.py``)."""
    burning_in: bool
    """True while the burn-in runs, before step 0 (``economy.py``)."""
    labour_share_streak: tuple[int, int, float]
    """The last step :func:`model.guards.check_step` checked, how many quarters in a row up to it labour
    income was above nominal value added, and by how much in all, in quarters of value added (``guards.py``)."""
    settling: bool
    """True in the burn-in's settling quarters, whose frontier, innovation, training and careers are frozen
    (``economy.py``)."""
    _step_key: int
    """This step's draw from the model's generator, the key of every rule's stream (``economy.py``)."""
    _streams: dict[str, np.random.Generator]
    """This step's random stream of each rule, by rule name (``economy.py``)."""
    firms: FirmArrays
    """Per-firm state, one row per firm slot (``start_population.py``)."""
    workers: WorkerArrays
    """Per-worker state, one row per worker (``start_population.py``)."""
    platforms: PlatformArrays
    """Per-platform state: gig platforms in rows ``0..n_gig-1``, industrial ones after (``start_population.py``)."""
    n_gig: int
    """Number of gig platforms (``start_population.py``)."""
    n_ind: int
    """Number of industrial platforms (``start_population.py``)."""
    firm_agents: list[Firm]
    """Mesa views of the firm rows, one per row (``economy.py``)."""
    worker_agents: list[Worker | None]
    """Mesa views of the worker rows, ``None`` each when ``worker_views`` is False (``economy.py``)."""
    platform_agents: list[Platform]
    """Mesa views of the platform rows (``economy.py``)."""
    worker_views: bool
    """Whether workers have Mesa views (the ``agents`` argument; ``economy.py``)."""
    records: list[dict]
    """One dict of metrics per step from step 0, the run's time series (``economy.py``)."""
    ledger: Ledger
    """The transactions-flow matrix of this step and every step's flows (money; ``economy.py``)."""
    balances: Balances
    """Balance sheets of owners, banks, government and the rest of the world (money; ``economy.py``)."""
    fiscal: Fiscal
    """Each lever's spending this step and cumulated, with benefits and bail-outs (money; ``economy.py``)."""
    books_gap: float
    """This step's largest gap between flows and the change in stocks, as a share of quarterly nominal GDP
    (``economy.py``, from ``accounts.close_books``)."""
    books_gap_max: float
    """The largest ``books_gap`` so far (share of quarterly nominal GDP; ``economy.py``)."""
    lever_windows: list[tuple[Lever, int, int | None]]
    """Every lever with its first and last active step (``None``: to the end) (``initialise.py``,
    ``dashboard/params.py``)."""
    active_levers: list[Lever]
    """The levers active this step (none in the burn-in) (``economy.py``)."""


class GroupTables:
    """Set-up constants of the run: the scenario's regions, sectors, size classes and technologies as arrays the
    rules index by group. All set once by ``initialise.setup_groups`` unless named otherwise."""

    region_names: list[str]
    """Region names, in scenario order (``initialise.py``)."""
    sector_names: list[str]
    """Sector names, in scenario order (``initialise.py``)."""
    size_names: list[str]
    """Size class names, in scenario order (``initialise.py``)."""
    n_regions: int
    """Number of regions ``R`` (``initialise.py``)."""
    n_sectors: int
    """Number of sectors ``S`` (``initialise.py``)."""
    n_sizes: int
    """Number of size classes ``Z`` (``initialise.py``)."""
    alpha: np.ndarray
    """[S, 3] each sector's task shares: routine manual, routine cognitive, non-routine; rows sum to 1
    (``initialise.py``)."""
    data_intensity: np.ndarray
    """[S] how much a sector's output gains from data (scales data's gain; ``initialise.py``)."""
    robot_applicability: np.ndarray
    """[S] share of a sector's routine manual tasks robots can do at a ceiling of 1 (``initialise.py``)."""
    income_elasticity: np.ndarray
    """[S] income elasticity of households' demand for each sector (``initialise.py``)."""
    is_industry: np.ndarray
    """[S] bool: the sectors the metrics count as industry (``initialise.py``)."""
    inventory_quarters: np.ndarray
    """[S] stock a firm of each sector wants, in quarters of expected sales (``initialise.py``; inventories.py)."""
    sector_productivity: np.ndarray
    """[S] TFP factor of a sector's firms at birth (``initialise.py``)."""
    services_sector: int
    """Index of the services sector, which makes the digital services and R&D firms buy (the last sector if
    none is named services; ``initialise.py``)."""
    services_weights: np.ndarray
    """[S] one-hot on ``services_sector``: how R&D and digital services spread over sectors (``initialise.py``)."""
    sector_firm_p: np.ndarray
    """[S] probability that a new firm is in each sector (``initialise.py``)."""
    region_firm_p: np.ndarray
    """[R] probability that a new firm is in each region (``initialise.py``)."""
    region_worker_p: np.ndarray
    """[R] probability that a worker without an employer at the start lives in each region (``initialise.py``)."""
    infrastructure_base: np.ndarray
    """[R] digital infrastructure of each region before any lever, 0..1 (``initialise.py``)."""
    region_compute: np.ndarray
    """[R] factor on the frontier's compute cost in each region (``initialise.py``)."""
    green_base: np.ndarray
    """[R] share of green power in each region before any lever, 0..1 (``initialise.py``)."""
    region_productivity: np.ndarray
    """[R] TFP factor of a region's firms at birth (``initialise.py``)."""
    region_wage: np.ndarray
    """[R] wage level of each region relative to the skill wages; sets ``wage`` at the start (``initialise.py``)."""
    size_p: np.ndarray
    """[Z] probability that a firm at the start is in each size class (``initialise.py``)."""
    entrant_size_p: np.ndarray
    """[Z] the same for entrants: the large class a fifth as likely (``initialise.py``)."""
    size_cost: np.ndarray
    """[Z] factor on a technology's fixed adoption cost by size class (``initialise.py``)."""
    credit_ratio: np.ndarray
    """[Z] unsecured credit line, in quarters of nominal sales (``initialise.py``)."""
    loan_to_value: np.ndarray
    """[Z] secured credit line, as a share of the value of installed capital (``initialise.py``)."""
    loan_premium: np.ndarray
    """[Z] yearly rate added to a size class's loans (``initialise.py``)."""
    size_risk: np.ndarray
    """[Z] mean risk aversion of a size class's firms at birth, 0..1 (``initialise.py``)."""
    size_capability: np.ndarray
    """[Z] mean digital capability of a size class's firms at birth, 0..1 (``initialise.py``)."""
    size_awareness: np.ndarray
    """[Z] probability that a firm starts aware of each technology (``initialise.py``)."""
    size_mean_workers: np.ndarray
    """[Z] mean staff of a firm in each size class at the start (workers; ``initialise.py``)."""
    size_adoption: np.ndarray
    """[Z, 3] share of a size class's firms that start with each technology integrated, before the region's
    infrastructure scales it (``initialise.py``)."""
    size_is_small: np.ndarray
    """[Z] bool: the small size classes (awareness boosts, ``barriers_small``; ``initialise.py``)."""
    large_class: int
    """Index of the size class with the most workers a firm (``initialise.py``)."""
    sme_class: int
    """Index of the SME size class the metrics compare with ``large_class`` (``initialise.py``)."""
    investment_shares: np.ndarray | None
    """[S] the sectors' shares of investment goods from the scenario, ``None`` if all are 0 (investment then
    buys like households at the start) (``initialise.py``)."""
    tech_params: list[TechnologyParams]
    """The scenario's parameters of data, robots and AI, in technology order (``initialise.py``)."""
    size_mean_share: np.ndarray
    """[S, Z] mean market share of a firm in each sector and size class at the start: an entrant's share
    (``initialise.init_economy``)."""


class PriceState:
    """Prices and price indexes (money a unit of real output unless named otherwise)."""

    sector_price: np.ndarray
    """[S] each sector's price: the unit value of what its firms sold (``market_shares.price_index``, set by
    ``income_demand.py``, ``initialise.py``, ``start_balances.py``)."""
    sector_price0: np.ndarray
    """[S] base-year sector prices: those at step 0 (rebased after the burn-in; ``economy.py``,
    ``initialise.py``, ``start_balances.py``)."""
    services_price: float
    """The services sector's price, at which gig tasks sell (``income_demand.py``, ``initialise.py``,
    ``start_balances.py``)."""
    services_price0: float
    """The services sector's base-year price (step 0; ``economy.py``, ``initialise.py``, ``start_balances.py``)."""
    price_level: float
    """Consumer price level: sector prices weighted by the start's consumption basket ``cons_shares0``
    (``income_demand.py``, ``initialise.py``, ``start_balances.py``)."""
    price_level0: float
    """The consumer price level of the constructed start, before the burn-in: the base of real government
    consumption, pensions and exports (``start_balances.py``)."""
    price_base: float
    """The consumer price level at step 0: the base of the price index and deflators in the metrics and of
    real programme costs (``economy.py``, ``start_balances.py``)."""
    inflation: float
    """This quarter's consumer price inflation, as the log change of ``price_level`` (``income_demand.py``,
    ``initialise.py``)."""


class LabourState:
    """Wages and the labour market."""

    wage: np.ndarray
    """[R, 3] wage index by region and skill (low, mid, high): money a worker a quarter, before firm and
    digital premia (``labour_market.update_wages``, ``initialise.py``)."""
    wage0: np.ndarray
    """[R, 3] ``wage`` at the constructed start: the unit task costs are measured in (``initialise.py``)."""
    natural_unemployment: np.ndarray
    """[R, 3] structural unemployment rate of each region and skill, set once from the starting population
    (share; ``initialise.py``, from ``labour_market.structural_rates``)."""
    productivity_growth: float
    """Moving average of quarterly log growth of real output per employee, the trend wages are indexed to
    (``income_demand.py``, ``initialise.py``)."""
    last_productivity: float | None
    """Last quarter's real output per employee (``None`` before the first quarter) (``income_demand.py``,
    ``economy.py``, ``initialise.py``)."""
    benefit: float
    """Unemployment benefit: money an unemployed worker a quarter (``income_demand.py``, ``initialise.py``)."""
    output_per_worker0: float
    """Output per worker at the start, 1 by construction: the unit of adoption and training costs (real output
    a quarter; ``initialise.py``)."""


class FrontierState:
    """The technology frontier (rule 2, ``frontier.py``; started by ``initialise.init_frontier``)."""

    ai_capability: float
    """AI capability, 0..1, on a logistic path (``frontier.py``, ``initialise.py``)."""
    compute_cost: float
    """Cost of compute, an index: 1 at the scenario's start (above 1 while wound back for the burn-in)
    (``frontier.py``, ``initialise.py``)."""
    energy_per_compute: float
    """Energy a unit of compute, an index: 1 at the scenario's start (``frontier.py``, ``initialise.py``)."""
    robot_ceiling: float
    """Share of a sector's robot-applicable routine manual tasks robots can do, 0..1 (``frontier.py``,
    ``initialise.py``)."""
    robot_price: float
    """Price of one robot (money; ``frontier.py``, ``initialise.py``)."""
    robot_price0: float
    """The robot price at the constructed start: robots' base-year price in capital and the robot price
    index (money; ``initialise.py``)."""
    frontier_pace: float
    """The frontier's pace against the scenario's trends this quarter (1: the trends; ``frontier.py``,
    ``economy.py``)."""
    innovation_reference: float
    """``p_ref``: the digital producers' mean chance to innovate at step 0 (``economy.py``, from
    ``frontier.innovation_reference``)."""


class DemandState:
    """Demand and income: households' spending, the sectors' baskets, gig spending and the start's balance."""

    consumption: float
    """Households' (workers' and owners') planned spending this quarter (money; ``households.py``,
    ``initialise.py``, ``start_balances.py``)."""
    household_spent: float
    """What households have spent so far this quarter, gig services first (money; ``households.py``,
    ``start_balances.py``)."""
    cons_shares: np.ndarray
    """[S] households' spending shares this quarter, moved from ``cons_shares0`` by real income and income
    elasticities (``income_demand.py``, ``initialise.py``, ``start_balances.py``)."""
    cons_shares0: np.ndarray
    """[S] households' spending shares at the start: the consumer price level's weights (``initialise.py``,
    ``start_balances.py``)."""
    public_shares: np.ndarray
    """[S] the sectors' shares of government consumption (``start_balances.py``, ``initialise.py``)."""
    export_shares: np.ndarray
    """[S] the sectors' shares of exports (``start_balances.py``)."""
    investment_weights: np.ndarray
    """[S] the sectors' shares of investment goods: the capital-goods basket and its price
    (``initialise.py``)."""
    sector_demand: np.ndarray
    """[S] real demand for each sector when the goods market last cleared (units; ``goods_market.py``,
    ``initialise.py``)."""
    real_income0: float
    """Real disposable income a worker at the start: the base income elasticities act on (``start_balances.py``,
    ``initialise.py``)."""
    reach: float
    """Share of households' spending gig platforms reach, 0..1 (``platforms.py``, ``initialise.py``)."""
    gig_spending_share: float
    """Share of the reached spending that goes to gig services (``start_balances.py``)."""
    gig_spending: float
    """Households' spending on gig services this quarter (money; ``platforms.py``, ``start_balances.py``)."""
    gig_gross0: float
    """Gig workers' gross earnings a quarter at the start (money; ``initialise.py``)."""
    start_shortfall: np.ndarray
    """[S] sales at the start that no buyer took, as a share of all sales (``start_balances.py``)."""


class IndexBases:
    """The step-0 levels the metrics' indexes are measured against."""

    tfp0: float
    """Aggregate TFP at step 0 (``metrics.base_values``)."""
    contribution0: float
    """Potential output over potential output without digital technology at step 0 (``metrics.base_values``)."""
    real_wage0: float
    """Mean employee wage over the consumer price level at step 0 (``metrics.base_values``)."""
    gdp_base: float
    """Real GDP a quarter at step 0: the base of programmes sized as a share of GDP (``economy.py``,
    ``start_balances.py``)."""


class QuarterState:
    """Per-quarter working values: what one rule computes this quarter and a later rule (or the metrics) reads."""

    quarter: dict[str, float]
    """This quarter's expenditure totals by name: consumption, investment, government consumption, exports,
    imports, digital services, research, unmet demand (money; ``economy.py``, ``goods_market.py``)."""
    flows: defaultdict[str, float]
    """This quarter's counts and sums for the metrics, by name (e.g. adopters, gig tasks served)
    (``economy.py``, ``initialise.py``)."""
    effects: PolicyEffects
    """What the active levers do this quarter (``economy.py``, ``initialise.py``)."""
    infrastructure: np.ndarray
    """[R] digital infrastructure this quarter: ``infrastructure_base`` plus the levers' boost, 0..1
    (``economy.py``, ``initialise.py``)."""
    technology: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    """Four [F] arrays: data multiplier, AI's share of routine cognitive tasks, AI augmentation of non-routine
    work, adjustment penalty (``production.py``)."""
    task_cost: np.ndarray
    """[F, 5] cost of a unit of each task input, relative to the start's wage of its skill (``production.py``)."""
    task_weight: np.ndarray
    """[F, 5] every firm's task weights this quarter (``production.py``)."""
    capacity: np.ndarray
    """[F] what each firm could produce this quarter with its inputs (real units; ``production.py``,
    ``initialise.py``)."""
    sector_capacity: np.ndarray
    """[S, 2] each sector's capacity this quarter and its capacity without data, AI and digital capability
    (``output_nodigital``), summed over the firms that produced (``production.py``, ``initialise.py``): this
    quarter's entrants take exiting firms' rows, and with them other sectors, after production."""
    task_need: np.ndarray | None
    """[F, 4] task units each firm plans for its planned output: routine manual, AI's and people's routine
    cognitive, non-routine (``None`` until the first plan; ``labour_plan.py``, ``initialise.py``)."""
    robot_task_need: np.ndarray | None
    """[F] routine manual task units a robot user plans robots for, 0 for others (``None`` until the first plan;
    ``labour_plan.py``, ``initialise.py``)."""
    costs: np.ndarray
    """[F] each firm's costs this quarter: wages, running costs, interest, depreciation and R&D less support
    (money; ``income_demand.py``, ``initialise.py``)."""
    barriers: np.ndarray
    """[3, 3] by technology and barrier (unwilling, afraid, unable): share of candidate non-adopters the barrier
    held back this quarter (``technology_adoption.py``, ``initialise.py``)."""
    barriers_small: np.ndarray
    """[3, 3] the same among small firms (``technology_adoption.py``, ``initialise.py``)."""
    sector_accounts: SectorAccounts
    """What each sector sold and bought this quarter, recorded when the goods market cleared
    (``digital_services.py``)."""


class EconomyState(RunState, GroupTables, PriceState, LabourState, FrontierState, DemandState, IndexBases,
                   QuarterState):
    """All of the economy's model-level attributes: the groups above, in one base class."""
