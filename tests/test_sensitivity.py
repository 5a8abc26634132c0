"""Sensitivity analysis recovers a known answer: green.carbon_intensity only changes emissions."""

from __future__ import annotations

import pandas as pd
import yaml

from conftest import ROOT

PARAMETERS = {"labour.matching_efficiency": {"bounds": [0.3, 0.8]},
              "technology.ai.fixed_cost": {"bounds": [0.6, 1.8]},
              "green.carbon_intensity": {"bounds": [0.2, 1.0]}}


def write_spec(folder):
    spec = {"name": "known_answer", "base": str(ROOT / "scenarios" / "baseline.yaml"),
            "set": {"population.firms": 100, "population.workers": 1000, "steps": 6}, "seed": 3,
            "parameters": PARAMETERS, "design": {"kind": "lhs", "samples": 4},
            "metrics": ["unemployment_rate", "adoption_ai", "emissions"]}
    path = folder / "known_answer.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def indices(frame, metric, parameter):
    return frame[(frame["metric"] == metric) & (frame["parameter"] == parameter)].iloc[0]


def test_sobol_total_index_of_a_parameter_without_effect_is_zero(tmp_path, capsys):
    from model.cli import main

    out = tmp_path / "sobol"
    assert main(["sensitivity", str(write_spec(tmp_path)), "--method", "sobol", "--samples", "16",
                 "--workers", "2", "--out", str(out)]) == 0
    assert "indices written" in capsys.readouterr().out
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 16 * (3 + 2)  # Saltelli: N (D + 2) without second order
    table = pd.read_csv(out / "sensitivity_sobol.csv")
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(table.columns)
    carbon_jobs = indices(table, "unemployment_rate", "green.carbon_intensity")
    assert abs(carbon_jobs["ST"]) < 0.02 and abs(carbon_jobs["S1"]) < 0.02
    carbon_emissions = indices(table, "emissions", "green.carbon_intensity")
    assert carbon_emissions["ST"] > 0.5 and carbon_emissions["S1"] > 0.3
    matching_jobs = indices(table, "unemployment_rate", "labour.matching_efficiency")
    assert matching_jobs["ST"] > 0.1
    assert (out / "sensitivity_sobol.png").stat().st_size > 10_000


def test_morris_and_resume(tmp_path):
    from model.sweep import build_plan, execute
    from model.sweep.sensitivity import write_indices

    spec = write_spec(tmp_path)
    plan = build_plan(spec, kind="morris", samples=4, crn_default=True)
    assert plan.n_runs == 4 * (3 + 1)
    out = tmp_path / "morris"
    execute(plan, out, workers=1, progress=False)
    table = write_indices(plan, out, "morris")
    assert indices(table, "unemployment_rate", "green.carbon_intensity")["mu_star"] == 0
    assert indices(table, "adoption_ai", "green.carbon_intensity")["mu_star"] == 0
    emissions = table[table["metric"] == "emissions"].set_index("parameter")["mu_star"]
    assert emissions.idxmax() == "green.carbon_intensity"
    again = execute(build_plan(spec, kind="morris", samples=4, crn_default=True), out, workers=1, progress=False)
    assert again.ran == 0 and again.complete  # the same runner: a finished analysis resumes to nothing
    pd.testing.assert_frame_equal(write_indices(plan, out, "morris"), table)
