"""``compare``: common random numbers, intervals, lever costs and the report, end to end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.report.stats import _verdict, comparison_table, mean_ci
from tests.conftest import ROOT, run_cli

SMALL = ["--set", "population.firms=200", "--set", "population.workers=2000", "--steps", "10"]
SCENARIOS = [ROOT / "scenarios" / "baseline.yaml", ROOT / "scenarios" / "open_public_data.yaml"]
# the library's public-data scenario, with its phases moved inside a short run
EARLY = ("policies=[{lever: public_data, label: public_data_phase1, start: 2, end: 4, share: 0.3}, "
         "{lever: public_data, label: public_data_phase2, start: 6, share: 0.7}]")


@pytest.fixture(scope="module")
def scenario_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scenarios")
    (folder / "data.yaml").write_text(f"extends: {SCENARIOS[1]}\n{EARLY.replace('=', ': ', 1)}\n")
    return [SCENARIOS[0], folder / "data.yaml"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory, scenario_files):
    """One CLI comparison with a process pool (the expensive part, shared by the tests below)."""
    out = tmp_path_factory.mktemp("compare")
    done = run_cli("compare", *scenario_files, "--seeds", "3", "--workers", "2", "--out", out, *SMALL, "--quiet")
    assert done.returncode == 0, done.stderr
    return out


def test_writes_every_file(compared):
    for name in ("comparison.csv", "lever_costs.csv", "report.html", "report.md", "fig_tfp_index.png"):
        assert (compared / name).stat().st_size > 0, name
    assert not [p for p in compared.iterdir() if p.name.startswith(".staging")]


def test_comparison_table_is_paired_against_the_first_scenario(compared):
    table = pd.read_csv(compared / "comparison.csv")
    assert set(table["scenario"]) == {"baseline", "open_public_data"}
    assert table.groupby("scenario")["metric"].apply(lambda m: m.is_unique).all()
    ref = table[table["scenario"] == "baseline"]
    assert (ref["diff"] == 0).all() and (ref["diff_ci_low"] == 0).all() and (ref["diff_ci_high"] == 0).all()
    ok = table.dropna(subset=["ci_low"])
    assert ((ok["ci_low"] <= ok["mean"] + 1e-12) & (ok["mean"] <= ok["ci_high"] + 1e-12)).all()
    other = table[table["scenario"] == "open_public_data"].set_index("metric")
    base = ref.set_index("metric")
    expected = other["mean"] - base.loc[other.index, "mean"]
    scale = other["mean"].abs() + base.loc[other.index, "mean"].abs()
    assert ((other["diff"] - expected).abs() <= 1e-9 * scale + 1e-12).all()
    # step 0 is identical with common random numbers, so a lever absent from the baseline has spending 0 there
    assert base.loc["spending_public_data_phase1", "mean"] == 0
    assert other.loc["spending_public_data_phase1", "mean"] == 0  # its window (steps 2-4) ended before the final year
    assert other.loc["spending_public_data_phase2", "mean"] > 0
    assert other.loc["policy_spending_cumulative", "diff_ci_low"] > 0


def test_lever_costs_book_each_lever(compared):
    costs = pd.read_csv(compared / "lever_costs.csv")
    rows = costs[costs["scenario"] == "open_public_data"].set_index("lever_key")
    assert {"public_data_phase1", "public_data_phase2", "(all levers)"} <= set(rows.index)
    assert (rows["net"] > 0).all()
    assert rows.loc["(all levers)", "net"] == pytest.approx(rows.loc[["public_data_phase1", "public_data_phase2"],
                                                                     "net"].sum())
    assert set(rows["verdict"]) <= {"ratio", "no_gain", "not_significant"}
    ratio = rows[rows["verdict"] == "ratio"]
    np.testing.assert_allclose(ratio["cost_per_point"], ratio["share_gdp"] / ratio["tfp_gain"])


def test_report_is_self_contained(compared):
    page = (compared / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert 'src="http' not in page and "<link" not in page
    for text in ("open_public_data", "How much TFP", "95%", "cost per TFP point"):
        assert text in page
    assert "![tfp_index](fig_tfp_index.png)" in (compared / "report.md").read_text(encoding="utf-8")


def test_results_do_not_depend_on_workers(compared, scenario_files, tmp_path):
    done = run_cli("compare", *scenario_files, "--seeds", "3", "--workers", "1", "--out", tmp_path, *SMALL,
                   "--quiet", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(pd.read_csv(compared / "comparison.csv"), pd.read_csv(tmp_path / "comparison.csv"))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "情景比较" in page and "全要素生产率指数" in page  # Chinese text needs no font
    if "warning" in done.stderr:  # no CJK font on this machine: only the figures fall back to English
        assert done.stderr.count("warning") == 1 and "no font that can draw Chinese" in done.stderr


def test_missing_cjk_font_keeps_chinese_text(monkeypatch, capsys):
    from model import fonts
    from model.cli import compare_cmd

    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    monkeypatch.setattr(fonts, "_warned", False)
    assert compare_cmd.resolve_lang("zh") == ("zh", None)
    assert fonts.figure_lang("zh", None) == "en"
    assert capsys.readouterr().err.count("warning") == 1


@pytest.mark.parametrize("args, needle", [
    (["no_such.yaml"], "no_such.yaml"),
    ([str(SCENARIOS[0]), "--seeds", "0"], "--seeds"),
    ([str(SCENARIOS[0]), "--workers", "0"], "--workers"),
])
def test_bad_input_is_one_clear_line(tmp_path, args, needle):
    done = run_cli("compare", *args, "--out", tmp_path / "out", "--quiet")
    assert done.returncode == 2
    assert done.stderr.startswith("error:") and needle in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_paired_interval_uses_common_random_numbers():
    """Runs that share noise: the paired difference is sharp even when each scenario's interval is wide."""
    noise = np.array([0.0, 1.0, -1.0, 2.0])
    runs = {"a": [pd.DataFrame({"step": [0, 1], "x": [0.0, v]}) for v in noise],
            "b": [pd.DataFrame({"step": [0, 1], "x": [0.0, v + 0.5]}) for v in noise]}
    row = comparison_table(runs).set_index(["scenario", "metric"]).loc[("b", "x")]
    assert row["diff"] == pytest.approx(0.5) and row["diff_ci_low"] == pytest.approx(0.5)
    assert row["ci_high"] - row["ci_low"] > 2
    mean, lo, hi = mean_ci(np.array([1.0, 2.0, 3.0]))
    assert (mean, lo, hi) == pytest.approx((2.0, 2.0 - 4.302653 / np.sqrt(3), 2.0 + 4.302653 / np.sqrt(3)))


@pytest.mark.parametrize("net, gain, verdict", [
    (10.0, (-0.5, -1.0, 0.1), "no_gain"),
    (10.0, (0.5, -0.2, 1.2), "not_significant"),
    (-5.0, (0.5, 0.2, 0.8), "raises_revenue"),
    (0.0, (0.5, 0.2, 0.8), "no_spending"),
    (10.0, (0.5, 0.2, 0.8), "ratio"),
])
def test_cost_per_tfp_point_is_honest(net, gain, verdict):
    got, ratio = _verdict(net, gain, share=2.0)
    assert got == verdict
    assert (ratio == pytest.approx(4.0)) if verdict == "ratio" else ratio is None
