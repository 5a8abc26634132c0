"""Products that give the same bits on every machine, thread count and executor.

NumPy hands ``np.dot`` and ``@`` to BLAS (OpenBLAS here). BLAS splits a long
product over its threads (as many as the machine has cores, unless
``OPENBLAS_NUM_THREADS`` says otherwise) and picks its kernels by processor, so
the last bits of a sum, and then every later number of a run, depended on the
machine and on how the process was started (a Dask worker runs BLAS on one
thread). Every product in the model goes through these two functions instead:
an elementwise multiply, which is exact, then NumPy's own pairwise sum, which
adds in a fixed order on one thread.
"""

from __future__ import annotations

import numpy as np


def dot(a, b) -> float:
    """Inner product of two vectors, as a float."""
    return float(np.multiply(a, b).sum())


def matmul(x, m) -> np.ndarray:
    """``x @ m`` for rows ``x`` [..., k] and a small matrix ``m`` [k, j] (or a vector [k]).

    The k products are added one after another (as fast as BLAS for the model's k = 3).
    """
    x, m = np.asarray(x, float), np.asarray(m, float)
    if m.ndim == 1:
        return row_sum(np.multiply(x, m)) if x.ndim == 2 else np.multiply(x, m).sum(axis=-1)
    out = x[..., 0, None] * m[0]
    for k in range(1, m.shape[0]):
        out += x[..., k, None] * m[k]
    return out


#: NumPy adds a row of fewer than this many numbers left to right (longer rows pairwise, in blocks).
SEQUENTIAL_ROW = 8


def _narrow(a: np.ndarray) -> bool:
    """A 2-D float64 or int64 array of 1 to 7 columns: the rows :func:`row_sum` and :func:`row_max` take apart."""
    return a.ndim == 2 and 0 < a.shape[1] < SEQUENTIAL_ROW and a.dtype in (np.float64, np.int64)


def row_sum(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=1)``, the same bits, column by column.

    NumPy adds the numbers of a row shorter than 8 one after another from the left, starting from 0
    (``tests/test_model.py`` checks it), the order used here; but it reduces such short rows one at a time, many times slower than
    adding whole columns. Other arrays go to ``sum``.
    """
    a = np.asarray(a)
    if not _narrow(a):
        return a.sum(axis=1)
    out = a[:, 0] + a.dtype.type(0)  # NumPy starts from 0 (a row of -0.0 sums to 0.0)
    for k in range(1, a.shape[1]):
        out += a[:, k]
    return out


def row_max(a: np.ndarray) -> np.ndarray:
    """``a.max(axis=1)``, the same bits, column by column (see :func:`row_sum`)."""
    a = np.asarray(a)
    if not _narrow(a):
        return a.max(axis=1)
    out = a[:, 0].copy()
    for k in range(1, a.shape[1]):
        np.maximum(out, a[:, k], out=out)
    return out


def row_any(a: np.ndarray) -> np.ndarray:
    """``a.any(axis=1)`` of a 2-D boolean array, column by column (see :func:`row_sum`)."""
    a = np.asarray(a)
    if a.ndim != 2 or a.shape[1] == 0 or a.dtype != bool:
        return a.any(axis=1)
    out = a[:, 0].copy()
    for k in range(1, a.shape[1]):
        out |= a[:, k]
    return out


def row_count(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=1)`` of a 2-D boolean array (the count of True in each row), column by column: the same
    integers in a fraction of the time of NumPy's reduction along short rows (see :func:`row_sum`)."""
    a = np.asarray(a)
    out = a[:, 0].astype(np.intp)
    for k in range(1, a.shape[1]):
        out += a[:, k]
    return out


def logsumexp_rows(a: np.ndarray) -> np.ndarray:
    """``log(sum(exp(a), axis=1))`` without overflow; ``-inf`` for a row of ``-inf`` (no SciPy call per step)."""
    top = row_max(a)
    shift = np.where(np.isfinite(top), top, 0.0)
    total = row_sum(np.exp(a - shift[:, None]))
    with np.errstate(divide="ignore", invalid="ignore"):  # a total of 0 (or NaN) is -inf: the where below
        return np.where(total > 0, np.log(total) + shift, -np.inf)


def stable_argsort(values: np.ndarray) -> np.ndarray:
    """``np.argsort(values, kind="stable")`` (tied values keep their row order), by a faster way to it.

    Only one order sorts the values and keeps every tie in row order, so any way to it gives the same
    permutation: integers that fit in 16 bits go through NumPy's radix sort; floats through its quicksort,
    whose order is kept when no two values tie and none is NaN (else the stable sort runs after all).
    """
    values = np.asarray(values)
    if values.size == 0:
        return np.argsort(values, kind="stable")
    if values.dtype.kind in "iu":
        small = np.iinfo(np.int16)
        if values.min() >= small.min and values.max() <= small.max:
            return np.argsort(values.astype(np.int16), kind="stable")
        return np.argsort(values, kind="stable")
    order = np.argsort(values)
    ranked = values[order]
    if values.dtype.kind != "f" or np.isnan(ranked[-1]) or np.any(ranked[1:] == ranked[:-1]):
        return np.argsort(values, kind="stable")
    return order


def percentiles(values: np.ndarray, q) -> np.ndarray:
    """``np.percentile(values, q)`` of a 1-D float array (its default 'linear' method), the same bits.

    NumPy's own steps (virtual index ``(n - 1) q``, the same partition, its two-sided interpolation), without
    its general machinery, which costs more than the work on a few thousand values. Arrays with NaN, or fewer
    than two values, go to ``np.percentile``.
    """
    values = np.asarray(values)
    n = values.size
    if values.ndim != 1 or n < 2 or values.dtype != np.float64 or np.isnan(values).any():
        return np.percentile(values, q)
    virtual = (n - 1) * np.true_divide(q, 100)
    below = np.floor(virtual)
    above = below + 1
    last = virtual >= n - 1
    below[last] = above[last] = -1
    first = virtual < 0
    below[first] = above[first] = 0
    below, above = below.astype(np.intp), above.astype(np.intp)
    ranked = np.partition(values, np.unique(np.concatenate(([0, -1], below.ravel(), above.ravel()))))
    low, high = ranked[below], ranked[above]
    gamma = virtual - below
    diff = high - low
    out = low + diff * gamma
    np.subtract(high, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def lookup(table: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``table[rows, cols]`` for a small 2-D table, by one flat index: the same values, in half the time of
    NumPy's two-index gather at 20,000 rows."""
    table = np.ascontiguousarray(table)
    index = np.int16 if table.size <= np.iinfo(np.int16).max else np.intp  # narrow indexes are built faster
    return table.ravel().take(rows.astype(index) * table.shape[1] + cols)


def safe_ratio(a: float, b: float) -> float:
    """``a / b`` as a float, 0 where ``b`` is 0, tiny or not finite (a metric of an empty group)."""
    return float(a / b) if b and np.isfinite(b) and abs(b) > 1e-12 else 0.0
