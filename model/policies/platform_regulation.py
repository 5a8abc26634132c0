"""Platform regulation: a cap on gig commissions and social insurance for gig workers."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.government import programme_cost


@register
class PlatformRegulation(Lever):
    """Caps gig platforms' commission and makes them pay social insurance on gig earnings.

    The insurance contribution is paid by the platform (out of its commission)
    to its workers as a transfer; it costs the government nothing beyond
    ``cost`` (supervision).
    """

    summary: ClassVar[str] = ("Platform regulation: commission cap and platform-paid social insurance for "
                              "gig workers.")
    lever: Literal["platform_regulation"] = "platform_regulation"
    commission_cap: float | None = Field(0.15, ge=0, le=0.95, allow_inf_nan=False,
                                         description="Highest commission a gig platform may charge (null: no cap).")
    social_insurance: float = Field(0.05, ge=0, le=0.5, allow_inf_nan=False,
                                    description="Platform contribution to gig workers' social insurance, as a "
                                                "share of gross gig earnings.")
    cost: float = Field(0.0, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of supervision, as a share of initial GDP.")

    def begin_step(self, model, effects) -> None:
        if self.commission_cap is not None:
            current = effects.commission_cap
            effects.commission_cap = self.commission_cap if current is None else min(current, self.commission_cap)
        effects.gig_social_insurance += self.social_insurance
        model.fiscal.buy(self.key, programme_cost(model, self.cost))
