"""Faults: unwritable or full output folders; sweeps SIGKILLed, interrupted (SIGINT), starved of disk, made read-only
or deleted at random moments, and resumed from damaged or foreign parts; runs that raise."""

from __future__ import annotations

import errno
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
            "set": {"population.firms": 80, "population.workers": 600, "steps": 5},
            "seed": 17,
            "replications": replications,
            "parameters": {"labour.matching_efficiency": {"values": [0.3, 0.7]},
                           "technology.ai.fixed_cost": {"values": [0.6, 1.8]}},
            "design": "grid", "metrics": ["tfp_index", "unemployment_rate", "adoption_ai"]}
    path = folder / "faults.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def _sweep(spec: Path, out: Path, env_extra: dict | None = None, **popen):
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLCONFIGDIR=str(out.parent / "mpl"), **(env_extra or {}))
    out.parent.mkdir(parents=True, exist_ok=True)
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


@pytest.mark.slow
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


# -- damaged sweep folders ------------------------------------------------------------------
def _manifest(out: Path) -> dict:
    return json.loads((out / "sweep.json").read_text())


def _same_results(out: Path, reference: Path) -> None:
    for name in ("runs.parquet", "timeseries.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), pd.read_parquet(reference / name), check_exact=True)
    for name in ("runs.csv", "timeseries.csv", "summary.csv"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def _cli(*args) -> int:
    from model.cli import main

    return main(["sweep", *map(str, args), "--workers", "1", "--quiet"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted 8-run sweep (4 points x 2 replications) and its spec."""
    folder = tmp_path_factory.mktemp("reference")
    spec = _spec(folder, replications=2)
    assert sweep_in_process(spec, folder / "out") == 0
    return spec, folder / "out"


def test_damaged_and_foreign_parts_are_quarantined_and_their_runs_recomputed(reference, tmp_path, capsys):
    import pyarrow as pa

    spec, ref = reference
    other = tmp_path / "other"  # another sweep: same runs, 3 steps instead of 5
    other.mkdir()
    other_spec = _spec(other, replications=2)
    other_spec.write_text(other_spec.read_text().replace("steps: 5", "steps: 3"))
    assert sweep_in_process(other_spec, other / "out") == 0
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    parts = out / "parts"
    whole = (parts / "run-00000001.ok.arrow").read_bytes()
    (parts / "run-00000001.ok.arrow").write_bytes(whole[: len(whole) // 2])  # truncated
    (parts / "ts-00000002.arrow").write_bytes(b"")  # zero length
    (parts / "run-00000003.ok.arrow").write_bytes(os.urandom(5000))  # garbage
    os.replace(parts / "run-00000004.ok.arrow", parts / "run-00000006.ok.arrow")  # renamed over another
    for name in ("run-00000005.ok.arrow", "ts-00000005.arrow"):  # copied from the other sweep
        shutil.copy(other / "out" / "parts" / name, parts / name)
    plain = feather.read_table(parts / "run-00000007.ok.arrow").replace_schema_metadata(None)
    feather.write_feather(plain, parts / "run-00000007.ok.arrow")  # no fingerprint (an older version)
    assert _cli(spec, "--out", out) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    warnings_ = err.strip().splitlines()
    assert len(warnings_) == 6 and all(w.startswith(f"warning: --out {out}: parts/") for w in warnings_[:5])
    assert "and 1 more parts set aside (reasons in" in warnings_[5]
    reasons = (out / "quarantine" / "reasons.txt").read_text().splitlines()
    assert reasons == [w.removeprefix(f"warning: --out {out}: ") for w in warnings_[:5]] + reasons[5:]
    for run_id, why in ((1, "cannot be read (ArrowInvalid"), (2, "its time series cannot be read"),
                        (3, "cannot be read (ArrowInvalid"), (6, "it is run 4's part under run 6's name"),
                        (5, "it belongs to another sweep"), (7, "it carries no sweep fingerprint")):
        line = next(r for r in reasons if r.startswith(f"parts/run-{run_id:08d}.ok.arrow: "))
        assert why in line and line.endswith(f"moved to quarantine/; run {run_id} will run again"), line
    quarantined = sorted(p.name for p in (out / "quarantine").iterdir())
    assert "reasons.txt" in quarantined and "ts-00000005.arrow" in quarantined and len(quarantined) >= 10
    _same_results(out, ref)
    manifest = _manifest(out)
    assert (manifest["status"], manifest["done"], manifest["gathered"]) == ("complete", 8, True)
    assert manifest["quarantined"] == len(quarantined) - 1
    assert _cli(spec, "--out", out) == 0 and "warning" not in capsys.readouterr().err  # nothing left to set aside


def test_a_corrupt_manifest_is_named_and_force_resumes(reference, tmp_path, capsys):
    spec, ref = reference
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    (out / "sweep.json").write_text('{"name": "faults", "fingerp')
    assert _cli(spec, "--out", out) == 2
    err = capsys.readouterr().err
    assert "sweep.json is corrupt (not valid JSON" in err and "different sweep" not in err
    assert _cli(spec, "--out", out, "--force") == 0
    _same_results(out, ref)
    assert _manifest(out)["status"] == "complete" and not (out / "quarantine").exists()


def test_a_folder_holding_other_files_is_refused_unless_forced(reference, tmp_path, capsys):
    spec, ref = reference
    out = tmp_path / "out"
    out.mkdir()
    (out / "runs.csv").write_text("someone else's table\n")
    assert _cli(spec, "--out", out) == 2
    assert "not this sweep's results (runs.csv)" in capsys.readouterr().err
    assert (out / "runs.csv").read_text() == "someone else's table\n" and sorted(os.listdir(out)) == ["runs.csv"]
    assert _cli(spec, "--out", out, "--force") == 0
    _same_results(out, ref)


# -- faults during a sweep --------------------------------------------------------------------
def _fail_writes_after(monkeypatch, calls: int, error: int) -> None:
    """Part writes fail with ``error`` (an errno) after ``calls`` successful ones."""
    from model.sweep import store

    real, count = store.write_part, [0]

    def write(path, table):
        count[0] += 1
        if count[0] > calls:
            raise OSError(error, os.strerror(error), str(path))
        real(path, table)

    monkeypatch.setattr(store, "write_part", write)


@pytest.mark.parametrize("error, code, words", [
    (errno.ENOSPC, 3, "cannot save results: disk full (No space left on device); 3 of 8 runs are saved in"),
    (errno.EROFS, 4, "cannot save results: cannot write (Read-only file system); 3 of 8 runs are saved in"),
])
def test_a_failed_write_mid_sweep_ends_cleanly_and_resumes(reference, tmp_path, monkeypatch, capsys, error, code,
                                                           words):
    spec, ref = reference
    out = tmp_path / "out"
    _fail_writes_after(monkeypatch, 6, error)  # three runs (series + row each) stored, then the disk fails
    assert _cli(spec, "--out", out) == code
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: --out {out}: ") and words in lines[0], lines
    manifest = _manifest(out)
    assert (manifest["status"], manifest["done"], manifest["gathered"]) == ("partial", 3, False)
    assert len(list((out / "parts").glob("run-*"))) == 3 and not (out / "runs.parquet").exists()
    monkeypatch.undo()
    assert _cli(spec, "--out", out) == 0
    _same_results(out, ref)


def test_a_full_disk_while_gathering_ends_cleanly_and_resumes(reference, tmp_path, monkeypatch, capsys):
    from model.sweep import parts

    spec, ref = reference
    out = tmp_path / "out"
    real = parts.atomic_write

    def atomic_write(path, write):
        def half_then_full(tmp):
            tmp.write_bytes(b"half a file")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))

        real(path, half_then_full if path.name == "timeseries.parquet" else write)

    monkeypatch.setattr(parts, "atomic_write", atomic_write)
    assert _cli(spec, "--out", out) == 3
    err = capsys.readouterr().err.strip()
    assert err == (f"error: --out {out}: cannot gather the results: disk full (No space left on device); 8 of 8 runs "
                   f"are saved in {out}; free some disk space, then run the same command again to resume")
    manifest = _manifest(out)
    assert (manifest["status"], manifest["done"], manifest["gathered"]) == ("partial", 8, False)
    assert manifest["note"] == "results not gathered: No space left on device"
    assert not (out / "runs.parquet").exists() and not list(out.glob(".tmp-*"))
    monkeypatch.undo()
    assert _cli(spec, "--out", out) == 0
    _same_results(out, ref)


def test_a_real_file_size_limit_while_gathering(reference, tmp_path):
    """The kernel's own EFBIG (RLIMIT_FSIZE of 55 kB: the parts, about 40 kB, fit; runs.parquet, about 70 kB, does
    not), in a real process."""
    spec, ref = reference
    out = tmp_path / "out"
    proc = _sweep(spec, out, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (55_000, 55_000)))
    assert proc.wait(timeout=300) == 3
    err = proc.stderr.read()
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith(f"error: --out {out}: cannot gather"), err
    assert "cannot gather the results: disk full (File too large); 8 of 8 runs are saved" in err
    assert _manifest(out)["status"] == "partial"
    assert _sweep(spec, out).wait(timeout=300) == 0
    _same_results(out, ref)


def _wait_for_parts(proc, out: Path, n: int) -> None:
    deadline = time.monotonic() + 120
    while _done(out) < n and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the sweep ended before the fault"


@pytest.mark.slow
def test_a_parts_folder_made_immutable_mid_sweep(tmp_path):
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr to make a folder unwritable for root")
    spec = _spec(tmp_path, replications=8)  # 32 runs: the fault lands after 3, with plenty left to write
    out = tmp_path / "out"
    proc = _sweep(spec, out)
    _wait_for_parts(proc, out, 3)
    with unwritable(out / "parts"):
        code = proc.wait(timeout=300)
        err = proc.stderr.read()
    assert code == 4 and "Traceback" not in err, err
    assert f"error: --out {out}: cannot save results: cannot write (Operation not permitted)" in err
    assert "runs are saved in" in err and "make the folder writable" in err
    assert _manifest(out)["status"] == "partial"
    assert _sweep(spec, out).wait(timeout=300) == 0
    reference = tmp_path / "reference"
    assert sweep_in_process(spec, reference) == 0
    _same_results(out, reference)


@pytest.mark.slow
def test_a_folder_removed_mid_sweep(tmp_path):
    spec = _spec(tmp_path, replications=8)  # 32 runs: the folder goes after 3, with plenty left to write
    out = tmp_path / "out"
    proc = _sweep(spec, out)
    _wait_for_parts(proc, out, 3)
    for _ in range(50):  # the sweep may be creating a file right now
        try:
            shutil.rmtree(out)
            break
        except OSError:
            time.sleep(0.01)
    assert proc.wait(timeout=300) == 5
    err = proc.stderr.read()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert f"error: --out {out}: cannot save results: the folder is gone (No such file or directory); " in err
    assert _sweep(spec, out).wait(timeout=300) == 0
    reference = tmp_path / "reference"
    assert sweep_in_process(spec, reference) == 0
    _same_results(out, reference)


# -- Ctrl-C -------------------------------------------------------------------------------------
def test_ctrl_c_mid_run_then_twice_while_gathering(reference, tmp_path, monkeypatch, capsys):
    """SIGINT while run 2 is stored, then two more inside the gathering: it still ends 'partial', whole."""
    from model.sweep import store

    spec, ref = reference
    out = tmp_path / "out"
    real_record, real_concat = store.SweepStore.record, store.concat_parts

    def record(self, plan, run, *args):
        real_record(self, plan, run, *args)
        if run.run_id == 2:
            os.kill(os.getpid(), signal.SIGINT)

    def concat(files, target, schema):
        os.kill(os.getpid(), signal.SIGINT)
        rows = real_concat(files, target, schema)
        os.kill(os.getpid(), signal.SIGINT)
        return rows

    monkeypatch.setattr(store.SweepStore, "record", record)
    monkeypatch.setattr(store, "concat_parts", concat)
    assert _cli(spec, "--out", out) == 130
    err = capsys.readouterr().err.strip()
    saved = _manifest(out)["done"]  # run 2 and the run computed with it (two in flight with one worker)
    assert saved == 4 and len(list((out / "parts").glob("run-*"))) == saved
    assert err == (f"interrupted: {saved} of 8 runs are saved in {out} and gathered into runs.parquet; run the same "
                   f"command again to resume")
    manifest = _manifest(out)
    assert (manifest["status"], manifest["gathered"]) == ("partial", True)
    assert len(pd.read_parquet(out / "runs.parquet")) == saved and len(pd.read_csv(out / "timeseries.csv")) == saved * 6
    monkeypatch.undo()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert _cli(spec, "--out", out) == 0
    _same_results(out, ref)


def _libraries_loading(pid: int) -> bool:
    """Whether the process has started loading numpy (its own start-up is over: run.py runs)."""
    try:
        return "numpy" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.slow
def test_ctrl_c_at_any_moment_ends_quietly_and_resumes_identically(tmp_path):
    """SIGINT while the libraries load, at 0.2 s and 0.45 s, mid-sweep, and twice in a row; then resume."""
    spec = _spec(tmp_path, replications=4)  # 16 runs
    out = tmp_path / "out"
    moments, codes = ["loading", 0.2, 0.45, "3 runs", "twice"], []
    for moment in moments:
        before = _done(out)
        proc = _sweep(spec, out)
        start = time.monotonic()
        if moment == "loading":
            while not _libraries_loading(proc.pid) and proc.poll() is None and time.monotonic() - start < 30:
                time.sleep(0.001)
        elif isinstance(moment, float):
            time.sleep(moment)
        else:
            _wait_for_parts(proc, out, before + 3)
        os.killpg(proc.pid, signal.SIGINT)
        if moment == "twice":
            time.sleep(0.02)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=300)
        codes.append(code)
        err = proc.stderr.read()
        assert "Traceback" not in err and code in (0, 130), (moment, code, err)
        assert code == 0 or err.strip().splitlines()[-1].startswith("interrupted"), (moment, err)
        if (out / "sweep.json").exists():
            assert _manifest(out)["status"] in ("partial", "complete"), moment
            _assert_no_corrupt_file(out)
    print("SIGINT moments and exit statuses:", list(zip(moments, codes)))
    assert codes.count(130) >= 4, codes
    assert _sweep(spec, out).wait(timeout=300) == 0
    reference = tmp_path / "reference"
    assert sweep_in_process(spec, reference) == 0
    _same_results(out, reference)
