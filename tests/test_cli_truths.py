"""Small truths of the command line: the version names the package, the program name, ``list --keys``."""

from __future__ import annotations

import sys

import pytest

from model.cli import build_parser, main, program_name


def test_version_names_the_package(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == "digital-transformation-abm 0.1.0"


@pytest.mark.parametrize(("argv0", "prog"), [("/usr/bin/dtabm", "dtabm"), ("run.py", "run.py"),
                                             ("/x/run.py", "run.py")])
def test_prog_follows_the_invocation(monkeypatch, argv0, prog):
    monkeypatch.setattr(sys, "argv", [argv0])
    assert program_name() == prog
    assert build_parser().prog == prog


def _keys(capsys, *argv) -> dict[str, str]:
    assert main(["list", "--keys", *argv]) == 0
    lines = capsys.readouterr().out.splitlines()
    return dict(line.split(" = ", 1) for line in lines[1:] if " = " in line and not line.startswith(" "))


def test_list_keys_shows_known_keys_with_defaults(capsys):
    keys = _keys(capsys)
    assert keys["population.firms"].startswith("2000  [>= 1")
    assert keys["frontier.ai_capability_growth"].split()[0]
    assert keys["size_classes.0.mean_workers"].startswith("60.0")
    assert not any(k.startswith("policies.") for k in keys)  # the baseline has no lever
    assert set(_keys(capsys, "population")) == {f"population.{k}" for k in
                                                 ("firms", "workers", "gig_platforms", "industrial_platforms",
                                                  "people_per_worker")}


def test_every_listed_key_is_accepted_by_set():
    import yaml

    from model.scenario_io import load_scenario
    from model.scenario_keys import key_rows

    path = "scenarios/sme_digital_subsidy.yaml"
    rows = key_rows(load_scenario(path))
    assert "policies.0.rate" in {r.path for r in rows}
    for row in rows[::7] + [r for r in rows if r.path.startswith("policies.")]:
        text = yaml.safe_dump(row.default, default_flow_style=True).strip().removesuffix("...").strip()
        scenario = load_scenario(path, [f"{row.path}={text}"])
        assert row.path in {r.path for r in key_rows(scenario)}


def test_setting_any_key_to_its_default_changes_nothing():
    """Every key ``list --keys`` shows, set to the value it shows, leaves the scenario as it was: a key not
    written keeps its default. Failed before the fix: ``technology.ai.fixed_cost=1.2`` (AI's own value) reset
    AI's gain from 0.5 to the generic 0.1, and its skill threshold and uncertainty, in every sweep over it."""
    import yaml

    from model.scenario_io import load_scenario
    from model.scenario_keys import key_rows

    path = "scenarios/baseline.yaml"
    base = load_scenario(path)
    changed = []
    for row in key_rows(base):
        text = yaml.safe_dump(row.default, default_flow_style=True).strip().removesuffix("...").strip()
        if load_scenario(path, [f"{row.path}={text}"]) != base:
            changed.append(row.path)
    assert not changed, changed


def test_a_file_writing_part_of_a_section_keeps_the_rest(tmp_path):
    """A scenario file that writes one key of a technology, a skill mix or a named size class keeps the
    defaults of the rest (the calibrated history wrote ``technology.ai.gain`` and its size classes without
    loan premiums: it ran with AI's fixed cost 1.0 instead of 1.2 and no SME or micro loan premium)."""
    from model.config import Scenario
    from model.scenario_io import load_scenario

    path = tmp_path / "part.yaml"
    path.write_text("name: part\ntechnology: {ai: {gain: 0.7}}\nworkforce: {digital_skill: {high: 0.9}}\n"
                    "size_classes:\n  - {name: large, firm_share: 0.05}\n  - {name: sme, firm_share: 0.35}\n"
                    "  - {name: micro, firm_share: 0.6}\n  - {name: giant, firm_share: 0.01}\n")
    scenario, default = load_scenario(path), Scenario()
    assert scenario.technology.ai.gain == 0.7
    assert scenario.technology.ai.model_copy(update={"gain": default.technology.ai.gain}) == default.technology.ai
    assert scenario.workforce.digital_skill.low == default.workforce.digital_skill.low
    sme = scenario.size_classes[1]
    assert sme.firm_share == 0.35
    assert sme.model_copy(update={"firm_share": 0.32}) == default.size_classes[1]
    assert scenario.size_classes[3].loan_premium == 0.0  # a new name starts from its class's defaults


@pytest.mark.parametrize(("overrides", "says"), [
    (["policies.0.start=2040Q1"], "starts at 2040Q1, after the run's last period"),
    (["policies.0.start=2028Q1", "policies.0.end=2027Q1"], "ends (2027Q1) before it starts (2028Q1)"),
    (["steps=4"], "starts at 2027Q1, after the run's last period"),
])
def test_lever_outside_the_run_is_an_error(tmp_path, capsys, overrides, says):
    out = tmp_path / "out"
    argv = ["run", "scenarios/sme_digital_subsidy.yaml", "--quiet", "--out", str(out)]
    assert main(argv + [a for o in overrides for a in ("--set", o)]) == 2
    err = capsys.readouterr().err
    assert "scenarios/sme_digital_subsidy.yaml" in err and "policies.0 (sme_subsidy)" in err
    assert says in err and "2025Q1.." in err and "Traceback" not in err
    assert not out.exists()


def test_lever_ending_before_the_first_period_is_an_error():
    from model.schedules import schedule_problems
    from model.scenario_io import load_scenario

    scenario = load_scenario("scenarios/sme_digital_subsidy.yaml")
    lever = scenario.policies[0].model_copy(update={"start": -3, "end": -1})
    problems = schedule_problems(scenario.model_copy(update={"policies": [lever]}))
    assert problems == ["policies.0 (sme_subsidy): ends at -1, before the run's first period"]


def test_a_closed_pipe_stops_quietly():
    """`run.py list | head -1`: no BrokenPipeError traceback when the reader goes away."""
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run(f"'{sys.executable}' '{ROOT / 'run.py'}' list metrics | head -1", shell=True,
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() and "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
