"""Per-agent state as NumPy arrays, one row per agent, updated a population at a time.

Codes used throughout: technology 0 data, 1 robots, 2 ai; adoption stage
0 none, 1 adjusting, 2 integrated; skill 0 low, 1 mid, 2 high; worker status
0 employed, 1 gig, 2 unemployed; age 0 young, 1 prime, 2 older.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

TECHS = ("data", "robots", "ai")
DATA, ROBOTS, AI = 0, 1, 2
STAGES = ("none", "adjusting", "integrated")
NONE, ADJUSTING, INTEGRATED = 0, 1, 2
SKILL_NAMES = ("low", "mid", "high")
LOW, MID, HIGH = 0, 1, 2
STATUSES = ("employed", "gig", "unemployed")
EMPLOYED, GIG, UNEMPLOYED = 0, 1, 2
AGE_NAMES = ("young", "prime", "older")
#: firms.barrier codes: nothing held the firm back (it has adopted, was ready, or the technology is
#: unavailable), or the first of the three barriers (technology_adoption.py) that did
BARRIERS = ("none", "unwilling", "afraid", "unable")


class _Arrays:
    """Helpers shared by the state tables."""

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


@dataclass
class FirmArrays(_Arrays):
    """One row per firm slot (an exiting firm's row is taken by an entrant)."""

    sector: np.ndarray  # int8
    region: np.ndarray  # int8
    size: np.ndarray  # int8, size class fixed at birth from headcount
    age: np.ndarray  # int32, quarters since entry
    log_a: np.ndarray  # base (non-digital) log TFP
    capital: np.ndarray
    robots: np.ndarray
    data: np.ndarray  # own data stock (quarters of output)
    stage: np.ndarray  # int8 [F, 3]: 0 none, 1 adjusting, 2 integrated
    timer: np.ndarray  # float32 [F, 3]: quarters of adjustment left
    aware: np.ndarray  # bool [F, 3]
    belief: np.ndarray  # [F, 3] perceived productivity gain of each technology
    barrier: np.ndarray  # int8 [F, 3]: what held a non-adopter back this quarter (BARRIERS; 0 nothing)
    adopted_at: np.ndarray  # int32 [F, 3]: step of adoption, -1 if none
    capability: np.ndarray  # digital capability, 0..1
    risk: np.ndarray  # risk aversion, 0..1
    cash: np.ndarray  # bank deposits
    loans: np.ndarray  # bank loans outstanding: term loans plus the overdraft
    term_loans: np.ndarray  # the part that is term loans, amortised on schedule (banking.py)
    term_drawn: np.ndarray  # term loans drawn this quarter: first interest and instalment next quarter
    credit: np.ndarray  # credit line the bank honours
    order: np.ndarray  # investment goods ordered this quarter (nominal: capital, robots, AI/data systems)
    capital_order: np.ndarray  # real capital units in that order
    rd_order: np.ndarray  # R&D services ordered this quarter (nominal; innovation.py)
    rd: np.ndarray  # R&D services bought this quarter (nominal): next quarter's innovation effort
    rd_support: np.ndarray  # the part of it policy paid (the rd_credit lever)
    invested: np.ndarray  # real capital installed this quarter
    sales: np.ndarray  # real units sold this quarter
    revenue: np.ndarray  # nominal sales this quarter
    interest: np.ndarray  # interest paid this quarter
    running: np.ndarray  # running costs of digital technology and platform fees this quarter
    digital: np.ndarray  # running services of data, robots and AI bought this quarter (nominal; digital_services.py)
    digital_ai: np.ndarray  # AI's part of it (with its compute bill): what a compute voucher can pay
    member: np.ndarray  # int16: industrial platform index, -1 none
    share: np.ndarray  # market share within the sector
    appeal: np.ndarray  # log appeal of the firm's variety to buyers (market_shares.py)
    price: np.ndarray
    planned: np.ndarray  # its own buyers' orders this quarter: the sales it expects next quarter
    target: np.ndarray  # output it plans to make: those orders plus the gap to its target stock (inventories.py)
    inventory: np.ndarray  # finished goods kept after this quarter's sales (real units; inventories.py)
    inventory_change: np.ndarray  # units added to the stock this quarter (inventory investment; negative: drawn)
    inventory_value: np.ndarray  # the stock at average production cost (nominal)
    expected: np.ndarray  # demand expected over the life of capital (adaptive, sets the capital target)
    output: np.ndarray
    output_nodigital: np.ndarray  # same inputs, digital technology switched off
    hours: np.ndarray  # hours each employee worked this quarter, relative to normal hours (production.py)
    profit: np.ndarray
    dividends: np.ndarray  # paid to the firm's owner household this quarter
    losses: np.ndarray  # int32 consecutive quarters with a loss
    headcount: np.ndarray  # int32 [F, 3] by skill
    producing_staff: np.ndarray  # staff who produced this quarter's output (before this quarter's hires)
    vacancies: np.ndarray  # int32 [F, 3]
    wage_bill: np.ndarray
    robot_share: np.ndarray  # share of routine manual tasks done by robots
    automation_cost: np.ndarray  # [F, 2] log cost of integrating a robot / AI into a task, drawn at birth (automation.py)
    ai_share: np.ndarray  # share of routine cognitive tasks done by AI
    ai_service: np.ndarray  # bool: rents AI from its industrial platform (platform x application, ai_service.py)
    ai_gain: np.ndarray  # share of this quarter's output that rented AI produced (what the platform's fee is on)
    ai_tasks: np.ndarray  # routine cognitive task units AI did this quarter (an own system's are paid as compute)
    digital_staff: np.ndarray  # share of staff digitally skilled
    fee: np.ndarray  # quarterly subscription still owed for an adoption paid over time (cloud onboarding)
    fee_left: np.ndarray  # int32 quarters of that subscription left

    @property
    def n(self) -> int:
        return self.sector.shape[0]


@dataclass
class WorkerArrays(_Arrays):
    """One row per worker agent (a retiring worker's row is taken by a young entrant)."""

    region: np.ndarray  # int8
    skill: np.ndarray  # int8
    age: np.ndarray  # int8
    digital: np.ndarray  # digital skill 0..1
    status: np.ndarray  # int8: 0 employed, 1 gig, 2 unemployed
    employer: np.ndarray  # int32 firm row, -1 none
    platform: np.ndarray  # int16 gig platform, -1 none
    earnings: np.ndarray  # wage or gig net earnings this quarter
    transfers: np.ndarray  # benefits and policy transfers this quarter
    income: np.ndarray  # disposable income this quarter
    deposits: np.ndarray  # bank deposits (a retiring worker's pass to the young entrant in the row)
    expected_income: np.ndarray  # expected disposable income per quarter (adaptive)
    consumption: np.ndarray  # planned spending this quarter
    tax: np.ndarray  # income tax paid this quarter
    training: np.ndarray  # int8 quarters of training left
    training_gain: np.ndarray  # digital skill gained if the course succeeds
    spell: np.ndarray  # int32 quarters in the current status
    displaced: np.ndarray  # bool: lost a job to layoffs and not yet re-employed
    trained: np.ndarray  # bool: completed a training course successfully this quarter

    @property
    def n(self) -> int:
        return self.region.shape[0]


@dataclass
class PlatformArrays(_Arrays):
    """Gig platforms (rows 0..G-1) and industrial platforms (rows G..)."""

    kind: np.ndarray  # int8: 0 gig, 1 industrial
    commission: np.ndarray
    workers: np.ndarray  # gig workers on the platform
    demand_share: np.ndarray  # consumer share of gig demand
    members: np.ndarray  # industrial member firms
    pooled_data: np.ndarray
    revenue: np.ndarray
    utilisation: np.ndarray

    @property
    def n(self) -> int:
        return self.kind.shape[0]
