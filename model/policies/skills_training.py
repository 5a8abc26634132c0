"""Skills training: a share of a target group starts a funded digital-skills course each quarter."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import Field

from model.policies.base import Lever, register
from model.state import GIG, LOW, UNEMPLOYED
from model.training import enrol
from model.government import nominal

TARGETS = ("all", "unemployed", "low_skill", "older", "gig", "displaced", "low_digital")


@register
class SkillsTraining(Lever):
    """Enrols ``share`` of the target group per quarter; each trainee costs ``cost``."""

    summary: ClassVar[str] = "Digital-skills training: share trained per quarter, target group, cost and skill gain."
    lever: Literal["skills_training"] = "skills_training"
    share: float = Field(0.05, ge=0, le=1, allow_inf_nan=False, description="Share of the target group enrolled per quarter.")
    target: Literal["all", "unemployed", "low_skill", "older", "gig", "displaced", "low_digital"] = Field(
        "low_digital", description="Who is trained: " + ", ".join(TARGETS) + ".")
    cost: float = Field(0.3, ge=0, le=100, allow_inf_nan=False, description="Cost per trainee (quarters of one worker's output).")
    skill_gain: float = Field(0.25, ge=0, le=1, allow_inf_nan=False, description="Digital skill gained on success.")
    duration_quarters: int = Field(2, ge=1, le=20, description="Course length.")
    regions: list[str] | None = Field(None, description="Regions covered (null: all).")

    def target_mask(self, model) -> np.ndarray:
        w = model.workers
        masks = {
            "all": np.ones(w.n, bool), "unemployed": w.status == UNEMPLOYED, "low_skill": w.skill == LOW,
            "older": w.age == 2, "gig": w.status == GIG, "displaced": w.displaced,
            "low_digital": w.digital < model.cfg.workforce.digital_threshold,
        }
        mask = masks[self.target] & (w.training == 0)
        region_mask = self.group_mask(self.regions, model.region_names)
        if region_mask is not None:
            mask &= region_mask[w.region]
        return mask

    def begin_step(self, model, effects) -> None:
        pool = np.flatnonzero(self.target_mask(model))
        chosen = pool[model.stream("policies").random(pool.size) < self.share]
        enrolled = enrol(model, chosen, self.skill_gain, self.duration_quarters)
        model.fiscal.buy(self.key, nominal(model, enrolled.size * self.cost * model.output_per_worker0))
