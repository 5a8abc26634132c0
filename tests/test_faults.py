"""Faults: unwritable or full output folders, sweeps SIGKILLed at random moments, runs that raise."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest
import yaml

from conftest import ROOT, run_cli
from fuzz_support import files_under

SMALL = ["--set", "population.firms=60", "--set", "population.workers=400", "--steps", "3", "--quiet"]


@contextmanager
def unwritable(folder: Path):
    """Make ``folder`` unwritable, even for root (immutable attribute), and restore it afterwards."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("running as root without chattr: cannot make a folder unwritable")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)])
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def assert_clear_failure(proc, out: Path, *fragments: str, code: int = 2) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.strip().splitlines()  # (matplotlib may log a warning first when the disk is full)
    assert lines and lines[-1].startswith("error:") and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    for fragment in fragments:
        assert fragment in proc.stderr, (fragment, proc.stderr)
    assert files_under(out) == [], "partial results were left behind"


@pytest.mark.parametrize("where", ["inside", "below"])
def test_unwritable_output_folder_gives_a_clear_error(tmp_path, where):
    locked = tmp_path / "locked"
    locked.mkdir()
    out = locked if where == "inside" else locked / "new" / "results"
    with unwritable(locked):
        proc = run_cli("run", ROOT / "scenarios/baseline.yaml", "--out", out, *SMALL, cwd=tmp_path)
    assert_clear_failure(proc, locked, str(locked))


def test_output_path_that_is_a_file_gives_a_clear_error(tmp_path):
    target = tmp_path / "results"
    target.write_text("not a folder\n")
    proc = run_cli("run", ROOT / "scenarios/baseline.yaml", "--out", target, *SMALL, cwd=tmp_path)
    assert_clear_failure(proc, tmp_path / "nothing", "not a folder")
    assert target.read_text() == "not a folder\n"


def _small_disk():
    """In the child: files may grow to 20 kB at most (the kernel's EFBIG, as on a full disk)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_full_disk_gives_a_clear_error_and_leaves_nothing(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLCONFIGDIR=str(tmp_path / "mpl"))
    proc = subprocess.run([sys.executable, str(ROOT / "run.py"), "run", str(ROOT / "scenarios/baseline.yaml"),
                           "--out", str(out), *SMALL, "--steps", "8"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=_small_disk)
    assert_clear_failure(proc, out, "cannot write results: disk full", "nothing was written", code=3)


# -- sweeps ---------------------------------------------------------------------------------
def _spec(folder: Path, replications: int, fail: bool = False) -> Path:
    spec = {"name": "faults", "base": str(ROOT / "scenarios" / "baseline.yaml"),
            "set": {"population.firms": 80, "population.workers": 600, "steps": 5}, "seed": 17,
            "replications": replications,
            "parameters": {"labour.matching_efficiency": {"values": [0.3, 0.7]},
                           "technology.ai.fixed_cost": {"values": [0.6, 1.8]}},
            "design": "grid", "metrics": ["tfp_index", "unemployment_rate", "adoption_ai"]}
    path = folder / "faults.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def _sweep(spec: Path, out: Path, env_extra: dict | None = None, **popen):
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLCONFIGDIR=str(out.parent / "mpl"), **(env_extra or {}))
    args = [sys.executable, str(ROOT / "run.py"), "sweep", str(spec), "--out", str(out), "--workers", "1", "--quiet"]
    return subprocess.Popen(args, cwd=out.parent, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **popen)


def sweep_in_process(spec: Path, out: Path) -> int:
    """The same command, uninterrupted, inside this process (no start-up cost)."""
    from model.cli import main

    return main(["sweep", str(spec), "--out", str(out), "--workers", "1", "--quiet"])


def _done(out: Path) -> int:
    return len(list((out / "parts").glob("run-*"))) if (out / "parts").exists() else 0


def _assert_no_corrupt_file(out: Path) -> None:
    """Every file not marked temporary reads back whole."""
    for path in files_under(out):
        if path.name.startswith(".tmp-") or path.parent.name == "mpl":
            continue
        if path.suffix == ".arrow":
            feather.read_table(path)
        elif path.suffix == ".parquet":
            pq.read_table(path)
        elif path.suffix == ".json":
            json.loads(path.read_text())
        elif path.suffix == ".csv":
            pd.read_csv(path)


def test_sweep_killed_at_ten_random_moments_resumes_to_identical_results(tmp_path):
    """SIGKILL the sweep process group 10+ times (during start-up, mid-run, mid-write, while gathering)."""
    spec = _spec(tmp_path, replications=20)  # 80 runs
    total = 80
    out = tmp_path / "killed"
    rng = random.Random(20251)
    kills, moments = 0, []
    while kills < 11:
        before = _done(out)
        proc = _sweep(spec, out)
        last = kills == 10  # the last kill waits for every run, then hits the gathering of results
        target = total if last else before + rng.randint(0, 6)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _done(out) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.4 if last else 0.08))
        if proc.poll() is not None:
            assert proc.returncode == 0, proc.stderr.read()
            break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        moments.append((before, _done(out)))
        _assert_no_corrupt_file(out)
    assert kills >= 10, f"only {kills} kills landed before the sweep finished: {moments}"
    assert any(after > before for before, after in moments), moments
    resumed = _sweep(spec, out)
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read()
    print("kills (finished runs before, after):", moments)
    reference = tmp_path / "reference"
    assert sweep_in_process(spec, reference) == 0
    for name in ("runs.parquet", "timeseries.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), pd.read_parquet(reference / name),
                                      check_exact=True)
    for name in ("runs.csv", "timeseries.csv", "summary.csv"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert not [p for p in files_under(out) if p.name.startswith(".tmp-")]


def test_a_run_that_raises_is_isolated(tmp_path):
    spec = _spec(tmp_path, replications=2)  # 8 runs, two of them raise
    out = tmp_path / "out"
    proc = _sweep(spec, out, env_extra={"DTABM_SWEEP_FAIL_RUNS": "2,5"})
    assert proc.wait(timeout=300) == 1, proc.stderr.read()
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 8
    assert list(runs.loc[runs["status"] == "failed", "run_id"]) == [2, 5]
    ok = runs[runs["status"] == "ok"]
    assert ok["tfp_index"].notna().all() and ok["error"].fillna("").eq("").all()
    reference = tmp_path / "ref"
    assert sweep_in_process(spec, reference) == 0
    ref = pd.read_parquet(reference / "runs.parquet")
    pd.testing.assert_frame_equal(ok.drop(columns=["status", "error"]).reset_index(drop=True),
                                  ref[ref["run_id"].isin(ok["run_id"])].drop(columns=["status", "error"])
                                  .reset_index(drop=True), check_exact=True)
