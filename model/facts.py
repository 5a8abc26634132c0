"""Stylised facts of agent-based macro models, measured on simulated runs (``python run.py facts``).

The Keynes+Schumpeter models (Dosi, Fagiolo and Roventini 2010; Dosi et al. 2017) and the benchmark
stock-flow consistent model of Caiani et al. (2016) are judged by whether they reproduce a list of macro
and micro regularities. This module measures fourteen of them. Every function is pure: it takes

- ``frames``: one aggregate time series per seed, a :class:`pandas.DataFrame` with one row per quarter
  and the columns of ``model.records`` / ``timeseries.csv`` (``gdp``, ``unemployment_rate``, ...), and
- ``panels``: one :class:`FirmPanel` per seed (firm-level arrays, one row per quarter, one column per
  firm slot),

and returns a :class:`Fact`. A fact whose input column is missing is reported as not measured, never
raised. :func:`measure_facts` trims the burn-in and measures them all.

Business-cycle components are the cycles of the Hodrick-Prescott filter (``lambda`` 1600, quarterly) of
the logarithm of each series (statsmodels); slopes are ordinary least squares with one intercept per seed
(statsmodels); skewness and kurtosis are scipy's (the kurtosis is Fisher's: 0 for a normal distribution).
Time-series statistics are measured per seed and averaged; firm-level distributions are pooled over seeds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from model.report.text import aligned_table

#: Quarters dropped at the start of each seed when the run is long enough (see :func:`burn_in`).
BURN_IN = 8
#: A run keeps its burn-in quarters unless at least this many quarters remain after dropping them.
MIN_QUARTERS = 12
#: Smoothing parameter of the Hodrick-Prescott filter for quarterly data.
HP_LAMBDA = 1600


class NotMeasured(Exception):
    """A fact cannot be measured on these data (a column is missing, a series is too short)."""


@dataclass
class Fact:
    """One stylised fact, measured.

    Attributes:
        key: Short identifier, e.g. ``okun``.
        label: Number and name shown in the table, e.g. ``8 Okun's law``.
        measured: The measured value(s), formatted; ``not measured`` when it could not be.
        reference: The reference value or band the measured value must meet.
        passed: Whether it meets it; ``None`` when not measured.
        detail: How it was measured (or why it was not).
    """

    key: str
    label: str
    measured: str
    reference: str
    passed: bool | None
    detail: str


@dataclass
class FirmPanel:
    """Firm-level state of one seed: one row per recorded quarter (oldest first), one column per firm slot.

    A slot's row is taken by an entrant when its firm exits; ``age`` (quarters since entry) tells the
    occupants apart (see :meth:`continuing`).

    Attributes:
        output: Real output.
        headcount: Staff (all skills).
        capital: Real capital stock.
        age: Quarters since the occupant's entry.
        invested: Real capital investment in the quarter, or ``None`` if the model does not record it.
    """

    output: np.ndarray
    headcount: np.ndarray
    capital: np.ndarray
    age: np.ndarray
    invested: np.ndarray | None = None

    @property
    def productivity(self) -> np.ndarray:
        """Labour productivity: output per member of staff (``output / max(headcount, 1)``)."""
        return self.output / np.maximum(self.headcount, 1)

    def continuing(self) -> np.ndarray:
        """Boolean ``[T, F]``: the slot's occupant in quarter t also occupied it in t-1 (row 0: False).

        The same firm is one quarter older; an entrant is at most one quarter old after its first step, so
        ``age >= 2`` also rules out an entrant in a slot whose previous firm entered one quarter earlier.
        """
        same = (self.age[1:] == self.age[:-1] + 1) & (self.age[1:] >= 2)
        return np.vstack([np.zeros((1, self.age.shape[1]), bool), same])

    def tail(self, start: int) -> FirmPanel:
        """The panel from row ``start`` on."""
        cut = {name: (None if value is None else value[start:]) for name, value in vars(self).items()}
        return replace(self, **cut)


# -- helpers ---------------------------------------------------------------------------------------------
def require(frames: list[pd.DataFrame], *columns: str) -> None:
    """Raise :class:`NotMeasured` naming the first of ``columns`` absent from any frame."""
    if not frames:
        raise NotMeasured("no runs")
    for column in columns:
        if any(column not in frame.columns for frame in frames):
            raise NotMeasured(f"column {column} missing")


def hp_cycle(series, column: str = "series") -> np.ndarray:
    """Cycle of the Hodrick-Prescott filter (lambda :data:`HP_LAMBDA`) of ``log(series)``."""
    from statsmodels.tsa.filters.hp_filter import hpfilter

    values = np.asarray(series, dtype=float)
    if values.size < 8:
        raise NotMeasured(f"{values.size} quarters of {column}; at least 8 are needed")
    if not (np.isfinite(values).all() and (values > 0).all()):
        raise NotMeasured(f"column {column} is not positive in every quarter, so it has no logarithm")
    cycle, _trend = hpfilter(np.log(values), lamb=HP_LAMBDA)
    return np.asarray(cycle)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if a.size < 3 or np.std(a) == 0 or np.std(b) == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def _seed_mean(values: list[float]) -> tuple[float, str]:
    """Mean over seeds and a ``(seeds lo..hi)`` note."""
    arr = np.asarray(values, dtype=float)
    mean = float(np.nanmean(arr)) if np.isfinite(arr).any() else math.nan
    note = f"{len(arr)} seed{'s' if len(arr) != 1 else ''}"
    if len(arr) > 1:
        note += f", range {np.nanmin(arr):.3g} to {np.nanmax(arr):.3g}"
    return mean, note


def fe_ols(xs: list[np.ndarray], ys: list[np.ndarray]) -> tuple[float, float, int]:
    """Slope, its p-value and the number of observations of OLS of y on x with one intercept per seed."""
    import statsmodels.api as sm

    x = np.concatenate(xs)
    y = np.concatenate(ys)
    dummies = np.zeros((x.size, len(xs)))
    start = 0
    for i, part in enumerate(xs):
        dummies[start:start + part.size, i] = 1.0
        start += part.size
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < len(xs) + 3 or np.std(x[ok]) == 0:
        raise NotMeasured(f"{int(ok.sum())} observations with a varying regressor; too few for a slope")
    fit = sm.OLS(y[ok], np.column_stack([x[ok], dummies[ok]])).fit()
    return float(fit.params[0]), float(fit.pvalues[0]), int(ok.sum())


def _fact(key: str, label: str, reference: str, compute) -> Fact:
    try:
        measured, passed, detail = compute()
    except NotMeasured as exc:
        return Fact(key, label, "not measured", reference, None, f"not measured ({exc})")
    return Fact(key, label, measured, reference, bool(passed), detail)


def _fmt(value: float, spec: str = ".3g") -> str:
    return "nan" if not math.isfinite(value) else format(value, spec)


# -- macro facts (aggregate time series) --------------------------------------------------------------------
def output_fluctuations(frames: list[pd.DataFrame]) -> Fact:
    """Fact 1: persistent fluctuations of output: HP cycle of log real GDP with std > 0.5% and AR(1) > 0.5."""
    import statsmodels.api as sm

    def compute():
        require(frames, "gdp")
        stds, ars = [], []
        for frame in frames:
            cycle = hp_cycle(frame["gdp"], "gdp")
            stds.append(float(np.std(cycle, ddof=1)))
            ars.append(float(sm.OLS(cycle[1:], sm.add_constant(cycle[:-1])).fit().params[1]))
        std, std_note = _seed_mean(stds)
        ar, ar_note = _seed_mean(ars)
        detail = (f"std of the HP cycle (lambda {HP_LAMBDA}) of log gdp, mean over seeds ({std_note}); AR(1): "
                  f"OLS slope of the cycle on its own lag, mean over seeds ({ar_note})")
        return f"std {_fmt(100 * std, '.2f')}%, AR(1) {_fmt(ar, '.2f')}", std > 0.005 and ar > 0.5, detail

    return _fact("output_fluctuations", "1 persistent output fluctuations", "std > 0.5%, AR(1) > 0.5", compute)


def _relative_volatility(frames, column: str) -> tuple[float, str]:
    require(frames, "gdp", column)
    ratios = [float(np.std(hp_cycle(f[column], column)) / np.std(hp_cycle(f["gdp"], "gdp"))) for f in frames]
    mean, note = _seed_mean(ratios)
    return mean, (f"std of the HP cycle (lambda {HP_LAMBDA}) of log {column} over that of log gdp, mean over "
                  f"seeds ({note})")


def investment_volatility(frames: list[pd.DataFrame]) -> Fact:
    """Fact 2: investment two to four times as volatile as output (relative std of HP cycles)."""
    def compute():
        ratio, detail = _relative_volatility(frames, "investment_real")
        return _fmt(ratio, ".2f"), 2.0 <= ratio <= 4.0, detail

    return _fact("investment_volatility", "2 investment 2-4x as volatile as output", "2 to 4", compute)


def consumption_volatility(frames: list[pd.DataFrame]) -> Fact:
    """Fact 3: consumption less volatile than output (relative std of HP cycles below 1)."""
    def compute():
        ratio, detail = _relative_volatility(frames, "consumption_real")
        return _fmt(ratio, ".2f"), ratio < 1.0, detail

    return _fact("consumption_volatility", "3 consumption less volatile than output", "< 1", compute)


def procyclical(frames: list[pd.DataFrame], column: str, key: str, label: str) -> Fact:
    """Facts 4-7: ``column`` is procyclical: correlation of its HP cycle with output's above 0.3."""
    def compute():
        require(frames, "gdp", column)
        corrs = [_corr(hp_cycle(f[column], column), hp_cycle(f["gdp"], "gdp")) for f in frames]
        corr, note = _seed_mean(corrs)
        detail = (f"correlation of the HP cycles (lambda {HP_LAMBDA}) of log {column} and log gdp, mean over "
                  f"seeds ({note})")
        return _fmt(corr, ".2f"), corr > 0.3, detail

    return _fact(key, label, "> 0.3", compute)


def okun_points(frames: list[pd.DataFrame]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per seed: real GDP growth (log change) and the change in the unemployment rate (points, next to it)."""
    require(frames, "gdp", "unemployment_rate")
    growth = [np.diff(np.log(f["gdp"].to_numpy(float))) for f in frames]
    change = [100 * np.diff(f["unemployment_rate"].to_numpy(float)) for f in frames]
    return growth, change


def okun(frames: list[pd.DataFrame]) -> Fact:
    """Fact 8: Okun's law: the change in unemployment falls with output growth (negative slope, p < 0.05)."""
    def compute():
        growth, change = okun_points(frames)
        slope, p, n = fe_ols([100 * g for g in growth], change)
        detail = (f"OLS of the quarterly change in the unemployment rate (points) on real GDP growth (log change, "
                  f"%), one intercept per seed, {n} quarters pooled; slope {slope:.3g}, p-value {p:.3g}")
        return f"slope {_fmt(slope, '.2f')} (p {_fmt(p, '.2g')})", slope < 0 and p < 0.05, detail

    return _fact("okun", "8 Okun's law", "slope < 0, p < 0.05", compute)


def phillips_points(frames: list[pd.DataFrame]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per seed: the unemployment rate (%) and annualised inflation (%, 400 x log change of the price level)."""
    require(frames, "price_level", "unemployment_rate")
    for f in frames:
        if not (f["price_level"].to_numpy(float) > 0).all():
            raise NotMeasured("column price_level is not positive in every quarter")
    unemployment = [100 * f["unemployment_rate"].to_numpy(float)[1:] for f in frames]
    inflation = [400 * np.diff(np.log(f["price_level"].to_numpy(float))) for f in frames]
    return unemployment, inflation


def phillips(frames: list[pd.DataFrame]) -> Fact:
    """Fact 9: a Phillips curve: inflation falls with unemployment (negative slope)."""
    def compute():
        unemployment, inflation = phillips_points(frames)
        slope, p, n = fe_ols(unemployment, inflation)
        detail = (f"OLS of annualised inflation (400 x log change of price_level) on the unemployment rate (%), "
                  f"one intercept per seed, {n} quarters pooled; slope {slope:.3g}, p-value {p:.3g}")
        return f"slope {_fmt(slope, '.2f')} (p {_fmt(p, '.2g')})", slope < 0, detail

    return _fact("phillips", "9 Phillips curve", "slope < 0", compute)


def beveridge_points(frames: list[pd.DataFrame]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per seed: the unemployment rate and the vacancy rate ``vacancies / (employees + vacancies)``."""
    require(frames, "unemployment_rate", "vacancies", "employees")
    unemployment = [f["unemployment_rate"].to_numpy(float) for f in frames]
    vacancy = [(f["vacancies"] / (f["employees"] + f["vacancies"]).clip(lower=1e-12)).to_numpy(float)
               for f in frames]
    return unemployment, vacancy


def beveridge(frames: list[pd.DataFrame]) -> Fact:
    """Fact 10: a Beveridge curve: the vacancy rate and the unemployment rate move in opposite directions."""
    def compute():
        unemployment, vacancy = beveridge_points(frames)
        corr, note = _seed_mean([_corr(u, v) for u, v in zip(unemployment, vacancy)])
        detail = ("correlation of the vacancy rate (vacancies / (employees + vacancies)) with the unemployment "
                  f"rate, quarterly levels, mean over seeds ({note})")
        return _fmt(corr, ".2f"), corr < 0, detail

    return _fact("beveridge", "10 Beveridge curve", "correlation < 0", compute)


# -- micro facts (firm panels) ------------------------------------------------------------------------------
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
        return _fmt(value, ".2f"), value > 0, detail

    return _fact("size_skewness", "11 right-skewed firm sizes", "skewness > 0", compute)


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
        return _fmt(value, ".2f"), value > 0, detail

    return _fact("growth_kurtosis", "12 fat-tailed firm growth", "excess kurtosis > 0", compute)


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
                corrs.append(_corr(first, last))
        if not corrs:
            raise NotMeasured("fewer than 3 firms survive from the first to the last year in every seed")
        corr, note = _seed_mean(corrs)
        detail = (f"P90/P10 of labour productivity (output / max(headcount, 1)) of firms with staff and output, "
                  f"lowest over {ratios.size} seed-quarters; correlation across firms of mean log productivity in "
                  f"the first and the last four quarters, {firms} firms present throughout, mean over seeds ({note})")
        passed = math.isfinite(low) and low > 2 and corr > 0
        return f"P90/P10 min {_fmt(low, '.2f')}, corr {_fmt(corr, '.2f')}", passed, detail

    return _fact("productivity_dispersion", "13 persistent productivity dispersion", "P90/P10 > 2, corr > 0",
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
        return f"{_fmt(100 * share, '.1f')}%", share > 0.5, detail

    return _fact("lumpy_investment", "14 lumpy investment", "> 50%", compute)


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
        procyclical(frames, "loans", "procyclical_credit", "7 procyclical credit"),
        okun(frames), phillips(frames), beveridge(frames),
    ]
    micro = [size_skewness(panels), growth_kurtosis(panels), productivity_dispersion(panels),
             lumpy_investment(panels)]
    return ([replace(f, detail=f.detail + _window(ts_drop, ts_length)) for f in macro]
            + [replace(f, detail=f.detail + _window(firm_drop, firm_length)) for f in micro])


def _window(drop: int, length: int) -> str:
    return f"; rows {drop} to {length - 1} of each run" + (f" (first {drop} quarters dropped as burn-in)" if drop
                                                           else " (run too short for a burn-in)")


def facts_frame(facts: list[Fact]) -> pd.DataFrame:
    """The table written to ``facts.csv``: columns fact, measured, reference, passed, detail."""
    return pd.DataFrame({"fact": [f.label for f in facts], "measured": [f.measured for f in facts],
                         "reference": [f.reference for f in facts],
                         "passed": ["" if f.passed is None else f.passed for f in facts],
                         "detail": [f.detail for f in facts]})


def format_facts(facts: list[Fact]) -> str:
    """A plain-text table: fact, measured, reference, pass / FAIL / not measured."""
    rows = [("fact", "measured", "reference", "result")]
    rows += [(f.label, f.measured, f.reference, "not measured" if f.passed is None else "pass" if f.passed
              else "FAIL") for f in facts]
    return aligned_table(rows[0], rows[1:])
