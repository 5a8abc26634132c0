"""Robot tax (or, with a negative rate, a robot subsidy) on robot purchases."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.policies.effects import CostShare


@register
class RobotTax(Lever):
    """Taxes robot purchases at ``rate`` (negative: subsidises them); firms weigh the taxed price."""

    summary: ClassVar[str] = "Robot tax (rate > 0) or subsidy (rate < 0) on robot purchases."
    lever: Literal["robot_tax"] = "robot_tax"
    rate: float = Field(0.2, ge=-0.9, le=2.0, allow_inf_nan=False,
                        description="Tax rate on the robot price; negative for a subsidy.")

    def begin_step(self, model, effects) -> None:
        effects.cost_shares.append(CostShare(payer=self.key, kind="robots", rate=-self.rate,
                                             technologies=("robots",)))
        effects.robot_price_factor *= 1.0 + self.rate
