"""``python run.py run`` end to end: outputs, reproduction from the resolved scenario, and bad input."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from conftest import ROOT, run_cli

SMALL = ["--set", "population.firms=150", "--set", "population.workers=1500", "--steps", "6"]


@pytest.fixture(scope="module")
def baseline_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "baseline"
    proc = run_cli("run", ROOT / "scenarios/baseline.yaml", "--out", out, "--seed", "5", *SMALL)
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_run_writes_the_five_outputs(baseline_run):
    out, proc = baseline_run
    assert {p.name for p in out.iterdir()} == {"timeseries.csv", "accounts.csv", "summary.json",
                                               "scenario.resolved.yaml", "overview.png"}
    frame = pd.read_csv(out / "timeseries.csv")
    assert list(frame["step"]) == list(range(7))
    assert frame["period"].iloc[0] == "2025Q1" and frame["period"].iloc[-1] == "2026Q3"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["scenario"] == "baseline" and summary["seed"] == 5 and summary["steps"] == 6
    assert summary["version"] and summary["final"]["tfp_index"] == pytest.approx(frame["tfp_index"].iloc[-1])
    assert (out / "overview.png").stat().st_size > 10_000
    assert "TFP index" in proc.stdout and "unemployment rate" in proc.stdout
    assert re.search(r"books closed: largest gap \d(\.\d+)?e[-+]\d+ of GDP", proc.stdout), proc.stdout
    assert summary["books_gap"] < 1e-9


def test_accounts_csv_is_the_flow_matrix_of_every_step(baseline_run):
    """One row per step, sector and flow; every flow's row sums to zero within each step (payer = payee)."""
    out, _ = baseline_run
    accounts = pd.read_csv(out / "accounts.csv")
    assert list(accounts.columns) == ["step", "sector", "flow", "value"]
    assert set(accounts["step"]) == set(range(1, 7))
    from model.accounts import FLOWS, SECTORS
    assert set(accounts["sector"]) <= set(SECTORS) and set(accounts["flow"]) <= set(FLOWS)
    sums = accounts.groupby(["step", "flow"])["value"].sum()
    scale = accounts["value"].abs().max()
    assert (sums.abs() <= 1e-9 * scale).all(), sums[sums.abs() > 1e-9 * scale]
    for flow in ("wages", "consumption", "income_tax", "loan_interest", "dividends", "exports", "imports"):
        assert flow in set(accounts["flow"]), flow


def test_resolved_scenario_reproduces_the_run(baseline_run, tmp_path):
    out, _ = baseline_run
    proc = run_cli("run", out / "scenario.resolved.yaml", "--out", tmp_path / "again", "--quiet")
    assert proc.returncode == 0, proc.stderr
    first = (out / "timeseries.csv").read_text()
    assert (tmp_path / "again" / "timeseries.csv").read_text() == first


def test_default_output_folder_is_named_for_the_scenario(tmp_path):
    proc = run_cli("run", ROOT / "scenarios/baseline.yaml", "--quiet", *SMALL, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "outputs" / "baseline" / "timeseries.csv").exists()


BAD = {
    "unknown_key": ("population:\n  firmz: 10\n", ["population.firmz", "unknown key", "did you mean 'firms'",
                                                   "line 2"]),
    "wrong_type": ("population:\n  firms: many\n", ["population.firms", "integer", "line 2"]),
    "out_of_range": ("steps: -3\n", ["steps", "greater than or equal to 0", "line 1"]),
    "malformed": ("population: [firms: 3\n", ["malformed YAML", "line"]),
    "bad_lever": ("policies:\n  - lever: sme_subsidee\n", ["policies.0.lever", "did you mean 'sme_subsidy'"]),
    "bad_period": ("start: 2025Q7\n", ["start", "2027Q1"]),
    "python_tag": ("name: !!python/object/apply:os.system ['echo hi']\n", ["not allowed"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_scenario_gives_one_clear_error(case, tmp_path):
    text, expected = BAD[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    proc = run_cli("run", path, "--out", out)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error:")
    assert str(path) in proc.stderr
    for fragment in expected:
        assert fragment in proc.stderr, (fragment, proc.stderr)
    assert not out.exists()


def test_missing_file_and_bad_override(tmp_path):
    proc = run_cli("run", tmp_path / "nope.yaml", "--out", tmp_path / "o")
    assert proc.returncode == 2 and "file not found" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("run", ROOT / "scenarios/baseline.yaml", "--set", "labour.matching_eficiency=2",
                   "--out", tmp_path / "o")
    assert proc.returncode == 2 and "did you mean 'matching_efficiency'" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_extends_overrides_its_parent(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {ROOT / 'scenarios/baseline.yaml'}\nname: child\npopulation:\n  firms: 120\n")
    from model import load_scenario

    scenario = load_scenario(child)
    assert scenario.name == "child" and scenario.population.firms == 120
    assert scenario.population.workers == 20000  # inherited from the parent
    loop = tmp_path / "loop.yaml"
    loop.write_text("extends: loop.yaml\n")
    proc = run_cli("run", loop, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "cycle" in proc.stderr


def test_failed_write_leaves_no_folder_behind(tmp_path):
    from model.errors import UserError
    from model.outputs import staged_output

    out = tmp_path / "new" / "results"
    with pytest.raises(UserError, match="nothing was written"):
        with staged_output(out) as staging:
            (staging / "half.csv").write_text("a,b\n")
            raise OSError(28, "No space left on device")
    assert not (tmp_path / "new").exists()


def test_population_too_large_for_memory_is_refused(monkeypatch):
    from model import memory, runner
    from model.errors import UserError

    from conftest import small_scenario

    monkeypatch.setattr(memory, "available_memory", lambda: memory.Budget(200 * 2**20, "test budget"))
    with pytest.raises(UserError, match="population.firms=300, population.workers=3000: a run needs about"):
        runner.simulate(small_scenario())
