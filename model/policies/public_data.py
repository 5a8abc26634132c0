"""Public data opening: government data usable by every data-adopting firm."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from model.policies.base import Lever, register
from model.government import programme_cost


@register
class PublicData(Lever):
    """Opens ``share`` of the public data stock (``production.public_data_stock``) while active.

    Opened data adds to every data user's effective data stock (production)
    and to the gain firms expect from adopting data (adoption).
    """

    summary: ClassVar[str] = "Public data opening: a share of government data opened to every data-using firm."
    lever: Literal["public_data"] = "public_data"
    share: float = Field(0.5, ge=0, le=1, allow_inf_nan=False, description="Share of public data opened.")
    cost: float = Field(0.002, ge=0, le=1, allow_inf_nan=False,
                        description="Quarterly cost of opening all public data (platforms, cleaning, security), "
                                    "as a share of initial GDP; the lever pays cost x share.")

    def begin_step(self, model, effects) -> None:
        effects.public_data_open = min(1.0, effects.public_data_open + self.share)
        model.fiscal.buy(self.key, programme_cost(model, self.cost * self.share))
