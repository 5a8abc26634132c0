"""Schedules switch levers on and off at the right steps; spending is zero outside a lever's window."""

from __future__ import annotations

import numpy as np
import pytest

from model import EconomyModel, simulate
from model.errors import ScenarioError
from model.scenario_io import load_scenario
from tests.conftest import ROOT, small_scenario


def _spending(policies, steps=10, **extra):
    scenario = small_scenario(steps=steps, policies=policies, **extra)
    return simulate(scenario, seed=3, agents=False).timeseries


def test_window_by_step_numbers():
    frame = _spending([{"lever": "public_data", "share": 0.5, "start": 3, "end": 6}])
    spent = frame["spending_public_data"].to_numpy()
    inside = (frame["step"] >= 3) & (frame["step"] <= 6)
    assert (spent[inside] > 0).all()
    assert (spent[~inside] == 0).all()


def test_window_by_period_labels():
    """2025Q3..2026Q2 is steps 2..5 of a scenario starting 2025Q1."""
    frame = _spending([{"lever": "digital_infrastructure", "regions": ["west"], "start": "2025Q3",
                        "end": "2026Q2"}], start="2025Q1")
    active = frame.loc[frame["spending_digital_infrastructure"] > 0, "period"].tolist()
    assert active == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def test_effects_follow_the_schedule_step_by_step():
    scenario = small_scenario(steps=8, policies=[{"lever": "public_data", "share": 0.4, "start": 2, "end": 4},
                                                 {"lever": "platform_regulation", "commission_cap": 0.1,
                                                  "start": 3}])
    model = EconomyModel(scenario, seed=1, agents=False)
    opened, capped = [], []
    for _ in range(8):
        model.step()
        opened.append(model.effects.public_data_open)
        capped.append(model.effects.commission_cap)
    assert opened == [0.0, 0.4, 0.4, 0.4, 0.0, 0.0, 0.0, 0.0]  # steps 1..8
    assert capped == [None, None, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]


def test_same_lever_twice_with_labels_keeps_separate_accounts():
    frame = _spending([{"lever": "public_data", "label": "phase1", "share": 0.2, "start": 1, "end": 3},
                       {"lever": "public_data", "label": "phase2", "share": 0.6, "start": 5}])
    one, two = frame["spending_phase1"], frame["spending_phase2"]
    assert (one[frame["step"].between(1, 3)] > 0).all() and (one[~frame["step"].between(1, 3)] == 0).all()
    assert (two[frame["step"] >= 5] > 0).all() and (two[frame["step"] < 5] == 0).all()
    np.testing.assert_allclose(frame["policy_spending"], one + two)


def test_same_lever_twice_without_labels_shares_one_account():
    frame = _spending([{"lever": "public_data", "share": 0.2, "start": 1, "end": 2},
                       {"lever": "public_data", "share": 0.2, "start": 2, "end": 3}])
    frame = frame.set_index("step")
    # programmes cost a share of GDP at the prices the quarter opens with (the last quarter's closing prices)
    real = frame["spending_public_data"] / frame["price_level"].shift(1)
    assert real[2] == pytest.approx(2 * real[1]) and real[3] == pytest.approx(real[1])


def test_every_account_has_a_column_from_step_zero():
    frame = _spending([{"lever": "income_support", "start": 4, "end": 6}])
    for column in ("spending_income_support", "spending_income_support_surcharge"):
        assert frame[column].notna().all()
        assert (frame.loc[~frame["step"].between(4, 6), column] == 0).all()


def test_lever_that_ends_before_it_starts_is_never_active():
    frame = _spending([{"lever": "public_data", "start": 5, "end": 3}])
    assert (frame["spending_public_data"] == 0).all()


@pytest.mark.parametrize("lever, needle", [
    ({"lever": "digital_infrastructure", "regions": ["north"]}, "north"),
    ({"lever": "compute_west", "to_region": "mars"}, "mars"),
    ({"lever": "sme_subsidy", "size_classes": ["giant"]}, "giant"),
    ({"lever": "public_data", "start": "2024Q4"}, "before the scenario start"),
    ({"lever": "public_data", "start": "2027Q5"}, "2027Q5"),
    ({"lever": "income_support", "mode": "lottery"}, "mode"),
])
def test_bad_lever_settings_are_clear_errors(tmp_path, lever, needle):
    path = tmp_path / "bad.yaml"
    import yaml

    path.write_text(yaml.safe_dump({"name": "bad", "policies": [lever]}))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert needle in info.value.message


def test_scenario_library_loads_and_describes_itself():
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    library = [f for f in files if f.name not in {"baseline.yaml", "china_2015_2025.yaml"}]
    assert len(library) >= 10
    names = set()
    for path in library:
        scenario = load_scenario(path)
        assert scenario.description.strip(), f"{path.name}: no description"
        assert scenario.name not in names
        names.add(scenario.name)
    assert {"fast_ai_no_response", "new_quality_productive_forces"} <= names
