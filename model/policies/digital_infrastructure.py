"""Digital infrastructure by region: 5G, broadband and compute that make adoption cheaper there."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.government import programme_cost


@register
class DigitalInfrastructure(Lever):
    """Raises the infrastructure level of the chosen regions while active; pays for it every quarter.

    A region's infrastructure discounts every firm's adoption cost there
    (``adoption.infrastructure_discount``) and raises firms' digital capability.
    """

    summary: ClassVar[str] = ("Digital infrastructure (5G, broadband, compute) in chosen regions: cheaper "
                              "adoption and higher capability there.")
    lever: Literal["digital_infrastructure"] = "digital_infrastructure"
    regions: list[str] = Field(default_factory=lambda: ["west"], min_length=1, description="Regions built up.")
    boost: float = Field(0.3, ge=0, le=1, allow_inf_nan=False,
                         description="Added to each chosen region's infrastructure level (0..1, capped at 1).")
    cost: float = Field(0.01, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost per region per unit of boost, as a share of initial GDP.")

    def begin_step(self, model, effects) -> None:
        mask = self.group_mask(self.regions, model.region_names)
        effects.infrastructure_boost[mask] += self.boost
        model.fiscal.buy(self.key, programme_cost(model, self.cost * self.boost * int(mask.sum())))
