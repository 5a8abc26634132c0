"""Quality: data and AI adopters sell better products, and buyers move to them (model/quality.py)."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.quality import quality_index
from model.state import AI, DATA, INTEGRATED


def _adopters_sales_share(quality_data: float, seed: int, steps: int = 8) -> float:
    """Sales share, after ``steps`` quarters, of the firms that had data integrated at the start."""
    model = EconomyModel(small_scenario(demand={"quality_data": quality_data, "quality_ai": 0.0},
                                        initial={"burn_in": 0}), seed=seed)  # the gain from the start, not a burn-in's
    adopters = model.firms.stage[:, DATA] == INTEGRATED
    for _ in range(steps):
        model.step()
    sales = model.firms.sales * model.sector_price0[model.firms.sector]
    return float(sales[adopters].sum() / sales.sum())


def test_quality_index_multiplies_the_integrated_technologies():
    model = EconomyModel(small_scenario(demand={"quality_data": 0.1, "quality_ai": 0.2}), seed=1)
    stage = model.firms.stage
    expected = (1 + 0.1 * (stage[:, DATA] == INTEGRATED)) * (1 + 0.2 * (stage[:, AI] == INTEGRATED))
    np.testing.assert_allclose(quality_index(model), expected)


def test_a_quality_rich_adopter_gains_market_share():
    """Data adopters' sales share with a 30% quality gain against none (common seeds 1-4, 8 quarters from the
    constructed start).

    Measured (2026-12-04, sixth stop): +1.18, +1.38, +1.51 and +1.16 points (seeds 5-8: +0.63, +0.89, +1.25,
    +1.24); required: more in every seed and +1 point on the mean. From the start, not after the burn-in: the
    32-quarter burn-in's adoption and exits add a seed-to-seed noise of about 3 points (seeds 1-8 after it:
    +3.4, +4.4, +3.1, -3.8, +1.6, +2.0, -0.9, +5.1).
    """
    gains = [_adopters_sales_share(0.3, seed) - _adopters_sales_share(0.0, seed) for seed in (1, 2, 3, 4)]
    assert np.mean(gains) > 0.01 and min(gains) > 0, gains
