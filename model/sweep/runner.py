"""Run a sweep's plan on an executor, storing each run as it finishes.

One code path for every executor: a bounded window of runs is in flight
(twice the workers), each finished run is written to disk at once and dropped,
so memory does not grow with the number of runs.
"""

from __future__ import annotations

import contextlib
import copy
import os
import time
import traceback
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from model.errors import UserError

#: Test hook: comma-separated run ids that raise inside the worker (exercises the failure path).
FAIL_ENV = "DTABM_SWEEP_FAIL_RUNS"
MAX_ERROR = 2000


def run_one(run_id: int, seed: int, base: dict, params: list) -> tuple:
    """Worker: run one design point with one seed.

    Never raises: an error is returned as ``(run_id, "failed", message, None)``.

    Returns:
        ``(run_id, status, error, timeseries)``; the time series as an Arrow table (converted here, in the
        worker, so the sweep process only writes it).
    """
    try:
        if str(run_id) in os.environ.get(FAIL_ENV, "").split(","):
            raise RuntimeError(f"run {run_id} made to fail by {FAIL_ENV} (test hook)")
        from model.runner import simulate
        from model.scenario_io import apply_override, scenario_from_dict
        from model.sweep.parts import timeseries_table

        data = copy.deepcopy(base)
        for path, value in params:
            apply_override(data, path, value, {})
        data["seed"] = seed
        result = simulate(scenario_from_dict(data), agents=False)
        return run_id, "ok", None, timeseries_table(run_id, result.timeseries)
    except Exception as exc:  # noqa: BLE001 - a failed run is recorded, the sweep goes on
        frame = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" (at {os.path.basename(frame[0].filename)}:{frame[0].lineno} in {frame[0].name})" if frame else ""
        return run_id, "failed", f"{type(exc).__name__}: {exc}{where}"[:MAX_ERROR], None


@dataclass
class Outcome:
    """What a sweep invocation did.

    Attributes:
        total: runs in the plan.
        done: runs finished (successfully or not), this time and before.
        failed: ids of the runs that failed.
        ran: runs executed by this invocation.
        seconds: wall time of this invocation.
        complete: every run is done (False if interrupted).
    """

    total: int
    done: int
    failed: list[int] = field(default_factory=list)
    ran: int = 0
    seconds: float = 0.0
    complete: bool = False


def run_plan(plan, store, executor, *, progress: bool = True, guard=None) -> Outcome:
    """Run every run of ``plan`` not yet in ``store`` on ``executor``.

    Args:
        plan: the sweep plan.
        store: an opened :class:`~model.sweep.store.SweepStore` (its ``done`` runs are skipped).
        executor: any executor of :mod:`model.sweep.executors`.
        progress: show a tqdm bar (runs done, failed, time left).
        guard: an active :class:`~model.interrupts.InterruptGuard`: Ctrl-C then stops the sweep only while it
            waits for runs (or runs one in this process), never while a run is being stored. Without one,
            Ctrl-C raises wherever it lands.

    Returns:
        The :class:`Outcome`; ``complete`` is False if interrupted.

    Raises:
        KeyboardInterrupt: Ctrl-C (the runs stored so far stay stored).
        OSError: a run could not be stored (disk full, folder read-only or gone).
    """
    from tqdm import tqdm

    guard = guard or _ANYTIME
    done = store.done
    outcome = Outcome(total=plan.n_runs, done=len(done), failed=sorted(i for i, s in done.items() if s == "failed"))
    todo = (i for i in range(plan.n_runs) if i not in done)
    window = 2 * executor.workers
    pending: dict = {}
    start = time.perf_counter()
    bar = None
    try:
        while True:
            for run_id in todo:
                run = plan.run(run_id)
                with guard.interruptible():
                    future = executor.submit(run_one, *plan.task(run))
                pending[future] = run
                if len(pending) >= window:
                    break
            if bar is None:  # after the first submit: a forked pool starts before tqdm's thread
                bar = tqdm(total=plan.n_runs, initial=outcome.done, desc=plan.spec.name, unit="run",
                           disable=not progress, dynamic_ncols=True)
                bar.set_postfix(failed=len(outcome.failed))
            if not pending:
                break
            with guard.interruptible():
                finished, _ = executor.wait(pending)
            for future in finished:
                run = pending.pop(future)
                try:
                    _, status, error, series = future.result()
                except BrokenProcessPool:
                    raise UserError("a worker process died (out of memory?); the finished runs are saved: run "
                                    "the same command again to resume", exit_code=1) from None
                except Exception as exc:  # noqa: BLE001 - e.g. dask's KilledWorker: the run failed
                    status, error, series = "failed", f"{type(exc).__name__}: {exc}"[:MAX_ERROR], None
                store.record(plan, run, status, error, series)
                outcome.done += 1
                outcome.ran += 1
                if status == "failed":
                    outcome.failed.append(run.run_id)
                    bar.set_postfix(failed=len(outcome.failed))
                bar.update()
            guard.check()
        outcome.complete = True
    finally:
        for future in pending:
            future.cancel()
        if bar is not None:
            bar.close()
        outcome.seconds = time.perf_counter() - start
        outcome.failed.sort()
    return outcome


class _Anytime:
    """The guard of a run loop without one: Ctrl-C raises wherever it lands."""

    def check(self) -> None:
        pass

    def interruptible(self):
        return contextlib.nullcontext()


_ANYTIME = _Anytime()
