"""The results folder of one sweep, streamed and crash-safe: its layout, manifest and resume.

Each finished run is written at once as small parts in ``DIR/parts/`` (:mod:`model.sweep.parts`): its
time series (``ts-<id>.arrow``, ok runs only) and then its row (``run-<id>.<status>.arrow``). Every file is
written under a temporary name and moved into place (:func:`~model.sweep.atomic.atomic_write`), so a file
either exists whole or not at all; the row is written last, so its presence means the run is done. On
resume, every part is checked before it is trusted (it reads whole, and its run id, fingerprint, seed,
parameters, steps and columns are this sweep's); a part that fails is moved to ``DIR/quarantine/`` with a
warning and its run is run again, so a damaged or foreign part is never merged. Temporary files and a time
series without its row (a kill between the two) are removed.

:meth:`SweepStore.compact` streams the parts, in run-id order, into ``runs.parquet`` and
``timeseries.parquet`` (and CSV copies) a few thousand rows at a time, so memory stays flat however many
runs there are. ``sweep.json`` (:meth:`SweepStore.write_manifest`) says what the sweep is and what is on disk.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from model.errors import UserError
from model.sweep.atomic import TMP, atomic_write, take_lock
from model.sweep.parts import (ID_COLUMNS, KIND_TYPES, META_FINGERPRINT, META_RUN, check_row, check_series,
                               concat_parts, parquet_to_csv, read_part, run_table, write_part)

if TYPE_CHECKING:
    from model.sweep.plan import Plan, Run

#: The manifest, the folder of set-aside parts and the file that says why each was set aside.
MANIFEST = "sweep.json"
QUARANTINE = "quarantine"
REASONS = "reasons.txt"
#: Files gathered from the parts, and files derived from them (removed when they go out of date).
RESULTS = ("runs.parquet", "timeseries.parquet", "runs.csv", "timeseries.csv")
DERIVED = re.compile(r"^(summary\.csv|fig_.+\.png|sensitivity_\w+\.(csv|png))$")
#: Every name a sweep folder may hold (anything else makes it someone else's folder).
OWN = re.compile(r"^(parts|quarantine|\.lock|sweep\.json|(runs|timeseries)\.(parquet|csv)|summary\.csv|fig_.+\.png|"
                 r"sensitivity_\w+\.(csv|png)|\.tmp-.+)$")
MAX_MANIFEST_BYTES = 1_000_000
#: Names of a run's row and of its time series in ``parts/``.
RUN_FILE = re.compile(r"^run-(\d+)\.(ok|failed)\.arrow$")
TS_FILE = re.compile(r"^ts-(\d+)\.arrow$")


class ManifestError(UserError):
    """``sweep.json`` exists but cannot be read as a sweep manifest."""


def read_manifest(out: Path) -> dict | None:
    """The manifest of the sweep folder ``out``, None if there is none.

    Raises:
        ManifestError: it is not a small regular file, not JSON, or has no fingerprint (corrupt).
    """
    from model.files import read_input_file

    path = Path(out) / MANIFEST
    if not os.path.lexists(path):
        return None
    try:
        data = json.loads(read_input_file(path, "sweep manifest", limit=MAX_MANIFEST_BYTES))
    except UserError as exc:
        raise ManifestError(exc.message.removeprefix(f"{path}: ")) from None
    except ValueError as exc:
        raise ManifestError(f"not valid JSON ({str(exc)[:100]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("fingerprint"), str):
        raise ManifestError("it has no sweep fingerprint")
    return data


class SweepStore:
    """The results folder of one sweep.

    Args:
        out: the folder (``--out``).
        force: use a folder that holds other files, a corrupt manifest or another sweep's results (their parts
            are set aside in ``quarantine/``, never merged).
    """

    def __init__(self, out: str | Path, *, force: bool = False) -> None:
        self.out = Path(out)
        self.parts = self.out / "parts"
        self.quarantine = self.out / QUARANTINE
        self.force = force
        self.done: dict[int, str] = {}
        self.opened = False
        self.gathered = False
        self.quarantined = 0
        self._sound: dict[int, str] = {}
        self._bad: list[tuple[list[Path], str, int | None]] = []
        self._stale: list[Path] = []
        self._lock = None
        self.manifest_failed = False

    # -- opening and resuming --------------------------------------------------
    def check(self, plan: Plan) -> None:
        """Refuse a folder holding anything but this sweep's results (before anything is written)."""
        from model.outputs import announce_link, check_output_target

        check_output_target(self.out)
        announce_link(self.out)
        for sub in (self.parts, self.quarantine):
            if sub.is_symlink():
                raise UserError(f"--out {self.out}: {sub.name}/ is a symbolic link (to {os.readlink(sub)}); a "
                                f"sweep keeps its {sub.name} in a real folder inside --out: remove the link")
            if sub.exists() and not sub.is_dir():
                raise UserError(f"--out {self.out}: {sub.name} is not a folder; remove it")
        if not self.out.exists() or self.force:
            return
        try:
            old = read_manifest(self.out)
        except ManifestError as exc:
            raise UserError(f"--out {self.out}: {MANIFEST} is corrupt ({exc.message}), so it cannot tell which "
                            f"sweep the folder holds. If it holds this sweep, delete {self.out / MANIFEST} and run "
                            f"again (every stored run is checked before it is used), or pass --force") from None
        if old is None:
            entries = sorted(os.listdir(self.out))
            foreign = [name for name in entries if not OWN.match(name)]
            if foreign or (entries and not self.parts.is_dir()):
                shown = ", ".join((foreign or entries)[:3])
                raise UserError(f"--out {self.out}: the folder holds files that are not this sweep's results "
                                f"({shown}); choose a new or empty folder, or pass --force to write into it anyway")
        elif old["fingerprint"] != plan.fingerprint:
            raise UserError(f"--out {self.out}: holds the results of a different sweep ({old.get('spec', '?')}; "
                            f"the spec, its base scenario or its design differ); choose another --out, delete the "
                            f"folder, or pass --force (its runs are then set aside in {QUARANTINE}/, not used)")

    def scan(self, plan: Plan) -> dict[int, str]:
        """Check every part (reads only): which runs are stored soundly, which parts must be set aside.

        Returns:
            ``{run_id: status}`` of the sound runs.
        """
        self._sound, self._bad, self._stale = {}, [], []
        if not self.parts.is_dir():
            return {}
        rows: dict[int, list[tuple[str, Path]]] = {}
        series: dict[int, Path] = {}
        for entry in os.scandir(self.parts):
            path = Path(entry.path)
            if entry.name.startswith(TMP):
                continue
            if (m := RUN_FILE.match(entry.name)) and entry.is_file():
                rows.setdefault(int(m.group(1)), []).append((m.group(2), path))
            elif (m := TS_FILE.match(entry.name)) and entry.is_file():
                series[int(m.group(1))] = path
            else:
                self._bad.append(([path], "not a part of a sweep (unknown name or not a file)", None))
        for run_id, found in sorted(rows.items()):
            ts = series.pop(run_id, None)
            if len(found) > 1:
                self._bad.append(([p for _, p in found] + ([ts] if ts else []), "two rows for one run", run_id))
                continue
            (status, path), = found
            table, reason = read_part(path)
            reason = reason or check_row(plan, run_id, status, table)
            metrics = None if reason else table.column_names[len(ID_COLUMNS) + len(plan.names):]
            if not reason and status == "ok":
                if ts is None:
                    reason = "its time series (ts-file) is missing"
                else:
                    ts_table, unreadable = read_part(ts)
                    reason = (f"its time series {unreadable}" if unreadable
                              else check_series(plan, run_id, ts_table, metrics))
            if reason:
                self._bad.append(([path] + ([ts] if ts else []), reason, run_id))
                continue
            if ts is not None and status != "ok":
                self._stale.append(ts)
            self._sound[run_id] = status
        for run_id, ts in series.items():  # a series without its row: a kill between the two, or not ours
            table, reason = read_part(ts)
            if reason is None:
                reason = check_series(plan, run_id, table, None) if run_id < plan.n_runs else "no such run"
            if reason:
                self._bad.append(([ts], reason, None))
            else:
                self._stale.append(ts)
        return dict(self._sound)

    def open(self, plan: Plan) -> dict[int, str]:
        """Create or resume the folder (after :meth:`check` and :meth:`scan`); return the runs already finished.

        Bad parts go to ``quarantine/`` (a warning names each), leftovers and out-of-date results are removed,
        and the manifest says ``running``.
        """
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"--out {self.out}: cannot create folder ({exc.strerror})") from None
        self._take_lock()
        self.opened = True
        for folder in (self.out, self.parts):
            for entry in os.scandir(folder):
                if entry.name.startswith(TMP) and not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)
        self._set_aside()
        for path in self._stale:
            path.unlink(missing_ok=True)
        self._remove_results()
        self.done = dict(self._sound)
        if self.quarantine.is_dir():
            self.quarantined = sum(1 for e in os.scandir(self.quarantine) if e.name != REASONS)
        self.write_manifest(plan, "running")
        return self.done

    def _set_aside(self) -> None:
        """Move the bad parts found by :meth:`scan` to ``quarantine/``, with one warning each (at most 5 shown)."""
        if not self._bad:
            return
        self.quarantine.mkdir(exist_ok=True)
        lines = []
        for paths, reason, run_id in self._bad:
            for path in paths:
                target, k = self.quarantine / path.name, 1
                while os.path.lexists(target):
                    target, k = self.quarantine / f"{path.name}.{k}", k + 1
                os.replace(path, target)
            again = f"; run {run_id} will run again" if run_id is not None else ""
            lines.append(f"parts/{paths[0].name}: {reason}; moved to {QUARANTINE}/{again}")
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        with os.fdopen(os.open(self.quarantine / REASONS, flags, 0o644), "a", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        for line in lines[:5]:
            print(f"warning: --out {self.out}: {line}", file=sys.stderr)
        if len(lines) > 5:
            print(f"warning: --out {self.out}: ... and {len(lines) - 5} more parts set aside (reasons in "
                  f"{self.quarantine / REASONS})", file=sys.stderr)

    def _take_lock(self) -> None:
        self._lock = take_lock(self.out, "another sweep is writing to this folder right now")

    def close(self) -> None:
        """Release the folder's lock (taken by :meth:`open`)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def write_manifest(self, plan: Plan, status: str, note: str | None = None) -> None:
        """Write ``sweep.json``: what the sweep is and what is on disk now."""
        failed = sum(1 for s in self.done.values() if s == "failed")
        data = {"name": plan.spec.name, "spec": str(plan.spec_path), "base": str(plan.base_path),
                "fingerprint": plan.fingerprint, "design": plan.spec.design.kind, "parameters": plan.names,
                "replications": plan.spec.replications, "seed": plan.spec.seed,
                "common_random_numbers": plan.crn, "runs": plan.n_runs, "done": len(self.done), "failed": failed,
                "quarantined": self.quarantined, "status": status, "gathered": self.gathered}
        if note:
            data["note"] = note
        atomic_write(self.out / MANIFEST, lambda tmp: tmp.write_text(json.dumps(data, indent=2) + "\n"))

    # -- one finished run ----------------------------------------------------
    def record(self, plan: Plan, run: Run, status: str, error: str | None, series: pa.Table | None = None) -> None:
        """Store one finished run: its time series first, then its row (which marks it done), then the manifest.

        Args:
            series: the run's :func:`~model.sweep.parts.timeseries_table` (None for a failed run).
        """
        meta = {META_FINGERPRINT: plan.fingerprint.encode(), META_RUN: str(run.run_id).encode()}
        final = None
        if series is not None:
            write_part(self.parts / f"ts-{run.run_id:08d}.arrow", series.replace_schema_metadata(meta))
            final = series.slice(series.num_rows - 1).drop_columns(["run_id", "step", "period"])
        row = run_table(plan, run, status, error, final).replace_schema_metadata(meta)
        write_part(self.parts / f"run-{run.run_id:08d}.{status}.arrow", row)
        self.done[run.run_id] = status
        self.write_manifest(plan, "running")

    # -- final files -----------------------------------------------------------
    def _remove_results(self) -> None:
        """Remove gathered and derived files: they would no longer match the parts."""
        self.gathered = False
        for entry in os.scandir(self.out):
            if entry.name in RESULTS or DERIVED.match(entry.name):
                os.unlink(entry.path)

    def _files(self, kind: str) -> list[Path]:
        ids = sorted(self.done) if kind == "run" else sorted(i for i, s in self.done.items() if s == "ok")
        if kind == "run":
            return [self.parts / f"run-{i:08d}.{self.done[i]}.arrow" for i in ids]
        return [self.parts / f"ts-{i:08d}.arrow" for i in ids]

    def compact(self, plan: Plan, *, csv: bool = True) -> tuple[int, int]:
        """Write runs.parquet and timeseries.parquet (sorted by run id, then step), and CSV copies.

        Only the runs in :attr:`done` (checked on resume, or written by this invocation) are gathered.

        Returns:
            (rows of runs.parquet, rows of timeseries.parquet).
        """
        run_schema = pa.schema(ID_COLUMNS + [(n, KIND_TYPES[plan.kinds[n]]) for n in plan.names])
        ts_schema = pa.schema([("run_id", pa.int64()), ("step", pa.int64()), ("period", pa.string())])
        n_runs = concat_parts(self._files("run"), self.out / "runs.parquet", run_schema)
        n_rows = concat_parts(self._files("ts"), self.out / "timeseries.parquet", ts_schema)
        if csv:
            parquet_to_csv(self.out / "runs.parquet", self.out / "runs.csv")
            parquet_to_csv(self.out / "timeseries.parquet", self.out / "timeseries.csv")
        self.gathered = True
        return n_runs, n_rows

    def finish(self, plan: Plan, *, complete: bool, csv: bool = True, gather: bool = True) -> OSError | None:
        """Gather the results and write the final manifest (``complete`` or ``partial``), whatever happened.

        Args:
            complete: every run of the plan is done.
            gather: gather the parts into the final files (False after a write failed: the disk is full or the
                folder cannot be written, so out-of-date results are removed instead).

        Returns:
            The error that stopped gathering or the manifest, if any (the manifest then says what is on disk,
            if it could be written at all).
        """
        error = None
        try:
            if gather:
                self.compact(plan, csv=csv)
            else:
                self._remove_results()
        except OSError as exc:
            error = exc
            try:
                self._remove_results()
            except OSError:
                pass
        if not self.parts.is_dir():  # the folder was removed under the sweep: nothing is stored any more
            self.done = {}
        status = "complete" if complete and self.gathered else "partial"
        note = None if error is None else \
            f"results not gathered: {os.strerror(error.errno) if error.errno else error.strerror or error}"
        try:
            self.write_manifest(plan, status, note)
        except OSError as exc:
            error = error or exc
            self.manifest_failed = True
        return error
