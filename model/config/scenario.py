"""The scenario: every section, the scheduled levers, and the checks across sections."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from model.periods import parse_period
from model.policies import LEVERS
from model.config.base import Section
from model.config.structure import Population, Region, Sector, SizeClass, _regions, _sectors, _sizes
from model.config.workforce import Careers, Gig, Labour, Training, Workforce
from model.config.technology import Adoption, Frontier, Green, IndustrialPlatforms, Innovation, Production, Technologies
from model.config.economy import Banking, Demand, EntryExit, Government, Households, Initial, Trade


LeverField = Annotated[
    Union[tuple(Annotated[cls, Tag(name)] for name, cls in sorted(LEVERS.items()))]  # type: ignore[misc]
    if LEVERS else Any,
    Discriminator(lambda v: v.get("lever") if isinstance(v, dict) else getattr(v, "lever", None)),
]


class Scenario(Section):
    """A complete, validated scenario: the single input of a run."""

    name: str = Field("scenario", min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
                      description="Scenario name (letters, digits, _ . -); names the output folder.")
    description: str = Field("", max_length=5000, description="The question this scenario answers.")
    start: str = Field("2025Q1", description="First period (step 0), e.g. 2025Q1.")
    steps: int = Field(40, ge=0, le=2000, description="Number of quarters to simulate.")
    seed: int = Field(42, ge=0, le=2**63 - 1, description="Random seed (overridden by --seed).")
    population: Population = Field(default_factory=Population)
    regions: list[Region] = Field(default_factory=_regions, min_length=1, max_length=50)
    sectors: list[Sector] = Field(default_factory=_sectors, min_length=1, max_length=50)
    size_classes: list[SizeClass] = Field(default_factory=_sizes, min_length=1, max_length=10)
    workforce: Workforce = Field(default_factory=Workforce)
    technology: Technologies = Field(default_factory=Technologies)
    frontier: Frontier = Field(default_factory=Frontier)
    adoption: Adoption = Field(default_factory=Adoption)
    production: Production = Field(default_factory=Production)
    labour: Labour = Field(default_factory=Labour)
    gig: Gig = Field(default_factory=Gig)
    industrial_platforms: IndustrialPlatforms = Field(default_factory=IndustrialPlatforms)
    innovation: Innovation = Field(default_factory=Innovation)
    training: Training = Field(default_factory=Training)
    careers: Careers = Field(default_factory=Careers)
    demand: Demand = Field(default_factory=Demand)
    households: Households = Field(default_factory=Households)
    government: Government = Field(default_factory=Government)
    trade: Trade = Field(default_factory=Trade)
    banking: Banking = Field(default_factory=Banking)
    initial: Initial = Field(default_factory=Initial)
    entry_exit: EntryExit = Field(default_factory=EntryExit)
    green: Green = Field(default_factory=Green)
    policies: list[LeverField] = Field(default_factory=list, max_length=200,
                                       description="Scheduled policy levers (see `run.py list`).")

    @field_validator("start")
    @classmethod
    def _period(cls, value):
        parse_period(value)
        return value.strip().upper()

    @model_validator(mode="after")
    def _unique_names(self):
        for key in ("regions", "sectors", "size_classes"):
            names = [item.name for item in getattr(self, key)]
            if len(set(names)) != len(names):
                raise ValueError(f"{key}: names must be unique (got {names})")
        for i, lever in enumerate(self.policies):
            try:
                lever.check(self)
            except ValueError as exc:
                raise ValueError(f"policies.{i}.{exc}") from None
            for bound in ("start", "end"):
                value = getattr(lever, bound)
                if isinstance(value, str) and parse_period(value) < parse_period(self.start):
                    raise ValueError(f"policies.{i}.{bound}: {value} is before the scenario start {self.start}")
        return self
