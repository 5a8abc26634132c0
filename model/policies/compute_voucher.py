"""AI compute voucher (算力券): policy pays part of firms' compute bill for running AI."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.policies.effects import CostShare


@register
class ComputeVoucher(Lever):
    """Pays ``rate`` of eligible firms' AI running (compute) cost and ``adoption_rate`` of their one-off AI
    adoption cost; firms weigh both when deciding to adopt AI."""

    summary: ClassVar[str] = "AI compute voucher: a share of eligible firms' AI compute bill, up to a budget."
    lever: Literal["compute_voucher"] = "compute_voucher"
    rate: float = Field(0.5, ge=0, le=0.95, allow_inf_nan=False,
                        description="Share of the AI running (compute) cost paid each quarter.")
    adoption_rate: float = Field(0.3, ge=0, le=0.95, allow_inf_nan=False,
                                 description="Share of the one-off AI adoption cost paid (initial compute, models).")
    size_classes: list[str] = Field(default_factory=lambda: ["sme", "micro"], description="Size classes eligible.")
    regions: list[str] | None = Field(None, description="Regions covered (null: all).")
    budget: float | None = Field(None, ge=0, allow_inf_nan=False,
                                 description="Total budget over the lever's life (null: unlimited).")

    def begin_step(self, model, effects) -> None:
        remaining = self.remaining_budget(model)
        sizes = self.group_mask(self.size_classes, model.size_names)
        regions = self.group_mask(self.regions, model.region_names)
        for kind, rate in (("compute", self.rate), ("adoption", self.adoption_rate)):
            if rate > 0:  # one budget for both: the adoption share may use what running costs left
                effects.cost_shares.append(CostShare(payer=self.key, kind=kind, rate=rate, technologies=("ai",),
                                                     size_mask=sizes, region_mask=regions, budget=remaining))
