"""Stylised facts (``model/facts.py``) on synthetic data built to pass or to fail, and ``python run.py facts``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli
from model import facts as F

T = 80  # quarters of synthetic macro data per seed
TINY = ["--set", "population.firms=60", "--set", "population.workers=600", "--steps", "24", "--seeds", "2"]


def economy(seed: int = 0, *, phi=0.8, inv=3.0, cons=0.6, credit=1.5, okun=1.0, phillips=-0.5,
            beveridge=-1.0) -> pd.DataFrame:
    """A synthetic economy: an AR(1) output cycle around a trend; other series load on it by the given factors."""
    rng = np.random.default_rng(seed)
    cycle = np.zeros(T)
    for t in range(1, T):
        cycle[t] = phi * cycle[t - 1] + rng.normal(0, 0.01)
    trend = 0.005 * np.arange(T)
    noise = lambda sd: rng.normal(0, sd, T)  # noqa: E731
    employment = 0.92 * np.exp(okun * 0.3 * cycle + noise(0.0005))
    unemployment = 1 - employment
    inflation = 0.005 + phillips * 0.1 * (unemployment - unemployment.mean()) + noise(0.0005)
    vacancy_rate = 0.15 + beveridge * (unemployment - unemployment.mean()) + noise(0.002)
    employees = 1000 * employment
    price_level = np.exp(np.cumsum(inflation))
    return pd.DataFrame({
        "step": np.arange(T), "gdp": 100 * np.exp(trend + cycle), "nominal_gdp": 100 * np.exp(trend + cycle) * price_level,
        "investment_real": 20 * np.exp(trend + inv * cycle + noise(0.001)),
        "consumption_real": 60 * np.exp(trend + cons * cycle + noise(0.001)),
        "loans": 80 * np.exp(trend + credit * cycle + noise(0.001)) * price_level,  # nominal; real loads on credit
        "employment_rate": employment, "unemployment_rate": unemployment, "employees": employees,
        "vacancies": vacancy_rate * employees / (1 - vacancy_rate), "price_level": price_level,
    })


def frames(**kwargs) -> list[pd.DataFrame]:
    return [economy(seed, **kwargs) for seed in range(3)]


def panel(seed: int = 0, *, firms=400, quarters=20, shocks="laplace", spread=1.0,
          flip=False, invest="lumpy") -> F.FirmPanel:
    """A synthetic firm panel: persistent log productivity, lognormal staff and growth shocks of the given kind."""
    rng = np.random.default_rng(seed)
    staff = rng.lognormal(2, 1, firms)
    log_a = rng.normal(0, spread, firms)
    draw = rng.laplace if shocks == "laplace" else rng.uniform
    scale = (0, 0.05) if shocks == "laplace" else (-0.1, 0.1)
    growth = np.cumsum(draw(*scale, (quarters, firms)), axis=0)
    log_prod = np.where(np.arange(quarters)[:, None] >= quarters // 2, -log_a, log_a) if flip else log_a + 0 * growth
    headcount = np.maximum(np.round(staff * np.exp(0 * growth)), 1)
    output = headcount * np.exp(log_prod + growth)
    invested = np.ones((quarters, firms))
    if invest == "lumpy":
        invested[rng.integers(0, quarters, firms), np.arange(firms)] = 100.0
    age = np.arange(quarters)[:, None] + 5 + np.zeros(firms, int)
    return F.FirmPanel(output=output, headcount=headcount * np.ones((quarters, 1)), capital=output * 2, age=age,
                       invested=None if invest is None else invested)


def panels(**kwargs) -> list[F.FirmPanel]:
    return [panel(seed, **kwargs) for seed in range(2)]


# -- macro facts ------------------------------------------------------------------------------------------------
def test_persistent_fluctuations_pass_and_fail():
    assert F.output_fluctuations(frames()).passed is True
    assert F.output_fluctuations(frames(phi=0.0)).passed is False  # white noise: no persistence


@pytest.mark.parametrize("factor,ok", [(3.0, True), (1.0, False), (6.0, False)])
def test_investment_two_to_four_times_as_volatile(factor, ok):
    assert F.investment_volatility(frames(inv=factor)).passed is ok


@pytest.mark.parametrize("factor,ok", [(0.6, True), (1.5, False)])
def test_consumption_less_volatile(factor, ok):
    assert F.consumption_volatility(frames(cons=factor)).passed is ok


@pytest.mark.parametrize("column", ["employment_rate", "consumption_real", "investment_real", "loans"])
def test_procyclical_pass_and_fail(column):
    assert F.procyclical(frames(), column, "k", "label").passed is True
    backwards = {"employment_rate": {"okun": -1.0}, "consumption_real": {"cons": -0.6},
                 "investment_real": {"inv": -3.0}, "loans": {"credit": -1.5}}[column]
    assert F.procyclical(frames(**backwards), column, "k", "label").passed is False


def test_credit_is_measured_in_real_terms():
    """Loans whose real value is countercyclical fail fact 7 even when a procyclical deflator makes them
    procyclical in nominal terms (and pass in the opposite case)."""
    def economies(real, deflator):
        out = []
        for f in frames():
            cycle = np.log(f["gdp"].to_numpy()) - 0.005 * np.arange(T) - np.log(100)
            f = f.assign(nominal_gdp=f["gdp"] * np.exp(deflator * cycle))
            out.append(f.assign(loans=80 * np.exp(real * cycle) * np.exp(deflator * cycle)))
        return out

    facts = {case: {f.key: f for f in F.measure_facts(economies(*case), panels())}["procyclical_credit"]
             for case in ((-1.5, 3.0), (1.5, -3.0))}
    assert facts[(-1.5, 3.0)].passed is False and facts[(1.5, -3.0)].passed is True
    assert "real loans" in facts[(1.5, -3.0)].detail


def test_okun_phillips_beveridge_pass_and_fail():
    good, bad = frames(), frames(okun=-1.0, phillips=0.5, beveridge=1.0)
    for fact in (F.okun, F.phillips, F.beveridge):
        assert fact(good).passed is True, fact(good)
        assert fact(bad).passed is False, fact(bad)
    assert "p-value" in F.okun(good).detail


def test_a_missing_column_is_not_measured_and_the_rest_is():
    data = [f.drop(columns=["loans", "investment_real"]) for f in frames()]
    facts = {f.key: f for f in F.measure_facts(data, panels())}
    assert len(facts) == 14
    for key, column in [("procyclical_credit", "loans"), ("investment_volatility", "investment_real"),
                        ("procyclical_investment", "investment_real")]:
        assert facts[key].passed is None and facts[key].measured == "not measured"
        assert f"not measured (column {column} missing)" in facts[key].detail
    assert all(facts[k].passed is True for k in ("output_fluctuations", "okun", "consumption_volatility"))
    table = F.format_facts(list(facts.values()))
    assert "not measured" in table and "pass" in table


def test_seed_groups_count_where_each_fact_holds():
    """Two groups of two seeds, Okun's law built in the first and reversed in the second: it passes in one of
    the two; the other facts in both; the last group takes the remainder; one group gives no count."""
    data = [economy(s) for s in (0, 1)] + [economy(s, okun=-1.0) for s in (2, 3, 4)]
    firm_data = [panel(s) for s in range(5)]
    keys = [f.key for f in F.measure_facts(data, firm_data)]
    counts = dict(zip(keys, F.group_passes(data, firm_data, size=2)))
    assert counts["okun"] == (1, 2)
    assert counts["phillips"] == counts["size_skewness"] == (2, 2)
    assert F.group_passes(data, firm_data, size=3) is None  # 5 // 3: one group
    dropped = [f.drop(columns=["loans"]) for f in data]
    assert dict(zip(keys, F.group_passes(dropped, firm_data, size=2)))["procyclical_credit"] == (0, 0)
    facts = F.measure_facts(data, firm_data)
    table = F.facts_frame(facts, F.group_passes(data, firm_data, size=2))
    assert table.set_index(table["fact"].str.split().str[0].astype(int))["seed_groups"][8] == "1 of 2"
    assert "groups of" in F.format_facts(facts, F.group_passes(data, firm_data, size=2))
    assert (F.facts_frame(facts)["seed_groups"] == "").all()


def test_burn_in_is_dropped_only_from_long_runs():
    assert F.burn_in(T) == F.BURN_IN and F.burn_in(F.BURN_IN + F.MIN_QUARTERS - 1) == 0
    facts = F.measure_facts(frames(), panels())
    assert all(f"rows {F.BURN_IN} to {T - 1}" in f.detail for f in facts[:10])
    assert all(f"rows {F.BURN_IN} to 19" in f.detail for f in facts[10:])
    assert all(f.passed is True for f in facts), F.format_facts(facts)


def test_a_non_positive_series_is_not_measured():
    data = frames()
    data[1].loc[5, "investment_real"] = 0.0
    fact = F.investment_volatility(data)
    assert fact.passed is None and "not positive" in fact.detail


# -- micro facts ------------------------------------------------------------------------------------------------
def test_firm_size_skewness_pass_and_fail():
    assert F.size_skewness(panels()).passed is True
    left = panels()
    for p in left:  # many large firms and a tail of small ones
        p.output[-1] = 1000 - p.output[-1].clip(max=990)
    assert F.size_skewness(left).passed is False


def test_growth_kurtosis_pass_and_fail():
    assert F.growth_kurtosis(panels()).passed is True
    assert F.growth_kurtosis(panels(shocks="uniform")).passed is False


def test_productivity_dispersion_pass_and_fail():
    assert F.productivity_dispersion(panels()).passed is True
    assert F.productivity_dispersion(panels(spread=0.1)).passed is False  # P90/P10 about 1.3
    assert F.productivity_dispersion(panels(flip=True)).passed is False  # dispersed, but ranks reverse


def test_lumpy_investment_pass_fail_and_not_recorded():
    assert F.lumpy_investment(panels()).passed is True
    assert F.lumpy_investment(panels(invest="even")).passed is False
    fact = F.lumpy_investment(panels(invest=None))
    assert fact.passed is None and "not recorded" in fact.detail


def test_entrants_start_a_new_firm():
    p = panel(quarters=6, firms=3)
    p.age[3, 1] = 1  # slot 1 taken by an entrant in quarter 3
    p.age[4:, 1] = [2, 3]
    same = p.continuing()
    assert not same[0].any() and same[1:, 0].all()
    assert list(same[:, 1]) == [False, True, True, False, True, True]


# -- the command ---------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_facts_command_at_a_tiny_size(tmp_path):
    out = tmp_path / "facts"
    proc = run_cli("facts", ROOT / "scenarios/baseline.yaml", "--out", out, *TINY)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert {p.name for p in out.iterdir()} == {"facts.csv", "facts.png"}
    table = pd.read_csv(out / "facts.csv")
    assert list(table.columns) == ["fact", "measured", "reference", "passed", "seed_groups", "detail"]
    assert table["seed_groups"].isna().all()  # two seeds: no groups of ten
    assert [int(label.split()[0]) for label in table["fact"]] == list(range(1, 15))
    assert "Okun's law" in proc.stdout and "reference" in proc.stdout
    again = run_cli("facts", ROOT / "scenarios/baseline.yaml", "--out", out, "--quiet", *TINY)  # its own folder
    assert again.returncode == 0, again.stderr
    assert pd.read_csv(out / "facts.csv").equals(table)  # same seeds, same numbers


@pytest.mark.parametrize("args,message", [
    (["no_such_file.yaml"], "no_such_file.yaml"),
    ([str(ROOT / "scenarios/baseline.yaml"), "--seeds", "0"], "--seeds 0"),
    ([str(ROOT / "scenarios/baseline.yaml"), "--set", "population.firmz=3"], "population.firmz"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out" / "facts"
    proc = run_cli("facts", *args, "--out", out)
    assert proc.returncode == 2
    assert message in proc.stderr and proc.stderr.startswith("error:")
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_foreign_folder_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    proc = run_cli("facts", ROOT / "scenarios/baseline.yaml", "--out", tmp_path, *TINY)
    assert proc.returncode == 2 and "not an earlier output of `facts`" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
