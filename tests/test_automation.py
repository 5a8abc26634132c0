"""Automation chosen by cost: robot users automate the tasks a robot does cheaper (model/automation.py)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from conftest import ROOT, small_scenario
from model import EconomyModel
from model.automation import automation_ceiling, firm_robot_share, robot_task_cost
from model.labour_plan import labour_demand
from model.production import ces, task_aggregate, task_weights_split
from model.runner import simulate
from model.state import INTEGRATED, LOW, ROBOTS
from model.config.technology import Frontier


#: The default robot price (quarters of a low-skill wage) and the cheaper one the direction tests compare with:
#: the ratio of the 6 and 11.5 wage-quarters they used before the handoff of 2026-12-05 moved the default.
PRICE = Frontier().robot_price
CHEAP = PRICE * 6.0 / 11.5

def _run(steps: int = 8, seed: int = 1, **sections) -> EconomyModel:
    model = EconomyModel(small_scenario(steps=steps, **sections), seed=seed)
    for _ in range(steps):
        model.step()
    return model


def _mean_last(model, metric: str, quarters: int = 4) -> float:
    return float(np.mean([r[metric] for r in model.records[-quarters:]]))


def test_robot_users_sit_below_the_technical_ceiling():
    model = _run()
    firms = model.firms
    users = firms.stage[:, ROBOTS] == INTEGRATED
    relative = firm_robot_share(model)[users] / automation_ceiling(model)[firms.sector[users]]
    assert users.sum() >= 10
    assert np.median(relative) < 0.8 and np.quantile(relative, 0.9) < 0.95  # the ceiling is not where they sit
    assert 0 < model.records[-1]["automated_share"] < 1  # robots' share of routine manual task units


def test_the_automated_share_follows_the_wage_over_the_robots_cost():
    model = _run(steps=2)
    base = firm_robot_share(model)
    model.wage[:, LOW] *= 1.3  # dearer labour: every firm automates more of what it can
    assert (firm_robot_share(model) > base).all()
    model.wage[:, LOW] /= 1.3
    cost = robot_task_cost(model)
    model.robot_price *= 1.5
    assert robot_task_cost(model) > cost and (firm_robot_share(model) < base).all()
    cheap, dear = np.argsort(model.firms.automation_cost[:, 0])[[0, -1]]  # same sector and wage aside, cost decides
    same = model.firms.sector[cheap] == model.firms.sector[dear] and model.firms.region[cheap] == model.firms.region[dear]
    assert not same or base[cheap] > base[dear]


def test_a_robot_tax_lowers_the_robot_stock_and_cheaper_robots_raise_it():
    """Common seeds 1-3, 8 quarters of the test economy. Measured (2026-12-05, the fitted robot price elasticity
    0.83 and the default price 4.28 wage-quarters): a 50% robot tax -17% robots and -8% automated share, robots at
    6/11.5 of the price +29% (seed 1);
    before the fit (elasticity 2, price 11.5) -27..-31%, -27..-32% and +104..+118%."""
    for seed in (1, 2, 3):
        base = _run(seed=seed)
        taxed = _run(seed=seed, policies=[{"lever": "robot_tax", "rate": 0.5}])
        cheap = _run(seed=seed, frontier={"robot_price": CHEAP})
        assert _mean_last(taxed, "robot_stock") < 0.9 * _mean_last(base, "robot_stock")
        assert _mean_last(taxed, "automated_share") < 0.95 * _mean_last(base, "automated_share")
        assert _mean_last(cheap, "robot_stock") > 1.15 * _mean_last(base, "robot_stock")
        assert _mean_last(cheap, "robot_worker_equivalents") > _mean_last(base, "robot_worker_equivalents")


def test_robots_displace_low_skill_staff_at_a_given_output():
    """The displacement effect alone: the same firms, the same planned output, half as many robots again ->
    fewer staff, the low-skill most. Measured (seeds 1-3): low-skill -2.1..-2.7%, all staff -1.9..-2.2%
    (the robots' tasks substitute for the bundle of human tasks, manual routine work first)."""
    model = _run(steps=2)
    firms = model.firms
    users = np.flatnonzero(firms.stage[:, ROBOTS] == INTEGRATED)
    before = labour_demand(model, firms.planned)
    firms.robots[users] *= 1.5
    after = labour_demand(model, firms.planned)
    assert after[users, LOW].sum() < 0.985 * before[users, LOW].sum()
    assert after[users].sum() < 0.99 * before[users].sum()


def _industry(args: tuple) -> np.ndarray:
    """Last year's low-skill employment, real output and robot stock of the test economy's industry."""
    seed, price, policies = args
    frame = simulate(small_scenario(steps=24, frontier={"robot_price": price}, policies=policies), seed=seed,
                     agents=False).timeseries.iloc[-4:]
    return frame[["low_skill_employment_industry", "real_output_industry", "robot_stock"]].mean().to_numpy()


def _against_baseline(price: float, policies: list) -> np.ndarray:
    """Relative change [seed, (low-skill, output, robots)] against robots at the default price, seeds 1-32
    (32, not 8, since the fit of 2026-12-05 made robots' response to price about half as strong)."""
    seeds = range(1, 33)
    base = np.array([_industry((s, PRICE, [])) for s in seeds])
    other = np.array([_industry((s, price, policies)) for s in seeds])
    return other / base - 1.0


def _t(x: np.ndarray) -> float:
    """The mean over its standard error."""
    return float(x.mean() / (x.std(ddof=1) / np.sqrt(x.size)))


def test_cheaper_robots_raise_the_robot_stock_in_every_seed_of_the_test_economy():
    """Robots at 6/11.5 of the default price, 24 quarters, seeds 1-32. Measured (2026-12-05, term loans and
    overdrafts, dividends after debt service): robots +39% (se 2.1%; at least +7.6% in every seed), industry's
    low-skill employment -2.1% (t -1.3, lower in 19 of 32), per unit of output -2.7% (t -1.2), industry output
    +1.1% (t 1.2, from -17.7% to +9.6%: a few large firms' fortunes move the sector of this economy). With one loan
    stock (same day): robots +43% (at least +26%), low-skill employment -3.8% (t -2.5), per unit of output -4.1%
    (t -2.4), which this test asked. The displacement and productivity effects are now asked where they are
    resolved, in the baseline at its own size (below: low-skill employment t -3.6, per unit of output t -5.5).
    Asked here: robots higher in every seed, by more than a quarter on average."""
    change = _against_baseline(CHEAP, [])
    robots = change[:, 2]
    assert (robots > 0).all() and robots.mean() > 0.25, robots


@pytest.mark.slow
@functools.lru_cache(maxsize=1)
def _half_price_robots_in_the_baseline() -> np.ndarray:
    """Relative change, last year of the baseline (2025-2035) with robots at half its price against the
    baseline, seeds 42-105: columns robot stock, industry's real output, the low-skill wage, industry's
    low-skill employment, the skill premium (``wage_ratio_high_low``) and the low-skill real wage
    (``real_wage_low``). The test economy of 3,000 workers is too small to see the wage, so this runs the
    baseline at its own size (about 1 s a run). Sixty-four seeds: the wage effect is about -0.6% with a
    seed-to-seed spread of 1.3%, so thirty-two give it a t of about -2.3 with a wide spread (2026-12-04, seventh
    stop: -0.30% on seeds 42-73, t -1.3, and -0.84% on 74-105, t -3.4; sixth stop: -0.46% on seeds 42-57 and
    -0.57% on 58-73)."""
    from model.scenario_io import load_scenario

    columns = ["robot_stock", "real_output_industry", "wage_low", "low_skill_employment_industry",
               "wage_ratio_high_low", "real_wage_low"]

    def last_year(seed, overrides):
        frame = simulate(load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides), seed=seed,
                         agents=False).timeseries.iloc[-4:]
        return frame[columns].mean().to_numpy()

    return np.array([last_year(s, [f"frontier.robot_price={PRICE / 2}"]) / last_year(s, []) - 1.0
                     for s in range(42, 106)])


def test_cheaper_robots_displace_low_skill_work_in_industry_and_raise_its_output_in_the_baseline():
    """The displacement and productivity effects of automation (Acemoglu and Restrepo 2020) at the baseline's size:
    with robots at half the price, industry's output rises and its low-skill staff per unit of output falls.
    With inventories and lending against stock (2026-12-05, fifth stop, seeds 42-105): robots +41% (at least +28%),
    industry output +2.9% (t 13.5, higher in 62 of 64), low-skill staff per unit of output -6.7% (lower in 51 of
    64, t -6.6), industry's low-skill employment -4.0% (t -4.0, lower in 45 of 64).
    With inventories alone (same stop, seeds 42-105): robots +42% (at least +35%), industry output +3.5%
    (t 16.6, higher in 63 of 64), low-skill staff per unit of output -8.2% (lower in 57 of 64, t -9.8), industry's
    low-skill employment -5.1% (t -6.0, lower in 48 of 64).
    With buyers who search (2026-12-05, fourth stop, seeds 42-105): robots +41% (at least +33%), industry output
    +2.9% (se 0.2%, higher in 61 of 64), low-skill staff per unit of output -6.2% (lower in 52 of 64, t -7.1),
    industry's low-skill employment -3.6% (se 0.9%, t -4.2, lower in 42 of 64).
    Measured (2026-12-05, term loans and overdrafts, dividends after debt service, and the handoff after them,
    seeds 42-105): robots +40% (se 0.4%, at least +29% in every seed), industry output +2.5% (se 0.4%, higher in
    60 of 64), low-skill staff per unit of output -5.5% (lower in 50 of 64, t -5.5), industry's low-skill
    employment -3.2% (se 0.9%, t -3.4, lower in 43 of 64). Before that handoff: robots +41% (at least +35%),
    output +2.3%, staff per unit of output -5.2%, low-skill employment -3.1% (t -3.6). Asked besides the below:
    low-skill employment lower by more than twice its standard error (the displacement effect outweighs the
    productivity effect); robots up 20% in every seed and 35% on average (30% in every seed until this
    handoff). With one loan stock, after the fit and the handoff:
    robots +41% (at least +36% in every seed),
    industry output +3.0% (se 0.2%, higher in 62 of 64), low-skill staff per unit of output -7.4% (lower in 55 of
    64, t -8.1), industry's low-skill employment -4.7% (t -5.5). Before (seventh stop): robots +48% (at least +40% in every seed),
    industry output +5.0% (se 0.4%, higher in 62 of 64), low-skill staff per unit of output -8.3% (lower in 56 of
    64, t -8.1). Industry's low-skill employment itself is -3.9% (se 1.0%): the displacement effect outweighs the
    productivity effect, but the two nearly offset in some seeds, so its level is not asked (sixth stop, seeds
    42-73: -4.5%, se 1.3%). Asked: robots up 30% in every seed, output higher in three quarters of the seeds
    and by 2% on average, staff per unit of output lower in three quarters and by more than twice its standard
    error."""
    robots, output, _, low_staff = _half_price_robots_in_the_baseline()[:, :4].T
    per_output = (1 + low_staff) / (1 + output) - 1
    assert _t(low_staff) < -2, low_staff
    assert (robots > 0.2).all() and robots.mean() > 0.35, robots
    assert (output > 0).mean() >= 0.75 and output.mean() > 0.02, output
    assert (per_output < 0).mean() >= 0.75, per_output
    assert per_output.mean() / (per_output.std(ddof=1) / np.sqrt(per_output.size)) < -2, per_output


def test_cheaper_robots_lower_the_low_skill_wage_against_the_high_skill_wage_and_raise_its_real_value():
    """The wage side of automation as the model resolves it, at the baseline's size (robots at half the price,
    seeds 42-105): what low-skill employees earn falls against what high-skill employees earn
    (``wage_ratio_high_low``), and what the low-skill wage buys rises (``real_wage_low``: prices fall).

    The premium widens mostly through where low-skill workers work, not through their wage index: displaced
    workers move from productive robot users to firms with lower pay premiums and shorter hours (seeds 106-169:
    low-skill pay -0.36% against its index, t -4.0; the low-skill index itself +0.46%, the high-skill index
    +0.66%). The nominal low-skill wage level is the strict xfail below; this measure was examined after that one
    failed and then confirmed on seeds 106-169 (premium +0.52%, t 2.9; real low-skill wage +1.2%, t 6.3;
    docs/calibration.md, "Robots and wages").

    Measured (2026-12-05, sixth stop, seeds 42-105): the skill premium +0.62% (t 3.9, wider in 44 of 64); the
    low-skill against the mid-skill pay -0.14% (t -0.9); the consumer price level -1.2% (t -7.2), so the
    low-skill real wage rises 1.2% (t 6.5, higher in 53 of 64) while the nominal one stays put (-0.04%, t -0.27);
    high-skill pay +0.58% (t 4.4). Asked: the skill premium wider and the low-skill real wage higher, each by more
    than twice its standard error."""
    change = _half_price_robots_in_the_baseline()
    premium, real_low = change[:, 4], change[:, 5]
    assert _t(premium) > 2, premium
    assert _t(real_low) > 2, real_low


@pytest.mark.xfail(strict=True, reason="the model's wage response to robots is within the seeds' noise (issue 16): "
                   "with robots at half the price the national low-skill wage ends 0.04% lower (t -0.27, seeds "
                   "42-105) and industry's low-skill wage 0.19% lower (t -0.92)")
def test_cheaper_robots_lower_low_skill_wages_in_the_baseline():
    """The wage side of automation: with robots at half the price the national low-skill wage index ends lower,
    by more than twice its standard error over seeds 42-105.

    With inventories and lending against stock (2026-12-05, fifth stop): -0.04% (se 0.15%, t -0.27), lower in 36
    of 64; industry's own low-skill wage -0.19% (t -0.92), while robots rise 41%, industry output 2.9% (t 13.5) and
    industry's low-skill employment falls 4.0% (t -4.0).
    With inventories alone (same stop): +0.37% (se 0.17%, t 2.16), lower in 26 of 64; industry's own
    low-skill wage +0.28% (t 1.19), the mid-skill wage +0.36% (t 2.48), while robots rise 42%, industry output 3.5%
    (t 16.6) and industry's low-skill employment falls 5.1% (t -6.0): the productivity effect now carries wages.
    With buyers who search (2026-12-05, fourth stop): -0.25% (se 0.17%, t -1.46), lower in 38 of 64;
    industry's own low-skill wage -0.47% (t -2.40), the mid-skill wage +0.05% (t 0.3).
    A strict xfail since 2026-12-05 (term loans and overdrafts, and the handoff after them): -0.13% (se 0.16%,
    t -0.83), lower in 35 of 64; industry's own low-skill wage (``wage_low_industry``) -0.39% (t -1.95), the
    mid-skill wage +0.08% (t 0.5), while industry's low-skill employment falls 3.2% (t -3.4). Gig work, firm
    employment and the unemployment rate do not move (seeds 42-73, |t| < 1) while low-skill employment falls in
    industry and services: firms change their skill mix; why the low-skill wage curve hardly answers is not
    diagnosed (docs/calibration.md). With term loans and
    overdrafts before the handoff: -0.38% (se 0.17%, t -2.23), lower in 39 of 64; with one loan stock, after
    the fit and the handoff: -0.32% (se 0.14%, t -2.25), lower in 41 of 64. Fragile: one step earlier in the handoff (the
    size classes' awareness 0.59 and 0.49 for SMEs and micro firms, not 0.65 and 0.6) it was -0.12% (t -0.8).
    Seventh stop (2026-12-04, term loans):
    -0.57% (se 0.17%, t -3.3), lower in 41 of 64; on seeds 42-73 alone -0.30% (t -1.3), which failed the same
    test on 32 seeds. Earlier: sixth stop -0.52% (se 0.20%, seeds 42-73); fourth stop -0.9% (se 0.44%, seeds
    42-57); third stop -0.5% (se 0.33%): a strict xfail then. The effect is small against the seeds' noise
    (Acemoglu and Restrepo 2020: about -0.4% of wages per robot per thousand workers)."""
    wage = _half_price_robots_in_the_baseline()[:, 2]
    assert wage.mean() / (wage.std(ddof=1) / np.sqrt(wage.size)) < -2, wage


@pytest.mark.slow
@functools.lru_cache(maxsize=1)
def _robot_tax_in_the_baseline() -> np.ndarray:
    """Relative change, last year of the baseline (2025-2035) with a 50% robot tax against the baseline, seeds
    42-105: columns industry's low-skill employment, industry's real output, the robot stock."""
    from model.scenario_io import load_scenario

    columns = ["low_skill_employment_industry", "real_output_industry", "robot_stock"]

    def last_year(seed, overrides):
        frame = simulate(load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides), seed=seed,
                         agents=False).timeseries.iloc[-4:]
        return frame[columns].mean().to_numpy()

    return np.array([last_year(s, ["policies=[{lever: robot_tax, rate: 0.5}]"]) / last_year(s, []) - 1.0
                     for s in range(42, 106)])


def test_a_robot_tax_raises_low_skill_employment_in_industry():
    """A 50% robot tax in the baseline at its own size, seeds 42-105. Measured (2026-12-05, with inventories):
    robots -18% (t -67 and -72 on the two halves), industry's low-skill employment +2.5% on seeds 42-73 (t 2.2) and
    +3.7% on 74-105 (t 2.8), industry output -2.3..-2.6%; without inventories +3.0% (t 3.1) on 42-73. Asked:
    robots down by a tenth in every seed, low-skill employment up by more than twice its standard error.

    Until inventories this ran the test economy (seeds 1-32, 24 quarters): +2.9% (t 3.2) after the fit; with
    inventories the test economy's industry, about 90 firms, gives +1.5% (t 1.7 on 64 seeds) against +4.4% (t 5.7)
    without: the stock cycle adds noise a sector of 90 firms does not average out."""
    low, _, robots = _robot_tax_in_the_baseline().T
    assert (robots < -0.1).all(), robots
    assert _t(low) > 2, low


def test_the_task_aggregate_is_normalised_and_without_automation_is_the_human_bundle():
    """At inputs = lam x weights the nested CES gives lam whatever the elasticities and the robots' and AI's
    shares; with no automated share it is the three-group CES of the human tasks, so robots or AI without
    tasks of their own add nothing."""
    rng = np.random.default_rng(0)
    alpha = rng.dirichlet(np.ones(3), 5)
    share = np.array([0.0, 0.1, 0.3, 0.6, 0.9])
    rho = np.array([-1.0, -0.2, 0.3, 0.5, 0.6])
    for ai_share in (np.zeros(5), share[::-1]):
        weights = task_weights_split(alpha, share, ai_share)
        assert weights.sum(axis=1) == pytest.approx(np.ones(5))
        for rho_auto in (-1.0, 1e-3, 0.5):
            assert task_aggregate(2.5 * weights, weights, rho, rho_auto) == pytest.approx(np.full(5, 2.5))
    human = rng.uniform(0.5, 2.0, (5, 3))
    inputs = np.column_stack([np.full(5, 7.0), human[:, 0], np.full(5, 9.0), human[:, 1:]])
    none = task_weights_split(alpha, np.zeros(5), np.zeros(5))
    assert task_aggregate(inputs, none, rho, 0.5) == pytest.approx(ces(human, alpha, rho))


def test_ai_share_of_tasks_is_chosen_by_cost_below_its_technical_ceiling():
    """AI's share of routine cognitive tasks rises as compute gets cheaper against the mid-skill wage, up to the
    ceiling max_ai_share x capability that free compute reaches; at the same prices, a firm for which AI is
    harder to integrate (its cost drawn at birth) gives AI fewer tasks."""
    from model.production import ai_task_share

    model = _run(steps=2)
    ceiling = model.cfg.frontier.max_ai_share * model.ai_capability
    before = ai_task_share(model)
    firms = model.firms
    for region in range(model.n_regions):  # same compute and wage: the integration cost orders the shares
        rows = np.flatnonzero(firms.region == region)
        order = np.argsort(firms.automation_cost[rows, 1])
        assert (np.diff(before[rows][order]) <= 0).all() and before[rows][order][0] > before[rows][order][-1]
    model.compute_cost *= 0.5
    cheaper = ai_task_share(model)
    assert (cheaper > before).all() and (before > 0.01 * ceiling).all() and np.median(before) > 0.1 * ceiling
    model.wage[:, 1] *= 1.5  # dearer mid-skill work: the same
    assert (ai_task_share(model) > cheaper).all()
    model.compute_cost *= 1e-9
    assert ai_task_share(model) == pytest.approx(np.full(model.firms.n, ceiling), rel=1e-6)


def test_own_ai_pays_for_the_compute_of_its_tasks(monkeypatch):
    """What firms order of digital services in a quarter is the running costs on the value of their output plus
    the compute of the tasks own AI systems did, at the price the firms weighed (``c_ai``); renters pay none of
    it, and the goods market charges the whole order (home-made or imported)."""
    import model.income_demand as income_demand
    from model.production import ai_compute_bill, ai_compute_cost
    from model.state import AI, NONE

    model = _run(steps=5)
    seen = {}
    original = income_demand.order_digital_services

    def watched(m):
        firms = m.firms
        own = firms.stage[:, AI] != NONE
        seen["own"], seen["bill"] = own, ai_compute_bill(m)
        seen["expected"] = ai_compute_cost(m)[own] * firms.ai_tasks[own] * m.wage0[firms.region[own], 1]
        compute = m.compute_cost * m.region_compute[firms.region] * m.effects.compute_cost_factor[firms.region]
        seen["on_output"] = float(sum((firms.stage[:, t] > 0) * p.running_cost * (compute if t == AI else 1.0)
                                      * firms.price * np.maximum(firms.output, 0.0)
                                      for t, p in enumerate(m.tech_params)).sum())
        original(m)
        seen["ordered"] = float(firms.digital.sum())

    monkeypatch.setattr(income_demand, "order_digital_services", watched)
    model.step()
    own, bill = seen["own"], seen["bill"]
    assert own.any() and (bill[own] > 0).any() and (bill[~own] == 0).all()
    assert bill[own] == pytest.approx(seen["expected"])
    assert seen["ordered"] == pytest.approx(seen["on_output"] + float(bill.sum()), rel=1e-9)
    assert model.quarter["digital_services"] == pytest.approx(seen["ordered"], rel=1e-12)
    # material, not a rounding error: 3.3% of the running costs on output at seed 1 (2026-12-05, after the
    # handoff left fewer SMEs and micro firms with AI: 0.14 and 0.01 of them at the start, not 0.17 and 0.04)
    assert bill.sum() > 0.02 * seen["on_output"]


def test_ai_takes_routine_cognitive_work_from_people_and_cheaper_ai_takes_more():
    """AI's tasks are their own argument: a firm whose AI does a share of its routine cognitive tasks plans
    fewer mid-skill staff for the same output (displacement: AI's weight leaves people's bundle), while its
    high-skill staff do not fall; cheaper compute lowers mid-skill staff a little more (the bundle shrinks)."""
    model = EconomyModel(small_scenario(steps=0), seed=3)
    firms = model.firms
    firms.stage[:, 2] = 0  # no AI anywhere, then AI at every firm
    planned = firms.planned.copy()
    without = labour_demand(model, planned)
    firms.stage[:, 2] = 2
    with_ai = labour_demand(model, planned)
    model.compute_cost *= 0.25
    cheap = labour_demand(model, planned)
    staffed = without[:, 1] > 1
    assert (with_ai[staffed, 1] < without[staffed, 1]).all()
    assert with_ai[:, 1].sum() < 0.9 * without[:, 1].sum()
    assert cheap[:, 1].sum() < with_ai[:, 1].sum()
    assert with_ai[:, 2].sum() >= 0.99 * without[:, 2].sum()
