"""Data sharing rules: members of industrial platforms must (or may safely) pool more of their data."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.government import programme_cost


@register
class DataSharing(Lever):
    """Adds ``pool_boost`` to the share of members' data pooled on industrial platforms."""

    summary: ClassVar[str] = ("Data sharing rules (data rights, trusted exchanges): more of members' data "
                              "is pooled on industrial platforms.")
    lever: Literal["data_sharing"] = "data_sharing"
    pool_boost: float = Field(0.3, ge=0, le=1, allow_inf_nan=False,
                              description="Added to industrial_platforms.pool_share (capped at 1).")
    cost: float = Field(0.0005, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of running the rules and data exchanges, as a share of "
                                    "initial GDP.")

    def begin_step(self, model, effects) -> None:
        effects.pool_share_boost += self.pool_boost
        model.fiscal.buy(self.key, programme_cost(model, self.cost))
