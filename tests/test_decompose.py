"""python run.py decompose: the digital share of growth from twins with digital technology unavailable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli, small_scenario
from model import EconomyModel
from model.decompose import TWINS, decompose, growth_share, switched_off
from model.scenario_io import load_scenario
from model.state import DATA, NONE, ROBOTS, TECHS

SMALL = ["--set", "population.firms=200", "--set", "population.workers=2000"]


@pytest.mark.parametrize("twin", list(TWINS))
def test_a_twin_switches_off_every_channel_of_its_technologies(twin):
    """No firm starts with, adopts or enters with a switched-off technology, even under levers that push it.

    The china history (inclusive-cloud programme, 2015 adopters) with an SME subsidy and a robot subsidy on top.
    """
    base = load_scenario(ROOT / "scenarios" / "china_2015_2025.yaml",
                         ["population.firms=300", "population.workers=3000"])
    data = base.model_dump()
    data["policies"] += [{"lever": "sme_subsidy", "rate": 0.8}, {"lever": "robot_tax", "rate": -0.5},
                         {"lever": "platform_membership"}]
    scenario = switched_off(type(base).model_validate(data), TWINS[twin])
    model = EconomyModel(scenario, seed=5)
    off = [TECHS.index(t) for t in TWINS[twin]]
    on = [t for t in range(3) if t not in off]
    used_on = 0
    for step in range(17):  # the initial state (after the burn-in), then 16 quarters
        if step:
            model.step()
        firms = model.firms
        assert (firms.stage[:, off] == NONE).all()
        assert (firms.adopted_at[:, off] == -1).all()
        if ROBOTS in off:
            assert firms.robots.sum() == 0
        if DATA in off:
            assert firms.data.sum() == 0
        used_on += int((firms.stage[:, on] != NONE).sum())
    assert twin == "all" or used_on > 0  # the others still spread


def test_no_digital_technology_means_a_digital_share_of_zero():
    """A scenario without data, robots and AI is its own twin: every share is exactly 0."""
    bare = switched_off(small_scenario(), TWINS["all"])
    summary, seeds = decompose(bare, [1, 2], steps=8)
    shares = summary[summary["measure"].isin(["tfp_share", "gdp_share"])]
    defined = shares["mean"].dropna()
    assert len(defined) > 0 and (defined == 0.0).all()
    jobs = summary[summary["measure"].str.startswith("employment")]
    assert (jobs["mean"].dropna() == 0.0).all()


def test_growth_share_is_undefined_without_growth():
    assert growth_share(np.log(1.10), np.log(1.04)) == pytest.approx(1 - np.log(1.04) / np.log(1.10))
    assert np.isnan(growth_share(0.0, 0.01))
    assert growth_share(-0.05, -0.10) == pytest.approx(-1.0)  # a share of a fall: reported, never clipped


def test_decompose_command_writes_its_files_and_repeats_itself(tmp_path):
    args = ["decompose", ROOT / "scenarios" / "baseline.yaml", "--seeds", 2, "--steps", 8, "--quiet", *SMALL]
    first = run_cli(*args, "--out", tmp_path / "a")
    second = run_cli(*args, "--out", tmp_path / "b")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    for name in ("decomposition.csv", "decomposition_seeds.csv", "decomposition.png", "decomposition.md",
                 "decomposition.html"):
        assert (tmp_path / "a" / name).stat().st_size > 0
    assert (tmp_path / "a" / "decomposition.csv").read_bytes() == (tmp_path / "b" / "decomposition.csv").read_bytes()
    table = pd.read_csv(tmp_path / "a" / "decomposition.csv")
    assert set(table["technology"]) == set(TWINS)
    assert set(table["measure"]) == {"tfp_share", "gdp_share", "employment_pp", "employment_people"}
    assert set(table["horizon"]) == {"cumulative", "annual"}
    ok = table["n_seeds"] >= 2
    assert (table.loc[ok, "lo"] <= table.loc[ok, "mean"] + 1e-12).all()
    assert (table.loc[ok, "mean"] <= table.loc[ok, "hi"] + 1e-12).all()
    seeds = pd.read_csv(tmp_path / "a" / "decomposition_seeds.csv")
    assert set(seeds["seed"]) == {42, 43}


def test_decompose_prints_its_table(tmp_path):
    proc = run_cli("decompose", ROOT / "scenarios" / "baseline.yaml", "--seeds", 1, "--steps", 4, *SMALL,
                   "--out", tmp_path, "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert "数字技术" in proc.stdout and "占全要素生产率增长的份额" in proc.stdout


@pytest.mark.parametrize("extra, message", [(["--seeds", 0], "--seeds 0"),
                                            (["--set", "technology.nonsense=1"], "technology.nonsense")])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, extra, message):
    out = tmp_path / "out"
    proc = run_cli("decompose", ROOT / "scenarios" / "baseline.yaml", *extra, "--out", out)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() or not any(out.iterdir())


def test_the_digital_capacity_share_is_what_data_and_ai_add_and_small_without_them():
    """``digital_capacity_share_<sector>``: 1 - capacity without data, AI and digital capability / capacity, at the
    firms' own inputs. In the test economy's last year it exceeds the no-digital twin's in every sector, where
    only the firms' digital capability (a higher substitution elasticity) is left to count. Measured (seed 3,
    2026-12-05): 11.0%, 14.7% and 23.0% against 1.1%, 1.4% and 1.9% (agriculture, industry, services)."""
    scenario = small_scenario(steps=24)
    columns = [f"digital_capacity_share_{s}" for s in ("agriculture", "industry", "services")]

    def last_year(sc):
        from model.runner import simulate
        return simulate(sc, seed=3, agents=False).timeseries[columns].iloc[-4:].mean().to_numpy()

    with_digital, without = last_year(scenario), last_year(switched_off(scenario, TWINS["all"]))
    assert ((0 <= without) & (without < 0.03)).all(), without
    assert (with_digital - without > 0.05).all() and (with_digital < 1).all(), (with_digital, without)
