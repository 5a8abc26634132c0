"""East data, west compute (东数西算): run part of the eastern regions' compute in western data centres."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import Field

from model.numerics import matmul
from model.policies.base import Lever, register
from model.government import programme_cost


@register
class ComputeWest(Lever):
    """Routes ``share`` of the compute of ``from_regions`` to ``to_region``.

    Routed compute is billed at the host region's compute price plus a
    transmission mark-up, and uses the host region's (greener) power: it
    lowers AI running costs in the sending regions and changes where compute
    energy and its emissions fall (metric ``compute_energy``).
    """

    summary: ClassVar[str] = ("East data, west compute: route a share of eastern compute to cheaper, greener "
                              "western data centres (builds data centres and links).")
    lever: Literal["compute_west"] = "compute_west"
    from_regions: list[str] = Field(default_factory=lambda: ["east"], min_length=1,
                                    description="Regions whose compute is partly moved.")
    to_region: str = Field("west", description="Region hosting the data centres.")
    share: float = Field(0.4, ge=0, le=1, allow_inf_nan=False, description="Share of their compute moved.")
    transmission_markup: float = Field(0.1, ge=0, le=5, allow_inf_nan=False,
                                       description="Extra cost of remote compute (network, latency) over the "
                                                   "host's compute price.")
    cost: float = Field(0.002, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of data centres and links, as a share of initial GDP.")

    def check(self, scenario) -> None:
        super().check(scenario)
        names = [r.name for r in scenario.regions]
        for name in [*self.from_regions, self.to_region]:
            if name not in names:
                raise ValueError(f"{name!r} is not a region of the scenario; valid: {', '.join(names)}")

    def begin_step(self, model, effects) -> None:
        names = model.region_names
        host = names.index(self.to_region)
        routing = np.eye(model.n_regions)
        for name in self.from_regions:
            r = names.index(name)
            if r == host:
                continue
            routing[r, r] -= self.share
            routing[r, host] += self.share
            price = model.region_compute
            blended = (1 - self.share) + self.share * price[host] * (1 + self.transmission_markup) / price[r]
            effects.compute_cost_factor[r] *= blended
        base = effects.compute_routing if effects.compute_routing is not None else np.eye(model.n_regions)
        effects.compute_routing = matmul(base, routing)
        model.fiscal.buy(self.key, programme_cost(model, self.cost))
