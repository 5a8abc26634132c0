"""Run one workload in a fresh process and print its wall time and peak memory as JSON.

``python -m bench.child FIRMS WORKERS STEPS [--arrays]`` (used by :mod:`bench.scaling`).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path

from bench.sizes import Population
from bench.workloads import time_model


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` would carry over the size of
    the parent at the time it forked this process.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("firms", type=int)
    parser.add_argument("workers", type=int)
    parser.add_argument("steps", type=int)
    parser.add_argument("--arrays", action="store_true", help="skip worker agent views")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    base = peak_rss_mb()
    result = time_model(Population(args.firms, args.workers, args.steps), seed=args.seed, views=not args.arrays)
    result.update(peak_rss_mb=peak_rss_mb(), start_rss_mb=base)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
