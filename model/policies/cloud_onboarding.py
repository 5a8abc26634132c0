"""Inclusive cloud services (普惠上云): small firms adopt data on a cloud platform and pay for it over time."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, Technology, register
from model.policies.effects import Deferral
from model.government import programme_cost


@register
class CloudOnboarding(Lever):
    """Turns the one-off cost of adopting into a subscription for the chosen size classes.

    A cloud platform supplies the data system, so an eligible firm pays
    nothing up front: the cost (after any subsidy) is charged in equal
    quarterly fees over ``quarters``. The firm still weighs the whole cost
    against the gain it expects ('unwilling', 'afraid' of the risk), but a
    firm past its credit line is no longer kept out by finance, the barrier
    that binds most small non-adopters. Modelled on the 14th Five-Year Plan
    for the digital economy (国务院, December 2021: 推行普惠性"上云用数赋智"服务).
    """

    summary: ClassVar[str] = ("Inclusive cloud services: eligible firms adopt with nothing up front and pay the "
                              "cost as a subscription (the finance barrier no longer binds).")
    lever: Literal["cloud_onboarding"] = "cloud_onboarding"
    technologies: list[Technology] = Field(default_factory=lambda: ["data"],
                                           description="Technologies a cloud platform can supply.")
    size_classes: list[str] = Field(default_factory=lambda: ["sme", "micro"], description="Size classes eligible.")
    regions: list[str] | None = Field(None, description="Regions covered (null: all).")
    quarters: int = Field(16, ge=1, le=200, description="Quarters over which the adoption cost is paid as a fee.")
    cost: float = Field(0.0002, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of running the programme, as a share of initial GDP.")

    def begin_step(self, model, effects) -> None:
        effects.deferrals.append(Deferral(
            quarters=self.quarters, technologies=tuple(self.technologies),
            size_mask=self.group_mask(self.size_classes, model.size_names),
            region_mask=self.group_mask(self.regions, model.region_names)))
        model.fiscal.buy(self.key, programme_cost(model, self.cost))
