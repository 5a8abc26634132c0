"""R&D super deduction: policy pays a share of firms' R&D, and firms buy more of it."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.policies.effects import CostShare


@register
class RdCredit(Lever):
    """Pays ``rate`` of the R&D the chosen size classes buy (model/innovation.py).

    A firm keeps its own outlay at ``innovation.rd_share`` of its revenue, so its R&D rises to
    ``1 / (1 - rate)`` times that: a user-cost elasticity of R&D of one, the size Chen, Liu, Suárez Serrato
    and Xu (AER 2021) report for China's R&D tax incentives. China's super deduction (an extra 100% of R&D
    deducted from profit taxed at 25%) is a rate of about 0.25.
    """

    summary: ClassVar[str] = "R&D super deduction: policy pays a share of firms' R&D spending, up to a budget."
    lever: Literal["rd_credit"] = "rd_credit"
    rate: float = Field(0.25, ge=0, le=0.9, allow_inf_nan=False, description="Share of R&D spending paid.")
    size_classes: list[str] | None = Field(None, description="Size classes eligible (null: all).")
    budget: float | None = Field(None, ge=0, allow_inf_nan=False,
                                 description="Total budget over the lever's life (null: unlimited).")

    def begin_step(self, model, effects) -> None:
        effects.cost_shares.append(CostShare(
            payer=self.key, kind="research", rate=self.rate, technologies=("research",),
            size_mask=self.group_mask(self.size_classes, model.size_names), budget=self.remaining_budget(model)))
