"""Shared fixtures: small economies that run in a fraction of a second."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from fuzz_support import NO_SHRINK

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser_or_skip() -> None:
    """Skip a test that needs playwright and Debian's chromium when either is missing (fail with REQUIRE_BROWSER=1)."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (pip install playwright)"
    if reason is None and not CHROMIUM:
        reason = "no chromium on PATH (Debian: apt-get install chromium)"
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


# The default for any @given test (each one also names its own bounds with fuzz_support.fuzz_settings): few
# examples, a deadline, derandomized, no database and no shrinking, so a found bug never costs minutes.
settings.register_profile("suite", max_examples=50, deadline=20_000, derandomize=True, database=None,
                          phases=NO_SHRINK)
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"population": {"firms": 300, "workers": 3000}, "steps": 12}


def small_scenario(**sections):
    """A validated small scenario; keyword arguments override sections (nested dicts)."""
    from model.scenario_io import scenario_from_dict

    data = {"population": dict(SMALL["population"]), "steps": SMALL["steps"]}
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return scenario_from_dict(data)


def run_cli(*args, cwd=None, timeout=300):
    """Run ``python run.py ARGS`` and return the completed process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture
def small():
    return small_scenario
