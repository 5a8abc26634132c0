"""The parts of a sweep: one run's row and time series as Arrow tables, checked, and gathered.

Each finished run is stored as small parts (Arrow IPC files: a tenth of Parquet's cost to write and read
back for such small tables): its time series (:func:`timeseries_table`, ok runs only) and its row
(:func:`run_table`: ids, seed, status, error, parameter values, final metrics). Every part carries the
sweep's fingerprint and its run id in its schema metadata; :func:`check_row` and :func:`check_series` say
why a part read back on resume is not the run it is named for. :func:`concat_parts` streams the parts into
one Parquet file a few thousand rows at a time, and :func:`parquet_to_csv` copies it to CSV the same way,
so memory stays flat however many runs there are. The folder they live in is :mod:`model.sweep.store`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.feather as feather
import pyarrow.parquet as pq

from model.sweep.atomic import atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from model.sweep.plan import Plan, Run

#: Arrow schema metadata every part carries: the sweep's fingerprint and the part's run id.
META_FINGERPRINT, META_RUN = b"dtabm.fingerprint", b"dtabm.run_id"
#: Gathering writes a batch to Parquet after this many rows or this many parts; CSV copies go this many rows at a time.
CHUNK_ROWS = 50_000
CHUNK_FILES = 100
CSV_ROWS = 2_000
#: Arrow type of a parameter column, by its storage kind (``plan.kinds``).
KIND_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string(), "json": pa.string()}
#: The first columns of every run's row, before the parameter values and final metrics.
ID_COLUMNS = [("run_id", pa.int64()), ("point", pa.int64()), ("replication", pa.int64()), ("seed", pa.int64()),
              ("status", pa.string()), ("error", pa.string())]


def _column_type(name: str, kind: pa.DataType) -> pa.DataType:
    if name in ("run_id", "step"):
        return pa.int64()
    numeric = pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind)
    return pa.float64() if numeric else pa.string()


def timeseries_table(run_id: int, frame: pd.DataFrame) -> pa.Table:
    """A run's time series as Arrow: run_id and step int64, period string, every metric float64."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.add_column(0, "run_id", pa.array(np.full(table.num_rows, run_id, np.int64)))
    return table.cast(pa.schema([(f.name, _column_type(f.name, f.type)) for f in table.schema]))


def _param_value(value: object, kind: str) -> object:
    return json.dumps(value, sort_keys=True) if kind == "json" and value is not None else value


def run_table(plan: Plan, run: Run, status: str, error: str | None, final: pa.Table | None) -> pa.Table:
    """One row: ids, seed, status, error, parameter values, final metrics (the last row of the series)."""
    fields = list(ID_COLUMNS)
    values = [run.run_id, run.point, run.replication, run.seed, status, error]
    for name, value in zip(plan.names, run.values):
        fields.append((name, KIND_TYPES[plan.kinds[name]]))
        values.append(_param_value(value, plan.kinds[name]))
    arrays = [pa.array([v], type=t) for v, (_, t) in zip(values, fields)]
    names = [n for n, _ in fields]
    if final is not None:
        names += final.column_names
        arrays += final.columns
    return pa.Table.from_arrays(arrays, names=names)


def _unified_schema(files: list[Path]) -> pa.Schema:
    """Every column of ``files``, in order of first appearance (files in run-id order)."""
    fields: dict[str, pa.Field] = {}
    for path in files:
        with pa.OSFile(str(path)) as source:
            schema = pa.ipc.open_file(source).schema
        for field in schema:
            if field.name not in fields or pa.types.is_null(fields[field.name].type):
                fields[field.name] = field
    return pa.schema(list(fields.values()))


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly the columns of ``schema`` (missing ones null)."""
    if table.schema.equals(schema):
        return table
    have = dict(zip(table.column_names, table.columns))
    arrays = [have[f.name].cast(f.type) if f.name in have else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_part(path: Path, table: pa.Table) -> None:
    """Write ``table`` as an uncompressed Arrow IPC file at ``path`` (all or nothing)."""
    atomic_write(path, lambda tmp: feather.write_feather(table, str(tmp), compression="uncompressed"))


def concat_parts(files: list[Path], target: Path, empty_schema: pa.Schema) -> int:
    """Stream ``files`` (in order) into one Parquet file; return the number of rows."""
    schema = _unified_schema(files) if files else empty_schema
    rows = 0

    def write(tmp: Path) -> None:
        nonlocal rows
        with pq.ParquetWriter(tmp, schema) as writer:
            batch, batch_rows = [], 0
            for path in files:
                table = feather.read_table(str(path), memory_map=False).replace_schema_metadata(None)
                batch.append(_conform(table, schema))
                batch_rows += table.num_rows
                if batch_rows >= CHUNK_ROWS or len(batch) >= CHUNK_FILES:
                    writer.write_table(pa.concat_tables(batch))
                    rows += batch_rows
                    batch, batch_rows = [], 0
            if batch:
                writer.write_table(pa.concat_tables(batch))
                rows += batch_rows
            if not files:
                writer.write_table(schema.empty_table())

    atomic_write(target, write)
    return rows


def parquet_to_csv(source: Path, target: Path) -> None:
    """Stream a Parquet file into a CSV file, one batch at a time."""
    parquet = pq.ParquetFile(source)

    def write(tmp: Path) -> None:
        with pacsv.CSVWriter(tmp, parquet.schema_arrow) as writer:
            for batch in parquet.iter_batches(batch_size=CSV_ROWS):
                writer.write_batch(batch)

    atomic_write(target, write)


def read_part(path: Path) -> tuple[pa.Table | None, str | None]:
    """The part's table, or None and why it cannot be read."""
    try:
        return feather.read_table(str(path), memory_map=False), None
    except Exception as exc:  # noqa: BLE001 - any damage (ArrowInvalid, OSError, ...) means: set it aside
        return None, f"cannot be read ({type(exc).__name__}: {str(exc)[:120]})"


def _claims(table: pa.Table, plan: Plan, run_id: int) -> str | None:
    """Why a part's metadata does not belong to run ``run_id`` of ``plan`` (None if it does)."""
    meta = table.schema.metadata or {}
    if META_FINGERPRINT not in meta:
        return "it carries no sweep fingerprint (written by another program or an older version)"
    if meta[META_FINGERPRINT] != plan.fingerprint.encode():
        return "it belongs to another sweep (its fingerprint differs from this spec's)"
    if meta.get(META_RUN) != str(run_id).encode():
        return f"it is run {meta.get(META_RUN, b'?').decode(errors='replace')}'s part under run {run_id}'s name"
    return None


def check_row(plan: Plan, run_id: int, status: str, table: pa.Table) -> str | None:
    """Why a run part is not run ``run_id``'s row with ``status`` in ``plan`` (None if it is)."""
    if run_id >= plan.n_runs:
        return f"this sweep has runs 0 to {plan.n_runs - 1} only"
    reason = _claims(table, plan, run_id)
    if reason:
        return reason
    if table.num_rows != 1:
        return f"it has {table.num_rows} rows, not 1"
    run = plan.run(run_id)
    expected = list(ID_COLUMNS) + [(n, KIND_TYPES[plan.kinds[n]]) for n in plan.names]
    values = [run.run_id, run.point, run.replication, run.seed, status, None]
    values += [_param_value(v, plan.kinds[n]) for n, v in zip(plan.names, run.values)]
    for (name, kind), value in zip(expected, values):
        if name not in table.column_names or not table.schema.field(name).type.equals(kind):
            return f"column {name} is missing or not of type {kind}"
        if name != "error" and table[name][0].as_py() != value:
            return f"its {name} is {table[name][0].as_py()!r}, not {value!r}"
    if status == "ok" and table.num_columns == len(expected):
        return "an ok run's row without metric columns"
    return None


def check_series(plan: Plan, run_id: int, table: pa.Table, metrics: list[str] | None) -> str | None:
    """Why a time-series part is not run ``run_id``'s series in ``plan`` (None if it is).

    Args:
        metrics: The metric columns of the run's row (the series must have the same), or None.
    """
    reason = _claims(table, plan, run_id)
    if reason:
        return reason
    head = [("run_id", pa.int64()), ("step", pa.int64()), ("period", pa.string())]
    if [(f.name, f.type) for f in table.schema][:3] != head:
        return "its first columns are not run_id, step, period"
    if any(not pa.types.is_floating(f.type) for f in list(table.schema)[3:]):
        return "a metric column is not a number"
    steps = plan.steps(plan.run(run_id))
    if table.num_rows != steps + 1 or table["step"].to_pylist() != list(range(steps + 1)):
        return f"it has {table.num_rows} steps, not the {steps + 1} (0 to {steps}) of this sweep's run"
    if set(table["run_id"].to_pylist()) != {run_id}:
        return "its run_id column names other runs"
    if metrics is not None and table.column_names[3:] != metrics:
        return "its metric columns differ from its run's row"
    return None
