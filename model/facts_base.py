"""What the stylised facts are measured on and with: firm panels, the result of a fact, shared statistics.

Every fact of :mod:`model.facts` (facts 1-10 in :mod:`model.facts_macro`, 11-14 in
:mod:`model.facts_micro`) reads aggregate time series (one :class:`pandas.DataFrame` per seed) or
:class:`FirmPanel` (one per seed), returns a :class:`Fact` built by :func:`make_fact`, and raises
:class:`NotMeasured` (never anything else) when its data do not allow it. The statistics they share: the
Hodrick-Prescott cycle (:func:`hp_cycle`), OLS with one intercept per seed (:func:`fe_ols`), a correlation
that is nan where it is undefined and a mean over seeds with its range.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

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


def hp_cycle(series: pd.Series | np.ndarray, column: str = "series") -> np.ndarray:
    """Cycle of the Hodrick-Prescott filter (lambda :data:`HP_LAMBDA`) of ``log(series)``."""
    from statsmodels.tsa.filters.hp_filter import hpfilter

    values = np.asarray(series, dtype=float)
    if values.size < 8:
        raise NotMeasured(f"{values.size} quarters of {column}; at least 8 are needed")
    if not (np.isfinite(values).all() and (values > 0).all()):
        raise NotMeasured(f"column {column} is not positive in every quarter, so it has no logarithm")
    cycle, _trend = hpfilter(np.log(values), lamb=HP_LAMBDA)
    return np.asarray(cycle)


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of ``a`` and ``b``; nan with fewer than 3 values or where either is constant."""
    if a.size < 3 or np.std(a) == 0 or np.std(b) == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def seed_mean(values: list[float]) -> tuple[float, str]:
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


def make_fact(key: str, label: str, reference: str, compute: Callable[[], tuple[str, bool, str]]) -> Fact:
    """The :class:`Fact` ``compute()`` measures, or a not-measured one saying why when it raises :class:`NotMeasured`.

    Args:
        key: The fact's short identifier.
        label: Its number and name in the table.
        reference: The value or band it must meet.
        compute: Returns (measured value formatted, whether it meets the reference, how it was measured).
    """
    try:
        measured, passed, detail = compute()
    except NotMeasured as exc:
        return Fact(key, label, "not measured", reference, None, f"not measured ({exc})")
    return Fact(key, label, measured, reference, bool(passed), detail)


def fmt(value: float, spec: str = ".3g") -> str:
    """``value`` formatted with ``spec``, or ``nan``."""
    return "nan" if not math.isfinite(value) else format(value, spec)
