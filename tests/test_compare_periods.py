"""``compare`` aligns scenarios by calendar period: no shared period is an error, a partial overlap is noted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.cli import main

SMALL = ["--set", "population.firms=60", "--set", "population.workers=600", "--seeds", "1", "--workers", "1",
         "--quiet"]


def _scenario(folder: Path, name: str, start: str, steps: int) -> str:
    base = Path("scenarios/baseline.yaml").resolve()
    path = folder / f"{name}.yaml"
    path.write_text(f"extends: {base}\nname: {name}\nstart: {start}\nsteps: {steps}\n", encoding="utf-8")
    return str(path)


def test_compare_refuses_scenarios_that_share_no_period(tmp_path, capsys):
    a, b = _scenario(tmp_path, "early", "2015Q1", 4), _scenario(tmp_path, "late", "2030Q1", 4)
    out = tmp_path / "out"
    assert main(["compare", a, b, "--out", str(out), *SMALL]) == 2
    err = capsys.readouterr().err
    assert "share no period" in err and "early 2015Q1..2016Q1" in err and "late 2030Q1..2031Q1" in err
    assert "Traceback" not in err and not out.exists()


def test_compare_over_the_common_periods_of_a_partial_overlap(tmp_path, capsys):
    a, b = _scenario(tmp_path, "first", "2025Q1", 4), _scenario(tmp_path, "second", "2025Q3", 4)
    out = tmp_path / "out"
    assert main(["compare", a, b, "--out", str(out), *SMALL]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if "overlap only in part" in line]
    assert len(notes) == 1 and "common periods 2025Q3..2026Q1" in notes[0]
    assert (out / "comparison.csv").exists()
    assert set(pd.read_csv(out / "comparison.csv")["scenario"]) == {"first", "second"}


def test_align_runs_keeps_the_common_periods():
    from model.report.align import align_runs

    frame = pd.DataFrame({"step": [0, 1, 2], "period": ["2025Q1", "2025Q2", "2025Q3"], "x": [1.0, 2.0, 3.0]})
    aligned = align_runs({"a": [frame]}, "2025Q2", "2025Q3")["a"][0]
    assert aligned["period"].tolist() == ["2025Q2", "2025Q3"] and aligned["step"].tolist() == [0, 1]
