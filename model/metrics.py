"""Rule 10: model-level metrics, read from the state (collection never writes it).

Every column computed here is defined, with its unit, in
:data:`model.metric_catalogue.METRICS`; ``python run.py list`` prints them.
"""

from __future__ import annotations

import numpy as np

from model.accounts import SECTORS
from model.compute_energy import compute_energy
from model.digital_services import real_digital_services
from model.numerics import dot, matmul, percentiles, row_count, row_sum, safe_ratio
from model.production import SKILL_TASKS
from model.quality import quality_index
from model.state import AI, DATA, EMPLOYED, GIG, INTEGRATED, LOW, NONE, ROBOTS, TECHS, UNEMPLOYED


def owner_incomes(model) -> np.ndarray:
    """Disposable income of each owner household this quarter: one household owns each firm.

    The owners' income (dividends of firms, banks and platforms, and interest on their deposits) is split in
    proportion to the dividends each firm paid its owner this quarter: owners hold banks and platforms in
    proportion to their business income. Equal shares when no firm paid dividends.
    """
    dividends = np.maximum(model.firms.dividends, 0.0)
    total = float(dividends.sum())
    weights = dividends / total if total > 0 else np.full(dividends.size, 1.0 / max(dividends.size, 1))
    return model.balances.owners.income * weights


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0: equal, 1: one has all)."""
    return gini_sorted(np.sort(np.maximum(values, 0.0)))


def sorted_union(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The sorted values ``x`` and ``values`` together, sorted (``values`` merged into ``x``)."""
    y = np.sort(values)
    return np.insert(x, np.searchsorted(x, y), y)


def gini_sorted(x: np.ndarray) -> float:
    """Gini coefficient of non-negative values already sorted (see :func:`gini`)."""
    n = x.size
    total = x.sum()
    if n == 0 or total <= 0:
        return 0.0
    cum = np.cumsum(x)
    return float(np.clip((n + 1 - 2 * cum.sum() / total) / n, 0.0, 1.0))


def _rates(flags: np.ndarray, group: np.ndarray, count: np.ndarray) -> list[np.ndarray]:
    """Share of rows with each column of ``flags`` [rows, k] in each group (``count``: rows per group)."""
    n = count.size
    return [np.divide(np.bincount(group, weights=flags[:, t].astype(float), minlength=n), count, out=np.zeros(n),
                      where=count > 0) for t in range(flags.shape[1])]


def digital_task_share(model) -> np.ndarray:
    """Share of each firm's tasks performed with digital technology."""
    firms, alpha = model.firms, model.alpha.take(model.firms.sector, axis=0)
    stage = firms.stage
    intensity = model.data_intensity.take(firms.sector, axis=0)
    coverage = model.cfg.production.data_task_coverage * np.minimum(intensity, 1.5)
    data_part = np.where(stage[:, DATA] == INTEGRATED, np.clip(coverage, 0, 1), 0.0)
    phi = model.cfg.frontier.robot_productivity
    robot_tasks = phi * firms.robots
    rm = firms.headcount[:, 0] + robot_tasks
    robot_part = alpha[:, 0] * np.divide(robot_tasks, rm, out=np.zeros(firms.n), where=rm > 0)
    ai_on = stage[:, AI] == INTEGRATED
    ai_part = np.where(ai_on, alpha[:, 1] * firms.ai_share + alpha[:, 2] * 0.5 * model.ai_capability, 0.0)
    return 1.0 - (1.0 - data_part) * (1.0 - robot_part) * (1.0 - np.clip(ai_part, 0, 1))


def _olley_pakes(model) -> tuple[float, float, float, float]:
    firms = model.firms
    beta = model.cfg.production.capital_elasticity
    staff = firms.producing_staff
    ok = np.flatnonzero((firms.output > 1e-9) & (staff > 0))  # rows, not a mask: taken five times
    if ok.size < 2:
        return 0.0, 0.0, 0.0, 1.0
    capital = firms.capital[ok] + model.robot_price0 * firms.robots[ok]
    omega = np.log(firms.output[ok]) - beta * np.log(capital) - (1 - beta) * np.log(staff[ok])
    weight = firms.output[ok] / firms.output[ok].sum()
    agg, mean = dot(weight, omega), float(omega.mean())
    p90, p10 = percentiles(omega, [90, 10])
    return agg, mean, agg - mean, float(np.exp(p90 - p10))


def tfp_level(model) -> float:
    """Aggregate TFP: real GDP / (K^beta L^(1-beta)), K with robots at base price, L employed plus gig (heads:
    the hours worked, ``firms.hours``, show in it, as they do in growth accounts that count persons)."""
    firms, status = model.firms, model.workers.status
    beta = model.cfg.production.capital_elasticity
    working = int(((status == EMPLOYED) | (status == GIG)).sum())
    capital = float(firms.capital.sum() + model.robot_price0 * firms.robots.sum())
    return model.real_gdp() / max(capital, 1e-12) ** beta / max(working, 1) ** (1 - beta)


def digital_contribution_level(model) -> float:
    """Potential output over potential output with digital technology switched off."""
    return safe_ratio(float(model.capacity.sum()), float(model.firms.output_nodigital.sum())) or 1.0


def mean_wage_level(model) -> float:
    """Mean employee wage (0 without employees)."""
    workers = model.workers
    wages = workers.earnings.compress(workers.status == EMPLOYED)
    return float(wages.mean()) if wages.size else 0.0


def real_wage_level(model, mean_wage: float | None = None) -> float:
    """Mean employee wage (``mean_wage`` if already known) over the consumer price level."""
    return (mean_wage_level(model) if mean_wage is None else mean_wage) / model.price_level


def base_values(model) -> None:
    """The step-0 levels the indexes are measured against (set once by the model, never by collection)."""
    model.tfp0 = tfp_level(model)
    model.contribution0 = digital_contribution_level(model)
    model.real_wage0 = real_wage_level(model)


def guard_record(model) -> dict:
    """The few quantities :func:`model.guards.check_step` needs (the burn-in's quarters are guarded, not reported)."""
    status = model.workers.status
    return {"step": int(model.steps), "period": model.period, "gdp": model.real_gdp(),
            "employees": int((status == EMPLOYED).sum()), "gig_workers": int((status == GIG).sum()),
            "unemployed": int((status == UNEMPLOYED).sum()), "price_level": float(model.price_level),
            "labour_share": safe_ratio(float(model.workers.earnings.sum()), model.nominal_gdp())}


def collect_metrics(model) -> dict:
    """Every model-level metric for the current step, as a flat dict."""
    cfg, firms, workers, plats = model.cfg, model.firms, model.workers, model.platforms
    flows, fiscal = model.flows, model.fiscal
    m: dict = {"step": int(model.steps), "period": model.period}
    # -- productivity
    gdp = model.real_gdp()
    status = workers.status
    n_emp, n_gig = int(np.count_nonzero(status == EMPLOYED)), int(np.count_nonzero(status == GIG))
    n_unemp = workers.n - n_emp - n_gig
    working = n_emp + n_gig
    tfp, contribution = tfp_level(model), digital_contribution_level(model)
    records = model.records
    tfp_index = safe_ratio(tfp, model.tfp0) or 1.0
    m["gdp"] = gdp
    m["gdp_growth"] = safe_ratio(gdp, records[-1]["gdp"]) - 1.0 if records else 0.0
    m["gdp_growth_yoy"] = safe_ratio(gdp, records[-4]["gdp"]) - 1.0 if len(records) >= 4 else 0.0
    m["tfp_index"] = tfp_index
    m["tfp_growth"] = safe_ratio(tfp_index, records[-1]["tfp_index"]) - 1.0 if records else 0.0
    m["tfp_growth_yoy"] = safe_ratio(tfp_index, records[-4]["tfp_index"]) - 1.0 if len(records) >= 4 else 0.0
    m["labor_productivity"] = safe_ratio(gdp, working)
    m["digital_contribution"] = contribution / model.contribution0
    d_tfp = np.log(max(tfp_index, 1e-12))
    d_dig = np.log(max(m["digital_contribution"], 1e-12))
    m["potential_output_digital_ratio"] = float(np.clip(d_dig / d_tfp, -2, 2)) if abs(d_tfp) > 1e-4 else 0.0
    if len(records) >= 4:
        past = records[-4]
        dt = d_tfp - np.log(max(past["tfp_index"], 1e-12))
        dd = d_dig - np.log(max(past["digital_contribution"], 1e-12))
        m["potential_output_digital_ratio_yoy"] = float(np.clip(dd / dt, -2, 2)) if abs(dt) > 1e-4 else 0.0
    else:
        m["potential_output_digital_ratio_yoy"] = 0.0
    m["op_aggregate"], m["op_mean"], m["op_covariance"], m["productivity_dispersion"] = _olley_pakes(model)
    # -- adoption
    adopted = firms.stage != NONE
    for t, tech in enumerate(TECHS):
        m[f"adoption_{tech}"] = float(np.count_nonzero(adopted[:, t]) / firms.n)  # the flags' mean, the same bits
    for t, tech in enumerate(TECHS):
        m[f"integrated_{tech}"] = float(np.count_nonzero(firms.stage[:, t] == INTEGRATED) / firms.n)
    adopted_count = row_count(adopted)  # the means of the flags from their counts, the same bits
    m["adoption_index"] = float(adopted_count.sum() / adopted.size)
    index = adopted_count / adopted.shape[1]
    groups = (("sector", firms.sector, model.sector_names), ("size", firms.size, model.size_names),
              ("region", firms.region, model.region_names))
    by_group = {}
    for kind, codes, names in groups:
        count = np.bincount(codes, minlength=len(names))  # counted once for the rates and the index
        for tech, rates in zip(TECHS, _rates(adopted, codes, count)):
            for g, name in enumerate(names):
                m[f"adoption_{tech}_{name}"] = float(rates[g])
        idx = np.bincount(codes, weights=index, minlength=len(names)) / np.maximum(count, 1)
        by_group[kind] = idx
        for g, name in enumerate(names):
            m[f"adoption_index_{name}"] = float(idx[g])
    share = digital_task_share(model)
    out_s = np.bincount(firms.sector, weights=firms.output, minlength=model.n_sectors)
    dig_s = np.bincount(firms.sector, weights=firms.output * share, minlength=model.n_sectors)
    capacity_s, plain_s = model.sector_capacity.T  # by the sectors that produced (entrants came after)
    for g, name in enumerate(model.sector_names):
        m[f"digital_penetration_{name}"] = safe_ratio(dig_s[g], out_s[g])
        m[f"digital_capacity_share_{name}"] = 1.0 - plain_s[g] / capacity_s[g] if capacity_s[g] > 0 else 0.0
    real_value_added = (firms.sales * model.sector_price0.take(firms.sector, axis=0)
                        - real_digital_services(model, firms.digital))  # net of the digital services bought
    m["digital_economy_share"] = safe_ratio(dot(real_value_added, share) + model.gig_output(), gdp)
    industry = np.flatnonzero(model.is_industry.take(firms.sector, axis=0))  # rows, not a mask: taken eight times
    ind_staff = float(firms.headcount[industry].sum())
    m["robot_density"] = safe_ratio(1e4 * float(firms.robots[industry].sum()), ind_staff)
    ind_out = float(firms.output[industry].sum())
    data_on = firms.stage[industry, DATA] == INTEGRATED
    controlled = ((firms.stage[industry, ROBOTS] == INTEGRATED) | (firms.stage[industry, AI] == INTEGRATED)
                  | (firms.member[industry] >= 0))
    m["industry_design_tools_rate"] = safe_ratio(float(firms.output[industry][data_on].sum()), ind_out)
    m["industry_cnc_rate"] = safe_ratio(float(firms.output[industry][data_on & controlled].sum()), ind_out)
    value_added = firms.revenue - firms.running
    va_s = np.bincount(firms.sector, weights=value_added, minlength=model.n_sectors)
    staff = row_sum(firms.headcount)
    staff_s = np.bincount(firms.sector, weights=staff, minlength=model.n_sectors)
    deflator = max(model.price_level / model.price_base, 1e-12)
    for g, name in enumerate(model.sector_names):
        m[f"value_added_per_worker_{name}"] = safe_ratio(va_s[g] / deflator, staff_s[g])
    accounts = model.sector_accounts  # as the goods market cleared: exiting firms included
    for g, name in enumerate(model.sector_names):
        m[f"real_output_{name}"] = float(accounts.real_sales[g])
        m[f"real_value_added_{name}"] = float(accounts.real_value_added[g])
        m[f"digital_inputs_{name}"] = safe_ratio(float(accounts.digital[g]), float(accounts.revenue[g]))
        m[f"employees_{name}"] = float(staff_s[g])
        m[f"base_price_{name}"] = float(model.sector_price0[g])  # what the real_* columns are valued at
    m["platform_services_real"] = model.gig_output()
    m["industry_value_added_share"] = safe_ratio(float(value_added[industry].sum()), float(value_added.sum()))
    m["quality_mean"] = safe_ratio(dot(firms.sales, quality_index(model)), float(firms.sales.sum())) or 1.0
    m["robot_stock"] = float(firms.robots.sum())
    users = np.flatnonzero(firms.stage[:, ROBOTS] == INTEGRATED)
    robot_work = cfg.frontier.robot_productivity * firms.robots[users]
    routine_manual = robot_work + matmul(firms.headcount[users], SKILL_TASKS)[:, 0]
    m["automated_share"] = safe_ratio(float(robot_work.sum()), float(routine_manual.sum()))
    m["automation_ceiling"] = float(model.robot_ceiling)
    m["robot_worker_equivalents"] = float(firms.robots.sum()) * cfg.frontier.robot_productivity / SKILL_TASKS[LOW, 0]
    low_staff = np.bincount(firms.sector, weights=firms.headcount[:, LOW], minlength=model.n_sectors)
    employed_low = np.flatnonzero((model.workers.employer >= 0) & (model.workers.skill == LOW))
    sector_of = firms.sector.take(model.workers.employer[employed_low])
    low_pay = np.bincount(sector_of, weights=model.workers.earnings[employed_low], minlength=model.n_sectors)
    low_count = np.bincount(sector_of, minlength=model.n_sectors)
    for g, name in enumerate(model.sector_names):
        m[f"low_skill_employment_{name}"] = float(low_staff[g])
        m[f"wage_low_{name}"] = safe_ratio(float(low_pay[g]), float(low_count[g]))
    m["robot_sales"] = float(flows["robot_sales"])
    m["data_stock"] = float(firms.data.sum())
    # -- employment
    m["employment_rate"] = working / workers.n
    m["unemployment_rate"] = n_unemp / workers.n
    m["flexible_employment_share"] = safe_ratio(n_gig, working)
    m["flexible_workers_millions"] = n_gig * cfg.population.people_per_worker / 1e6
    m["employees"], m["gig_workers"], m["unemployed"] = n_emp, n_gig, n_unemp
    emp = np.flatnonzero(status == EMPLOYED)  # rows, not masks: taking rows is several times faster
    wages = workers.earnings[emp]
    mean_wage = float(wages.mean()) if wages.size else 0.0
    m["mean_wage"] = mean_wage
    emp_skill = workers.skill[emp].astype(np.intp)
    skill_wage = np.bincount(emp_skill, weights=wages, minlength=3) / np.maximum(
        np.bincount(emp_skill, minlength=3), 1)
    for k, name in enumerate(("low", "mid", "high")):
        m[f"wage_{name}"] = float(skill_wage[k])
    m["wage_ratio_high_mid"] = safe_ratio(skill_wage[2], skill_wage[1])
    m["wage_ratio_high_low"] = safe_ratio(skill_wage[2], skill_wage[0])
    m["real_wage_low"] = float(skill_wage[0]) / deflator  # in step-0 prices, as value_added_per_worker
    real_wage = real_wage_level(model, mean_wage)
    m["real_wage_index"] = safe_ratio(real_wage, model.real_wage0)
    gig_rows = np.flatnonzero(status == GIG)
    gig_earn = float(workers.earnings[gig_rows].mean()) if n_gig else 0.0
    m["gig_earnings"] = gig_earn
    m["gig_earnings_ratio"] = safe_ratio(gig_earn, mean_wage)
    m["labour_share"] = safe_ratio(float(workers.earnings.sum()), model.nominal_gdp())
    m["displacements"] = float(flows["displaced"])
    m["reemployed"] = float(flows["reemployed"])
    m["hires"] = float(flows["hires"])
    m["vacancies"] = float(flows["vacancies"])
    m["digital_talent_gap"] = safe_ratio(flows["unfilled_digital"], n_emp + flows["unfilled_digital"])
    unemp = np.flatnonzero(status == UNEMPLOYED)
    m["mean_unemployment_spell"] = float(workers.spell[unemp].mean()) if n_unemp else 0.0
    # -- divide
    incomes = np.sort(np.maximum(workers.income, 0.0))  # sorted once for both
    m["gini_income"] = gini_sorted(sorted_union(incomes, np.maximum(owner_incomes(model), 0.0)))
    m["gini_income_workers"] = gini_sorted(incomes)
    large, sme = model.large_class, model.sme_class
    m["adoption_gap_size"] = float(by_group["size"][large] - by_group["size"][sme])
    m["adoption_gap_region"] = float(by_group["region"].max() - by_group["region"].min())
    m["adoption_gap_sector"] = float(by_group["sector"].max() - by_group["sector"].min())
    dig = workers.digital
    m["digital_skill_mean"] = float(dig.mean())
    skill = workers.skill.astype(np.intp)  # bincount's index type, converted once for both counts
    skill_count = np.bincount(skill, minlength=3)
    levels = skill_count / max(workers.n, 1)
    for k, name in enumerate(("low", "mid", "high")):
        m[f"skill_share_{name}"] = float(levels[k])
    m["promotions"] = float(flows["promoted"])
    m["demotions"] = float(flows["demoted"])
    by_skill = np.bincount(skill, weights=dig, minlength=3) / np.maximum(skill_count, 1)
    for k, name in enumerate(("low", "mid", "high")):
        m[f"digital_skill_{name}"] = float(by_skill[k])
    age = workers.age.astype(np.intp)
    by_age = np.bincount(age, weights=dig, minlength=3) / np.maximum(np.bincount(age, minlength=3), 1)
    m["digital_skill_gap_skill"] = float(by_skill[2] - by_skill[0])
    m["digital_skill_gap_age"] = float(by_age[0] - by_age[2])
    parts = [m["adoption_gap_size"], m["adoption_gap_region"], m["adoption_gap_sector"],
             m["digital_skill_gap_skill"], m["digital_skill_gap_age"], m["gini_income"]]
    m["digital_divide_index"] = float(np.mean(np.clip(parts, 0.0, 1.0)))
    barriers, small = model.barriers.mean(axis=0), model.barriers_small.mean(axis=0)
    for b, name in enumerate(("unwilling", "afraid", "unable")):
        m[f"barrier_{name}"] = float(barriers[b])
        m[f"barrier_{name}_small"] = float(small[b])
    # -- platforms
    g = model.n_gig
    counts = plats.workers[:g]
    total = counts.sum()
    m["platform_hhi"] = float(((counts / total) ** 2).sum()) if total > 0 else 0.0
    m["platform_commission"] = dot(counts, plats.commission[:g]) / total if total > 0 else 0.0
    cap = counts.sum() * cfg.gig.tasks_per_worker
    m["platform_matching_gain"] = safe_ratio(flows["gig_served"], flows["gig_served_street"]) - 1.0 \
        if flows["gig_served_street"] > 0 else 0.0
    m["gig_utilisation"] = safe_ratio(dot(plats.utilisation[:g], counts * cfg.gig.tasks_per_worker), cap)
    members = plats.members[g:]
    m["platform_members_share"] = float((firms.member >= 0).mean())
    m["ai_service_share"] = flows["ai_renters"] / firms.n
    m["ai_service_fees"] = float(flows["ai_service_fees"])
    m["rd_to_gdp"] = safe_ratio(model.quarter["research"], model.nominal_gdp())
    m["digital_services_to_gdp"] = safe_ratio(model.quarter["digital_services"], model.nominal_gdp())
    m["innovating_share"] = flows["innovations"] / firms.n
    m["imitating_share"] = flows["imitations"] / firms.n
    m["innovation_gain"] = flows["innovation_gain"] / firms.n
    m["industrial_platform_hhi"] = float(((members / members.sum()) ** 2).sum()) if members.sum() > 0 else 0.0
    m["pooled_data"] = float(plats.pooled_data[g:].sum())
    # -- green and fiscal
    energy, emissions, green = compute_energy(model)
    m["compute_energy"], m["emissions"], m["green_power_share"] = energy, emissions, green
    m["ai_capability"] = float(model.ai_capability)
    m["frontier_pace"] = float(model.frontier_pace)
    m["robot_price"] = float(model.robot_price / model.robot_price0)
    m["firms_entered"] = float(flows["entries"])
    m["firms_exited"] = float(flows["exits"])
    m["firms_without_staff"] = float(np.count_nonzero(staff == 0)) / firms.n
    m["trainees"] = float(flows["trainees"])
    m["policy_spending"] = float(fiscal.policy_spending)
    m["policy_spending_cumulative"] = float(fiscal.policy_spending_cumulative)
    for key in fiscal.keys:
        m[f"spending_{key}"] = float(fiscal.step.get(key, 0.0))
    m["benefits_paid"] = float(fiscal.benefits)
    m["pensions_paid"] = float(flows["pensions"])
    m["price_level"] = safe_ratio(model.price_level, model.price_base)
    m.update(macro_metrics(model))
    return m


def macro_metrics(model) -> dict:
    """The closed economy's aggregates: demand, prices, balance sheets and each sector's net lending."""
    firms, workers, b, q = model.firms, model.workers, model.balances, model.quarter
    gdp = model.nominal_gdp()
    deflator = model.price_level / model.price_base
    m: dict = {}
    m["nominal_gdp"] = gdp
    m["inflation"] = float(np.expm1(4.0 * model.inflation))
    m["consumption_real"] = q["consumption"] / deflator
    m["investment_real"] = q["investment"] / deflator
    m["government_consumption"] = q["government_consumption"]
    m["exports"] = q["exports"]
    m["imports"] = q["imports"]
    m["investment_to_gdp"] = safe_ratio(q["investment"], gdp)
    m["consumption_to_gdp"] = safe_ratio(q["consumption"], gdp)
    m["inventory_investment_to_gdp"] = safe_ratio(q["inventory_investment"], gdp)
    m["capital_formation_to_gdp"] = safe_ratio(q["investment"] + q["inventory_investment"], gdp)
    base_price = model.sector_price0.take(firms.sector, axis=0)
    m["inventory_to_sales"] = safe_ratio(dot(firms.inventory, base_price), dot(firms.sales, base_price))
    disposable = float(workers.income.sum()) + b.owners.income
    m["saving_rate"] = safe_ratio(disposable - q["consumption"], disposable)
    m["deposits"] = float(workers.deposits.sum()) + b.owners.deposits + float(firms.cash.sum())
    m["loans"] = float(firms.loans.sum())
    m["credit_to_gdp"] = safe_ratio(m["loans"], 4.0 * gdp)
    m["bank_equity"] = b.banks.equity
    m["bank_capital_ratio"] = safe_ratio(b.banks.equity, m["loans"])
    m["lending_factor"] = b.banks.lending_factor
    m["government_balance_to_gdp"] = safe_ratio(b.government.revenue - b.government.spending, gdp)
    m["government_debt_to_gdp"] = safe_ratio(b.government.bonds, 4.0 * gdp)
    m["tax_revenue"] = b.government.revenue
    m["bail_outs"] = float(model.fiscal.bail_outs)
    m["profit_share"] = safe_ratio(float(firms.profit.sum()), gdp)
    m["unmet_demand_share"] = safe_ratio(q["unmet_demand"], q["goods_demand"])
    m["hours_per_employee"] = safe_ratio(dot(firms.hours, firms.producing_staff), float(firms.producing_staff.sum()))
    m["vacancy_rate"] = safe_ratio(float(firms.vacancies.sum()), float(firms.headcount.sum() + firms.vacancies.sum()))
    lending = model.ledger.net_lending()
    for i, sector in enumerate(SECTORS):
        m[f"net_lending_{sector}"] = safe_ratio(float(lending[i]), gdp)
    m["books_gap"] = float(model.books_gap)
    return m
