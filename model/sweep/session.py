"""One sweep invocation end to end: open (or resume) the folder, run what is left, compact the results."""

from __future__ import annotations

import errno
from pathlib import Path

from model.errors import Interrupted, UserError, storage_error
from model.interrupts import InterruptGuard
from model.sweep.executors import default_workers, make_executor
from model.sweep.runner import Outcome, run_plan
from model.sweep.store import SweepStore


def default_out(plan, suffix: str = "") -> Path:
    """``outputs/sweeps/<spec name><suffix>/``."""
    return Path("outputs") / "sweeps" / f"{plan.spec.name}{suffix}"


def execute(plan, out: str | Path, *, executor: str = "local", workers: int | None = None,
            scheduler: str | None = None, progress: bool = True, csv: bool = True, force: bool = False) -> Outcome:
    """Run (or resume) ``plan`` into ``out`` and write runs.parquet and timeseries.parquet.

    Args:
        plan (Plan): the sweep, from [build_plan][model.sweep.build_plan].
        out: the results folder; running again on the same folder resumes.
        executor: ``local`` (process pool; one worker: this process) or ``dask``.
        workers: processes (default: cores; capped at the runs left).
        scheduler: address of a dask scheduler (default: a new LocalCluster).
        progress: show the progress bar.
        csv: also write runs.csv and timeseries.csv.
        force: use a folder that holds other files or another sweep's results (see
            :class:`~model.sweep.store.SweepStore`).

    Returns:
        What was run.

    Raises:
        UserError: bad input or a folder that is not this sweep's (nothing written; exit status 2), or a worker
            that died (exit status 1, after saving).
        StorageError: the disk is full, or the folder became read-only or vanished (exit status 3, 4, 5): the
            finished runs stay saved and ``sweep.json`` says ``partial``.
        Interrupted: Ctrl-C (exit status 130), after gathering the finished runs (``sweep.json``: ``partial``).
    """
    store = SweepStore(out, force=force)
    with InterruptGuard() as guard:  # from here on Ctrl-C never cuts a write short
        store.check(plan)
        left = plan.n_runs - len(store.scan(plan))
        if executor == "local" and workers is None:
            workers = max(1, min(default_workers(), left))
        if left and not scheduler:
            check_sweep_memory(plan, min(workers or default_workers(), left))
        pool = make_executor(executor, workers, scheduler) if left else None  # before any file is written
        outcome, failure = None, None
        try:
            store.open(plan)
            if pool is None:
                outcome = Outcome(total=plan.n_runs, done=len(store.done), complete=True,
                                  failed=sorted(i for i, s in store.done.items() if s == "failed"))
            else:
                outcome = run_plan(plan, store, pool, progress=progress, guard=guard)
        except (KeyboardInterrupt, OSError, UserError) as exc:
            failure = exc
        finally:
            if pool is not None:
                pool.close(cancel=outcome is None)
        if store.opened:
            error = store.finish(plan, complete=bool(outcome and outcome.complete), csv=csv,
                                 gather=not isinstance(failure, OSError))
        store.close()
    if not store.opened:  # nothing was written
        if isinstance(failure, KeyboardInterrupt):
            raise Interrupted(f"nothing was written to {out}")
        raise failure if isinstance(failure, UserError) else storage_error(failure, f"--out {out}: cannot start")
    saved = _saved(store, plan)
    if isinstance(failure, OSError) or error is not None:
        problem = failure if isinstance(failure, OSError) else error
        doing = f"--out {out}: cannot save results" if isinstance(failure, OSError) else \
            f"--out {out}: cannot gather the results"
        unsaved = " (sweep.json could not be updated either)" if store.manifest_failed else ""
        raise storage_error(problem, doing, f"{saved}{unsaved}; {FIXES.get(problem.errno, 'fix it')}, then run the "
                                            f"same command again to resume") from None
    if isinstance(failure, UserError):
        raise failure
    if failure is not None or guard.requested:
        raise Interrupted(f"{saved}; run the same command again to "
                          f"{'finish' if outcome and outcome.complete else 'resume'}")
    return outcome


#: What to do about each cause of a failed write (by errno).
FIXES = {errno.ENOSPC: "free some disk space", errno.EDQUOT: "free some space within your quota",
         errno.EFBIG: "allow larger files", errno.EACCES: "make the folder writable",
         errno.EPERM: "make the folder writable", errno.EROFS: "make the folder writable",
         errno.ENOENT: "keep the folder", errno.ENOTDIR: "keep the folder"}


def _saved(store, plan) -> str:
    """How many runs are saved and gathered, in words."""
    if not store.parts.is_dir():
        return "the folder was removed, so nothing is saved"
    gathered = " and gathered into runs.parquet" if store.gathered else ""
    return f"{len(store.done)} of {plan.n_runs} runs are saved in {store.out}{gathered}"


def check_sweep_memory(plan, concurrent: int) -> None:
    """Refuse a sweep whose ``concurrent`` largest runs cannot be held in memory at once."""
    from model.memory import check_memory_need

    run = plan.run(plan.peak_point * plan.spec.replications)
    values = ", ".join(f"{n}={v}" for n, v in zip(plan.names, run.values))
    check_memory_need(plan.peak_memory, f"{plan.spec_path}: design point {plan.peak_point} ({values})",
                      concurrent=concurrent, fix="use fewer --workers or a smaller population")


def report(plan, outcome: Outcome, out: Path, limit: int = 5) -> str:
    """A few plain lines: what ran, what failed (with the command that reproduces a failed run)."""
    lines = [f"{plan.spec.name}: {outcome.done} of {outcome.total} runs done ({outcome.ran} this time, "
             f"{outcome.seconds:.1f} s), {len(outcome.failed)} failed; results in {out}/"]
    if outcome.failed:
        import pyarrow.parquet as pq

        table = pq.read_table(Path(out) / "runs.parquet", columns=["run_id", "status", "error"],
                              filters=[("status", "=", "failed")]).to_pandas()
        for row in table.head(limit).itertuples():
            lines.append(f"  run {row.run_id} failed: {row.error}")
            lines.append(f"    reproduce: {plan.command(plan.run(int(row.run_id)))}")
        if len(table) > limit:
            lines.append(f"  ... and {len(table) - limit} more (see runs.csv)")
    return "\n".join(lines)


def write_final(out, what: str, write):
    """Call ``write()`` (the summary or indices, from runs.parquet); a failed write becomes one clear error."""
    try:
        return write()
    except OSError as exc:
        raise storage_error(exc, f"--out {out}: cannot write {what}", "the runs are saved and gathered; fix it, "
                                                                      "then run the same command again") from None


def add_run_options(parser) -> None:
    """The options ``sweep`` and ``sensitivity`` share."""
    from model.cli import add_force_option

    add_force_option(parser)
    parser.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores; 1: no pool)")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local: processes on this machine; dask: a dask.distributed cluster (default local)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start a LocalCluster)")
    parser.add_argument("--no-csv", dest="csv", action="store_false",
                        help="skip the CSV copies of runs.parquet and timeseries.parquet")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def check_run_options(args) -> None:
    """Reject bad option values before anything runs."""
    from model.errors import UserError

    if args.workers is not None and not 1 <= args.workers <= 1024:
        raise UserError(f"--workers {args.workers}: must be between 1 and 1024")
    if args.scheduler and args.executor != "dask":
        raise UserError(f"--scheduler {args.scheduler}: only used with --executor dask")
