"""Ctrl-C (SIGINT) at a moment of our choosing: work in progress may be abandoned, saving never is.

While an :class:`InterruptGuard` is active, a SIGINT is only noted, except inside
:meth:`InterruptGuard.interruptible` blocks (waiting for runs, or a run in this
process), where it raises ``KeyboardInterrupt`` at once. So a sweep stops
between two writes, never in the middle of one, and gathers its results with
every further Ctrl-C noted and ignored until it is done.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class InterruptGuard:
    """Defer SIGINT (see the module docstring). Use as a context manager; a no-op outside the main thread.

    Attributes:
        requested: SIGINTs received while active.
    """

    def __init__(self):
        self.requested = 0
        self._open = 0
        self._previous = None
        self._active = False

    def _handle(self, signum, frame) -> None:
        self.requested += 1
        if self._open and self.requested == 1:
            raise KeyboardInterrupt

    def __enter__(self) -> InterruptGuard:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._active = True
        return self

    def __exit__(self, *exc) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.default_int_handler)
            self._active = False

    def check(self) -> None:
        """Raise ``KeyboardInterrupt`` if a SIGINT was noted."""
        if self.requested:
            raise KeyboardInterrupt

    @contextmanager
    def interruptible(self):
        """A block a SIGINT may cut short (raising ``KeyboardInterrupt`` inside it)."""
        self.check()
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1


@contextmanager
def deferred_interrupts():
    """Run a block to its end whatever SIGINTs arrive; raise ``KeyboardInterrupt`` after it if any did."""
    with InterruptGuard() as guard:
        yield guard
    guard.check()
