"""Stylised facts 11-14, on the firm panels of each seed: firm sizes, firm growth, productivity, investment.

Each fact takes ``panels`` (one :class:`~model.facts_base.FirmPanel` per seed) and returns a
:class:`~model.facts_base.Fact`. Firm-level distributions are pooled over seeds; skewness and kurtosis are
scipy's (the kurtosis is Fisher's: 0 for a normal distribution).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from model.facts_base import Fact, FirmPanel, NotMeasured, correlation, fmt, make_fact, seed_mean


def _require_panels(panels: list[FirmPanel], rows: int = 1) -> None:
    if not panels:
        raise NotMeasured("no runs")
    if min(p.output.shape[0] for p in panels) < rows:
        raise NotMeasured(f"fewer than {rows} quarters of firm data")


def firm_sizes(panels: list[FirmPanel]) -> np.ndarray:
    """Real output of every firm at the final quarter, pooled over seeds."""
    _require_panels(panels)
    return np.concatenate([p.output[-1] for p in panels]).astype(float)


def size_skewness(panels: list[FirmPanel]) -> Fact:
    """Fact 11: a right-skewed firm size distribution: skewness of firm output at the final quarter > 0."""
    from scipy.stats import skew

    def compute():
        sizes = firm_sizes(panels)
        sizes = sizes[np.isfinite(sizes)]
        if sizes.size < 8 or np.std(sizes) == 0:
            raise NotMeasured(f"{sizes.size} firms with varying output; too few for a skewness")
        value = float(skew(sizes))
        detail = (f"skewness of real output of the {sizes.size} firms at the final quarter, pooled over "
                  f"{len(panels)} seed(s); median {np.median(sizes):.3g}, mean {sizes.mean():.3g}")
        return fmt(value, ".2f"), value > 0, detail

    return make_fact("size_skewness", "11 right-skewed firm sizes", "skewness > 0", compute)


def firm_growth_rates(panels: list[FirmPanel]) -> np.ndarray:
    """Quarterly log output growth of continuing firms, net of each quarter's mean, pooled over seeds.

    A growth rate counts when the same firm has staff and positive output in both quarters.
    """
    _require_panels(panels, 2)
    rates = []
    for p in panels:
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = np.log(p.output[1:]) - np.log(p.output[:-1])
        active = (p.output > 0) & (p.headcount > 0)
        ok = p.continuing()[1:] & active[1:] & active[:-1] & np.isfinite(growth)
        for row in range(growth.shape[0]):
            g = growth[row][ok[row]]
            if g.size > 1:
                rates.append(g - g.mean())
    return np.concatenate(rates) if rates else np.zeros(0)


def growth_kurtosis(panels: list[FirmPanel]) -> Fact:
    """Fact 12: fat-tailed firm growth rates: excess kurtosis of log output growth > 0 (Laplace-like tails)."""
    from scipy.stats import kurtosis

    def compute():
        rates = firm_growth_rates(panels)
        if rates.size < 8 or np.std(rates) == 0:
            raise NotMeasured(f"{rates.size} firm growth rates; too few for a kurtosis")
        value = float(kurtosis(rates, fisher=True))
        detail = (f"excess kurtosis (Fisher: 0 for a normal) of quarterly log output growth of firms present in "
                  f"both quarters with staff and positive output, minus each quarter's cross-firm mean; {rates.size} "
                  f"firm-quarters pooled over {len(panels)} seed(s)")
        return fmt(value, ".2f"), value > 0, detail

    return make_fact("growth_kurtosis", "12 fat-tailed firm growth", "excess kurtosis > 0", compute)


def productivity_ratios(panel: FirmPanel) -> np.ndarray:
    """Per quarter: 90th over 10th percentile of labour productivity of firms with staff and positive output."""
    out = []
    for prod, output, staff in zip(panel.productivity, panel.output, panel.headcount):
        values = prod[(output > 0) & (staff > 0)]
        p10, p90 = np.percentile(values, [10, 90]) if values.size >= 2 else (math.nan, math.nan)
        out.append(p90 / p10 if p10 > 0 else math.nan)
    return np.asarray(out)


def productivity_dispersion(panels: list[FirmPanel]) -> Fact:
    """Fact 13: persistent productivity dispersion: P90/P10 > 2 every quarter; first and last year correlate."""
    def compute():
        _require_panels(panels, 8)
        ratios = np.concatenate([productivity_ratios(p) for p in panels])
        low = float(np.nanmin(ratios)) if np.isfinite(ratios).any() else math.nan
        corrs, firms = [], 0
        for p in panels:
            stayed = p.continuing()[1:].all(axis=0) & (p.output[:4] > 0).all(axis=0) & (p.output[-4:] > 0).all(axis=0)
            firms += int(stayed.sum())
            if stayed.sum() >= 3:
                first = np.log(p.productivity[:4, stayed]).mean(axis=0)
                last = np.log(p.productivity[-4:, stayed]).mean(axis=0)
                corrs.append(correlation(first, last))
        if not corrs:
            raise NotMeasured("fewer than 3 firms survive from the first to the last year in every seed")
        corr, note = seed_mean(corrs)
        detail = (f"P90/P10 of labour productivity (output / max(headcount, 1)) of firms with staff and output, "
                  f"lowest over {ratios.size} seed-quarters; correlation across firms of mean log productivity in "
                  f"the first and the last four quarters, {firms} firms present throughout, mean over seeds ({note})")
        passed = math.isfinite(low) and low > 2 and corr > 0
        return f"P90/P10 min {fmt(low, '.2f')}, corr {fmt(corr, '.2f')}", passed, detail

    return make_fact("productivity_dispersion", "13 persistent productivity dispersion", "P90/P10 > 2, corr > 0",
                 compute)


def investment_concentration(panels: list[FirmPanel]) -> tuple[float, int]:
    """Share of each firm's investment done in its top 20% of quarters, pooled; and the number of firms.

    A firm is one occupant of a slot for at least five quarters; its top quarters are its
    ``ceil(0.2 * quarters)`` largest investments. The share is the sum of all firms' top-quarter investment
    over the sum of their investment (negative investment counted as zero).
    """
    parts = []
    for seed, p in enumerate(panels):
        if p.invested is None:
            raise NotMeasured("firm investment (firms.invested) is not recorded by this model")
        firm_id = np.cumsum(~p.continuing(), axis=0)  # a new id for every new occupant of a slot
        parts.append(pd.DataFrame({"seed": seed, "slot": np.tile(np.arange(p.age.shape[1]), p.age.shape[0]),
                                   "firm": firm_id.ravel(), "invested": np.clip(p.invested, 0, None).ravel()}))
    if not parts:
        raise NotMeasured("no runs")
    data = pd.concat(parts, ignore_index=True)
    groups = data.groupby(["seed", "slot", "firm"])["invested"]
    data["quarters"] = groups.transform("size")
    data["rank"] = groups.rank(method="first", ascending=False)
    data = data[data["quarters"] >= 5]
    total = float(data["invested"].sum())
    if total <= 0:
        raise NotMeasured("no firm invested")
    top = data["rank"] <= np.ceil(0.2 * data["quarters"])
    firms = int(data.groupby(["seed", "slot", "firm"]).ngroups)
    return float(data.loc[top, "invested"].sum()) / total, firms


def lumpy_investment(panels: list[FirmPanel]) -> Fact:
    """Fact 14: lumpy investment: over half of a firm's investment is done in its top 20% of quarters.

    In the spirit of Doms and Dunne (1998, "Capital adjustment patterns in manufacturing plants", Review of
    Economic Dynamics 1(2), 409-429), who find that a plant's largest investment episodes account for a
    large share of its investment over many years; a firm that invested the same every quarter would do 20%
    of it in its top 20% of quarters. See :func:`investment_concentration`.
    """
    def compute():
        _require_panels(panels, 5)
        share, firms = investment_concentration(panels)
        detail = (f"share of real capital investment (firms.invested) done in each firm's top 20% of quarters by "
                  f"amount, pooled over {firms} firms present for at least 5 quarters in {len(panels)} seed(s) "
                  f"(Doms and Dunne 1998; even investment gives 20%)")
        return f"{fmt(100 * share, '.1f')}%", share > 0.5, detail

    return make_fact("lumpy_investment", "14 lumpy investment", "> 50%", compute)
