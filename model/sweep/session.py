"""One sweep invocation end to end: open (or resume) the folder, run what is left, compact the results."""

from __future__ import annotations

import sys
from pathlib import Path

from model.sweep.executors import default_workers, make_executor
from model.sweep.runner import Outcome, run_plan
from model.sweep.storage import SweepStore


def default_out(plan, suffix: str = "") -> Path:
    """``outputs/sweeps/<spec name><suffix>/``."""
    return Path("outputs") / "sweeps" / f"{plan.spec.name}{suffix}"


def execute(plan, out: str | Path, *, executor: str = "local", workers: int | None = None,
            scheduler: str | None = None, progress: bool = True, csv: bool = True) -> Outcome:
    """Run (or resume) ``plan`` into ``out`` and write runs.parquet and timeseries.parquet.

    Args:
        plan (Plan): the sweep, from [build_plan][model.sweep.build_plan].
        out: the results folder; running again on the same folder resumes.
        executor: ``local`` (process pool; one worker: this process) or ``dask``.
        workers: processes (default: cores; capped at the runs left).
        scheduler: address of a dask scheduler (default: a new LocalCluster).
        progress: show the progress bar.
        csv: also write runs.csv and timeseries.csv.

    Returns:
        What was run; the final files are written even when interrupted (Ctrl-C), from the runs finished.
    """
    store = SweepStore(out)
    store.check(plan)
    left = plan.n_runs - len(store.finished())
    if executor == "local" and workers is None:
        workers = max(1, min(default_workers(), left))
    pool = make_executor(executor, workers, scheduler) if left else None  # before any file is written
    outcome = None
    try:
        done = store.open(plan)
        if pool is None:
            outcome = Outcome(total=plan.n_runs, done=len(done), complete=True,
                              failed=sorted(i for i, s in done.items() if s == "failed"))
        else:
            outcome = run_plan(plan, store, pool, progress=progress)
    except KeyboardInterrupt:
        print(f"interrupted: {len(store.done)} of {plan.n_runs} runs are saved in {out}; run the same command "
              f"again to resume", file=sys.stderr)
        raise
    finally:
        if pool is not None:
            pool.close(cancel=outcome is None)
        if store.done or outcome is not None:
            store.compact(plan, csv=csv)
            store.write_manifest(plan, store.done, "complete" if outcome and outcome.complete else "partial")
        store.close()
    return outcome


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


def add_run_options(parser) -> None:
    """The options ``sweep`` and ``sensitivity`` share."""
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
