"""The economy's structure: population, regions, sectors and size classes (with the baseline's defaults)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator

from model.config.base import Mix, Section, _f


class Population(Section):
    firms: int = Field(2000, ge=1, le=2_000_000, description="Number of firm agents.")
    workers: int = Field(20000, ge=1, le=20_000_000, description="Number of worker agents.")
    gig_platforms: int = Field(3, ge=0, le=50, description="Gig platforms (ride-hailing, delivery, freelance).")
    industrial_platforms: int = Field(2, ge=0, le=50, description="Industrial internet / cloud-AI platforms.")
    people_per_worker: float = _f(37000.0, gt=0, hi=1e9, desc="People one worker agent stands for (for national figures).")


class Region(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms located here.")
    worker_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of workers living here.")
    infrastructure: float = _f(0.5, 0, 1, "Digital infrastructure level (5G, broadband, compute), 0..1.")
    productivity: float = _f(1.0, gt=0, hi=100, desc="Relative TFP level of firms here.")
    wage: float = _f(1.0, gt=0, hi=100, desc="Relative wage level here.")
    compute_cost: float = _f(1.0, gt=0, hi=100, desc="Relative cost of compute here (west cheaper: 东数西算).")
    green_power: float = _f(0.3, 0, 1, "Share of green power in this region's electricity.")


class TaskWeights(Mix):
    routine_manual: float = _f(0.4, 0, 1e3, "Weight of routine manual tasks (robots can do them).")
    routine_cognitive: float = _f(0.3, 0, 1e3, "Weight of routine cognitive tasks (AI can do them).")
    non_routine: float = _f(0.3, 0, 1e3, "Weight of non-routine tasks (AI augments high-skill labour).")
    what: ClassVar[str] = "task weights"


class Sector(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms in this sector.")
    income_elasticity: float = _f(1.0, 0, 5, "Income elasticity of demand (services > 1: demand shifts to them).")
    tasks: TaskWeights = Field(default_factory=TaskWeights)
    productivity: float = _f(1.0, gt=0, hi=100, desc="Relative TFP level of the sector.")
    data_intensity: float = _f(1.0, 0, 10, "How strongly data raises productivity here (x data.gain).")
    is_industry: bool = Field(False, description="Counts toward robot density (manufacturing).")
    investment_share: float = _f(1.0, 0, 1e6, "Relative share of investment goods (machines, robots, AI and data "
                                 "systems) bought from this sector; all zero: spread like consumption.")
    robot_applicability: float = _f(1.0, 0, 1, "Share of frontier.max_robot_share robots can take of this "
                                    "sector's routine manual tasks (field work: far less than the factory).")
    inventory_quarters: float = _f(0.0, 0, 4, "Finished goods a firm wants in stock, in quarters of its expected "
                                   "sales (model/inventories.py); 0: nothing is kept, output that does not sell "
                                   "is lost (services cannot be stored).")


class SizeClass(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms in this size class.")
    mean_workers: float = _f(8.0, gt=0, hi=1e6, desc="Mean headcount (worker agents) of a firm of this class.")
    cost_factor: float = _f(1.0, gt=0, hi=100, desc="Adoption fixed-cost multiplier per worker (scale economies).")
    credit_ratio: float = _f(1.0, 0, 100, "Unsecured part of the credit line, in quarters of sales (SMEs: tighter).")
    loan_to_value: float = _f(0.0, 0, 1, "Secured part of the credit line: banks lend this share of the value of the "
                              "firm's installed capital, its collateral (SMEs: lower).")
    loan_premium: float = _f(0.0, 0, 0.5, "Yearly premium over the bank lending rate (riskier classes pay more "
                             "and lose credit first when banks are short of capital).")
    risk_aversion: float = _f(0.3, 0, 1, "Share of an uncertain gain the firm discounts (the 'afraid' barrier).")
    capability: float = _f(0.4, 0, 1, "Mean initial digital capability (absorptive capacity).")
    awareness: float = _f(0.5, 0, 1, "Initial share of firms aware of each technology's value.")
    adoption: dict[str, float] = Field(
        default_factory=lambda: {"data": 0.3, "robots": 0.05, "ai": 0.02},
        description="Initial adoption share by technology (data, robots, ai).",
    )

    @field_validator("adoption")
    @classmethod
    def _techs(cls, value):
        bad = set(value) - {"data", "robots", "ai"}
        if bad:
            raise ValueError(f"unknown technology {sorted(bad)[0]!r}; valid: data, robots, ai")
        for k, v in value.items():
            if not 0 <= v <= 1:
                raise ValueError(f"adoption.{k} must be between 0 and 1")
        return value


def _regions():
    return [
        Region(name="east", firm_share=0.5, worker_share=0.42, infrastructure=0.8, productivity=1.15,
               wage=1.15, compute_cost=1.2, green_power=0.25),
        Region(name="central", firm_share=0.3, worker_share=0.33, infrastructure=0.55, productivity=0.95,
               wage=0.95, compute_cost=1.0, green_power=0.3),
        Region(name="west", firm_share=0.2, worker_share=0.25, infrastructure=0.4, productivity=0.85,
               wage=0.85, compute_cost=0.7, green_power=0.45),
    ]


def _sectors():
    return [
        Sector(name="agriculture", firm_share=0.1, income_elasticity=0.5,
               tasks=TaskWeights(routine_manual=0.7, routine_cognitive=0.1, non_routine=0.2),
               productivity=0.6, data_intensity=0.4, robot_applicability=0.3, investment_share=0.0),
        Sector(name="industry", firm_share=0.3, income_elasticity=0.9,
               tasks=TaskWeights(routine_manual=0.5, routine_cognitive=0.25, non_routine=0.25),
               productivity=1.0, data_intensity=0.85, is_industry=True, investment_share=0.7,
               inventory_quarters=0.2),  # NBS: industrial firms' finished goods turn over in ~18 days
        Sector(name="services", firm_share=0.6, income_elasticity=1.2,
               tasks=TaskWeights(routine_manual=0.2, routine_cognitive=0.4, non_routine=0.4),
               productivity=1.0, data_intensity=1.6, investment_share=0.3),
    ]


def _sizes():
    # the calibrated history's state at 2025Q1 (python -m model.calibration.handoff; docs/calibration.md)
    return [
        SizeClass(name="large", firm_share=0.03, mean_workers=60, cost_factor=0.6, credit_ratio=2.0,
                  risk_aversion=0.2, capability=0.53, awareness=0.62,
                  adoption={"data": 0.89, "robots": 0.6, "ai": 0.22}),
        SizeClass(name="sme", firm_share=0.32, mean_workers=12, cost_factor=1.0, credit_ratio=0.6, loan_premium=0.01,
                  risk_aversion=0.4, capability=0.4, awareness=0.65,
                  adoption={"data": 0.88, "robots": 0.26, "ai": 0.14}),
        SizeClass(name="micro", firm_share=0.65, mean_workers=3, cost_factor=1.3, credit_ratio=0.3, loan_premium=0.02,
                  risk_aversion=0.5, capability=0.31, awareness=0.6,
                  adoption={"data": 0.61, "robots": 0.016, "ai": 0.01}),
    ]
