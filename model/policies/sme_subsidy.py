"""SME digital subsidy: policy pays a share of small firms' adoption costs."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, Technology, register
from model.policies.effects import CostShare


@register
class SmeSubsidy(Lever):
    """Pays ``rate`` of the one-off adoption cost of the chosen technologies for the chosen size classes."""

    summary: ClassVar[str] = "Subsidy for SME digital transformation: a share of adoption costs, up to a budget."
    lever: Literal["sme_subsidy"] = "sme_subsidy"
    rate: float = Field(0.4, ge=0, le=0.95, allow_inf_nan=False, description="Share of the adoption cost paid.")
    technologies: list[Technology] = Field(default_factory=lambda: ["data", "robots", "ai"],
                                           description="Technologies covered.")
    size_classes: list[str] = Field(default_factory=lambda: ["sme", "micro"], description="Size classes eligible.")
    budget: float | None = Field(None, ge=0, allow_inf_nan=False,
                                 description="Total budget over the lever's life (null: unlimited).")
    advisory: float = Field(0.0, ge=0, le=1, allow_inf_nan=False,
                            description="Added to eligible firms' quarterly chance of learning a technology's "
                                        "value (advisory services, demonstration projects: the 'unwilling' barrier).")

    def begin_step(self, model, effects) -> None:
        remaining = self.remaining_budget(model)
        effects.cost_shares.append(CostShare(
            payer=self.key, kind="adoption", rate=self.rate, technologies=tuple(self.technologies),
            size_mask=self.group_mask(self.size_classes, model.size_names), budget=remaining))
        effects.awareness_boost += self.advisory
