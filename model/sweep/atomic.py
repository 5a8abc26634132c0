"""All-or-nothing writes and the folder lock that keep a results folder whole.

:func:`atomic_write` writes under a temporary name (``.tmp-<name>``) and moves the file into place with
``os.replace``, so a file either exists whole or not at all. :func:`take_lock` stops two processes from
writing to one folder at once. Sweeps, their summaries and sensitivity analyses, and target searches use both.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from model.errors import UserError

#: Prefix of the temporary name a file is written under before it is moved into place.
TMP = ".tmp-"


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` then move the result to ``path`` (all or nothing)."""
    tmp = path.with_name(TMP + path.name)
    if os.path.lexists(tmp):  # a leftover, or a planted link: never write through it
        os.unlink(tmp)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def take_lock(folder: Path, busy: str) -> IO[str] | None:
    """Lock ``folder`` for this process (``folder/.lock``); return the open lock file (None where there is no fcntl).

    The lock is a POSIX record lock: held by this process only, not by forked workers, and gone when the process
    dies (even after SIGKILL). Close the returned file to release it.

    Raises:
        UserError: ``--out FOLDER: <busy>`` when another process holds it, or the lock file cannot be used.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return None
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:  # never follow a planted link, never block on a planted FIFO
        fd = os.open(Path(folder) / ".lock", flags, 0o644)
    except OSError as exc:
        raise UserError(f"--out {folder}: cannot use {Path(folder) / '.lock'} ({exc.strerror}); remove it") from None
    handle = os.fdopen(fd, "w")
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise UserError(f"--out {folder}: {busy}") from None
    return handle
