"""The validate command: the calibrated scenario against the seed documents' figures, and a check that can fail."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli
from model.calibration.targets import TARGETS, Runs, level, yearly_growth
from model.calibration.validate import ai_switched_off, evaluate, steps_needed
from model.scenario_io import load_scenario

CHINA = ROOT / "scenarios" / "china_2015_2025.yaml"


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("validate")
    proc = run_cli("validate", CHINA, "--seeds", 2, "--out", out, "--quiet", timeout=600)
    return proc, out


@pytest.mark.slow
def test_validate_writes_table_and_figure(calibrated):
    proc, out = calibrated
    assert proc.returncode in (0, 1), proc.stderr
    table = pd.read_csv(out / "validation.csv")
    assert list(table["target"]) == [t.key for t in TARGETS]
    assert set(table["status"]) <= {"pass", "miss"}
    assert (table["model_min"] <= table["model_mean"] + 1e-12).all()
    assert (table["model_mean"] <= table["model_max"] + 1e-12).all()
    assert (out / "validation.png").stat().st_size > 10_000
    # exit status 0 exactly when every target passes
    assert (proc.returncode == 0) == (table["status"] == "pass").all()


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="the closed economy (issue 15) moved the history off most of its targets; "
                                       "refitting them is issue 17 (docs/calibration.md, status)")
def test_calibrated_scenario_passes(calibrated):
    proc, out = calibrated
    assert proc.returncode == 0, proc.stdout + proc.stderr
    table = pd.read_csv(out / "validation.csv")
    assert (table["status"] == "pass").all(), table[table["status"] != "pass"].to_string()


def test_validate_fails_when_scenario_is_off_target(tmp_path):
    """Robots ten times dearer: robot density cannot reach its 2022 figure, the row is a miss, exit 1."""
    proc = run_cli("validate", CHINA, "--seeds", 1, "--out", tmp_path, "--quiet",
                   "--set", "frontier.robot_price=2000", "--set", "population.firms=300",
                   "--set", "population.workers=3000")
    assert proc.returncode == 1, proc.stderr
    table = pd.read_csv(tmp_path / "validation.csv").set_index("target")
    assert table.loc["robot_density_2022", "status"] == "miss"
    assert table.loc["robot_density_2022", "model_mean"] < table.loc["robot_density_2022", "tolerance_lo"]


def test_bad_seeds_is_a_user_error(tmp_path):
    proc = run_cli("validate", CHINA, "--seeds", 0, "--out", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: --seeds")
    assert not (tmp_path / "validation.csv").exists()


def test_evaluate_marks_pass_miss_and_uncovered():
    periods = [f"{y}Q{q}" for y in range(2015, 2026) for q in range(1, 5)]
    frame = pd.DataFrame({"period": periods, "adoption_data": np.linspace(0.2, 0.9, len(periods))})
    target = next(t for t in TARGETS if t.key == "data_2021")
    on = evaluate([Runs(main=frame)], [target]).iloc[0]
    assert on["model_mean"] == pytest.approx(level(frame, "adoption_data", "2021Q4"))
    assert on["status"] == ("pass" if target.lo <= on["model_mean"] <= target.hi else "miss")
    off = evaluate([Runs(main=frame.assign(adoption_data=0.95))], [target]).iloc[0]
    assert off["status"] == "miss"
    short = evaluate([Runs(main=frame[frame["period"] < "2020"])], [target]).iloc[0]
    assert short["status"] == "n/a"


def test_yearly_growth_reads_full_years():
    periods = pd.Series([f"{y}Q{q}" for y in (2016, 2017, 2018) for q in range(1, 5)])
    values = pd.Series([1.0] * 4 + [1.1] * 4 + [1.21] * 4)
    assert yearly_growth(values, periods, 2016, 2018) == pytest.approx(0.1)
    assert np.isnan(yearly_growth(values, periods, 2015, 2018))


def test_ai_switched_off_and_extension():
    scenario = load_scenario(CHINA)
    twin = ai_switched_off(scenario)
    assert twin.frontier.max_ai_share == 0 and twin.technology.ai.gain == 0
    assert all(size.adoption["ai"] == 0 for size in twin.size_classes)
    assert scenario.frontier.max_ai_share > 0  # the original is untouched
    assert steps_needed(scenario) == 83  # 2015Q1 + 83 quarters = 2035Q4, for AI's long-run lift


@pytest.mark.xfail(strict=True, reason="the history's path changed with the closed economy (issue 15); the defaults "
                                       "are handed off again once it is refitted (issue 17)")
def test_baseline_defaults_are_the_historys_2025_state():
    """The baseline starts where the calibrated history is at 2025Q1 (model/calibration/handoff.py)."""
    from model.calibration.handoff import compare_with_history

    table = compare_with_history([42, 43])
    assert len(table) >= 20
    assert set(table["status"]) <= {"ok", "kept"}, table[table["status"] == "off"].to_string()


def test_handoff_flags_a_baseline_that_starts_elsewhere():
    """The check can fail: a baseline whose SMEs start with half the history's data users is off."""
    from model.calibration.handoff import compare_with_history
    from model.config import Scenario

    data = Scenario().model_dump()
    next(s for s in data["size_classes"] if s["name"] == "sme")["adoption"]["data"] = 0.4
    small = ["population.firms=600", "population.workers=6000"]  # the history; the baseline is measured at 20,000
    table = compare_with_history([42], baseline=Scenario.model_validate(data),
                                 history=load_scenario(CHINA, small)).set_index("key")
    assert table.loc["size_classes.sme.adoption.data", "status"] == "off"
    assert table.loc["frontier.ai_capability", "status"] == "ok"
