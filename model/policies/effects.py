"""What active levers do to this step: neutral by default, reset every step.

Levers write into :class:`PolicyEffects` in rule 1; the mechanisms read it.
Cost shares (subsidies, vouchers, taxes) are paid through :meth:`PolicyEffects.share_cost`,
which books every yuan to the lever that paid it and respects its budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class CostShare:
    """One lever's share of a kind of cost (negative rate: a tax)."""

    payer: str
    kind: str
    rate: float
    technologies: tuple[str, ...] = ("data", "robots", "ai")
    size_mask: np.ndarray | None = None  # bool per size class; None: all
    region_mask: np.ndarray | None = None  # bool per region; None: all
    budget: float | None = None  # remaining budget this step (None: unlimited)


@dataclass
class PolicyEffects:
    """Neutral effects for an economy with the given numbers of groups."""

    n_regions: int
    n_sizes: int
    cost_shares: list[CostShare] = field(default_factory=list)
    infrastructure_boost: np.ndarray = None  # added to regional infrastructure
    compute_cost_factor: np.ndarray = None  # multiplies regional compute cost
    public_data_open: float = 0.0  # share of public data opened
    pool_share_boost: float = 0.0  # added to industrial-platform pool share
    commission_cap: float | None = None
    gig_social_insurance: float = 0.0  # platform contribution rate on gig gross earnings
    matching_boost: float = 0.0  # relative increase in matching efficiency
    mobility_cost_factor: float = 1.0  # multiplies labour mobility cost
    cross_region_boost: float = 0.0  # added to the cross-region search share
    green_power_boost: float = 0.0  # added to every region's green share
    carbon_price: float = 0.0  # per unit of emissions
    awareness_boost: float = 0.0  # added to the Bass p of SMEs and micro firms
    compute_routing: np.ndarray = None  # [R, R]: share of region i's compute run in region j (None: local)
    robot_price_factor: float = 1.0  # multiplies the robot user cost firms weigh (tax > 1, subsidy < 1)

    def __post_init__(self):
        if self.infrastructure_boost is None:
            self.infrastructure_boost = np.zeros(self.n_regions)
        if self.compute_cost_factor is None:
            self.compute_cost_factor = np.ones(self.n_regions)


    def share_cost(self, fiscal, kind: str, tech: str, sizes: np.ndarray, regions: np.ndarray,
                   gross: np.ndarray, dry_run: bool = False) -> np.ndarray:
        """Return the part of each firm's ``gross`` cost that policy pays (or, if negative, taxes).

        Books the amounts to each paying lever's account in ``fiscal`` and
        stops paying once a lever's budget is spent (firms in array order).
        With ``dry_run`` nothing is booked: the firm only learns what it would get.
        """
        total = np.zeros_like(gross, dtype=float)
        for share in self.cost_shares:
            if share.kind != kind or tech not in share.technologies or gross.size == 0:
                continue
            mask = np.ones(gross.shape, bool)
            if share.size_mask is not None:
                mask &= share.size_mask[sizes]
            if share.region_mask is not None:
                mask &= share.region_mask[regions]
            if share.rate > 0:  # subsidies together never pay more than 95% of a cost
                amount = np.where(mask, np.minimum(share.rate * gross, np.maximum(0.95 * gross - total, 0.0)), 0.0)
            else:
                amount = np.where(mask, share.rate * gross, 0.0)
            if share.budget is not None and share.rate > 0:
                allowed = np.cumsum(amount) <= share.budget + 1e-12
                amount = np.where(allowed, amount, 0.0)
                if not dry_run:
                    share.budget -= float(amount.sum())
            total += amount
            if not dry_run:
                fiscal.pay(share.payer, float(amount.sum()))
        return total
