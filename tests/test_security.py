"""Security: safe YAML only, no eval/exec of user strings, outputs stay in the chosen folder, local dashboard."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from fuzz_support import files_under
from model.config import Scenario
from model.errors import ScenarioError
from model.scenario_io import load_scenario

SOURCES = sorted((ROOT / "model").rglob("*.py")) + [ROOT / "run.py"]
UNSAFE_YAML = re.compile(r"yaml\.(load|load_all|unsafe_load|full_load)\s*\(|(Unsafe|Full)?Loader=yaml\.(Loader|"
                         r"UnsafeLoader|FullLoader)\b|yaml\.(Loader|UnsafeLoader|FullLoader)\b")


def test_yaml_is_only_read_with_the_safe_loader():
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in SOURCES
                 for n, line in enumerate(path.read_text().splitlines(), 1) if UNSAFE_YAML.search(line)]
    assert not offenders, offenders


def test_no_eval_exec_or_pickle_of_user_input():
    offenders = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                owner = getattr(node.func, "value", None)
                if name in ("eval", "exec", "compile", "__import__") and isinstance(node.func, ast.Name):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
                if name in ("load", "loads") and isinstance(owner, ast.Name) and owner.id in ("pickle", "marshal"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {owner.id}.{name}")
    assert not offenders, offenders


@pytest.mark.parametrize("value, expected", [
    ("__import__('os').system('touch CANARY')", "__import__('os').system('touch CANARY')"),
    ("1+1", "1+1"), ("2**8", "2**8"), ("[1, 2]", "[1, 2]"), ("{a: 1}", "{'a': 1}"),
    ("!!python/object/apply:os.system ['touch CANARY']", None), ("!!python/name:os.system", None),
])
def test_set_values_are_yaml_scalars_not_code(tmp_path, monkeypatch, value, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "s.yaml"
    path.write_text("name: s\n")
    if expected is None:
        with pytest.raises(ScenarioError, match="not allowed"):
            load_scenario(path, [f"description={value}"])
    else:
        try:
            assert load_scenario(path, [f"description={value}"]).description == expected
        except ScenarioError as exc:  # a list or mapping is not a description: refused, never run
            assert "description" in exc.message
        with pytest.raises(ScenarioError, match="steps"):
            load_scenario(path, [f"steps={value}"])
    assert not (tmp_path / "CANARY").exists()


NAME = Scenario.model_fields["name"].metadata
PATTERN = next(m.pattern for m in NAME if hasattr(m, "pattern"))


@settings(max_examples=300, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(name=st.from_regex(PATTERN, fullmatch=True).filter(lambda s: len(s) <= 80))
def test_every_valid_scenario_name_stays_inside_the_outputs_folder(name):
    base = Path("/srv/outputs")
    target = (base / name).resolve()
    assert target.parent == base and target.name == name


@pytest.mark.parametrize("name", ["../x", "..", ".", "a/b", "/etc", "a\\b", "~root", ".hidden", "a b", "x\n", ""])
def test_names_that_could_leave_the_outputs_folder_are_refused(tmp_path, name):
    path = tmp_path / "s.yaml"
    path.write_text("steps: 1\n")
    with pytest.raises(ScenarioError, match="name"):
        load_scenario(path, [f"name={name!r}" if name else "name=''"])


def test_a_run_writes_only_inside_its_output_folder(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    victim = tmp_path / "victim.csv"
    victim.write_text("keep me\n")
    out = work / "results"
    out.mkdir()
    (out / "timeseries.csv").symlink_to(victim)  # a planted link must be replaced, not followed
    scenario = work / "s.yaml"
    scenario.write_text("name: s\nsteps: 2\npopulation: {firms: 40, workers: 300}\n"
                        "policies:\n  - {lever: sme_subsidy, label: ../../escape}\n")
    refused = run_cli("run", scenario, "--out", out, "--quiet", cwd=work)  # not an earlier run's folder
    assert refused.returncode == 2 and "pass --force" in refused.stderr and "timeseries.csv" in refused.stderr
    proc = run_cli("run", scenario, "--out", out, "--quiet", "--force", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "keep me\n"
    written = {p.relative_to(work) for p in files_under(work)} - {Path("s.yaml")}
    assert written == {Path("results") / name for name in ("timeseries.csv", "summary.json",
                                                           "scenario.resolved.yaml", "overview.png")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.csv", "work"]


def test_dashboard_listens_on_localhost_by_default():
    dashboard = pytest.importorskip("model.cli.dashboard_cmd")
    from model.cli import build_parser

    args = build_parser().parse_args(["dashboard"])
    assert args.host == "127.0.0.1"
    command = dashboard.server_command(args.host, 8765)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert "0.0.0.0" not in command
