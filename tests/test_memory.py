"""Memory guards: the lowest of free memory, ``ulimit -v`` and the cgroup limit; a sweep's workers together; the
dashboard's controls enforced on the server."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from model import memory
from model.errors import UserError

GiB = 2**30


def _cgroup_v2(root: Path, group: str, limits: dict[str, str], usage: int = 0, inactive: int = 0) -> Path:
    """A fake cgroup v2 tree: ``limits`` maps a group path (``""`` for the root) to its memory.max."""
    (root / "cgroup.controllers").parent.mkdir(parents=True, exist_ok=True)
    (root / "cgroup.controllers").write_text("cpu memory\n")
    for path, limit in limits.items():
        folder = root / path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "memory.max").write_text(limit + "\n")
        (folder / "memory.current").write_text(f"{usage}\n")
        (folder / "memory.stat").write_text(f"anon {usage - inactive}\ninactive_file {inactive}\n")
    proc = root.parent / "proc_cgroup"
    proc.write_text(f"0::/{group}\n")
    return proc


def test_cgroup_v2_limit_is_the_tightest_of_the_group_and_its_parents(tmp_path):
    root = tmp_path / "cg"
    proc = _cgroup_v2(root, "a/b", {"a": str(3 * GiB), "a/b": "max"}, usage=GiB, inactive=GiB // 2)
    assert memory.cgroup_memory_left(root, proc) == 3 * GiB - GiB // 2  # page cache is not counted as used
    proc = _cgroup_v2(root, "a/b", {"a": str(3 * GiB), "a/b": str(2 * GiB)}, usage=GiB)
    assert memory.cgroup_memory_left(root, proc) == GiB
    proc = _cgroup_v2(root, "a/b", {"a": "max", "a/b": "max"})
    assert memory.cgroup_memory_left(root, proc) is None


def test_cgroup_v1_limit_and_its_unlimited_value(tmp_path):
    root = tmp_path / "cg"
    folder = root / "memory" / "job"
    folder.mkdir(parents=True)
    (root / "memory" / "memory.limit_in_bytes").write_text("9223372036854771712\n")  # v1's "no limit"
    (folder / "memory.limit_in_bytes").write_text(f"{4 * GiB}\n")
    (folder / "memory.usage_in_bytes").write_text(f"{GiB}\n")
    (folder / "memory.stat").write_text(f"cache 10\ntotal_inactive_file {GiB // 4}\n")
    proc = tmp_path / "proc_cgroup"
    proc.write_text("12:pids:/\n4:memory:/job\n0::/\n")
    assert memory.cgroup_memory_left(root, proc) == 4 * GiB - (GiB - GiB // 4)
    (folder / "memory.limit_in_bytes").write_text("9223372036854771712\n")
    assert memory.cgroup_memory_left(root, proc) is None


def test_the_lowest_limit_sets_the_budget_and_is_named(monkeypatch):
    monkeypatch.setattr(memory, "free_memory", lambda: 16 * GiB)
    monkeypatch.setattr(memory, "address_space_left", lambda: 5 * GiB)
    monkeypatch.setattr(memory, "cgroup_memory_left", lambda: 2 * GiB)
    budget = memory.available_memory()
    assert budget.bytes == 2 * GiB and "cgroup" in budget.source
    with pytest.raises(UserError, match=r"x: 2 runs at once x about 1\.0 GiB = 2\.0 GiB, but only 2\.0 GiB .*cgroup"):
        memory.check_memory_need(GiB, "x", concurrent=2)
    memory.check_memory_need(GiB, "x", concurrent=1)


def test_a_run_under_an_address_space_limit_is_refused_before_it_allocates(tmp_path):
    """ulimit -v 3 GB: 600,000 firms and 6,000,000 workers are refused at once; a small run still works."""
    limit = 3 * 10**9

    def run(*sets):
        return subprocess.run([sys.executable, str(ROOT / "run.py"), "run", str(ROOT / "scenarios/baseline.yaml"),
                               "--steps", "2", "--quiet", "--out", str(tmp_path / f"out{len(sets)}"), *sets],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)),
                              preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))

    big = run("--set", "population.firms=600000", "--set", "population.workers=6000000")
    assert big.returncode == 2 and "Traceback" not in big.stderr, big.stderr
    assert big.stderr.startswith("error: population.firms=600000, population.workers=6000000: a run needs about")
    assert "address-space limit of this process, ulimit -v" in big.stderr
    assert not (tmp_path / "out2").exists()
    small = run("--set", "population.firms=60", "--set", "population.workers=500")
    assert small.returncode == 0, small.stderr


def test_a_sweep_checks_its_concurrent_workers_together(tmp_path, monkeypatch):
    from model.runner import estimate_memory
    from model.scenario_io import scenario_from_dict
    from model.sweep import build_plan, execute

    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"name": "mem", "base": str(ROOT / "scenarios" / "baseline.yaml"),
                                    "set": {"population.workers": 500, "steps": 1},
                                    "parameters": {"population.firms": {"values": [40, 60]}}, "replications": 2}))
    plan = build_plan(spec)
    largest = estimate_memory(scenario_from_dict({"population": {"firms": 60, "workers": 500}}), agents=False)
    assert (plan.peak_memory, plan.peak_point) == (largest, 1)
    monkeypatch.setattr(memory, "available_memory", lambda: memory.Budget(int(1.5 * largest / 0.9), "test"))
    with pytest.raises(UserError, match=r"design point 1 \(population.firms=60\): 2 runs at once"):
        execute(plan, tmp_path / "two", workers=2, progress=False)
    assert not (tmp_path / "two").exists()
    assert execute(plan, tmp_path / "one", workers=1, progress=False).complete


# -- the dashboard ----------------------------------------------------------------------------
dashboard = pytest.importorskip("model.dashboard.params")
SMALL = {"firms": 200, "workers": 2000, "quarters": 8}


@pytest.mark.parametrize("values, fragment", [
    ({"firms": 20000}, "firms=20000 is outside its control's range 200..6000"),
    ({"workers": 200000}, "workers=200000 is outside its control's range 2000..60000"),
    ({"quarters": 1000}, "quarters=1000 is outside"),
    ({"seed": -5}, "seed=-5 is outside"),
    ({"firms": 250.5}, "firms=250.5 must be a whole number"),
    ({"firms": "200"}, "firms='200' is outside"),
    ({"sme_subsidy_on": True, "sme_subsidy_rate": 5.0}, "sme_subsidy_rate=5.0 is outside its control's range 0..0.95"),
    ({"robot_tax_rate": float("nan")}, "robot_tax_rate=nan is outside"),
    ({"sme_subsidy_on": "yes"}, "sme_subsidy_on='yes' must be on or off"),
])
def test_the_dashboard_enforces_every_control_on_the_server(values, fragment):
    with pytest.raises(UserError, match="dashboard: " + fragment.replace("(", r"\(").replace(".", r"\.")):
        dashboard.DashboardModel(**{**SMALL, **values})


def test_the_dashboard_calls_the_memory_check(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: memory.Budget(100 * 2**20, "test budget"))
    with pytest.raises(UserError, match="population.firms=200, population.workers=2000: a run needs about .*test "
                                        r"budget\); choose fewer firms and workers"):
        dashboard.DashboardModel(**SMALL)
