"""Input files the user names (scenarios, ``extends:`` parents, sweep specs, fonts): regular files only.

A FIFO would block a reader for ever, and ``/dev/zero`` or ``/dev/urandom``
never end; both report a size of 0. So a file is first looked at with
``os.stat`` (which opens nothing), refused unless it is a regular file of
bounded size, then opened without blocking and read up to the limit only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.errors import UserError

#: Largest scenario or sweep spec file read (bytes); a full scenario with 200 levers is about 40 kB.
MAX_INPUT_BYTES = 2_000_000

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a file of ``st_mode`` ``mode`` is, in words ("a regular file", "a named pipe (FIFO)", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_input_file(path: str | Path, what: str = "file", *, limit: int = MAX_INPUT_BYTES,
                     error: type[UserError] = UserError) -> os.stat_result:
    """Refuse ``path`` unless it is an existing regular file of at most ``limit`` bytes (nothing is opened).

    Args:
        path: The file (symbolic links are followed).
        what: What the file should be, for the message ("scenario file", "sweep spec").
        limit: Largest size accepted, in bytes.
        error: The error class to raise.

    Returns:
        The file's ``os.stat`` result.

    Raises:
        UserError: (or ``error``) naming the path and what it is: not found, a folder, a FIFO, a device, too large.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except NotADirectoryError:
        raise error(f"{path}: file not found (a part of the path is not a folder)") from None
    except (OSError, ValueError) as exc:
        raise error(f"{path}: cannot read file ({getattr(exc, 'strerror', None) or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: is {file_kind(info.st_mode)}, not a {what}; a {what} must be a regular file")
    if info.st_size > limit:
        raise error(f"{path}: file is {info.st_size} bytes; a {what} is at most {limit} bytes")
    return info


def read_input_file(path: str | Path, what: str = "file", *, limit: int = MAX_INPUT_BYTES,
                    error: type[UserError] = UserError) -> bytes:
    """The bytes of ``path`` after :func:`check_input_file`; never blocks, never reads more than ``limit`` bytes.

    The file is opened non-blocking and checked again through the open descriptor, so a file swapped for a FIFO or
    a device between the check and the read is refused too.
    """
    check_input_file(path, what, limit=limit, error=error)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"{path}: cannot read file ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: is {file_kind(info.st_mode)}, not a {what}; a {what} must be a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise error(f"{path}: cannot read file ({exc.strerror})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise error(f"{path}: file is over {limit} bytes; a {what} is at most {limit} bytes")
    return b"".join(chunks)
