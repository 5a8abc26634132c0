"""Minimum income floor or universal basic income, funded by a surcharge on earnings."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import Field

from model.policies.base import Lever, register


@register
class IncomeSupport(Lever):
    """Tops incomes up to a floor (``mode: floor``) or pays everyone the same amount (``mode: ubi``).

    ``level`` is a share of the current mean low-skill wage. With ``funding:
    balanced`` a surcharge on all earnings is set each quarter so that it
    raises what the transfers cost; ``fixed`` uses ``surcharge_rate``; ``none``
    borrows. The gross cost is booked under the lever's key and the surcharge
    revenue (negative) under ``<key>_surcharge``, so ``spending_<key>`` +
    ``spending_<key>_surcharge`` is the net fiscal cost.
    """

    summary: ClassVar[str] = ("Minimum income floor or universal basic income, funded by a surcharge on "
                              "earnings (gross cost and surcharge revenue booked separately).")
    lever: Literal["income_support"] = "income_support"
    mode: Literal["floor", "ubi"] = Field("floor", description="floor: top up to the level; ubi: pay everyone it.")
    level: float = Field(0.5, ge=0, le=5, allow_inf_nan=False,
                         description="Floor or basic income per quarter, as a share of the mean low-skill wage.")
    funding: Literal["balanced", "fixed", "none"] = Field(
        "balanced", description="balanced: surcharge covers the cost each quarter; fixed: surcharge_rate; "
                                "none: deficit-financed.")
    surcharge_rate: float = Field(0.0, ge=0, le=0.9, allow_inf_nan=False,
                                  description="Surcharge on earnings when funding is fixed.")
    regions: list[str] | None = Field(None, description="Regions covered (null: all).")

    @property
    def accounts(self) -> tuple[str, ...]:
        return (self.key, f"{self.key}_surcharge")

    def settle_income(self, model) -> None:
        workers = model.workers
        base, earnings = workers.income.copy(), np.maximum(workers.earnings, 0.0)
        level = self.level * float(model.wage[:, 0].mean())
        covered = self.group_mask(self.regions, model.region_names)
        covered = np.ones(workers.n, bool) if covered is None else covered.take(workers.region, axis=0)

        def transfers(rate: float) -> np.ndarray:
            if self.mode == "ubi":
                return np.where(covered, level, 0.0)
            return np.where(covered, np.maximum(level - (base - rate * earnings), 0.0), 0.0)

        rate = self.surcharge_rate if self.funding == "fixed" else 0.0
        total_earnings = float(earnings.sum())
        if self.funding == "balanced" and total_earnings > 0:
            for _ in range(20):  # the floor's cost rises with the surcharge: iterate to the fixed point
                new = min(float(transfers(rate).sum()) / total_earnings, 0.9)
                if abs(new - rate) < 1e-9:
                    break
                rate = new
        paid = transfers(rate)
        workers.transfers += paid
        workers.income = base - rate * earnings + paid
        model.fiscal.pay(self.key, float(paid.sum()))
        model.fiscal.pay(f"{self.key}_surcharge", -rate * total_earnings)
