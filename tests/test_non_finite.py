"""Issue 14: scenarios that once produced NaN (``Probabilities contain NaN``, a summary with ``nan%``).

The cause: AI may take ``frontier.max_ai_share * ai_capability`` of routine
cognitive tasks, and a firm's routine cognitive input is its staff's time over
``1 - share``. With ``max_ai_share: 1`` at full capability that is 0/0 for a
firm without staff (every firm of a size class with ``mean_workers: 1e-06``),
a NaN that reached output, prices and the gig platforms' choice probabilities.
``max_ai_share`` must now be below 1 (AI does a share, people the rest).

* ``tests/data/non_finite/*.yaml`` must run to the end (exit 0) with finite
  numbers everywhere and no ``nan`` in what is printed or written;
* ``collapse/*.yaml`` (one to five workers in all) may instead stop with a
  named collapse (exit 2, one message, nothing written), never NaN;
* ``refused/*.yaml`` (the original reproducer) is bad input: exit 2 naming
  the key, no traceback, nothing written.
"""

from __future__ import annotations

import re

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from conftest import small_scenario
from model.cli.run_cmd import SUMMARY_ROWS, format_summary
from model.config import Scenario
from model.economy import EconomyModel
from model.errors import EconomyCollapse
from model.production import automation_rho, firm_task_inputs, task_aggregate, task_weights
from model.scenario_io import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "non_finite"
CASES = sorted(DATA.glob("*.yaml"))
COLLAPSE = sorted((DATA / "collapse").glob("*.yaml"))
REFUSED = sorted((DATA / "refused").glob("*.yaml"))


def _run(path: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, str]:
    proc = subprocess.run([sys.executable, "run.py", "run", str(path), "--out", str(out), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    return proc, proc.stdout + proc.stderr


def _no_nan(text: str) -> bool:
    return "nan" not in text.lower().replace("financ", "")


def test_the_reproducers_are_there():
    assert len(CASES) >= 2 and len(COLLAPSE) >= 3 and REFUSED


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_runs_finish_with_finite_numbers(path, tmp_path):
    out = tmp_path / "out"
    proc, text = _run(path, out)  # with the summary table printed
    assert proc.returncode == 0, text
    assert "Traceback" not in text and _no_nan(text), text
    assert "results written to" in text
    frame = pd.read_csv(out / "timeseries.csv")
    numbers = frame.select_dtypes("number")
    assert np.isfinite(numbers.to_numpy()).all(), numbers.columns[~np.isfinite(numbers).all()].tolist()
    summary_text = (out / "summary.json").read_text()
    assert _no_nan(summary_text) and "Infinity" not in summary_text
    final = json.loads(summary_text)["final"]
    assert all(math.isfinite(v) for v in final.values() if isinstance(v, float))


@pytest.mark.parametrize("path", COLLAPSE, ids=lambda p: p.stem)
def test_tiny_economies_finish_finite_or_stop_with_a_named_collapse(path, tmp_path):
    out = tmp_path / "out"
    proc, text = _run(path, out, "--quiet")
    assert "Traceback" not in text and _no_nan(text), text
    if proc.returncode == 0:
        numbers = pd.read_csv(out / "timeseries.csv").select_dtypes("number")
        assert np.isfinite(numbers.to_numpy()).all()
    else:
        assert proc.returncode == 2, text
        assert "error: step" in text and ("collapse" in text.lower() or "not viable" in text)
        assert not out.exists()


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_ai_taking_all_routine_cognitive_tasks_is_refused_clearly(path, tmp_path):
    out = tmp_path / "out"
    proc, text = _run(path, out)
    assert proc.returncode == 2, text
    assert "Traceback" not in text and _no_nan(text)
    assert "frontier.max_ai_share" in text and "less than 1" in text
    assert text.count("error:") == 1 and not out.exists()


# -- at the cause ------------------------------------------------------------------------
def test_staffless_firms_have_finite_task_inputs_whatever_ais_share():
    """Firms without staff or with one skill only: finite, non-negative task inputs and aggregate, AI's share of
    routine cognitive tasks from 0 to nearly 1; a firm without staff runs no AI and has no tasks done."""
    model = EconomyModel(small_scenario(steps=0), seed=1)
    firms, n = model.firms, model.firms.n
    headcount = firms.headcount.copy()
    headcount[:4] = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    rho, rho_auto = np.full(n, 0.5), automation_rho(model.cfg.production)
    for share in (0.0, 0.5, 0.999999, 1 - 1e-12):
        weights = task_weights(model, ai_share=np.full(n, share))
        x = firm_task_inputs(model, headcount, np.zeros(n), np.ones(n), weights, rho, rho_auto)
        assert np.isfinite(x).all() and (x >= 0).all()
        assert (x[0] < 1e-6).all()  # no staff, no tasks: AI works beside people's tasks, not alone
        aggregate = task_aggregate(x, weights, rho, rho_auto)
        assert np.isfinite(aggregate).all() and (aggregate >= 0).all()
        assert (x[1:4, 2] > 0).all() == (share > 0)


def test_a_share_of_one_is_refused_by_the_schema():
    with pytest.raises(ValidationError, match="max_ai_share"):
        Scenario.model_validate({"frontier": {"max_ai_share": 1.0}})
    assert Scenario.model_validate({"frontier": {"max_ai_share": 0.999999}}).frontier.max_ai_share < 1


def test_a_class_with_almost_no_workers_gets_at_least_one_planned_unit_per_firm():
    """Firms of a class with mean_workers 1e-6 start with no staff but plan output; prices stay finite."""
    scenario = load_scenario(DATA / "tiny_size_class.yaml")
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


def test_staffless_firms_with_ai_at_full_capability_stay_finite():
    """The reproducer's economy (AI at 0.999999 of routine cognitive tasks): no NaN in any firm's numbers.

    While AI's share scaled people's routine cognitive time by 1 / (1 - share), this economy collapsed (by name)
    at step 1; with AI's tasks their own argument it runs on, and its numbers stay finite either way.
    """
    scenario = load_scenario(DATA / "collapse" / "nearly_all_ai_tiny_class.yaml")
    model = EconomyModel(scenario, agents=False)
    firms = model.firms
    assert (firms.headcount.sum(axis=1) == 0).any()
    try:
        model.step()
    except EconomyCollapse as exc:  # a named collapse is a legitimate end
        assert exc.step == 1 and "not viable" in exc.message
    for name in ("price", "output", "planned", "capital", "share", "cash"):
        assert np.isfinite(getattr(firms, name)).all(), name
    assert np.isfinite(model.platforms.demand_share[:model.n_gig]).all()


def test_the_summary_says_not_defined_instead_of_nan():
    final = {key: float("nan") for key, _, _ in SUMMARY_ROWS}
    final["tfp_index"] = None
    final["unemployment_rate"] = float("inf")
    text = format_summary(final)
    assert _no_nan(text) and not re.search(r"\binf\b", text.lower())
    assert text.count("–") == len(SUMMARY_ROWS)
    assert "12.0%" in format_summary({"unemployment_rate": 0.12})
