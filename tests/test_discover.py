"""Scenario discovery (``python run.py discover``): known boxes recovered, safe targets, bad input refused.

The known-box tests build a sweep folder by hand (the files a sweep writes: ``sweep.json``, ``runs.parquet``,
``timeseries.parquet``) where the target holds exactly inside a box of two of three parameters. Tolerance:
every recovered limit within 5% of its parameter's sweep range (measured over five draws of the runs: PRIM at
most 3.2%, CART at most 1.0%).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

N = 600
RANGES = {"labour.matching_efficiency": (0.2, 0.9), "technology.ai.fixed_cost": (0.6, 1.8), "adoption.hazard": (0.0, 1.0)}
BOX = {"labour.matching_efficiency": (0.3, 0.6), "technology.ai.fixed_cost": (1.0, 1.5)}
BOX_Q3 = {"labour.matching_efficiency": (0.5, 0.8), "technology.ai.fixed_cost": (0.7, 1.2)}
TARGET = "unemployment_rate <= 0.06 and adoption_gap_size <= 0.10"
TOLERANCE = 0.05


def _inside(x: pd.DataFrame, box: dict) -> np.ndarray:
    return np.logical_and.reduce([(x[k] >= lo) & (x[k] <= hi) for k, (lo, hi) in box.items()])


def make_sweep(folder, *, n=N, seed=0, status="complete", categorical=False):
    """A sweep folder whose target holds exactly inside BOX at the last period (2030Q4) and inside BOX_Q3 at
    2030Q3; a third parameter is noise."""
    rng = np.random.default_rng(seed)
    x = pd.DataFrame({k: rng.uniform(lo, hi, n) for k, (lo, hi) in RANGES.items()})
    if categorical:
        x["labour.search_mode"] = rng.choice(["online", "offline"], n)
    folder.mkdir(parents=True, exist_ok=True)
    runs = pd.DataFrame({"run_id": np.arange(n), "point": np.arange(n), "replication": 0,
                         "seed": rng.integers(0, 2**62, n), "status": "ok", "error": None})
    runs = pd.concat([runs, x], axis=1)
    frames = []
    for period, box in (("2030Q3", BOX_Q3), ("2030Q4", BOX)):
        inside = _inside(x, box)
        fails = rng.integers(0, 3, n)  # outside the box: one condition or both fail, so both matter
        frames.append(pd.DataFrame({
            "run_id": np.arange(n), "step": 3 if period == "2030Q3" else 4, "period": period,
            "unemployment_rate": np.where(inside | (fails == 1), 0.05, 0.08),
            "adoption_gap_size": np.where(inside | (fails == 0), 0.05, 0.2), "tfp_index": 1.0 + x.iloc[:, 0]}))
    series = pd.concat(frames).sort_values(["run_id", "step"], kind="stable").reset_index(drop=True)
    final = series[series["period"] == "2030Q4"].drop(columns=["run_id", "step", "period"]).reset_index(drop=True)
    pd.concat([runs, final], axis=1).to_parquet(folder / "runs.parquet", index=False)
    series.to_parquet(folder / "timeseries.parquet", index=False)
    manifest = {"name": "known_box", "spec": "known_box.yaml", "base": "baseline.yaml", "fingerprint": "f" * 64,
                "design": "lhs", "parameters": list(x.columns), "replications": 1, "seed": 7,
                "common_random_numbers": False, "runs": n, "done": n, "failed": 0, "quarantined": 0,
                "status": status, "gathered": True}
    (folder / "sweep.json").write_text(json.dumps(manifest))
    return folder


def cli(*args):
    from model.cli import main

    return main([str(a) for a in args])


def discover(sweep, out, *extra):
    return cli("discover", sweep, "--target", TARGET, "--out", out, "--quiet", *extra)


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    return make_sweep(tmp_path_factory.mktemp("known") / "sweep")


def _limits(out) -> pd.DataFrame:
    boxes = pd.read_csv(out / "boxes.csv")
    return boxes[boxes["chosen"]].set_index("parameter")


def assert_box(limits: pd.DataFrame, box: dict) -> None:
    for name, (lo, hi) in box.items():
        span = RANGES[name][1] - RANGES[name][0]
        assert limits.loc[name, "restricted"]
        assert abs(limits.loc[name, "lower"] - lo) <= TOLERANCE * span, (name, limits.loc[name, "lower"], lo)
        assert abs(limits.loc[name, "upper"] - hi) <= TOLERANCE * span, (name, limits.loc[name, "upper"], hi)
    assert not limits.loc["adoption.hazard", "restricted"]


# -- the known box -------------------------------------------------------------
@pytest.mark.parametrize("method", ["prim", "cart"])
def test_discovery_recovers_the_known_box(known, tmp_path, method):
    out = tmp_path / method
    assert discover(known, out, "--method", method) == 0
    limits = _limits(out)
    assert_box(limits, BOX)
    assert limits["coverage"].iloc[0] >= 0.95 and limits["density"].iloc[0] >= 0.8
    scores = pd.read_csv(out / "feature_scores.csv")
    assert set(scores["parameter"].iloc[:2]) == set(BOX)  # the noise parameter ranks last
    assert scores["score"].sum() == pytest.approx(1.0)
    files = {p.name for p in out.iterdir()}
    assert {"boxes.csv", "feature_scores.csv", "trajectory.csv", "runs_classified.csv", "report.md", "report.html",
            "fig_tradeoff.png", "fig_box_limits.png", "fig_pairs.png"} <= files
    assert ("tree_rules.txt" in files) == (method == "cart")
    trajectory = pd.read_csv(out / "trajectory.csv")
    assert trajectory["chosen"].sum() == 1
    if method == "prim":  # peeling: mass falls and density rises along the trajectory, from the whole space
        assert trajectory["mass"].iloc[0] == 1.0 and trajectory["mass"].is_monotonic_decreasing
        qp = limits.loc[list(BOX), ["qp_lower", "qp_upper"]].to_numpy()
        assert np.nanmax(qp) < 0.01  # every real limit is significant
    classified = pd.read_csv(out / "runs_classified.csv")
    assert classified["meets_target"].sum() == _inside(pd.read_parquet(known / "runs.parquet"), BOX).sum()


def test_at_reads_the_outcomes_of_that_period(known, tmp_path):
    assert discover(known, tmp_path / "q3", "--at", "2030Q3") == 0
    assert_box(_limits(tmp_path / "q3"), BOX_Q3)
    assert "2030Q3" in (tmp_path / "q3" / "report.md").read_text()


def test_same_inputs_give_the_same_files(known, tmp_path):
    for name in ("a", "b"):
        assert discover(known, tmp_path / name, "--method", "cart") == 0
    for file in ("boxes.csv", "feature_scores.csv", "trajectory.csv", "tree_rules.txt", "report.md"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
    assert discover(known, tmp_path / "c", "--method", "cart", "--seed", "99") == 0
    assert (tmp_path / "a" / "feature_scores.csv").read_bytes() != (tmp_path / "c" / "feature_scores.csv").read_bytes()


def test_a_category_parameter_and_a_chinese_report(tmp_path):
    sweep = make_sweep(tmp_path / "sweep", n=300, categorical=True)
    assert discover(sweep, tmp_path / "zh", "--lang", "zh") == 0
    report = (tmp_path / "zh" / "report.md").read_text(encoding="utf-8")
    assert "情景发现" in report and "覆盖率" in report
    scores = pd.read_csv(tmp_path / "zh" / "feature_scores.csv")
    assert scores["parameter"].iloc[-1] in ("labour.search_mode", "adoption.hazard")


@pytest.mark.parametrize("method", ["prim", "cart"])
def test_a_sweep_of_one_parameter(tmp_path, method):
    sweep = make_sweep(tmp_path / "sweep", n=200)
    manifest = json.loads((sweep / "sweep.json").read_text())
    (sweep / "sweep.json").write_text(json.dumps({**manifest, "parameters": ["labour.matching_efficiency"]}))
    out = tmp_path / method
    assert cli("discover", sweep, "--target", "adoption_gap_size <= 0.1", "--out", out, "--method", method,
               "--quiet") == 0
    assert list(pd.read_csv(out / "feature_scores.csv")["parameter"]) == ["labour.matching_efficiency"]
    assert (out / "fig_pairs.png").exists() and set(pd.read_csv(out / "boxes.csv")["parameter"]) == {
        "labour.matching_efficiency"}


def test_a_target_met_by_no_run_gives_a_report_without_a_box(known, tmp_path, capsys):
    assert cli("discover", known, "--target", "unemployment_rate < 0", "--out", tmp_path / "none") == 0
    assert "no box" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "none" / "boxes.csv").empty
    assert "No box" in (tmp_path / "none" / "report.md").read_text()
    assert not (tmp_path / "none" / "fig_tradeoff.png").exists()


# -- the target expression -------------------------------------------------------
def test_target_expressions_evaluate_like_python_on_numbers():
    from model.discovery.target import parse_target

    values = pd.DataFrame({"unemployment_rate": [0.03, 0.05, 0.07, np.nan], "tfp_index": [1.0, 1.2, 1.3, 1.4]})
    cases = {
        "unemployment_rate <= 0.05": [True, True, False, False],
        "0.04 < unemployment_rate <= 0.07": [False, True, True, False],
        "unemployment_rate < 0.04 or tfp_index >= 1.3": [True, False, True, True],
        "not (unemployment_rate > 0.04) and tfp_index > -1e9": [True, False, False, True],
        "1.1 < tfp_index": [False, True, True, True],
    }
    for text, expected in cases.items():
        target = parse_target(text, known=list(values.columns))
        assert target.holds(values).tolist() == expected, text
    assert parse_target("tfp_index > 1 and tfp_index < 2").metrics == ("tfp_index",)


@pytest.mark.parametrize("text, says", [
    ("__import__('os').system('true')", "is not a comparison"),
    ("unemployment_rate.real > 0", "neither a metric name nor a number"),
    ("unemployment_rate + 1 > 0", "neither a metric name nor a number"),
    ("unemployment_rate == 0.05", "operator Eq is not allowed"),
    ("unemployment_rate > 'x'", "neither a metric name nor a number"),
    ("0.1 < 0.2", "compares no metric"),
    ("unemployment_rate <=", "not a valid expression"),
    ("", "it is empty"),
    ("unemployment_rat <= 0.06", "unknown metric 'unemployment_rat'; did you mean 'unemployment_rate'?"),
    ("period > 3", "unknown metric 'period'"),
    ("x" * 3000, "characters long"),
])
def test_bad_targets_are_refused_naming_the_part(text, says):
    from model.discovery.target import parse_target
    from model.errors import UserError

    with pytest.raises(UserError) as info:
        parse_target(text)
    assert says in info.value.message and info.value.message.startswith("--target ")


# -- bad input: one message naming the file and key, exit 2, nothing written ------
def _refused(capsys, args, says, out):
    assert cli("discover", *args, "--out", out) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
    assert not out.exists()


def test_bad_input_is_refused_and_nothing_is_written(known, tmp_path, capsys):
    out = tmp_path / "out"
    _refused(capsys, [known, "--target", "gini_incom > 0"], "unknown metric 'gini_incom'", out)
    _refused(capsys, [known, "--target", "gini_income > 0"], "metric 'gini_income' was not recorded by this sweep",
             out)
    _refused(capsys, [known, "--target", TARGET, "--at", "2031Q1"], "--at 2031Q1: no run of", out)
    _refused(capsys, [known, "--target", TARGET, "--at", "2030-4"], "--at 2030-4: '2030-4' is not a period", out)
    _refused(capsys, [known, "--target", TARGET, "--min-density", "0"], "--min-density 0.0", out)
    _refused(capsys, [tmp_path / "nowhere", "--target", TARGET], "not a folder", out)
    empty = tmp_path / "empty"
    empty.mkdir()
    _refused(capsys, [empty, "--target", TARGET], "no sweep.json", out)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sweep.json").write_text("{not json")
    _refused(capsys, [broken, "--target", TARGET], "sweep.json: not valid JSON", out)


def test_a_sweep_folder_without_results_is_refused(tmp_path, capsys):
    sweep = make_sweep(tmp_path / "sweep", n=50, status="partial")
    (sweep / "runs.parquet").unlink()
    _refused(capsys, [sweep, "--target", TARGET], "runs.parquet: missing", tmp_path / "out")
    make_sweep(sweep, n=50)
    (sweep / "runs.parquet").write_bytes(b"PAR1 garbage")
    _refused(capsys, [sweep, "--target", TARGET], "runs.parquet: cannot be read", tmp_path / "out")
    make_sweep(sweep, n=50)
    runs = pd.read_parquet(sweep / "runs.parquet").assign(status="failed")
    runs.to_parquet(sweep / "runs.parquet")
    _refused(capsys, [sweep, "--target", TARGET], "no successful run (of 50)", tmp_path / "out")
    make_sweep(sweep, n=50)
    manifest = json.loads((sweep / "sweep.json").read_text())
    (sweep / "sweep.json").write_text(json.dumps({**manifest, "parameters": ["labour.unknown"]}))
    _refused(capsys, [sweep, "--target", TARGET], "column 'labour.unknown' (a parameter of sweep.json) is missing",
             tmp_path / "out")


def test_a_foreign_output_folder_is_refused(known, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert discover(known, out) == 2
    assert "not an earlier output of `discover`" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


# -- end to end on a real tiny sweep ---------------------------------------------
def test_discover_on_a_real_tiny_sweep(tmp_path, capsys):
    import yaml

    spec = {"name": "tiny_discover", "base": str(ROOT / "scenarios" / "baseline.yaml"),
            "set": {"population.firms": 60, "population.workers": 600, "steps": 6}, "seed": 5, "replications": 1,
            "parameters": {"labour.matching_efficiency": {"bounds": [0.2, 0.9]},
                           "technology.ai.fixed_cost": {"bounds": [0.6, 1.8]}},
            "design": {"kind": "lhs", "samples": 12}, "metrics": ["unemployment_rate", "adoption_gap_size"]}
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(spec))
    assert cli("sweep", path, "--workers", "1", "--out", tmp_path / "sweep", "--quiet") == 0
    runs = pd.read_parquet(tmp_path / "sweep" / "runs.parquet")
    cut = float(runs["unemployment_rate"].median())  # about half the runs meet it: a box exists
    target = f"unemployment_rate <= {cut!r}"
    last = pd.read_parquet(tmp_path / "sweep" / "timeseries.parquet", columns=["period"])["period"].iloc[-1]
    assert cli("discover", tmp_path / "sweep", "--target", target, "--out", tmp_path / "d", "--at", last) == 0
    assert "runs meet the target" in capsys.readouterr().out
    classified = pd.read_csv(tmp_path / "d" / "runs_classified.csv")
    assert classified["meets_target"].sum() == (runs["unemployment_rate"] <= cut).sum()
    assert len(pd.read_csv(tmp_path / "d" / "boxes.csv")) == 2
    assert (tmp_path / "d" / "report.html").read_text().count("data:image/png;base64,") == 3
