"""Stylised facts of agent-based macro models, measured on simulated runs (``python run.py facts``).

The Keynes+Schumpeter models (Dosi, Fagiolo and Roventini 2010; Dosi et al. 2017) and the benchmark
stock-flow consistent model of Caiani et al. (2016) are judged by whether they reproduce a list of macro
and micro regularities. This module measures fourteen of them. Every function is pure: it takes

- ``frames``: one aggregate time series per seed, a :class:`pandas.DataFrame` with one row per quarter
  and the columns of ``model.records`` / ``timeseries.csv`` (``gdp``, ``unemployment_rate``, ...), and
- ``panels``: one :class:`FirmPanel` per seed (firm-level arrays, one row per quarter, one column per
  firm slot),

and returns a :class:`Fact`. A fact whose input column is missing is reported as not measured, never
raised. :func:`measure_facts` trims the burn-in and measures them all; :func:`facts_frame` and
:func:`format_facts` are their table. Facts 1-10 are in :mod:`model.facts_macro`, facts 11-14 in
:mod:`model.facts_micro`, :class:`FirmPanel`, :class:`Fact` and the statistics they share in
:mod:`model.facts_base`; every public name of the three is importable from here too.

Business-cycle components are the cycles of the Hodrick-Prescott filter (``lambda`` 1600, quarterly) of
the logarithm of each series (statsmodels); slopes are ordinary least squares with one intercept per seed
(statsmodels); skewness and kurtosis are scipy's (the kurtosis is Fisher's: 0 for a normal distribution).
Time-series statistics are measured per seed and averaged; firm-level distributions are pooled over seeds.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from model.facts_base import HP_LAMBDA, Fact, FirmPanel, NotMeasured, fe_ols, hp_cycle, require
from model.facts_macro import (beveridge, beveridge_points, consumption_volatility, investment_volatility, okun,
                               okun_points, output_fluctuations, phillips, phillips_points, procyclical,
                               real_loans)
from model.facts_micro import (firm_growth_rates, firm_sizes, growth_kurtosis, investment_concentration,
                               lumpy_investment, productivity_dispersion, productivity_ratios, size_skewness)
from model.report.text import aligned_table

__all__ = [
    "BURN_IN", "Fact", "FirmPanel", "GROUP_SEEDS", "HP_LAMBDA", "MIN_QUARTERS", "NotMeasured", "beveridge",
    "beveridge_points", "burn_in", "consumption_volatility", "facts_frame", "fe_ols", "firm_growth_rates",
    "firm_sizes", "format_facts", "group_passes", "growth_kurtosis", "hp_cycle", "investment_concentration",
    "investment_volatility", "lumpy_investment", "measure_facts", "okun", "okun_points", "output_fluctuations",
    "phillips", "phillips_points", "procyclical", "productivity_dispersion", "productivity_ratios", "require",
    "size_skewness",
]

#: Quarters dropped at the start of each seed when the run is long enough (see :func:`burn_in`).
BURN_IN = 8
#: A run keeps its burn-in quarters unless at least this many quarters remain after dropping them.
MIN_QUARTERS = 12
#: Seeds per group in :func:`group_passes`: each fact is measured again on disjoint groups of this many seeds.
GROUP_SEEDS = 10


# -- all of them ------------------------------------------------------------------------------------------
def burn_in(length: int, quarters: int = BURN_IN) -> int:
    """Rows to drop at the start of a run of ``length`` rows: ``quarters`` if :data:`MIN_QUARTERS` remain, else 0."""
    return quarters if length - quarters >= MIN_QUARTERS else 0


def measure_facts(frames: list[pd.DataFrame], panels: list[FirmPanel], burn: int = BURN_IN) -> list[Fact]:
    """All fourteen facts, after dropping the burn-in (see :func:`burn_in`) from every seed.

    Args:
        frames: One aggregate time series per seed (rows are quarters, step 0 first).
        panels: One firm panel per seed, its rows the same quarters as the frame's.
        burn: Quarters to drop at the start when the run is long enough.

    Returns:
        The facts in order 1 to 14; each ``detail`` ends with the quarters measured.
    """
    ts_length = min((len(f) for f in frames), default=0)
    firm_length = min((p.output.shape[0] for p in panels), default=0)
    ts_drop, firm_drop = burn_in(ts_length, burn), burn_in(firm_length, burn)
    frames = [f.iloc[ts_drop:].reset_index(drop=True) for f in frames]
    panels = [p.tail(firm_drop) for p in panels]
    macro = [
        output_fluctuations(frames), investment_volatility(frames), consumption_volatility(frames),
        procyclical(frames, "employment_rate", "procyclical_employment", "4 procyclical employment"),
        procyclical(frames, "consumption_real", "procyclical_consumption", "5 procyclical consumption"),
        procyclical(frames, "investment_real", "procyclical_investment", "6 procyclical investment"),
        procyclical(frames, "loans_real", "procyclical_credit", "7 procyclical credit", real_loans,
                    "real loans (loans over the GDP deflator)", ("loans", "gdp_deflator")),
        okun(frames), phillips(frames), beveridge(frames),
    ]
    micro = [size_skewness(panels), growth_kurtosis(panels), productivity_dispersion(panels),
             lumpy_investment(panels)]
    return ([replace(f, detail=f.detail + _window(ts_drop, ts_length)) for f in macro]
            + [replace(f, detail=f.detail + _window(firm_drop, firm_length)) for f in micro])


def group_passes(frames: list[pd.DataFrame], panels: list[FirmPanel], burn: int = BURN_IN,
                 size: int = GROUP_SEEDS) -> list[tuple[int, int]] | None:
    """How robust each fact is to the seeds: in how many disjoint groups of ``size`` seeds it passes.

    The seeds are cut, in order, into ``len(frames) // size`` groups (the last takes the remainder) and
    every fact is measured again on each group alone. A fact that passes on the pooled seeds but in few
    groups rests on a few seeds; the counts are the same question as "does it hold on another set of seeds?".
    Facts with a p-value (Okun's law) have less power in a group than pooled.

    Returns:
        Per fact, in the order of :func:`measure_facts`: (groups where it passes, groups where it was
        measured); ``None`` when there are fewer than two groups.
    """
    groups = len(frames) // size
    if groups < 2:
        return None
    bounds = [g * size for g in range(groups)] + [len(frames)]
    counts = None
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        facts = measure_facts(frames[lo:hi], panels[lo:hi], burn)
        counts = counts or [[0, 0] for _ in facts]
        for count, fact in zip(counts, facts):
            count[0] += fact.passed is True
            count[1] += fact.passed is not None
    return [(passed, measured) for passed, measured in counts]


def _groups_text(groups: list[tuple[int, int]] | None, n: int) -> list[str]:
    """"k of n" per fact, or ``n`` empty strings without groups."""
    return [f"{passed} of {measured}" for passed, measured in groups] if groups else [""] * n


def _window(drop: int, length: int) -> str:
    return f"; rows {drop} to {length - 1} of each run" + (f" (first {drop} quarters dropped as burn-in)" if drop
                                                           else " (run too short for a burn-in)")


def facts_frame(facts: list[Fact], groups: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """The table written to ``facts.csv``: columns fact, measured, reference, passed, seed_groups, detail.

    ``seed_groups`` is "k of n", the fact passing in k of the n groups of :func:`group_passes` where it
    was measured (empty with fewer than two groups).
    """
    return pd.DataFrame({"fact": [f.label for f in facts], "measured": [f.measured for f in facts],
                         "reference": [f.reference for f in facts],
                         "passed": ["" if f.passed is None else f.passed for f in facts],
                         "seed_groups": _groups_text(groups, len(facts)),
                         "detail": [f.detail for f in facts]})


def format_facts(facts: list[Fact], groups: list[tuple[int, int]] | None = None) -> str:
    """A plain-text table: fact, measured, reference, pass / FAIL / not measured (and the seed groups)."""
    head = ("fact", "measured", "reference", "result")
    rows = [(f.label, f.measured, f.reference, "not measured" if f.passed is None else "pass" if f.passed
             else "FAIL") for f in facts]
    if groups:
        head += (f"groups of {GROUP_SEEDS} seeds passing",)
        rows = [row + (text,) for row, text in zip(rows, _groups_text(groups, len(facts)))]
    return aligned_table(head, rows)
