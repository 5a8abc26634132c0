"""Helpers of the classroom notebooks (model/classroom.py): tables formatted for people, effects across seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.classroom import effect_table, table
from model.report.stats import comparison_table


def test_table_formats_percent_thousands_and_missing_values():
    frame = pd.DataFrame({"share": [0.07435, 0.5], "count": [1234567.4, 3.0], "ratio": [1.23456, np.nan],
                          "name": ["a", "b"]})
    html = table(frame, percent=["share"], integer=["count"], decimals={"ratio": 3}).to_html()
    for text in ("7.4%", "50.0%", "1,234,567", "1.235", "n/a", ">a<"):
        assert text in html
    assert "7.435e-02" not in html and "0.07435" not in html
    assert "+7.4%" in table(frame, percent=["share"], signed=True).to_html()
    assert "12.3%" in table(pd.Series([0.123], name="s"), percent=["s"]).to_html()
    with pytest.raises(KeyError, match="nope"):
        table(frame, percent=["nope"])


def comparison(effect: float, noise: float, seeds: int = 6) -> pd.DataFrame:
    """comparison_table of a policy that moves metric m by ``effect``, luck shared by both scenarios of a seed."""
    rng = np.random.default_rng(0)
    luck = rng.normal(0, 1, seeds)
    base = [pd.DataFrame({"step": range(8), "m": luck[s]}) for s in range(seeds)]
    policy = [pd.DataFrame({"step": range(8), "m": luck[s] + effect + rng.normal(0, noise)}) for s in range(seeds)]
    return comparison_table({"base": base, "policy": policy})


def test_effect_table_reads_the_paired_difference_and_marks_intervals_that_exclude_zero():
    text = effect_table(comparison(0.05, 0.001), ["m"], percent=["m"]).loc["policy", "m"]
    assert text.startswith("+5.0 pp [") and text.endswith(" *")
    text = effect_table(comparison(0.05, 0.001), ["m"], decimals=2).loc["policy", "m"]
    assert text.startswith("+0.05 [") and text.endswith(" *")
    noisy = effect_table(comparison(0.0, 1.0), ["m"]).loc["policy", "m"]
    assert "[" in noisy and not noisy.endswith("*")
    assert effect_table(comparison(0.05, 0.001, seeds=1), ["m"]).loc["policy", "m"] == "+0.050"
    assert list(effect_table(comparison(0.05, 0.001), ["m"]).index) == ["policy"]  # the reference is left out
