"""Green compute: more green power for data centres and a carbon price on compute emissions."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.policies.effects import CostShare
from model.government import programme_cost


@register
class GreenCompute(Lever):
    """Raises the green power share of every region's compute and charges a carbon price on its emissions.

    The carbon charge falls on each firm's compute emissions (AI and data),
    so it raises AI running costs, which firms weigh before adopting; what it
    raises is booked as this lever's revenue (negative spending), net of the
    cost of the green power programme.
    """

    summary: ClassVar[str] = ("Green compute: more green power for compute, and a carbon price on compute "
                              "emissions (revenue to the government).")
    lever: Literal["green_compute"] = "green_compute"
    green_boost: float = Field(0.2, ge=0, le=1, allow_inf_nan=False,
                               description="Added to every region's green power share (capped at 1).")
    carbon_price: float = Field(0.05, ge=0, le=100, allow_inf_nan=False,
                                description="Charge per unit of compute emissions, in output units.")
    cost: float = Field(0.005, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of green power per unit of green_boost, as a share of "
                                    "initial GDP.")

    def begin_step(self, model, effects) -> None:
        effects.green_power_boost += self.green_boost
        effects.carbon_price += self.carbon_price
        if self.carbon_price > 0:
            effects.cost_shares.append(CostShare(payer=self.key, kind="carbon", rate=-self.carbon_price,
                                                 technologies=("ai",)))
        model.fiscal.buy(self.key, programme_cost(model, self.cost * self.green_boost))
