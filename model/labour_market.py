"""Rule 5: the labour market.

Firms set staff needs by skill from the tasks left to people (see
:func:`model.labour_plan.labour_demand`); automation and falling demand lead to
layoffs; vacancies meet job seekers region by region and skill by skill through
a matching function with search frictions (a unified market and online
recruitment lower them); AI-integrated firms require digital skill for mid and
high-skill jobs; wages move with tightness by skill and region and are indexed
to prices and productivity.
"""

from __future__ import annotations

import math

import numpy as np

from model.frontier import quarterly
from model.numerics import lookup, row_any, row_sum, stable_argsort
from model.labour_plan import labour_demand
from model.state import AI, DATA, EMPLOYED, GIG, INTEGRATED, UNEMPLOYED


def stochastic_round(values: np.ndarray, rng) -> np.ndarray:
    """Round to integers, up with probability equal to the fraction (unbiased)."""
    floor = np.floor(values)
    return (floor + (rng.random(values.shape) < values - floor)).astype(np.int64)


def random_order(groups: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Random order of rows grouped by ``groups``: by group, then by ``keys`` (uniforms in [0, 1), one per row)."""
    # one sort on group + u is the lexicographic order (group, u)
    return stable_argsort(groups + keys)  # ties (if any) keep row order


def rank_within(groups: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Random order of rows grouped by ``groups`` (:func:`random_order`), and each row's rank inside its group."""
    order = random_order(groups, keys)
    sorted_groups = groups[order]
    if sorted_groups.size == 0:
        return order, sorted_groups
    starts = np.flatnonzero(np.concatenate(([True], sorted_groups[1:] != sorted_groups[:-1])))
    lengths = np.diff(starts, append=sorted_groups.size)
    rank = np.arange(sorted_groups.size) - np.repeat(starts, lengths)
    return order, rank


def staff_counts(model, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Of the employed workers ``rows``: how many each firm employs by skill [F, 3], and how many of them are
    digitally skilled [F]."""
    firms, workers = model.firms, model.workers
    employer = workers.employer[rows].astype(np.int64)
    headcount = np.bincount(employer * 3 + workers.skill[rows], minlength=firms.n * 3).reshape(firms.n, 3)
    skilled = workers.digital[rows] >= model.cfg.workforce.digital_threshold
    return headcount, np.bincount(employer.compress(skilled), minlength=firms.n)  # compress: faster than a mask


def set_headcount(model, headcount: np.ndarray, digital: np.ndarray) -> None:
    """Every firm's staff by skill, and its digitally skilled share from the count of them (``digital``)."""
    firms = model.firms
    firms.headcount = headcount
    staff = row_sum(headcount)
    firms.digital_staff = np.divide(digital, staff, out=np.zeros(firms.n), where=staff > 0)


def refresh_headcount(model) -> None:
    """Recount staff by skill and the digitally skilled share of every firm."""
    set_headcount(model, *staff_counts(model, np.flatnonzero(model.workers.status == EMPLOYED)))


def separate(model, rows: np.ndarray, displaced: bool) -> None:
    """Move workers ``rows`` from their jobs into unemployment."""
    workers = model.workers
    workers.status[rows] = UNEMPLOYED
    workers.employer[rows] = -1
    workers.spell[rows] = 0
    if displaced:
        workers.displaced[rows] = True


def lay_off(model, demand: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Firms with more staff than they need let a share of the excess go.

    Returns:
        The workers let go, and their counts at the firms they left (:func:`staff_counts`).
    """
    firms, workers, cfg = model.firms, model.workers, model.cfg
    excess = firms.headcount - demand
    fire = np.where(excess > 0, np.ceil(cfg.labour.layoff_speed * excess), 0).astype(np.int64).ravel()
    emp = np.flatnonzero(workers.status == EMPLOYED)
    cell = workers.employer[emp].astype(np.int64) * 3 + workers.skill[emp]
    at_risk = np.flatnonzero(fire[cell] > 0)
    emp, cell = emp[at_risk], cell[at_risk]
    order, rank = rank_within(cell, model.stream("labour").random(workers.n)[emp])
    chosen = emp[order][rank < fire[cell[order]]]
    counts = staff_counts(model, chosen)
    separate(model, chosen, displaced=True)
    return chosen, counts


def match(model, vacancies: np.ndarray, digital_jobs: np.ndarray) -> dict:
    """Match job seekers to vacancies by (region, skill) with a matching function.

    Args:
        vacancies: open jobs [F, 3] by skill.
        digital_jobs: bool [F, 3], jobs that require digital skill.

    Returns:
        Counters: seekers and vacancies by cell, hires, re-employed displaced
        workers and unfilled digital vacancies; and the hired workers (``hired``).
    """
    firms, workers, cfg = model.firms, model.workers, model.cfg
    lab, eff = cfg.labour, model.effects
    # one draw per worker for each random step of search (the same numbers whoever happens to search)
    rng = model.stream("labour")
    search_u, away_u, lost_u, order_u = rng.random((4, workers.n))
    shift_all = rng.integers(1, max(model.n_regions, 2), workers.n)
    n_regions = model.n_regions
    searching = (workers.status == UNEMPLOYED) | ((workers.status == GIG) & (search_u < cfg.gig.search_intensity))
    seekers = np.flatnonzero(searching)
    target = workers.region[seekers].astype(np.int64)
    if n_regions > 1:
        away = away_u[seekers] < np.clip(lab.cross_region_search + eff.cross_region_boost, 0, 1)
        target = np.where(away, (target + shift_all[seekers]) % n_regions, target)
        lost = away & (lost_u[seekers] < np.clip(lab.mobility_cost * eff.mobility_cost_factor, 0, 1))
        kept = ~lost
        seekers, target = seekers.compress(kept), target.compress(kept)
    skill = workers.skill[seekers].astype(np.int64)
    seeker_cell = target * 3 + skill
    s_order = random_order(seeker_cell, order_u[seekers])
    seekers, seeker_cell = seekers[s_order], seeker_cell[s_order]
    s_bounds = np.searchsorted(seeker_cell, np.arange(n_regions * 3 + 1))

    firm_ids = np.arange(firms.n)
    slot_firm, slot_cell, slot_digital = [], [], []
    for k in range(3):
        rep = np.repeat(firm_ids, vacancies[:, k])
        slot_firm.append(rep)
        slot_cell.append(firms.region[rep].astype(np.int64) * 3 + k)
        slot_digital.append(digital_jobs[rep, k])
    slot_firm = np.concatenate(slot_firm)
    slot_cell = np.concatenate(slot_cell)
    slot_digital = np.concatenate(slot_digital)
    rng = model.stream("matching")  # vacancies and matches vary in number: their draws come last, apart
    v_order = random_order(slot_cell, rng.random(slot_cell.size))
    slot_firm, slot_cell, slot_digital = slot_firm[v_order], slot_cell[v_order], slot_digital[v_order]
    v_bounds = np.searchsorted(slot_cell, np.arange(n_regions * 3 + 1))

    efficiency = lab.matching_efficiency * (1.0 + eff.matching_boost)
    eta = lab.matching_elasticity
    threshold = lab.ai_digital_requirement
    hired_rows, hired_firms = [], []
    unfilled_digital = 0
    n_seekers = np.diff(s_bounds).reshape(n_regions, 3)
    n_vacancies = np.diff(v_bounds).reshape(n_regions, 3)
    for c in range(n_regions * 3):
        s = seekers[s_bounds[c]:s_bounds[c + 1]]
        v_firm = slot_firm[v_bounds[c]:v_bounds[c + 1]]
        v_dig = slot_digital[v_bounds[c]:v_bounds[c + 1]]
        if s.size == 0 or v_firm.size == 0:
            unfilled_digital += np.count_nonzero(v_dig)
            continue
        expected = min(s.size, v_firm.size, efficiency * s.size ** eta * v_firm.size ** (1 - eta))
        floor = math.floor(expected)  # stochastic_round of one number
        m = floor + int(rng.random(1)[0] < expected - floor)
        met = v_dig[:m]  # slots are in random order: the first m meet a seeker
        capable = workers.digital[s] >= threshold
        dig_slots = np.flatnonzero(met)
        plain_slots = np.flatnonzero(~met)
        cap_idx = np.flatnonzero(capable)
        n_dig = min(dig_slots.size, cap_idx.size)
        used = np.zeros(s.size, bool)
        used[cap_idx[:n_dig]] = True
        rest = np.flatnonzero(~used)
        n_plain = min(plain_slots.size, rest.size)
        hired_rows += [s[cap_idx[:n_dig]], s[rest[:n_plain]]]
        hired_firms += [v_firm[dig_slots[:n_dig]], v_firm[plain_slots[:n_plain]]]
        unfilled_digital += np.count_nonzero(v_dig) - n_dig
    rows = np.concatenate(hired_rows) if hired_rows else np.empty(0, np.int64)
    to = np.concatenate(hired_firms) if hired_firms else np.empty(0, np.int64)
    reemployed = int(workers.displaced[rows].sum())
    workers.status[rows] = EMPLOYED
    workers.employer[rows] = to
    workers.platform[rows] = -1
    workers.region[rows] = firms.region[to]
    workers.spell[rows] = 0
    workers.displaced[rows] = False
    return {"seekers": n_seekers, "vacancies": n_vacancies, "hires": int(rows.size),
            "reemployed": reemployed, "unfilled_digital": unfilled_digital, "hired": rows}


def cell_unemployment(model) -> np.ndarray:
    """Unemployment rate [region, skill] of the workers (gig workers count as employed)."""
    workers = model.workers
    cell = workers.region.astype(np.int64) * 3 + workers.skill
    size = np.bincount(cell, minlength=model.n_regions * 3)
    jobless = np.bincount(cell, weights=(workers.status == UNEMPLOYED), minlength=model.n_regions * 3)
    return np.divide(jobless, size, out=np.zeros(size.size), where=size > 0).reshape(model.n_regions, 3)


def structural_rates(model) -> np.ndarray:
    """Structural unemployment rate u* [region, skill]: ``labour.structural_unemployment`` times each cell's
    unemployment in the starting population relative to the mean (at least a fifth of it, at most 0.9).

    Read from the population before any rule has run, so it is the same for every scenario that starts with
    the same workers and seed, whatever its technology or policies (a cell's first-quarter rate would carry the
    scenario's first quarter into the wage curve for the whole run).
    """
    rate = cell_unemployment(model)
    mean = float(rate.mean())
    relative = np.maximum(rate, 0.2 * mean) / mean if mean > 0 else np.ones_like(rate)
    return np.minimum(model.cfg.labour.structural_unemployment * relative, 0.9)


def update_wages(model) -> None:
    """Wage index by region and skill: a wage curve plus expected inflation and the productivity trend.

    Wage growth in each region and skill cell is

        g_w = pi_e + phi (u* - u) / u* + theta g_A

    where ``u*`` is the cell's structural unemployment rate (``structural_rates``:
    set once from the starting population, it never follows actual unemployment), ``phi``
    is ``labour.wage_flexibility``, ``g_A`` the productivity trend and
    ``pi_e`` expected inflation: the inflation target corrected toward last
    quarter's inflation by ``labour.price_indexation``. Nothing bounds the
    result: an unstable economy shows as one.
    """
    lab = model.cfg.labour
    rate = cell_unemployment(model)
    gap = (model.natural_unemployment - rate) / model.natural_unemployment
    target = quarterly(model.cfg.demand.inflation_target)
    growth = (target + lab.price_indexation * (model.inflation - target) + lab.wage_flexibility * gap
              + lab.productivity_indexation * model.productivity_growth)
    model.wage *= np.exp(growth)


def hours_paid(hours: np.ndarray, prod) -> np.ndarray:
    """Pay for ``hours`` (relative to normal hours): the hourly wage, with the overtime premium above normal."""
    return hours + prod.overtime_premium * np.maximum(hours - 1.0, 0.0)


def pay_wages(model) -> None:
    """Each employee's pay: regional skill wage x hours paid (overtime premium) x firm premium x digital premium.

    The firm premium shares the firm's output per worker above or below its
    sector's with its workers, a bargaining rule that is linear in the surplus:

        premium_i = (1 - beta) + beta y_i / y_s

    where ``y_i`` is the firm's output per hour worked by the staff who produced
    it (staff x hours, ``firms.hours``: overtime is paid by ``hours_paid``, not
    again by the premium), ``y_s`` the sector's (its output over its producing
    staff's hours) and ``beta`` is ``labour.rent_sharing``. At the sector's
    productivity the premium is 1 and its elasticity to the firm's productivity
    is ``beta``; its mean over the hours of the staff who produced is 1 in every sector (less ``beta`` times the share of the
    sector's output made by firms without staff, by robots or AI alone), so rent
    sharing moves pay between firms, not the sector's wage level. The staff paid
    differ from them by this quarter's hires and layoffs, which move workers to
    productive firms, so over every employee paid the mean premium is slightly
    above 1 (1.003-1.009 measured; docs/ODD.md 7.5). A firm that produced nothing
    pays its staff ``1 - beta`` of the cell wage, and no bound is needed at either end.
    A firm without producing staff (an entrant still hiring) pays the cell wage.
    """
    firms, workers, cfg = model.firms, model.workers, model.cfg
    emp = np.flatnonzero(workers.status == EMPLOYED)
    employer = workers.employer[emp]
    staff = firms.producing_staff * firms.hours  # output per hour of those who produced it (in normal hours)
    sector_out = np.bincount(firms.sector, weights=firms.output, minlength=model.n_sectors)
    sector_staff = np.bincount(firms.sector, weights=staff, minlength=model.n_sectors)
    sector_level = np.divide(sector_out, sector_staff, out=np.zeros(model.n_sectors), where=sector_staff > 0)
    level = sector_level.take(firms.sector, axis=0)
    relative = np.divide(firms.output, staff * level, out=np.ones(firms.n), where=(staff > 0) & (level > 0))
    beta = cfg.labour.rent_sharing
    premium = (1.0 - beta) + beta * relative
    digital_firm = row_any(firms.stage == INTEGRATED)
    skilled = workers.digital[emp] >= cfg.workforce.digital_threshold
    bonus = 1.0 + cfg.labour.digital_premium * (skilled & digital_firm.take(employer))  # take: int32 rows
    wage = lookup(model.wage, workers.region[emp], workers.skill[emp]) * premium.take(employer) * bonus
    wage *= hours_paid(firms.hours, cfg.production).take(employer)
    workers.earnings[:] = 0.0
    workers.earnings[emp] = wage
    firms.wage_bill = np.bincount(employer, weights=wage, minlength=firms.n)


def clear_labour_market(model) -> None:
    """Rule 5: separations, staff needs, layoffs, matching, wages.

    Staff are counted once, after the quits; layoffs and hires then change the counts.
    """
    firms, workers, cfg, rng = model.firms, model.workers, model.cfg, model.stream("labour")
    flows = model.flows
    emp = np.flatnonzero(workers.status == EMPLOYED)
    quits = emp.compress(rng.random(workers.n)[emp] < cfg.labour.separation_rate)
    separate(model, quits, displaced=False)
    firms.headcount, digital = staff_counts(model, np.flatnonzero(workers.status == EMPLOYED))

    need = labour_demand(model, firms.target, model.technology, model.task_cost, model.task_weight)  # production's
    demand = stochastic_round(np.minimum(need * (1.0 + cfg.labour.hiring_slack), workers.n), rng)  # no firm wants more than everyone
    laid_off, (gone, gone_digital) = lay_off(model, demand)
    flows["displaced"] += int(laid_off.size)
    firms.headcount = firms.headcount - gone
    vacancies = np.maximum(demand - firms.headcount, 0)
    ai_firm = firms.stage[:, AI] == INTEGRATED
    digital_jobs = np.zeros((firms.n, 3), bool)
    digital_jobs[:, 1] = ai_firm
    # high-skill jobs at any data-integrated firm need digital skill too (analytics, software, digital operations)
    digital_jobs[:, 2] = ai_firm | (firms.stage[:, DATA] == INTEGRATED)
    firms.vacancies = vacancies
    result = match(model, vacancies, digital_jobs)
    flows["hires"] += result["hires"]
    flows["reemployed"] += result["reemployed"]
    flows["unfilled_digital"] += result["unfilled_digital"]
    flows["vacancies"] += int(vacancies.sum())
    hired, hired_digital = staff_counts(model, result["hired"])
    set_headcount(model, firms.headcount + hired, digital - gone_digital + hired_digital)
    update_wages(model)
    pay_wages(model)
