"""Read a finished sweep for discovery: its varied parameters and its outcomes at one period.

A sweep folder (docs/sweeps.md) holds ``sweep.json`` (the manifest: which parameters were varied),
``runs.parquet`` (one row per run: parameters and final metrics) and ``timeseries.parquet`` (every metric at
every step). The outcomes are read at ``--at`` from the time series, or, by default, at the last period from
the final values in ``runs.parquet``. Every problem is one :class:`~model.errors.UserError` naming the file
and the key, raised before anything is written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from model.discovery.target import Target
from model.errors import UserError
from model.sweep.store import MANIFEST, ManifestError, read_manifest

ID_COLUMNS = ("run_id", "point", "replication", "seed", "status", "error")


@dataclass
class SweepOutcomes:
    """What discovery works on: one row per ok run that has every target metric.

    Attributes:
        folder: the sweep folder.
        name: the sweep's name.
        seed: the sweep's seed (seeds the tree models).
        x: the varied parameters (numbers as float or int, anything else as text categories).
        outcomes: the target's metrics, same rows as ``x``.
        run_ids: the run id of each row.
        period: the period the outcomes are read at (``last`` when each run's final value is used).
        runs: runs in the sweep; ``dropped`` the runs left out and why (``{reason: count}``).
    """

    folder: Path
    name: str
    seed: int
    x: pd.DataFrame
    outcomes: pd.DataFrame
    run_ids: np.ndarray
    period: str
    runs: int
    dropped: dict[str, int] = field(default_factory=dict)


def _manifest(folder: Path) -> dict:
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder; give the --out folder of a finished `python run.py sweep`")
    try:
        manifest = read_manifest(folder)
    except ManifestError as exc:
        raise UserError(f"{folder / MANIFEST}: {exc.message}; it is not a sweep folder that can be read") from None
    if manifest is None:
        raise UserError(f"{folder}: no {MANIFEST}, so it is not a sweep folder; give the --out folder of "
                        f"`python run.py sweep`")
    names = manifest.get("parameters")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise UserError(f"{folder / MANIFEST}: key 'parameters' is not a list of the varied parameters' names")
    return manifest


def _read(path: Path, columns: list[str] | None = None, filters=None) -> pd.DataFrame:
    from model.files import check_input_file

    check_input_file(path, "sweep result file", limit=1 << 40)
    try:
        return pq.read_table(path, columns=columns, filters=filters).to_pandas()
    except Exception as exc:  # noqa: BLE001 - any damage (ArrowInvalid, OSError, ...) is one message
        raise UserError(f"{path}: cannot be read as a sweep result ({type(exc).__name__}: {str(exc)[:120]})") \
            from None


def _schema(path: Path, status: str) -> list[str]:
    if not path.is_file():
        raise UserError(f"{path}: missing, so the sweep has no gathered results (sweep.json says status "
                        f"{status!r}); run or resume the sweep with the same command to write them")
    try:
        return pq.read_schema(path).names
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"{path}: cannot be read as a sweep result ({type(exc).__name__}: {str(exc)[:120]})") \
            from None


def _parameters(runs: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The parameter columns ready for PRIM: numbers stay numbers, anything else becomes a text category."""
    x = pd.DataFrame(index=runs.index)
    for name in names:
        column = runs[name]
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            x[name] = column.map(lambda v: v if isinstance(v, str) else json.dumps(v)).astype("category")
        elif pd.api.types.is_integer_dtype(column):
            x[name] = column.astype(np.int64)
        else:
            x[name] = column.astype(np.float64)
    return x.reset_index(drop=True)


def _at_period(folder: Path, at: str, metrics: list[str], run_ids: np.ndarray, status: str) -> pd.DataFrame:
    """The metrics of each run at period ``at`` from ``timeseries.parquet`` (index: run id)."""
    from model.periods import index_label, period_index

    path = folder / "timeseries.parquet"
    try:
        label = index_label(period_index(at))
    except ValueError as exc:
        raise UserError(f"--at {at}: {exc}") from None
    names = _schema(path, status)
    missing = [m for m in ["run_id", "period", *metrics] if m not in names]
    if missing:
        raise UserError(f"{path}: column {missing[0]!r} is missing")
    rows = _read(path, ["run_id", "period", *metrics], filters=[("period", "==", label)])
    if rows.empty:
        periods = _read(path, ["period"])["period"]
        span = f"{periods.min()} to {periods.max()}" if len(periods) else "none"
        raise UserError(f"--at {at}: no run of {folder} reaches that period (the sweep's periods: {span})")
    rows = rows[rows["run_id"].isin(run_ids)].drop_duplicates("run_id")
    return rows.set_index("run_id")[metrics]


def load_outcomes(folder: str | Path, metrics_of: Callable[[list[str]], Target], *,
                  at: str | None = None) -> tuple[SweepOutcomes, Target]:
    """Read ``folder``'s parameters and the outcomes a target needs.

    Args:
        folder: the sweep's ``--out`` folder.
        metrics_of: ``known -> Target``: parses the target against the metrics the sweep recorded (so an
            unknown metric is refused naming the sweep's file).
        at: a period such as ``2030Q4``; None reads each run's final values.

    Returns:
        The outcomes and the parsed target.

    Raises:
        UserError: not a sweep folder, results not gathered, a file that cannot be read, a missing column,
            an unknown metric or period, or no successful run.
    """
    folder = Path(folder)
    manifest = _manifest(folder)
    names = manifest["parameters"]
    runs_path = folder / "runs.parquet"
    columns = _schema(runs_path, manifest.get("status", "?"))
    missing = [c for c in ["run_id", "status", *names] if c not in columns]
    if missing:
        raise UserError(f"{runs_path}: column {missing[0]!r} (a parameter of {MANIFEST}) is missing")
    known = [c for c in columns if c not in ID_COLUMNS and c not in names]
    target = metrics_of(known)
    metrics = list(target.metrics)
    runs = _read(runs_path, ["run_id", "status", *names, *metrics])
    total = len(runs)
    dropped: dict[str, int] = {}
    failed = int((runs["status"] != "ok").sum())
    if failed:
        dropped["failed"] = failed
    runs = runs[runs["status"] == "ok"].reset_index(drop=True)
    if runs.empty:
        raise UserError(f"{runs_path}: no successful run (of {total}); nothing to discover")
    if at is not None:
        values = _at_period(folder, at, metrics, runs["run_id"].to_numpy(), manifest.get("status", "?"))
        runs = runs.drop(columns=metrics).join(values, on="run_id")
    short = runs[metrics].isna().any(axis=1).to_numpy()
    if short.any():
        dropped["no value at the period" if at else "missing value"] = int(short.sum())
        runs = runs[~short].reset_index(drop=True)
    if runs.empty:
        raise UserError(f"--at {at}: no successful run of {folder} has every target metric at that period")
    if manifest.get("status") != "complete":
        print(f"note: {folder / MANIFEST} says status {manifest.get('status')!r}: {manifest.get('done', '?')} of "
              f"{manifest.get('runs', '?')} runs done", file=sys.stderr)
    seed = manifest.get("seed") if isinstance(manifest.get("seed"), int) else 0
    outcomes = SweepOutcomes(folder=folder, name=str(manifest.get("name", folder.name)), seed=seed,
                             x=_parameters(runs, names), outcomes=runs[metrics].reset_index(drop=True),
                             run_ids=runs["run_id"].to_numpy(), period=at or "last", runs=total, dropped=dropped)
    return outcomes, target
