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


def eligible(offer, sizes: np.ndarray, regions: np.ndarray) -> np.ndarray:
    """Which firms (by size class and region) an offer's ``size_mask`` and ``region_mask`` cover."""
    mask = np.ones(sizes.shape, bool)
    if offer.size_mask is not None:
        mask &= offer.size_mask[sizes]
    if offer.region_mask is not None:
        mask &= offer.region_mask[regions]
    return mask


@dataclass
class Deferral:
    """One lever's offer to turn the one-off cost of adopting into a subscription."""

    quarters: int
    technologies: tuple[str, ...] = ("data",)
    size_mask: np.ndarray | None = None  # bool per size class; None: all
    region_mask: np.ndarray | None = None  # bool per region; None: all


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
    deferrals: list[Deferral] = field(default_factory=list)  # adoption costs paid over time instead of up front

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
            mask = eligible(share, sizes, regions)
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

    def deferral_quarters(self, tech: str, sizes: np.ndarray, regions: np.ndarray) -> np.ndarray:
        """Quarters over which each firm may pay the cost of adopting ``tech`` (0: all up front)."""
        quarters = np.zeros(sizes.shape, np.int32)
        for offer in self.deferrals:
            if tech not in offer.technologies:
                continue
            mask = eligible(offer, sizes, regions)
            quarters = np.where(mask, np.maximum(quarters, offer.quarters), quarters)
        return quarters
