"""The dashed line on every chart: the baseline economy, same population and seed, no policy.

Thirty students with the same settings share one reference run: each (firms, workers, quarters, seed)
gets one baseline :class:`~model.dashboard.params.DashboardModel`, stepped under a lock only as far as
some session has got, and the few most recently used are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

KEEP = 4  # reference runs kept (each a classroom economy, a few tens of MB)

_runs: OrderedDict[tuple, tuple[threading.Lock, object]] = OrderedDict()
_guard = threading.Lock()


def reference_records(firms: int, workers: int, quarters: int, seed: int, upto: int) -> list[dict]:
    """The baseline's metric records from step 0 to ``upto`` (same population and seed, no lever on).

    Args:
        firms: Firms of the session's economy.
        workers: Workers of the session's economy.
        quarters: Its horizon.
        seed: Its seed.
        upto: The last step wanted (the session's current step).
    """
    from model.dashboard.params import DashboardModel

    key = (firms, workers, quarters, seed)
    with _guard:
        if key not in _runs:
            _runs[key] = (threading.Lock(), None)
        _runs.move_to_end(key)
        while len(_runs) > KEEP:
            _runs.popitem(last=False)
        lock, _ = _runs[key]
    with lock:
        model = _runs.get(key, (lock, None))[1]
        if model is None:
            model = DashboardModel(firms=firms, workers=workers, quarters=quarters, seed=seed)
            with _guard:
                _runs[key] = (lock, model)
        while model.steps < min(upto, quarters):
            model.step()
        return model.records[:upto + 1]
