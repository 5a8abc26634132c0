"""The economy: a Mesa model whose step follows the ten rules of ``MODEL.md``.

State lives in NumPy arrays (:mod:`model.state`); every rule is a function,
in a module named for the mechanism, that updates a whole population at once.
Firm, Worker and Platform agents are named views of their rows.
"""

from __future__ import annotations

from collections import defaultdict

import mesa
import numpy as np

from model.accounts import BooksError, Ledger, close_books, flow_records, net_financial_assets
from model.agents import Firm, Platform, Worker
from model.config import Scenario
from model.economy_state import EconomyState
from model.entry_exit import turnover
from model.fiscal import Fiscal
from model.errors import EconomyCollapse
from model.frontier import advance_frontier, innovation_reference, wind_back_frontier
from model.government import begin_quarter
from model.guards import check_step
from model.households import plan_consumption
from model.innovation import innovate_and_imitate
from model.income_demand import employee_productivity, settle_demand
from model.initialise import init_economy, init_frontier, setup_groups, setup_levers
from model.labour_market import clear_labour_market
from model.metrics import base_values, collect_metrics, guard_record
from model.numerics import dot
from model.periods import period_label
from model.platforms import run_platforms
from model.policies.effects import PolicyEffects
from model.production import produce
from model.sectors import Balances
from model.start_population import init_firms, init_platforms, init_workers
from model.technology_adoption import decide_adoption, expected_gain_of
from model.careers import change_skills
from model.training import train

#: The random streams a step hands out, one per rule (see :meth:`EconomyModel.stream`).
STREAMS = ("frontier", "adoption", "labour", "matching", "gig", "industrial", "training", "entry_exit", "workforce",
           "policies", "careers", "automation", "innovation", "investment")


#: Rules the burn-in's settling quarters skip (adoption is frozen inside its rule): they hold the wound-back
#: technology and the scenario's skills; its growth quarters run every rule but the levers.
SKIPPED_WHILE_SETTLING = ("frontier", "innovation", "training", "careers")


class EconomyModel(mesa.Model, EconomyState):
    """An economy of firms, workers and platforms adopting data, robots and AI.

    Its model-level attributes (prices, wages, the frontier, demand, set-up tables, this quarter's working
    values) are declared, typed and documented in :mod:`model.economy_state`.

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
        setup_groups(self)
        setup_levers(self)
        self.flows = defaultdict(float)
        self.effects = PolicyEffects(self.n_regions, self.n_sizes)
        self.fiscal = Fiscal([key for lever in scenario.policies for key in lever.accounts])
        self.active_levers = []
        self.ledger = Ledger()
        self.balances = Balances()
        self.quarter: dict[str, float] = defaultdict(float)
        self.books_gap = 0.0
        self.books_gap_max = 0.0
        self.burning_in = False
        self.labour_share_streak = (-1, 0, 0.0)  # (last step checked, quarters in a row above value added, excess)
        self.innovation_reference = 0.0  # the digital producers' innovation the frontier's trends stand for (step 0)
        self.frontier_pace = 1.0
        self.settling = False  # the burn-in's first quarters: the wound-back technology held, no trend growth
        init_frontier(self)
        init_firms(self)
        init_workers(self)
        init_platforms(self)
        init_economy(self)
        # plain lists, not object arrays: the garbage collector can then free a finished model
        self.firm_agents = Firm.create(self, self.firms.n)
        self.worker_views = agents
        self.worker_agents = Worker.create(self, self.workers.n) if agents else [None] * self.workers.n
        self.platform_agents = [Platform(self, row, self._platform_name(row)) for row in range(self.platforms.n)]
        self.records: list[dict] = []
        base_values(self)  # the burn-in's quarters are measured (and guarded) against the constructed start
        self.burn_in(scenario.initial.burn_in)
        self.innovation_reference = innovation_reference(self)
        self.records = []  # step 0: the settled state (or the constructed one, without a burn-in)
        base_values(self)
        self.records.append(collect_metrics(self))

    # -- set-up -------------------------------------------------------------------------
    def burn_in(self, quarters: int) -> None:
        """Run ``quarters`` before step 0 without levers, the last of them on the growth path; then re-base.

        The constructed start is close to, not on, the economy's path (matching frictions, stocks, prices).
        The burn-in first lets it settle: the frontier (wound back, see below), innovation, new adoptions,
        training, careers and the growth of government consumption, pensions and foreign demand are frozen,
        everything else runs. Its last ``initial.growth_quarters`` run every rule but the levers, so that
        step 0 is a growing economy (prices, investment and adoption already on their paths); the frontier is
        wound back by as many quarters first (:func:`model.frontier.wind_back_frontier`), so it stands at the
        scenario's start at step 0. The books are checked every quarter. Afterwards the step counter, the records and the books
        start again, and the bases of the indexes (prices, real GDP, TFP, programme costs) are the burnt-in
        state.
        """
        if quarters <= 0:
            return
        growing = min(self.cfg.initial.growth_quarters, quarters)

        def where(quarter: int) -> str:
            return f"in quarter {quarter} of the {quarters}-quarter burn-in (initial.burn_in)"

        wind_back_frontier(self, growing)
        self.burning_in = True
        self.records.append(collect_metrics(self))  # the constructed start: what the guard measures the burn-in by
        for quarter in range(1, quarters + 1):
            self.settling = quarter <= quarters - growing
            try:
                self.step()
            # it never reached its first quarter: say where in the burn-in, not the burn-in's step counter
            except EconomyCollapse as exc:
                what = str(exc.args[0]).split(": ", 1)[-1].removeprefix("the economy collapsed: ")
                raise EconomyCollapse(f"step 0 ({self.cfg.start}): the economy collapsed before the start, "
                                      f"{where(quarter)}: {what}", 0, exc.quantity) from None
            except BooksError as exc:
                head, detail = str(exc.args[0]).split(": ", 1)
                raise BooksError(f"{head.split(' at step ')[0]} before the start ({self.cfg.start}), "
                                 f"{where(quarter)}: {detail}") from None
        self.burning_in = self.settling = False
        self.steps = 0
        self.labour_share_streak = (0, *self.labour_share_streak[1:])  # step 0 is the last burn-in quarter's state
        self.running = True
        self.firms.adopted_at = np.where(self.firms.adopted_at > 0, 0, self.firms.adopted_at)
        self.price_base = self.price_level
        # the last quarter's recorded sales (its exiting firms included) at the new base prices
        self.sector_accounts.rebase(self.sector_price0, self.sector_price, self.services_sector)
        self.sector_price0 = self.sector_price.copy()
        self.services_price0 = self.services_price
        self.gdp_base = self.real_gdp()
        self.last_productivity = employee_productivity(self)
        self.fiscal = Fiscal(self.fiscal.keys)
        self.ledger = Ledger()
        self.books_gap = self.books_gap_max = 0.0
        self.flows = defaultdict(float)

    def _platform_name(self, row: int) -> str:
        return f"gig-{row + 1}" if row < self.n_gig else f"industrial-{row - self.n_gig + 1}"

    def initial_belief(self, rows: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        """Initial perceived gains: the true expected gain, blurred and biased down (the 'unwilling')."""
        noise = self.cfg.adoption.belief_noise
        gain = expected_gain_of(self, rows)
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
        """Real GDP: firms' sales at base-year sector prices, less the digital services they bought (an
        intermediate input, :mod:`model.digital_services`), plus gig services; the firms' part as recorded when
        this quarter's goods market cleared (``sector_accounts``: exiting firms included)."""
        return float(self.sector_accounts.real_value_added.sum()) + self.gig_output()

    def nominal_gdp(self) -> float:
        """Nominal GDP this quarter by expenditure: C + I + G + X - M + the change in inventories at cost
        (consumption includes gig services)."""
        q = self.quarter
        return (q["consumption"] + q["investment"] + q["government_consumption"] + q["exports"] - q["imports"]
                + q["inventory_investment"])

    def replace_firm_agents(self, rows: np.ndarray) -> None:
        """Entrants take the rows of exiting firms: those rows' agents take new ids (:meth:`RowAgent.replace`)."""
        Firm.replace(self, self.firm_agents, rows)

    def replace_worker_agents(self, rows: np.ndarray) -> None:
        """Young entrants take the rows of retiring workers: those rows' agents take new ids."""
        if self.worker_views:
            Worker.replace(self, self.worker_agents, rows)

    @property
    def period(self) -> str:
        """Current period label, e.g. ``2027Q3``."""
        return period_label(self.cfg.start, self.steps)

    # -- the step -----------------------------------------------------------------------
    def apply_policies(self) -> None:
        """Rule 1: reset effects, then let every lever active this step set them."""
        self.effects = PolicyEffects(self.n_regions, self.n_sizes)
        self.fiscal.begin_step()
        begin_quarter(self)
        self.active_levers = [] if self.burning_in else [
            lever for lever, start, end in self.lever_windows if start <= self.steps and (end is None or self.steps <= end)]
        for lever in self.active_levers:
            lever.begin_step(self, self.effects)
        self.infrastructure = np.clip(self.infrastructure_base + self.effects.infrastructure_boost, 0.0, 1.0)

    def step(self) -> None:
        """One quarter: the ten rules in order."""
        self.flows = defaultdict(float)
        self._step_key = int(self.rng.integers(2**63))
        self._streams = {}
        self.workers.transfers[:] = 0.0
        self.ledger.begin_step()
        self.quarter = defaultdict(float)
        opening = net_financial_assets(self)
        firms = self.firms
        firms.order[:] = 0.0
        firms.running[:] = 0.0
        rules = [("policies", self.apply_policies), ("households' plans", plan_consumption),
                 ("frontier", advance_frontier), ("innovation", innovate_and_imitate), ("adoption", decide_adoption), ("production", produce),
                 ("labour market", clear_labour_market), ("platforms", run_platforms), ("training", train), ("careers", change_skills),
                 ("income and demand", settle_demand), ("entry and exit", turnover)]
        for name, rule in rules:
            if self.settling and name in SKIPPED_WHILE_SETTLING:
                continue
            try:
                with np.errstate(over="raise", invalid="raise", divide="raise"):
                    rule() if name == "policies" else rule(self)
            except FloatingPointError as exc:  # an exploding economy, named where it explodes
                raise EconomyCollapse(f"step {self.steps} ({self.period}): the economy collapsed: {exc} in the "
                                      f"{name} rule; the run is stopped (see docs/reliability.md, 'Collapsing "
                                      f"economies')", self.steps, name) from None
        self.books_gap = close_books(self, opening, self.nominal_gdp())
        self.ledger.history.extend(flow_records(self.steps, self.ledger.rows))
        self.books_gap_max = max(self.books_gap_max, self.books_gap)
        with np.errstate(over="ignore"):  # a figure too large for a float is inf: the guard below names it
            record = guard_record(self) if self.burning_in else collect_metrics(self)  # 10
        if not self.burning_in:
            self.records.append(record)
        check_step(self, record)  # a collapsed economy stops the run (model/guards.py), in the burn-in too
