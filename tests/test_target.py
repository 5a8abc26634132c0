"""``run.py target``: finds a known cheapest answer, resumes to the same front, writes a reproducible chosen mix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from model.cli import main
from model.target.problem import build_problem, score_futures, summarise
from model.target.search import EXIT_ENV, TargetSearch

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "scenarios" / "baseline.yaml"
TINY = {"population.firms": 60, "population.workers": 600, "steps": 12}
#: adoption_index_sme at the end rises with the SME subsidy's rate; the cheapest rate reaching 0.55 in both futures is
#: the answer (0.6: the lower future's index is 0.537 at rates 0-0.5 and 0.556 at 0.6-0.9 with inventories,
#: 2026-12-05; with 0.46 the answer was 0.7 since the handoff of 2026-12-05's second stop, when the lower future's
#: index was 0.43 at rate 0, 0.44 at 0.1-0.6 and 0.48 at 0.7-0.9; 0.5 until then, 0.55 until the fit of 2026-12-05 slowed adoption, 0.7 until
#: the 32-quarter burn-in, which left the top rate the cheapest). The test is of the search, not of the economy.
MONO = {"name": "mono", "base": str(BASE), "set": TINY, "seed": 3,
        "levers": {"sme_subsidy": {"rate": {"bounds": [0.0, 0.9], "step": 0.1}}},
        "futures": {"samples": 1, "seeds": 2},
        "targets": [{"metric": "adoption_index_sme", "at": "end", "min": 0.55}],
        "robustness": 1.0, "search": {"trials": 20, "population": 4, "seed": 0}}


def write_spec(folder: Path, spec: dict, name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def mono(tmp_path_factory):
    """The one-lever search, run once."""
    folder = tmp_path_factory.mktemp("mono")
    spec = write_spec(folder, MONO)
    status = main(["target", str(spec), "--out", str(folder / "out"), "--workers", "1", "--quiet"])
    return spec, folder / "out", status


def test_finds_the_known_cheapest_rate(mono, tmp_path):
    spec, out, status = mono
    assert status == 0
    # the answer by brute force: every rate on the grid, in the same futures
    problem = build_problem(spec)
    feasible = {}
    with TargetSearch(problem, tmp_path / "grid") as grid:
        for i in range(10):
            params = {"sme_subsidy.rate": round(0.1 * i, 12)}
            folder = grid.runs_folder(i)
            grid._run_candidate(i, params, make_serial(), _NoGuard(), folder)
            result = summarise(score_futures(problem, folder))
            feasible[params["sme_subsidy.rate"]] = (result["robustness"] == 1.0, result["cost"])
    cheapest = min(rate for rate, (ok, _) in feasible.items() if ok)
    assert 0 < cheapest < 0.9  # a real threshold inside the range
    assert all(ok for rate, (ok, _) in feasible.items() if rate >= cheapest)  # monotone: every dearer rate holds
    chosen = yaml.safe_load((out / "chosen_mix.yaml").read_text())
    assert chosen["policies"][-1] == {"lever": "sme_subsidy", "rate": cheapest}
    trials = pd.read_csv(out / "trials.csv")
    row = trials[trials["chosen"]].iloc[0]
    assert row["cost"] == pytest.approx(feasible[cheapest][1], rel=1e-12)
    assert row["robustness"] == 1.0


def test_chosen_mix_yaml_reproduces_the_reported_outcome_with_run(mono, tmp_path):
    _, out, _ = mono
    futures = pd.read_csv(out / "chosen_futures.csv")
    first = futures.iloc[0]
    args = first["command"].split()[2:]  # drop "python run.py"
    assert args[0] == "run" and args[1] == str(out / "chosen_mix.yaml")
    assert main([*args, "--out", str(tmp_path / "run"), "--quiet"]) == 0
    series = pd.read_csv(tmp_path / "run" / "timeseries.csv")
    assert series["policy_spending_cumulative"].iloc[-1] == pytest.approx(first["cost"], rel=1e-8)
    assert series["tfp_index"].iloc[-1] == pytest.approx(first["outcome"], rel=1e-8)
    assert series["adoption_index_sme"].iloc[-1] == pytest.approx(first["target_0"], rel=1e-8)


def test_report_front_and_files(mono):
    _, out, _ = mono
    for name in ("trials.csv", "front.csv", "futures.csv", "chosen_futures.csv", "front.png", "report.md",
                 "report.html", "study.sqlite3"):
        assert (out / name).is_file(), name
    front = pd.read_csv(out / "front.csv")
    costs = front.loc[front["front_robustness"]].sort_values("cost")
    assert costs["robustness"].is_monotonic_increasing  # a front: paying more buys robustness
    assert "Cheapest mix" in (out / "report.md").read_text()


def make_serial():
    from model.sweep.executors import SerialExecutor

    return SerialExecutor()


class _NoGuard:
    def check(self):
        pass

    def interruptible(self):
        import contextlib

        return contextlib.nullcontext()


RESUME = {**MONO, "name": "resume", "search": {"trials": 8, "population": 4, "seed": 5},
          "levers": {"sme_subsidy": {"rate": [0.0, 0.9], "start": ["2025Q2", "2026Q1"]}},
          "uncertainties": {"adoption.bass_q": [0.1, 0.3]}}


def _cli(spec: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run.py"), "target", str(spec), "--out", str(out),
                           "--workers", "1", "--quiet"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_killed_and_resumed_search_ends_with_the_same_front(tmp_path):
    spec = write_spec(tmp_path, RESUME)
    assert _cli(spec, tmp_path / "whole").returncode in (0, 1)
    killed = _cli(spec, tmp_path / "resumed", {EXIT_ENV: "5"})
    assert killed.returncode == 137  # died after asking trial 5, as a kill would
    assert not (tmp_path / "resumed" / "trials.csv").exists()
    again = _cli(spec, tmp_path / "resumed")
    assert again.returncode in (0, 1), again.stderr
    whole = pd.read_csv(tmp_path / "whole" / "trials.csv")
    resumed = pd.read_csv(tmp_path / "resumed" / "trials.csv")
    assert len(whole) == 8
    pd.testing.assert_frame_equal(whole, resumed)
    assert (tmp_path / "whole" / "front.csv").read_text() == (tmp_path / "resumed" / "front.csv").read_text()


def test_a_failing_run_is_recorded_and_the_search_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("DTABM_SWEEP_FAIL_RUNS", "0")  # future 0 of every candidate fails
    spec = write_spec(tmp_path, {**MONO, "search": {"trials": 3, "population": 2, "seed": 0}})
    status = main(["target", str(spec), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"])
    assert status == 1  # no mix holds in every future when one always fails
    trials = pd.read_csv(tmp_path / "out" / "trials.csv")
    assert len(trials) == 3 and (trials["failed_runs"] == 1).all()
    assert (trials["robustness"] <= 0.5).all()
    assert trials["error"].str.contains("made to fail").all()


@pytest.mark.parametrize("change, expected", [
    ({"levers": {"sme_subsidy": {"rate": [0.5, 0.2]}}}, "levers.sme_subsidy.rate: the range is empty or reversed"),
    ({"levers": {"sme_subsidy": {"rate": [0.3, 0.3]}}}, "levers.sme_subsidy.rate: the range is empty or reversed"),
    ({"levers": {"sme_subsidi": {"rate": [0, 0.5]}}}, "levers.sme_subsidi: no such lever; did you mean 'sme_subsidy'"),
    ({"levers": {"sme_subsidy": {"rat": [0, 0.5]}}}, "levers.sme_subsidy.rat: sme_subsidy has no parameter 'rat'"),
    ({"levers": {"sme_subsidy": {"rate": [0, 2]}}}, "levers.sme_subsidy.rate: 2.0 is not a valid sme_subsidy"),
    ({"uncertainties": {"adoption.bass_q": [0.3, 0.1]}}, "uncertainties.adoption.bass_q: the range is empty"),
    ({"uncertainties": {"adoption.bass_qq": [0.1, 0.3]}}, "uncertainties.adoption.bass_qq: unknown key; did you mean"),
    ({"uncertainties": {"adoption.hazard": [0.1, 3]}}, "uncertainties.adoption.hazard: Input should be less than or "
                                                       "equal to 1 (got 3.0) (at the high ends of the ranges)"),
    ({"levers": {"sme_subsidy": {"rate": [0, 0.5], "start": ["2024Q1", "2026Q1"]}}},
     "levers.sme_subsidy: start: 2024Q1 is before the scenario start 2025Q1"),
    ({"base": "no_such.yaml"}, "base: no_such.yaml"),
    ({"targets": [{"metric": "unemployment_rat", "at": "end", "max": 0.1}]}, "targets.0.metric: unknown metric"),
    ({"targets": [{"metric": "unemployment_rate", "at": "2040Q1", "max": 0.1}]}, "targets.0.at: 2040Q1 is outside"),
])
def test_bad_spec_is_refused_with_one_line_and_nothing_written(tmp_path, capsys, change, expected):
    spec = write_spec(tmp_path, {**MONO, **change})
    assert main(["target", str(spec), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(spec) in err and expected in err, err
    assert not (tmp_path / "out").exists()


def test_two_searches_cannot_write_one_folder(tmp_path, capsys):
    from model.sweep.atomic import take_lock

    spec = write_spec(tmp_path, MONO)
    (tmp_path / "out").mkdir()
    lock = take_lock(tmp_path / "out", "held")
    try:  # a POSIX lock is per process: a second process must be refused
        other = _cli(spec, tmp_path / "out")
    finally:
        lock.close()
    assert other.returncode == 2
    assert "another target search is writing to this folder right now" in other.stderr


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios" / "targets").glob("*.yaml")))
def test_example_specs_are_valid(path):
    problem = build_problem(path)
    assert problem.dims and len(problem.futures) >= 2


def test_results_identical_on_local_pool_and_dask(tmp_path):
    spec = write_spec(tmp_path, {**MONO, "search": {"trials": 3, "population": 2, "seed": 0}})
    for executor in ("local", "dask"):
        assert main(["target", str(spec), "--out", str(tmp_path / executor), "--executor", executor,
                     "--workers", "2", "--quiet"]) in (0, 1)
    assert (tmp_path / "local" / "trials.csv").read_bytes() == (tmp_path / "dask" / "trials.csv").read_bytes()


def test_a_changed_spec_is_refused_in_the_same_folder(mono, tmp_path, capsys):
    spec, out, _ = mono
    changed = write_spec(tmp_path, {**MONO, "targets": [{"metric": "adoption_index_sme", "at": "end", "min": 0.6}]})
    before = sorted(p.name for p in out.iterdir())
    assert main(["target", str(changed), "--out", str(out), "--quiet"]) == 2
    assert "holds the search of another spec" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == before


def test_chosen_mix_is_accepted_by_compare(mono, tmp_path):
    _, out, _ = mono
    assert main(["compare", str(out / "chosen_mix.yaml"), str(BASE), "--seeds", "2", "--steps", "4", "--workers", "1",
                 "--set", "population.firms=40", "--set", "population.workers=400", "--out", str(tmp_path / "cmp"),
                 "--quiet"]) == 0
    assert (tmp_path / "cmp" / "report.md").is_file()


def test_a_finished_search_rewrites_its_report_in_chinese_without_running(mono, tmp_path):
    import shutil

    spec, out, _ = mono
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    runs = sorted(p.name for p in (copy / "runs").iterdir())
    assert main(["target", str(spec), "--out", str(copy), "--lang", "zh", "--quiet"]) == 0
    text = (copy / "report.md").read_text(encoding="utf-8")
    assert "最低成本组合" in text and "帕累托前沿" in text
    assert "最低成本组合" in (copy / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (copy / "runs").iterdir()) == runs  # nothing ran again
    assert (copy / "trials.csv").read_bytes() == (out / "trials.csv").read_bytes()
