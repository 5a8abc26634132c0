"""The closed economy: the books close, money is made only by loans, and demand, credit and jobs move as they should."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import small_scenario
from fuzz_support import fuzz_settings
from model.accounts import SECTORS, BooksError, Ledger, balance_sheet
from model.economy import EconomyModel
from model.errors import EconomyCollapse

FAST = fuzz_settings(50)

MODERATE = st.fixed_dictionaries({
    "seed": st.integers(0, 10_000),
    "households": st.fixed_dictionaries({"propensity_income": st.floats(0.6, 0.95),
                                         "propensity_wealth": st.floats(0.0, 0.1),
                                         "owners_propensity_income": st.floats(0.1, 0.9)}),
    "government": st.fixed_dictionaries({"consumption_share": st.floats(0.05, 0.3),
                                         "consumption_growth": st.floats(-0.05, 0.15),
                                         "profit_tax": st.floats(0.0, 0.5),
                                         "pensions_share": st.floats(0.0, 0.15)}),
    "trade": st.fixed_dictionaries({"import_share": st.floats(0.0, 0.4), "export_growth": st.floats(-0.05, 0.15)}),
    "banking": st.fixed_dictionaries({"policy_rate": st.floats(0.0, 0.1), "capital_requirement": st.floats(0.0, 0.3),
                                      "initial_drawdown": st.floats(0.0, 1.0), "cash_buffer": st.floats(0.0, 3.0)}),
    "demand": st.fixed_dictionaries({"income_tax": st.floats(0.0, 0.4), "dividend_payout": st.floats(0.0, 1.0)}),
})


def run(scenario, steps=None, seed=None):
    model = EconomyModel(scenario, seed=seed)
    for _ in range(scenario.steps if steps is None else steps):
        model.step()
    return model


@FAST
@given(MODERATE)
def test_generated_economies_close_their_books_every_step(params):
    """50 generated scenarios: both matrices close at every step (the model checks itself), every worker is
    employed, on a platform or unemployed, and each firm's term loans are part of its loans (the overdraft, the
    rest, is never negative)."""
    seed = params.pop("seed")
    scenario = small_scenario(population={"firms": 60, "workers": 600}, steps=8, **params)
    try:
        model = run(scenario, seed=seed)
    except EconomyCollapse:
        return  # a named collapse is a legitimate end; a BooksError is not, and fails the test
    assert model.books_gap_max < 1e-9
    for record in model.records:
        assert record["employees"] + record["gig_workers"] + record["unemployed"] == 600
    sheet = balance_sheet(model)
    for instrument, row in sheet.items():
        assert abs(row.sum()) <= 1e-9 * max(np.abs(row).max(), 1.0), instrument
    firms = model.firms
    slack = 1e-9 * max(float(firms.loans.max(initial=0.0)), 1.0)
    assert (firms.term_loans >= -slack).all() and (firms.term_loans <= firms.loans + slack).all()


def test_money_is_created_only_by_loans():
    """Across a run, the change in all deposits equals the change in loans plus bonds minus bank equity."""
    scenario = small_scenario(steps=12)
    model = EconomyModel(scenario)

    def stocks(m):
        deposits = (m.workers.deposits.sum() + m.balances.owners.deposits + m.firms.cash.sum()
                    + m.balances.platform_deposits + m.balances.rest_of_world.deposits)
        return deposits, m.firms.loans.sum() + m.balances.government.bonds - m.balances.banks.equity

    before = stocks(model)
    for _ in range(12):
        model.step()
    after = stocks(model)
    scale = model.records[-1]["nominal_gdp"]
    assert abs((after[0] - before[0]) - (after[1] - before[1])) < 1e-9 * scale
    assert after[0] - before[0] != pytest.approx(0.0)  # money did change: loans and bonds moved


def test_a_payment_outside_the_books_stops_the_run(monkeypatch):
    import model.distribution as distribution

    original = distribution.pay_platform_dividends

    def leaky(model):
        original(model)
        model.balances.owners.deposits += 1.0  # money from nowhere

    model = EconomyModel(small_scenario())
    monkeypatch.setattr("model.income_demand.pay_platform_dividends", leaky)
    with pytest.raises(BooksError, match=r"step 1 .*(households|banks)"):
        model.step()


def test_a_payment_outside_the_books_in_the_burn_in_names_the_burn_in_quarter(monkeypatch):
    """Before step 0 the step counter counts the burn-in's quarters: the message says so, not 'step 3'."""
    import model.distribution as distribution

    original = distribution.pay_platform_dividends

    def leaky(model):
        original(model)
        if model.steps == 3:
            model.balances.owners.deposits += 1.0  # money from nowhere

    monkeypatch.setattr("model.income_demand.pay_platform_dividends", leaky)
    with pytest.raises(BooksError, match=r"^the books do not close before the start \(2025Q1\), in quarter 3 of "
                                         r"the \d+-quarter burn-in \(initial.burn_in\): (households|banks)"):
        EconomyModel(small_scenario())


def test_digital_services_are_sold_by_services_firms_and_counted_once_in_gdp(monkeypatch):
    """Firms buy the running services of their data, robots and AI from the services sector's firms (none of it
    goes to the platforms), and GDP counts them once: at the end of the quarter, GDP by expenditure
    (C + I + G + X - M + the change in inventories, the imported part of digital services in M) equals GDP by
    production (firms' sales and the change in the book value of their stock, less the digital services they
    bought, plus gig services), to round-off; industry's firms did change their stock."""
    import model.economy as economy
    import model.income_demand as income_demand
    from model.entry_exit import turnover

    model = run(small_scenario(steps=0), steps=4, seed=5)
    seen = {}
    original = income_demand.clear_goods_market

    def watched(m):
        platforms = m.balances.platform_deposits
        seen["stock_before"] = float(m.firms.inventory_value.sum())
        original(m)
        firms = m.firms
        services = firms.sector == m.services_sector
        seen["services_revenue"] = float(firms.revenue[services].sum())
        seen["digital"] = float(firms.digital.sum())
        seen["to_platforms"] = m.balances.platform_deposits - platforms

    def before_exits(m):  # real GDP by production before exiting firms' rows are reused by entrants
        firms, s = m.firms, m.services_sector
        unit_value = firms.revenue[firms.sector == s].sum() / firms.sales[firms.sector == s].sum()
        real_digital = float(firms.digital.sum()) * m.sector_price0[s] / unit_value
        seen["real_gdp"] = (float(np.dot(firms.sales + firms.inventory_change, m.sector_price0[firms.sector]))
                            - real_digital + m.gig_output())
        seen["expenditure"] = m.nominal_gdp()
        seen["stocked"] = float(firms.inventory_value.sum()) - seen["stock_before"]
        seen["production"] = (float(firms.revenue.sum()) + seen["stocked"] - float(firms.digital.sum())
                              + m.gig_spending)
        turnover(m)

    monkeypatch.setattr(income_demand, "clear_goods_market", watched)
    monkeypatch.setattr(economy, "turnover", before_exits)
    model.step()
    assert seen["digital"] > 0.005 * seen["expenditure"]
    assert seen["expenditure"] == pytest.approx(seen["production"], rel=1e-12) and seen["stocked"] != 0.0
    assert seen["to_platforms"] == 0.0  # the goods market pays the platforms nothing
    assert seen["services_revenue"] > seen["digital"]
    # the recorded GDP is that of the quarter's sales, the firms that exit at its end included
    assert model.records[-1]["firms_exited"] > 0
    assert model.records[-1]["gdp"] == pytest.approx(seen["real_gdp"], rel=1e-12)
    # and the sectors' real value added (net of the digital services they bought) adds up to real GDP
    for record in model.records[1:]:
        parts = sum(record[f"real_value_added_{name}"] for name in model.sector_names)
        assert parts + record["platform_services_real"] == pytest.approx(record["gdp"], rel=1e-12)
        assert record["real_value_added_services"] < record["real_output_services"]


def test_a_negative_order_in_the_goods_market_is_a_named_collapse_not_a_books_error():
    """A buyer whose order is negative (here government consumption forced below zero) would make sellers pay for
    what they sell: the goods market stops the run naming the kind of demand, before any money moves."""
    model = run(small_scenario(steps=0), steps=2, seed=3)
    model.balances.government.real_consumption = -1.0
    with pytest.raises(EconomyCollapse, match="government_consumption demand in the goods market is negative") as exc:
        model.step()
    assert exc.value.quantity == "government_consumption"


def test_ledger_rows_sum_to_zero_and_unknown_flows_are_refused():
    ledger = Ledger()
    ledger.pay("wages", "firms", "households", 5.0)
    ledger.pay("income_tax", "households", "government", 1.0)
    assert all(abs(row.sum()) < 1e-12 for row in ledger.rows.values())
    lending = ledger.net_lending()
    assert lending[SECTORS.index("households")] == pytest.approx(4.0)
    with pytest.raises(KeyError, match="unknown flow"):
        ledger.pay("magic", "firms", "households", 1.0)


# -- directions, paired over seeds (common random numbers), with effects above the noise
SEEDS = range(4)


def paired(metric, base_sections, alt_sections, steps, stat=np.mean, window=None, seeds=SEEDS):
    """Mean over seeds of ``metric`` (averaged over ``window`` steps) in the base and the alternative."""
    out = []
    for sections in (base_sections, alt_sections):
        values = []
        for seed in seeds:
            model = run(small_scenario(steps=steps, **sections), seed=seed)
            series = np.array([r[metric] for r in model.records[1:]])
            values.append(stat(series if window is None else series[window]))
        out.append(np.array(values))
    return out


def test_pensions_are_paid_out_of_the_contributions_instead_of_a_trade_surplus():
    """Pensions of 5.5% of GDP, against none: paid at their share, households spend them, the government's balance
    falls and the start's exports (the demand that buys what is left unsold) are no longer a large trade surplus.

    Measured (300 firms, seeds 0-3, quarters 1-4): pensions 5.58% of GDP at step 1; the rest of the world's net
    lending -8.0 to -9.4% of GDP without pensions, -2.9 to -4.2% with them; the government's balance 5.6 to 6.1
    points lower; consumption 5.1 to 5.2 points of GDP higher. Required: 5.5% within a tenth, and at least 3,
    4 and 3 points in every seed.
    """
    share = 0.055
    none, paid = ({**SHOCK, "government": {"pensions_share": s}} for s in (0.0, share))
    for seed in SEEDS:
        records = [run(small_scenario(steps=4, **sections), seed=seed).records[1:] for sections in (none, paid)]
        assert records[0][0]["pensions_paid"] == 0.0
        assert abs(records[1][0]["pensions_paid"] / records[1][0]["nominal_gdp"] - share) < 0.1 * share

        def mean(metric, k):
            return np.mean([r[metric] for r in records[k]])

        assert mean("net_lending_rest_of_world", 1) - mean("net_lending_rest_of_world", 0) > 0.03
        assert mean("government_balance_to_gdp", 0) - mean("government_balance_to_gdp", 1) > 0.04
        assert mean("consumption_to_gdp", 1) - mean("consumption_to_gdp", 0) > 0.03


def test_pensions_follow_the_earnings_they_were_contributed_from():
    """Each household's pension is its share of the bill by its skill level's wage in its region."""
    from model.government import pension_payments

    model = run(small_scenario(steps=1), seed=0)
    workers = model.workers
    paid = pension_payments(model, 1000.0)
    assert paid.sum() == pytest.approx(1000.0) and (paid > 0).all()
    key = model.wage[workers.region, workers.skill]
    np.testing.assert_allclose(paid / key, paid[0] / key[0])
    same_region = workers.region == workers.region[0]
    assert paid[same_region & (workers.skill == 2)].min() > paid[same_region & (workers.skill == 0)].max()


def test_more_government_consumption_raises_employment_in_the_short_run():
    base, alt = paired("employment_rate", {}, {"government": {"consumption_growth": 0.4}}, steps=6,
                       window=slice(2, 6))
    assert (alt - base).mean() > 0.01 and (alt > base).all()


#: Shocks at step 0: no burn-in, or the economy would settle under the changed parameter before step 0
SHOCK = {"initial": {"burn_in": 0}}


def test_a_higher_saving_propensity_lowers_demand():
    base, alt = paired("consumption_real", SHOCK, {**SHOCK, "households": {"propensity_income": 0.65}}, steps=6)
    assert ((alt - base) / base).mean() < -0.05 and (alt < base).all()


def test_a_credit_crunch_lowers_sme_adoption_and_investment():
    """A bank capital requirement far above banks' equity: lines are cut, SMEs' first.

    Banks rebuild capital from retained profit within two or three years, so the crunch is transient: the test
    looks at its first two years.
    """
    crunch = {**SHOCK, "banking": {"capital_requirement": 0.5}}
    base, alt = paired("investment_real", SHOCK, crunch, steps=8)
    assert ((alt - base) / base).mean() < -0.03 and (alt < base).all()
    # adoption moves less than investment against the noise of 300 firms: sixteen seeds, a t test. Measured
    # (2026-12-05, seeds 0-15): the crunch lowers the SME adoption index by 0.40 points (t -3.8), in 13 seeds of
    # 16. Before the fit of that day it was about 1 point (seeds 0-10, 9 of 11): the fitted adoption hazard is
    # 0.044 a quarter, not 0.2, so fewer SMEs reach the finance barrier each quarter.
    base_ai, alt_ai = paired("adoption_index_sme", SHOCK, crunch, steps=8, seeds=range(16))
    gap = alt_ai - base_ai
    assert gap.mean() / (gap.std(ddof=1) / np.sqrt(gap.size)) < -2 and (gap < 0).sum() >= 11, gap


def _sizes_with_collateral(loan_to_value):
    from model.config import Scenario

    sizes = Scenario().model_dump()["size_classes"]
    for size, ltv in zip(sizes, loan_to_value):
        size["loan_to_value"] = ltv
    return sizes


def test_collateral_lets_firms_borrow_against_their_capital():
    """Banks lending on installed capital (loan_to_value 0.6, 0.4, 0.2 by size): more credit and investment.

    Measured (four seeds, two years): credit 0.39-0.43 of GDP against 0.04-0.07, real investment 8-9% higher in
    each seed.
    """
    secured = {**SHOCK, "size_classes": _sizes_with_collateral((0.6, 0.4, 0.2))}
    base, alt = paired("credit_to_gdp", SHOCK, secured, steps=8)
    assert (alt > 3 * base).all(), (base, alt)
    base, alt = paired("investment_real", SHOCK, secured, steps=8)
    assert ((alt - base) / base).mean() > 0.04 and (alt > base).all(), (base, alt)


def test_lines_secured_on_capital_are_shorter_for_smes():
    """A firm's line is credit_ratio quarters of sales plus loan_to_value of its capital, by its size class, plus
    banking.inventory_advance of its stock's book value (the same for every class)."""
    from model.banking import credit_line
    from model.investment import investment_price

    model = EconomyModel(small_scenario(steps=0, size_classes=_sizes_with_collateral((0.6, 0.4, 0.2))), seed=1)
    firms = model.firms
    price_k = investment_price(model)
    rows = np.arange(firms.n)
    stock = model.cfg.banking.inventory_advance * firms.inventory_value
    assert stock.sum() > 0  # the burn-in left firms with stock
    secured = credit_line(model, rows, np.zeros(firms.n)) - stock
    assert np.allclose(secured, model.loan_to_value[firms.size] * firms.capital * price_k)
    per_capital = secured / (firms.capital * price_k)
    large, sme = (firms.size == 0), (firms.size == 1)
    assert per_capital[large].min() > per_capital[sme].max()


def test_every_lever_pays_through_the_books():
    """A subsidy, a transfer and a programme: government debt rises by what they cost, the books still close."""
    levers = [{"lever": "sme_subsidy", "rate": 0.5}, {"lever": "income_support", "level": 0.5, "funding": "none"},
              {"lever": "digital_infrastructure", "boost": 0.2}]
    base = run(small_scenario(steps=8))
    alt = run(small_scenario(steps=8, policies=levers))
    assert alt.books_gap_max < 1e-9
    assert alt.records[-1]["policy_spending_cumulative"] > 0
    assert alt.balances.government.bonds > base.balances.government.bonds


def test_books_that_do_not_close_are_one_line_and_exit_1(monkeypatch, tmp_path, capsys):
    """A leak is a bug: the command line says so in one line, exits 1 and writes nothing."""
    import model.distribution as distribution
    from model.cli import main

    original = distribution.pay_platform_dividends

    def leaky(model):
        original(model)
        model.balances.owners.deposits += 1.0

    monkeypatch.setattr("model.income_demand.pay_platform_dividends", leaky)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nsteps: 2\npopulation: {firms: 40, workers: 400}\ninitial: {burn_in: 0}\n")
    assert main(["run", str(scenario), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the books do not close at step 1" in err and "a bug in the model" in err
    assert not (tmp_path / "out").exists()
