"""Stylised facts 1-10, on the aggregate time series of each seed: business cycles, Okun, Phillips, Beveridge.

Each fact takes ``frames`` (one :class:`pandas.DataFrame` per seed, one row per quarter, the columns of
``model.records`` / ``timeseries.csv``) and returns a :class:`~model.facts_base.Fact`; the ``*_points``
functions return the per-seed data of a scatter (also drawn by :mod:`model.facts_runs`). Statistics are
measured per seed and averaged over seeds; slopes pool the seeds with one intercept each.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from model.facts_base import (HP_LAMBDA, Fact, NotMeasured, correlation, fe_ols, fmt, hp_cycle, make_fact, require,
                              seed_mean)


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
        std, std_note = seed_mean(stds)
        ar, ar_note = seed_mean(ars)
        detail = (f"std of the HP cycle (lambda {HP_LAMBDA}) of log gdp, mean over seeds ({std_note}); AR(1): "
                  f"OLS slope of the cycle on its own lag, mean over seeds ({ar_note})")
        return f"std {fmt(100 * std, '.2f')}%, AR(1) {fmt(ar, '.2f')}", std > 0.005 and ar > 0.5, detail

    return make_fact("output_fluctuations", "1 persistent output fluctuations", "std > 0.5%, AR(1) > 0.5", compute)


def _relative_volatility(frames, column: str) -> tuple[float, str]:
    require(frames, "gdp", column)
    ratios = [float(np.std(hp_cycle(f[column], column)) / np.std(hp_cycle(f["gdp"], "gdp"))) for f in frames]
    mean, note = seed_mean(ratios)
    return mean, (f"std of the HP cycle (lambda {HP_LAMBDA}) of log {column} over that of log gdp, mean over "
                  f"seeds ({note})")


def investment_volatility(frames: list[pd.DataFrame]) -> Fact:
    """Fact 2: investment two to four times as volatile as output (relative std of HP cycles)."""
    def compute():
        ratio, detail = _relative_volatility(frames, "investment_real")
        return fmt(ratio, ".2f"), 2.0 <= ratio <= 4.0, detail

    return make_fact("investment_volatility", "2 investment 2-4x as volatile as output", "2 to 4", compute)


def consumption_volatility(frames: list[pd.DataFrame]) -> Fact:
    """Fact 3: consumption less volatile than output (relative std of HP cycles below 1)."""
    def compute():
        ratio, detail = _relative_volatility(frames, "consumption_real")
        return fmt(ratio, ".2f"), ratio < 1.0, detail

    return make_fact("consumption_volatility", "3 consumption less volatile than output", "< 1", compute)


def procyclical(frames: list[pd.DataFrame], column: str, key: str, label: str,
                derive: Callable[[list[pd.DataFrame]], list[pd.DataFrame]] | None = None, what: str = "",
                companions: tuple[str, ...] = ()) -> Fact:
    """Facts 4-7: ``column`` is procyclical: correlation of its HP cycle with output's above 0.3.

    ``derive``, if given, adds ``column`` to the frames first (and may raise :class:`NotMeasured`); ``what``
    names the series in the detail (default: ``column``); the detail also gives the same correlation for each
    of ``companions`` (columns of the derived frames), for comparison.
    """
    def compute():
        data = frames if derive is None else derive(frames)
        require(data, "gdp", column, *companions)
        output = [hp_cycle(f["gdp"], "gdp") for f in data]

        def cycle_correlation(name):
            return seed_mean([correlation(hp_cycle(f[name], name), gdp) for f, gdp in zip(data, output)])

        corr, note = cycle_correlation(column)
        detail = (f"correlation of the HP cycles (lambda {HP_LAMBDA}) of log {what or column} and log gdp, mean over "
                  f"seeds ({note})")
        if companions:
            detail += "; for comparison, " + ", ".join(f"log {name} {cycle_correlation(name)[0]:.2f}"
                                                       for name in companions)
        return fmt(corr, ".2f"), corr > 0.3, detail

    return make_fact(key, label, "> 0.3", compute)


def real_loans(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Each frame with ``loans_real``, loans deflated by the GDP deflator, and ``gdp_deflator`` (``nominal_gdp / gdp``).

    Loans are a nominal stock; the other cyclical series are real, and the price level is countercyclical, so
    nominal loans would mix the price level's cycle into credit's.
    """
    require(frames, "loans", "gdp", "nominal_gdp")
    return [f.assign(loans_real=f["loans"] * f["gdp"] / f["nominal_gdp"], gdp_deflator=f["nominal_gdp"] / f["gdp"])
            for f in frames]


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
        return f"slope {fmt(slope, '.2f')} (p {fmt(p, '.2g')})", slope < 0 and p < 0.05, detail

    return make_fact("okun", "8 Okun's law", "slope < 0, p < 0.05", compute)


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
        return f"slope {fmt(slope, '.2f')} (p {fmt(p, '.2g')})", slope < 0, detail

    return make_fact("phillips", "9 Phillips curve", "slope < 0", compute)


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
        corr, note = seed_mean([correlation(u, v) for u, v in zip(unemployment, vacancy)])
        detail = ("correlation of the vacancy rate (vacancies / (employees + vacancies)) with the unemployment "
                  f"rate, quarterly levels, mean over seeds ({note})")
        return fmt(corr, ".2f"), corr < 0, detail

    return make_fact("beveridge", "10 Beveridge curve", "correlation < 0", compute)
