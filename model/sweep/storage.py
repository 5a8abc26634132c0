"""Results on disk, streamed and crash-safe.

Each finished run is written at once as small parts in ``DIR/parts/`` (Arrow
IPC files: a tenth of Parquet's cost to write and read back for such small
tables): its time series (``ts-<id>.arrow``, ok runs only) and then its row
(``run-<id>.<status>.arrow``). Every file is written under a temporary name
and moved into place with ``os.replace``, so a file either exists whole or not
at all; the row is written last, so its presence means the run is done. On
resume, finished runs are skipped, and temporary files or a time series
without its row (a kill between the two) are removed.

:meth:`SweepStore.compact` streams the parts, in run-id order, into
``runs.parquet`` and ``timeseries.parquet`` (and CSV copies) a few thousand
rows at a time, so memory stays flat however many runs there are.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.feather as feather
import pyarrow.parquet as pq

from model.errors import UserError

MANIFEST = "sweep.json"
RUN_FILE = re.compile(r"^run-(\d+)\.(ok|failed)\.arrow$")
TS_FILE = re.compile(r"^ts-(\d+)\.arrow$")
TMP = ".tmp-"
CHUNK_ROWS = 50_000
CHUNK_FILES = 100
CSV_ROWS = 2_000
KIND_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string(), "json": pa.string()}
ID_COLUMNS = [("run_id", pa.int64()), ("point", pa.int64()), ("replication", pa.int64()), ("seed", pa.int64()),
              ("status", pa.string()), ("error", pa.string())]


def atomic_write(path: Path, write) -> None:
    """Call ``write(tmp_path)`` then move the result to ``path`` (all or nothing)."""
    tmp = path.with_name(TMP + path.name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _column_type(name: str, kind: pa.DataType) -> pa.DataType:
    if name in ("run_id", "step"):
        return pa.int64()
    numeric = pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind)
    return pa.float64() if numeric else pa.string()


def timeseries_table(run_id: int, frame) -> pa.Table:
    """A run's time series as Arrow: run_id and step int64, period string, every metric float64."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.add_column(0, "run_id", pa.array(np.full(table.num_rows, run_id, np.int64)))
    return table.cast(pa.schema([(f.name, _column_type(f.name, f.type)) for f in table.schema]))


def _param_value(value, kind: str):
    return json.dumps(value, sort_keys=True) if kind == "json" and value is not None else value


def run_table(plan, run, status: str, error: str | None, final: pa.Table | None) -> pa.Table:
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


def _write_part(path: Path, table: pa.Table) -> None:
    atomic_write(path, lambda tmp: feather.write_feather(table, str(tmp), compression="uncompressed"))


def _concat_parts(files: list[Path], target: Path, empty_schema: pa.Schema) -> int:
    """Stream ``files`` (in order) into one Parquet file; return the number of rows."""
    schema = _unified_schema(files) if files else empty_schema
    rows = 0

    def write(tmp):
        nonlocal rows
        with pq.ParquetWriter(tmp, schema) as writer:
            batch, batch_rows = [], 0
            for path in files:
                table = feather.read_table(str(path), memory_map=False)
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

    def write(tmp):
        with pacsv.CSVWriter(tmp, parquet.schema_arrow) as writer:
            for batch in parquet.iter_batches(batch_size=CSV_ROWS):
                writer.write_batch(batch)

    atomic_write(target, write)


class SweepStore:
    """The results folder of one sweep.

    Args:
        out: the folder (``--out``).
    """

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.parts = self.out / "parts"
        self.done: dict[int, str] = {}
        self._lock = None

    # -- opening and resuming --------------------------------------------------
    def check(self, plan) -> None:
        """Refuse a folder holding another sweep's results (before anything is written)."""
        if self.out.exists() and not self.out.is_dir():
            raise UserError(f"--out {self.out}: exists and is not a folder")
        manifest = self.out / MANIFEST
        if manifest.exists():
            try:
                old = json.loads(manifest.read_text())
            except (OSError, ValueError):
                old = {}
            if old.get("fingerprint") != plan.fingerprint:
                raise UserError(f"--out {self.out}: holds the results of a different sweep ({old.get('spec', '?')}; "
                                f"the spec, its base scenario or its design differ); choose another --out or "
                                f"delete the folder")

    def finished(self) -> dict[int, str]:
        """``{run_id: status}`` of the runs already stored (reads the folder, writes nothing)."""
        if not self.parts.is_dir():
            return {}
        return {int(m.group(1)): m.group(2) for e in os.scandir(self.parts) if (m := RUN_FILE.match(e.name))}

    def open(self, plan) -> dict[int, str]:
        """Create or resume the folder; return ``{run_id: status}`` of runs already finished."""
        self.check(plan)
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"--out {self.out}: cannot create folder ({exc.strerror})") from None
        self._take_lock()
        for folder in (self.out, self.parts):
            for entry in os.scandir(folder):
                if entry.name.startswith(TMP):
                    os.unlink(entry.path)
        done = self.finished()
        series = {int(m.group(1)) for e in os.scandir(self.parts) if (m := TS_FILE.match(e.name))}
        for run_id in series - {i for i, s in done.items() if s == "ok"}:
            (self.parts / f"ts-{run_id:08d}.arrow").unlink()
        self.write_manifest(plan, done, status="running")
        self.done = done
        return done

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock
            return
        self._lock = open(self.out / ".lock", "w")  # noqa: SIM115 - held for the sweep's life
        try:  # a POSIX record lock: held by this process only, not by forked workers; gone when it dies
            fcntl.lockf(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise UserError(f"--out {self.out}: another sweep is writing to this folder right now") from None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def write_manifest(self, plan, done: dict, status: str) -> None:
        failed = sum(1 for s in done.values() if s == "failed")
        data = {"name": plan.spec.name, "spec": str(plan.spec_path), "base": str(plan.base_path),
                "fingerprint": plan.fingerprint, "design": plan.spec.design.kind, "parameters": plan.names,
                "replications": plan.spec.replications, "seed": plan.spec.seed,
                "common_random_numbers": plan.crn, "runs": plan.n_runs, "done": len(done), "failed": failed,
                "status": status}
        atomic_write(self.out / MANIFEST, lambda tmp: tmp.write_text(json.dumps(data, indent=2) + "\n"))

    # -- one finished run ----------------------------------------------------
    def write_run(self, plan, run, status: str, error: str | None, series: pa.Table | None = None) -> None:
        """Store one finished run: its time series first, then its row (which marks it done).

        Args:
            series: the run's :func:`timeseries_table` (None for a failed run).
        """
        final = None
        if series is not None:
            _write_part(self.parts / f"ts-{run.run_id:08d}.arrow", series)
            final = series.slice(series.num_rows - 1).drop_columns(["run_id", "step", "period"])
        row = run_table(plan, run, status, error, final)
        _write_part(self.parts / f"run-{run.run_id:08d}.{status}.arrow", row)

    # -- final files -----------------------------------------------------------
    def _files(self, pattern: re.Pattern) -> list[Path]:
        found = [(int(m.group(1)), e.name) for e in os.scandir(self.parts) if (m := pattern.match(e.name))]
        return [self.parts / name for _, name in sorted(found)]

    def compact(self, plan, *, csv: bool = True) -> tuple[int, int]:
        """Write runs.parquet and timeseries.parquet (sorted by run id, then step), and CSV copies.

        Returns:
            (rows of runs.parquet, rows of timeseries.parquet).
        """
        run_schema = pa.schema(ID_COLUMNS + [(n, KIND_TYPES[plan.kinds[n]]) for n in plan.names])
        ts_schema = pa.schema([("run_id", pa.int64()), ("step", pa.int64()), ("period", pa.string())])
        n_runs = _concat_parts(self._files(RUN_FILE), self.out / "runs.parquet", run_schema)
        n_rows = _concat_parts(self._files(TS_FILE), self.out / "timeseries.parquet", ts_schema)
        if csv:
            parquet_to_csv(self.out / "runs.parquet", self.out / "runs.csv")
            parquet_to_csv(self.out / "timeseries.parquet", self.out / "timeseries.csv")
        return n_runs, n_rows
