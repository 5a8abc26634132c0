"""Unified national market (全国统一大市场): lower barriers to working and hiring across regions."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.government import programme_cost


@register
class UnifiedMarket(Lever):
    """Cuts mobility costs between regions (hukou, housing, licences), widens cross-region search and
    improves matching (national online job boards)."""

    summary: ClassVar[str] = ("Unified national market: lower mobility costs between regions, more "
                              "cross-region job search, better matching.")
    lever: Literal["unified_market"] = "unified_market"
    mobility_cost_cut: float = Field(0.5, ge=0, le=1, allow_inf_nan=False,
                                     description="Share of the cross-region mobility cost removed.")
    cross_region_search: float = Field(0.1, ge=0, le=1, allow_inf_nan=False,
                                       description="Added to the share of job seekers searching in other regions.")
    matching_boost: float = Field(0.1, ge=0, le=5, allow_inf_nan=False,
                                  description="Relative rise of matching efficiency (national job platforms).")
    cost: float = Field(0.0005, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost (job platforms, portable benefits), as a share of initial GDP.")

    def begin_step(self, model, effects) -> None:
        effects.mobility_cost_factor *= 1.0 - self.mobility_cost_cut
        effects.cross_region_boost += self.cross_region_search
        effects.matching_boost += self.matching_boost
        model.fiscal.buy(self.key, programme_cost(model, self.cost))
