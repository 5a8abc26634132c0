"""How much memory this process may still take: the lowest of three limits.

* the machine's free memory (``MemAvailable`` in ``/proc/meminfo``);
* the process's address-space limit (``ulimit -v``, ``RLIMIT_AS``) minus the address space it already uses;
* the memory limit of its control group (cgroup v2 ``memory.max``, or v1 ``memory.limit_in_bytes``, of its own
  group and every parent) minus what the group already uses (page cache that can be dropped not counted).

A run whose estimated need is above 90% of that is refused before it starts, with a message naming the limit,
instead of dying later with a ``MemoryError`` or an out-of-memory kill. A sweep checks the runs it keeps in
flight at once (one per worker) together.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

from model.errors import UserError

#: Share of the available memory a run (or a sweep's concurrent runs) may plan to use.
HEADROOM = 0.9
#: Limits at or above this are "no limit" (cgroup v1 writes 2**63 rounded down to a page).
UNLIMITED = 2**60
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")


@dataclass(frozen=True)
class Budget:
    """Memory still available (bytes) and the limit that sets it."""

    bytes: int
    source: str


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except (OSError, ValueError):
        return None


def _number(text: str | None) -> int | None:
    try:
        value = int(text.split()[0]) if text else None
    except (ValueError, IndexError):
        return None
    return value if value is not None and 0 <= value < UNLIMITED else None


def _stat(path: Path, key: str) -> int:
    for line in (_read(path) or "").splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return _number(value) or 0
    return 0


def free_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """The machine's ``MemAvailable`` (bytes), or None if unknown."""
    for line in (_read(meminfo) or "").splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def address_space_left(status: Path = Path("/proc/self/status")) -> int | None:
    """``RLIMIT_AS`` (soft) minus this process's address space (``VmSize``), or None without a limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft < 0:
        return None
    used = next((int(line.split()[1]) * 1024 for line in (_read(status) or "").splitlines()
                 if line.startswith("VmSize:")), 0)
    return max(soft - used, 0)


def _groups(proc_cgroup: Path) -> tuple[str | None, str | None]:
    """This process's cgroup v2 path and v1 memory-controller path (from ``/proc/self/cgroup``)."""
    v2 = v1 = None
    for line in (_read(proc_cgroup) or "").splitlines():
        parts = line.strip().split(":", 2)
        if len(parts) != 3:
            continue
        hierarchy, controllers, path = parts
        if hierarchy == "0" and controllers == "":
            v2 = path
        elif "memory" in controllers.split(","):
            v1 = path
    return v2, v1


def _chain(base: Path, group: str | None) -> list[Path]:
    """The group's folder and its parents up to ``base`` (only those that exist); ``base`` alone if unknown."""
    if not group:
        return [base]
    folder = base / group.lstrip("/")
    chain = [folder, *folder.parents]
    chain = [p for p in chain if p == base or base in p.parents]
    return [p for p in chain if p.is_dir()] or [base]


def cgroup_memory_left(root: Path = CGROUP_ROOT, proc_cgroup: Path = PROC_CGROUP) -> int | None:
    """The tightest cgroup memory limit over this process's group and its parents, minus what each uses.

    cgroup v2: ``memory.max`` - (``memory.current`` - ``inactive_file`` of ``memory.stat``); v1 (under
    ``<root>/memory``): ``memory.limit_in_bytes`` - (``memory.usage_in_bytes`` - ``total_inactive_file``).
    None when no limit is set or nothing can be read.
    """
    v2, v1 = _groups(proc_cgroup)
    left = []
    if (root / "cgroup.controllers").exists():
        for folder in _chain(root, v2):
            limit = _number(_read(folder / "memory.max"))
            if limit is not None:
                used = (_number(_read(folder / "memory.current")) or 0) - _stat(folder / "memory.stat",
                                                                                  "inactive_file")
                left.append(max(limit - max(used, 0), 0))
    if (root / "memory").is_dir():
        for folder in _chain(root / "memory", v1):
            limit = _number(_read(folder / "memory.limit_in_bytes"))
            if limit is not None:
                used = (_number(_read(folder / "memory.usage_in_bytes")) or 0) - _stat(folder / "memory.stat",
                                                                                        "total_inactive_file")
                left.append(max(limit - max(used, 0), 0))
    return min(left) if left else None


def available_memory() -> Budget | None:
    """The lowest of free memory, address space left and cgroup memory left, with its source; None if unknown."""
    found = [Budget(value, source) for value, source in (
        (free_memory(), "free memory of this machine, MemAvailable"),
        (address_space_left(), "address-space limit of this process, ulimit -v"),
        (cgroup_memory_left(), "memory limit of this container or control group, cgroup"),
    ) if value is not None]
    return min(found, key=lambda b: b.bytes) if found else None


def check_memory_need(need: int, what: str, *, concurrent: int = 1, fix: str = "use a smaller population") -> None:
    """Refuse, with one clear message, ``concurrent`` runs of ``need`` bytes each that do not fit.

    Args:
        need: Estimated peak bytes of one run.
        what: What the run is, for the message (e.g. ``population.firms=600000, population.workers=6000000``).
        concurrent: Runs held in memory at once (a sweep's or comparison's workers).
        fix: What the user can do, for the message.

    Raises:
        UserError: (exit status 2) when ``concurrent * need`` is above 90% of :func:`available_memory`.
    """
    budget = available_memory()
    total = need * concurrent
    if budget is None or total <= HEADROOM * budget.bytes:
        return
    runs = f"{concurrent} runs at once x about {need / 2**30:.1f} GiB = {total / 2**30:.1f} GiB" if concurrent > 1 \
        else f"a run needs about {need / 2**30:.1f} GiB"
    raise UserError(f"{what}: {runs}, but only {budget.bytes / 2**30:.1f} GiB of memory is available "
                    f"(set by the {budget.source}); {fix}")
