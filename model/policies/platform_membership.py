"""Industrial-platform membership support: policy pays part of SMEs' platform subscriptions."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.policies.effects import CostShare


@register
class PlatformMembership(Lever):
    """Pays ``rate`` of the industrial-platform subscription of eligible firms (members and joiners)."""

    summary: ClassVar[str] = ("Industrial-platform membership support: a share of eligible firms' platform "
                              "subscription, so more SMEs join and share pooled data, tools and skills.")
    lever: Literal["platform_membership"] = "platform_membership"
    rate: float = Field(0.6, ge=0, le=0.95, allow_inf_nan=False, description="Share of the subscription paid.")
    size_classes: list[str] = Field(default_factory=lambda: ["sme", "micro"], description="Size classes eligible.")
    regions: list[str] | None = Field(None, description="Regions covered (null: all).")
    budget: float | None = Field(None, ge=0, allow_inf_nan=False,
                                 description="Total budget over the lever's life (null: unlimited).")

    def begin_step(self, model, effects) -> None:
        remaining = self.remaining_budget(model)
        effects.cost_shares.append(CostShare(
            payer=self.key, kind="platform_fee", rate=self.rate, technologies=("data",),
            size_mask=self.group_mask(self.size_classes, model.size_names),
            region_mask=self.group_mask(self.regions, model.region_names), budget=remaining))
