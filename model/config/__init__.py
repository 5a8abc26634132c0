"""The scenario schema: every parameter of the model, its default, range and meaning.

A scenario YAML file is validated against :class:`Scenario`. Defaults are the
baseline economy (China, 2025Q1, see ``docs/calibration.md``); a scenario file
only needs the keys it changes. Loading, ``extends:`` and ``--set`` overrides
live in :mod:`model.scenario_io`.

The sections live in modules by what they describe: :mod:`~model.config.structure`
(population, regions, sectors, size classes), :mod:`~model.config.workforce`
(skills, labour market, gig work, training, careers),
:mod:`~model.config.technology` (data, robots and AI, the frontier, adoption,
production, innovation, platforms, green compute), :mod:`~model.config.economy`
(demand, households, government, trade, banks, the start, turnover) and
:mod:`~model.config.scenario` (the whole scenario); :mod:`~model.config.base`
holds their building blocks.
"""

from model.config.base import AGES, SKILLS, TASKS, Mix, Section
from model.config.economy import Banking, Demand, EntryExit, Government, Households, Initial, Trade
from model.config.scenario import LeverField, Scenario
from model.config.structure import Population, Region, Sector, SizeClass, TaskWeights
from model.config.technology import (Adoption, Frontier, Green, IndustrialPlatforms, Innovation, Production,
                                     Technologies, TechnologyParams)
from model.config.workforce import (AgeShares, Careers, Gig, Labour, SkillLevels, SkillMix, SkillWages, Training,
                                    Workforce)

__all__ = ["AGES", "SKILLS", "TASKS", "Adoption", "AgeShares", "Banking", "Careers", "Demand", "EntryExit",
           "Frontier", "Gig", "Government", "Green", "Households", "IndustrialPlatforms", "Initial", "Innovation",
           "Labour", "LeverField", "Mix", "Population", "Production", "Region", "Scenario", "Section", "Sector",
           "SizeClass", "SkillLevels", "SkillMix", "SkillWages", "Technologies", "TechnologyParams", "Trade",
           "Training", "Workforce", "TaskWeights"]
