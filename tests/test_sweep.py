"""Sweeps: design sizes, seeds, identical results on every executor, failures isolated, kill and resume."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
import yaml

from conftest import ROOT

TINY = {"population.firms": 100, "population.workers": 1000, "steps": 6}


def write_spec(folder, name="tiny", **fields):
    """A small sweep spec on the baseline scenario; keyword arguments replace top-level keys."""
    spec = {"name": name, "base": str(ROOT / "scenarios" / "baseline.yaml"), "set": dict(TINY), "seed": 5,
            "replications": 2,
            "parameters": {"labour.matching_efficiency": {"values": [0.3, 0.7]},
                           "technology.ai.fixed_cost": {"bounds": [0.6, 1.8], "levels": 2}},
            "design": "grid", "metrics": ["tfp_index", "unemployment_rate"]}
    spec.update(fields)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def frames(out):
    return pd.read_parquet(out / "runs.parquet"), pd.read_parquet(out / "timeseries.parquet")


def assert_same_results(a, b):
    for left, right in zip(frames(a), frames(b)):
        pd.testing.assert_frame_equal(left, right, check_exact=True)


def sweep(spec, out, **kw):
    from model.sweep import build_plan, execute

    return execute(build_plan(spec), out, progress=False, **kw)


def cli(*args):
    from model.cli import main

    return main([str(a) for a in args])


# -- designs and seeds --------------------------------------------------------
@pytest.mark.parametrize("design, params, expected", [
    ("grid", {"a": {"values": [1, 2, 3]}, "b": {"bounds": [0, 1], "levels": 4}}, 12),
    ({"kind": "lhs", "samples": 7}, {"a": {"bounds": [0, 1]}, "b": {"bounds": [0, 1]}}, 7),
    ({"kind": "sobol", "samples": 8}, {"a": {"bounds": [0, 1]}, "b": {"bounds": [0, 1]},
                                       "c": {"bounds": [0, 1]}}, 8 * (3 + 2)),
    ({"kind": "sobol", "samples": 8, "second_order": True}, {"a": {"bounds": [0, 1]}, "b": {"bounds": [0, 1]},
                                                            "c": {"bounds": [0, 1]}}, 8 * (2 * 3 + 2)),
    ({"kind": "morris", "samples": 3}, {"a": {"bounds": [0, 1]}, "b": {"bounds": [0, 1]}}, 3 * (2 + 1)),
    ({"kind": "list", "points": [{"a": 1, "b": 0.5}, {"a": 2, "b": 0.1}]}, {}, 2),
])
def test_design_sizes(tmp_path, design, params, expected):
    from model.sweep.design import design_points, expected_size
    from model.sweep.spec import load_spec

    real = ["labour.matching_efficiency", "technology.ai.fixed_cost", "adoption.hazard"]
    rename = dict(zip("abc", real))
    params = {rename[k]: v for k, v in params.items()}
    if isinstance(design, dict) and design.get("points"):
        design = {**design, "points": [{rename[k]: v for k, v in p.items()} for p in design["points"]]}
    spec, _ = load_spec(write_spec(tmp_path, parameters=params, design=design))
    points = design_points(spec)
    assert len(points.points) == expected == expected_size(spec)
    assert len(set(points.points)) == expected or spec.design.kind == "morris"
    for name, values in zip(points.names, zip(*points.points)):
        if name in spec.parameters and spec.parameters[name].bounds:
            lo, hi = spec.parameters[name].bounds
            assert lo <= min(values) and max(values) <= hi


def test_lhs_is_a_latin_hypercube_and_integer_parameters_are_whole(tmp_path):
    from model.sweep.design import design_points
    from model.sweep.spec import load_spec

    spec, _ = load_spec(write_spec(tmp_path, design={"kind": "lhs", "samples": 10}, parameters={
        "labour.matching_efficiency": {"bounds": [0.2, 1.2]},
        "population.gig_platforms": {"bounds": [1, 5], "integer": True}}))
    points = design_points(spec)
    strata = sorted(int((v - 0.2) / 0.1) for v, _ in points.points)
    assert strata == list(range(10))  # one point in each tenth of the range
    assert all(isinstance(g, int) and 1 <= g <= 5 for _, g in points.points)
    assert design_points(spec).points == points.points  # same seed, same design


def test_run_seeds_come_from_spawned_seed_sequences(tmp_path):
    from model.sweep.plan import build_plan

    plan = build_plan(write_spec(tmp_path))
    children = np.random.SeedSequence(5).spawn(plan.n_runs)
    seeds = [plan.run(i).seed for i in range(plan.n_runs)]
    assert seeds == [int(c.generate_state(1, np.uint64)[0]) >> 1 for c in children]
    assert len(set(seeds)) == plan.n_runs and all(0 <= s < 2**63 for s in seeds)
    crn = build_plan(write_spec(tmp_path, common_random_numbers=True))
    by_rep = {}
    for i in range(crn.n_runs):
        run = crn.run(i)
        by_rep.setdefault(run.replication, set()).add(run.seed)
    assert all(len(s) == 1 for s in by_rep.values()) and len(by_rep) == 2


# -- bad input ------------------------------------------------------------------
@pytest.mark.parametrize("fields, expected", [
    ({"parameters": {"labour.matchng_efficiency": {"values": [0.3]}}}, "did you mean 'matching_efficiency'"),
    ({"parameters": {"labour.matching_efficiency": {"values": [0.3, 7.0]}}}, "design point 1"),
    ({"parameters": {"policies.3.rate": {"values": [0.3]}}}, "policies has no item 3"),
    ({"parameters": {"seed": {"values": [1, 2]}}}, "own seed"),
    ({"design": {"kind": "sobol", "samples": 10}, "parameters": {"labour.matching_efficiency": {"bounds": [0, 1]},
                                                                   "adoption.hazard": {"bounds": [0, 1]}}},
     "power of 2"),
    ({"design": {"kind": "lhs", "samples": 4}}, "needs bounds"),
    ({"metrics": ["tfp_indx"]}, "did you mean 'tfp_index'"),
    ({"base": "nowhere.yaml"}, "not found"),
    ({"desing": "grid"}, "unknown key"),
])
def test_bad_spec_is_refused_before_anything_runs(tmp_path, capsys, fields, expected):
    spec = write_spec(tmp_path, **fields)
    out = tmp_path / "out"
    assert cli("sweep", spec, "--out", out, "--quiet") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err and str(spec) in err
    assert "Traceback" not in err and not out.exists()


# -- running ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted serial sweep of the tiny spec (8 runs)."""
    folder = tmp_path_factory.mktemp("reference")
    spec = write_spec(folder)
    assert cli("sweep", spec, "--out", folder / "out", "--workers", "1", "--quiet") == 0
    return spec, folder / "out"


def test_sweep_writes_one_row_per_run_and_summary(reference):
    spec, out = reference
    runs, series = frames(out)
    assert list(runs["run_id"]) == list(range(8)) and (runs["status"] == "ok").all()
    assert runs["error"].isna().all()
    assert sorted(set(runs["labour.matching_efficiency"])) == [0.3, 0.7]
    assert sorted(set(runs["technology.ai.fixed_cost"])) == [0.6, 1.8]
    assert list(runs["replication"]) == [0, 1] * 4 and list(runs["point"]) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert len(series) == 8 * 7 and list(series["step"][:7]) == list(range(7))
    last = series.groupby("run_id").tail(1).set_index("run_id")
    assert np.array_equal(last["tfp_index"].to_numpy(), runs["tfp_index"].to_numpy())
    for name in ("runs.csv", "timeseries.csv"):
        csv = pd.read_csv(out / name)
        assert len(csv) == (8 if name == "runs.csv" else 56)
    assert np.allclose(pd.read_csv(out / "runs.csv")["tfp_index"], runs["tfp_index"], rtol=1e-12)
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary["parameter"]) == {"labour.matching_efficiency", "technology.ai.fixed_cost"}
    assert (summary["n"] == 4).all()
    assert (out / "fig_labour_matching_efficiency.png").stat().st_size > 10_000
    assert yaml.safe_load((out / "sweep.json").read_text())["status"] == "complete"


def test_a_run_is_reproduced_alone_by_the_run_command(reference):
    from model import load_scenario, simulate
    from model.sweep.plan import build_plan

    spec, out = reference
    plan = build_plan(spec)
    runs = pd.read_parquet(out / "runs.parquet")
    row = runs.iloc[5]
    args = shlex.split(plan.command(plan.run(5)))
    assert args[:3] == ["python", "run.py", "run"] and int(args[args.index("--seed") + 1]) == row["seed"]
    sets = [args[i + 1] for i, a in enumerate(args) if a == "--set"] + [f"seed={row['seed']}"]
    final = simulate(load_scenario(args[3], sets), agents=False).timeseries.iloc[-1]
    assert final["tfp_index"] == row["tfp_index"] and final["unemployment_rate"] == row["unemployment_rate"]


def test_results_identical_on_serial_process_pool_and_dask(reference, tmp_path):
    spec, out = reference
    sweep(spec, tmp_path / "pool", workers=2)
    assert_same_results(out, tmp_path / "pool")
    sweep(spec, tmp_path / "dask", executor="dask", workers=2)
    assert_same_results(out, tmp_path / "dask")


def test_a_failing_run_is_recorded_and_the_sweep_goes_on(reference, tmp_path, monkeypatch, capsys):
    from model.sweep.runner import FAIL_ENV

    spec, ref = reference
    monkeypatch.setenv(FAIL_ENV, "3")
    assert cli("sweep", spec, "--out", tmp_path / "out", "--workers", "2") == 1
    assert "run 3 failed" in capsys.readouterr().out
    runs, series = frames(tmp_path / "out")
    assert list(runs["status"]) == ["ok"] * 3 + ["failed"] + ["ok"] * 4
    assert "made to fail" in runs.loc[3, "error"] and runs.loc[3, ["tfp_index"]].isna().all()
    assert 3 not in set(series["run_id"])
    good = pd.read_parquet(ref / "runs.parquet").drop(index=3)
    pd.testing.assert_frame_equal(runs.drop(index=3), good, check_exact=True)
    monkeypatch.delenv(FAIL_ENV)
    assert cli("sweep", spec, "--out", tmp_path / "out", "--quiet") == 1  # resume keeps the failure: exit 1


def test_resume_skips_finished_runs_and_cleans_leftovers(reference, tmp_path):
    import shutil

    spec, ref = reference
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    parts = out / "parts"
    (parts / "run-00000006.ok.arrow").unlink()  # killed between its time series and its row
    (parts / "run-00000002.ok.arrow").unlink()
    (parts / "ts-00000002.arrow").unlink()
    (parts / ".tmp-run-00000007.ok.arrow").write_bytes(b"half a file")
    (out / ".tmp-runs.parquet").write_bytes(b"half a file")
    (out / "runs.parquet").write_bytes(b"garbage from an old compaction")
    outcome = sweep(spec, out, workers=1)
    assert outcome.ran == 2 and outcome.complete
    assert_same_results(ref, out)
    assert not [p for p in parts.iterdir() if p.name.startswith(".tmp-")] and not (out / ".tmp-runs.parquet").exists()
    assert sweep(spec, out, workers=1).ran == 0


def test_a_different_sweep_in_the_same_folder_is_refused(reference, tmp_path, capsys):
    spec, ref = reference
    other = write_spec(tmp_path, seed=6)
    assert cli("sweep", other, "--out", ref, "--quiet") == 2
    assert "different sweep" in capsys.readouterr().err


def test_sigkill_then_resume_gives_the_uninterrupted_results(tmp_path):
    longer = write_spec(tmp_path, replications=6)  # 24 runs
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "sweep", str(longer), "--out", str(out),
                             "--workers", "2", "--quiet"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.joinpath("parts").exists() and len(list(out.joinpath("parts").glob("run-*"))) >= 3:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finished = len(list(out.joinpath("parts").glob("run-*")))
    assert 3 <= finished < 24, "the sweep was not killed mid-way"
    outcome = sweep(longer, out, workers=2)
    assert outcome.complete and outcome.ran == 24 - finished
    full = tmp_path / "full"
    sweep(longer, full, workers=1)
    assert_same_results(full, out)


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios" / "sweeps").glob("*.yaml")), ids=lambda p: p.stem)
def test_example_specs_are_valid(path):
    from model.sweep import build_plan

    plan = build_plan(path)
    assert plan.n_runs >= 2 and plan.names
    if all(p.bounds for p in plan.spec.parameters.values()) and len(plan.spec.parameters) >= 2:
        assert build_plan(path, kind="morris", samples=2, crn_default=True).crn
