"""Errors a user can cause and fix: they print as one clear message, never a traceback.

Exit statuses of the command line (docs/reliability.md, "Exit statuses"):

====  =====================================================================
0     everything done
1     some runs of a sweep failed (the others are stored), or a validation target missed
2     bad input: a file, key, value, path or option; nothing is run or written
3     the disk is full (or a file size or quota limit was hit) while writing
4     the output folder cannot be written (read-only, permissions) while writing
5     the output folder vanished (deleted or unmounted) while writing
130   interrupted (Ctrl-C); a sweep saves what is finished first
====  =====================================================================
"""

from __future__ import annotations

import errno
import os

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_DISK_FULL = 3
EXIT_NOT_WRITABLE = 4
EXIT_VANISHED = 5
EXIT_INTERRUPTED = 130

#: errno values meaning "no room left", "folder cannot be written", "folder is gone"
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
VANISHED_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ESTALE, errno.ENODEV})


class UserError(Exception):
    """A problem with the user's input (file, key, value, path).

    Args:
        message: What is wrong, where, and what would be valid.
        exit_code: Process exit status the command line returns (2: bad input).
    """

    #: the word the command line prints before the message
    label = "error"

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message, exit_code)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ScenarioError(UserError):
    """A scenario file or override that cannot be read or does not validate."""


class StorageError(UserError):
    """Writing results failed part-way (disk full, folder read-only or gone); exit status by cause."""


class Interrupted(UserError):
    """The user pressed Ctrl-C; what was finished is saved (exit status 130)."""

    label = "interrupted"

    def __init__(self, message: str, exit_code: int = EXIT_INTERRUPTED):
        super().__init__(message, exit_code)


class EconomyCollapse(UserError):
    """The simulated economy collapsed or produced a non-finite number (see :mod:`model.guards`).

    Args:
        message: What fell below which floor, at which step.
        step: The step (quarter index) at which it was detected.
        quantity: The quantity that failed (a metric name, e.g. ``gdp`` or ``labour_share``).
    """

    def __init__(self, message: str, step: int = -1, quantity: str = "", exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message, exit_code)
        self.args = (message, step, quantity, exit_code)  # so it crosses process boundaries whole
        self.step = step
        self.quantity = quantity


def storage_error(exc: OSError, doing: str, after: str = "") -> StorageError:
    """The :class:`StorageError` for an ``OSError`` raised while ``doing`` something: message and exit status by cause.

    Args:
        exc: The error the operating system gave.
        doing: What was being written, e.g. ``"--out outputs/x: cannot write results"``.
        after: A sentence to append (what is saved, how to resume).
    """
    reason = os.strerror(exc.errno) if exc.errno else exc.strerror or str(exc) or type(exc).__name__
    if exc.errno in DISK_FULL_ERRNOS:
        code, cause = EXIT_DISK_FULL, f"disk full ({reason})"
    elif exc.errno in VANISHED_ERRNOS:
        code, cause = EXIT_VANISHED, f"the folder is gone ({reason})"
    else:
        code, cause = EXIT_NOT_WRITABLE, f"cannot write ({reason})"
    return StorageError(f"{doing}: {cause}" + (f"; {after}" if after else ""), exit_code=code)
