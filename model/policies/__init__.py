"""Policy levers: one module per lever, each registered on import.

``python run.py list`` shows every lever with its parameters and meaning.
"""

import importlib
import pkgutil

from model.policies.base import LEVERS, Lever, register  # noqa: F401


def _load_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name not in {"base", "effects"}:
            importlib.import_module(f"{__name__}.{info.name}")


_load_all()
