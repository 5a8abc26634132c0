"""Special files where a scenario, an ``extends:`` parent, a sweep spec, its ``base:``, a font or a sweep's own
files are expected: FIFOs, devices and folders are refused by name and kind, at once, without reading them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from model.errors import UserError
from model.files import MAX_INPUT_BYTES, read_input_file
from model.scenario_io import load_scenario

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _refused(call, *fragments: str) -> str:
    start = time.monotonic()
    with pytest.raises(UserError) as info:
        call()
    assert time.monotonic() - start < 2, "took too long: the file was read"
    for fragment in fragments:
        assert fragment in info.value.message, (fragment, info.value.message)
    return info.value.message


@pytest.mark.parametrize("device, kind", [("/dev/zero", "a character device"), ("/dev/urandom", "a character device"),
                                          ("FIFO", "a named pipe (FIFO)"), ("FOLDER", "a folder")])
def test_a_scenario_that_is_not_a_regular_file_is_refused_at_once(tmp_path, fifo, device, kind):
    path = {"FIFO": fifo, "FOLDER": tmp_path}.get(device, Path(device))
    if not path.exists():
        pytest.skip(f"{device} does not exist here")
    _refused(lambda: load_scenario(path), str(path), f"is {kind}, not a scenario file")


@pytest.mark.parametrize("target", ["FIFO", "/dev/zero"])
def test_an_extends_parent_that_is_a_fifo_or_device_is_named(tmp_path, fifo, target):
    parent = str(fifo) if target == "FIFO" else target
    child = tmp_path / "child.yaml"
    child.write_text(f"name: child\nextends: {parent}\n")
    message = _refused(lambda: load_scenario(child), str(child), "line 2: extends:", parent)
    assert "named pipe (FIFO)" in message or "character device" in message
    assert "not found" not in message


@pytest.mark.parametrize("what", ["spec", "base"])
def test_a_sweep_spec_or_base_that_is_a_fifo_is_named(tmp_path, fifo, what):
    from model.sweep import build_plan

    spec = tmp_path / "spec.yaml"
    if what == "spec":
        os.replace(fifo, spec)
        os.mkfifo(fifo)
    else:
        spec.write_text(yaml.safe_dump({"name": "s", "base": str(fifo),
                                        "parameters": {"labour.matching_efficiency": {"values": [0.4]}}}))
    message = _refused(lambda: build_plan(spec), "named pipe (FIFO)")
    assert (f"{spec}: is a named pipe (FIFO), not a sweep spec" in message if what == "spec"
            else "base:" in message and "not found" not in message), message


def test_a_font_that_is_a_fifo_is_refused(fifo):
    from model.fonts import register_font

    _refused(lambda: register_font(fifo), "--font", "named pipe (FIFO)")


def test_a_large_regular_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: its size says it all
    _refused(lambda: load_scenario(big), f"at most {MAX_INPUT_BYTES} bytes")


def test_reading_stops_at_the_limit_whatever_the_size_says(tmp_path):
    proc = Path("/proc/self/status")  # a regular file whose st_size is 0
    if not proc.exists():
        pytest.skip("no /proc")
    assert b"Name:" in read_input_file(proc, limit=100_000)
    with pytest.raises(UserError, match="at most 10 bytes"):
        read_input_file(proc, limit=10)


def test_the_command_line_does_not_hang_on_a_fifo(tmp_path, fifo):
    """One process: `run` on a FIFO ends at once with status 2 and one line naming it (a reader would block)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(ROOT / "run.py"), "run", str(fifo), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"error: {fifo}: is a named pipe (FIFO), not a scenario file; a scenario file " \
                                  f"must be a regular file"
    assert not (tmp_path / "out").exists()


def test_a_sweeps_manifest_or_lock_that_is_a_fifo_or_link_is_not_followed(tmp_path):
    from model.sweep import build_plan, execute

    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"name": "s", "base": str(ROOT / "scenarios" / "baseline.yaml"),
                                    "set": {"population.firms": 30, "population.workers": 200, "steps": 1},
                                    "parameters": {"labour.matching_efficiency": {"values": [0.4]}}}))
    plan = build_plan(spec)
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    os.mkfifo(out / "sweep.json")
    _refused(lambda: execute(plan, out, workers=1, progress=False), "sweep.json is corrupt", "named pipe (FIFO)")
    os.unlink(out / "sweep.json")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (out / ".lock").symlink_to(victim)
    _refused(lambda: execute(plan, out, workers=1, progress=False), ".lock")
    assert victim.read_text() == "keep me\n"
