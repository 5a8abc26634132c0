"""Executors: where runs happen. All three share one tiny interface, so the runner has one code path.

``submit(fn, *args) -> future`` starts a call; ``wait(futures) -> (done, not_done)``
returns as soon as one has finished; ``future.result()`` gives its value;
``close()`` stops the workers. Results never depend on the executor: a run's
numbers come from its own seed only.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures

from model.errors import UserError


class SerialExecutor:
    """Runs each call at once in this process (``--workers 1``)."""

    name = "serial"
    workers = 1

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future

    def wait(self, futures):
        return set(futures), set()

    def close(self, cancel: bool = False) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        self.close(cancel=kind is not None)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the sweep process is gone (even after SIGKILL).

    Ctrl-C is left to the sweep process, which lets the runs in progress finish and saves them.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


class LocalExecutor(SerialExecutor):
    """A pool of processes on this machine.

    Workers are forked where the OS allows it (Linux): they inherit the model
    already imported by this process and start at once; ``import mesa`` makes
    "spawn" the default start method, which would re-import everything (several
    seconds) in every worker. The pool is created before any thread is started.
    Elsewhere the pool uses "spawn".
    """

    name = "local"

    def __init__(self, workers: int):
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                        initializer=_exit_with_parent, initargs=(os.getpid(),))

    def submit(self, fn, *args) -> Future:
        return self.pool.submit(fn, *args)

    def wait(self, futures):
        return wait_futures(futures, return_when=FIRST_COMPLETED)

    def close(self, cancel: bool = False) -> None:
        """Stop the pool; with ``cancel`` (Ctrl-C, a failure) the runs in progress are abandoned at once."""
        if cancel:
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=cancel)


class DaskExecutor(SerialExecutor):
    """A ``dask.distributed`` cluster: the one at ``scheduler``, or a new ``LocalCluster`` of ``workers`` processes.

    Workers of a remote cluster need this package installed (``pip install -e .``).
    """

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UserError("--executor dask: dask.distributed is not installed; "
                            "pip install 'dask[distributed]' (or use --executor local)") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise UserError(f"--scheduler {scheduler}: cannot connect to a dask scheduler ({exc})") from None
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def wait(self, futures):
        from distributed import wait

        result = wait(list(futures), return_when="FIRST_COMPLETED")
        return result.done, result.not_done

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def default_workers() -> int:
    """As many workers as cores."""
    return max(1, os.cpu_count() or 1)


def make_executor(kind: str = "local", workers: int | None = None, scheduler: str | None = None):
    """The executor for ``--executor KIND --workers N [--scheduler ADDRESS]``.

    ``local`` with one worker runs in this process (no pool).
    """
    workers = workers or default_workers()
    if kind == "dask":
        return DaskExecutor(workers, scheduler)
    if scheduler:
        raise UserError(f"--scheduler {scheduler}: only used with --executor dask")
    return SerialExecutor() if workers == 1 else LocalExecutor(workers)
