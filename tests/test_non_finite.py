"""Issue 14: scenarios that once produced NaN (``Probabilities contain NaN``, a summary with ``nan%``).

Each file in ``tests/data/non_finite`` must either finish with finite numbers
everywhere or stop with a named collapse (exit 2, one message, no traceback,
nothing written); never a NaN in the output, the files or the exit status 0
with an undefined number.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.economy import EconomyModel
from model.scenario_io import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "data" / "non_finite").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_runs_finish_finite_or_stop_with_a_named_collapse(path, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "run.py", "run", str(path), "--out", str(out), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    assert "nan" not in text.lower().replace("financ", "")
    if proc.returncode == 0:
        frame = pd.read_csv(out / "timeseries.csv")
        numbers = frame.select_dtypes("number")
        assert np.isfinite(numbers.to_numpy()).all(), numbers.columns[~np.isfinite(numbers).all()].tolist()
    else:
        assert proc.returncode == 2, text
        assert "error: step" in text and "collapse" in text.lower() or "not viable" in text
        assert not out.exists()


def test_a_class_with_almost_no_workers_gets_at_least_one_planned_unit_per_firm():
    """At the cause: firms of a class with mean_workers 1e-6 start with no staff but plan output, finite prices."""
    scenario = load_scenario(ROOT / "tests" / "data" / "non_finite" / "tiny_size_class.yaml")
    model = EconomyModel(scenario)
    firms = model.firms
    tiny = firms.size == 0
    assert tiny.any()
    assert (firms.headcount[tiny].sum(axis=1) == 0).mean() > 0.9  # almost no workers, as the class says
    assert np.all(firms.planned[tiny] > 0)
    for values in (firms.price, firms.share, firms.output, firms.planned):
        assert np.isfinite(values).all()
    for _ in range(4):
        model.step()
    record = model.records[-1]
    assert all(math.isfinite(v) for v in record.values() if isinstance(v, float))
