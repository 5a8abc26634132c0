"""Rule 9: entry and exit of firms, and the turnover of the workforce.

A firm exits after persistent losses with its credit exhausted (or by a small
background hazard); its staff become job seekers. Its row is taken at once by
an entrant, which is more often digital from birth the further firms of its
size class have digitalised. Older workers retire and young entrants, with
more digital skill, join the labour force as job seekers.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, HOUSEHOLDS
from model.banking import bail_out, credit_line, write_off
from model.automation import draw_automation_cost
from model.careers import entrant_digital_skill, entrant_skill_mix
from model.inventories import write_off_stock
from model.market_shares import normalise_shares, set_entrant_appeal
from model.labour_market import refresh_headcount, separate
from model.state import AI, DATA, EMPLOYED, INTEGRATED, NONE, UNEMPLOYED
from model.technology_adoption import available_techs, group_rate


def exit_firms(model) -> np.ndarray:
    """Rows of firms that exit this quarter."""
    firms, cfg = model.firms, model.cfg
    insolvent = (firms.losses >= cfg.entry_exit.exit_after_quarters) & (firms.loans > firms.credit + firms.cash)
    background = model.stream("entry_exit").random(firms.n) < cfg.entry_exit.exit_hazard
    return np.flatnonzero(insolvent | background)


def fund_entrants(model, rows: np.ndarray, wanted: np.ndarray) -> None:
    """Owners put deposits into entrants, as much as ``wanted`` if they have it (in proportion if not)."""
    owners = model.balances.owners
    total = float(wanted.sum())
    scale = min(1.0, max(owners.deposits, 0.0) / total) if total > 0 else 0.0
    model.firms.cash[rows] = wanted * scale
    owners.deposits -= total * scale
    model.ledger.pay("equity", HOUSEHOLDS, FIRMS, total * scale)


def create_entrants(model, rows: np.ndarray) -> None:
    """Reset ``rows`` as newly born firms."""
    if rows.size == 0:
        return
    firms, cfg, rng = model.firms, model.cfg, model.stream("entry_exit")
    ee = cfg.entry_exit
    n = rows.size
    firms.sector[rows] = rng.choice(model.n_sectors, n, p=model.sector_firm_p)
    firms.region[rows] = rng.choice(model.n_regions, n, p=model.region_firm_p)
    firms.size[rows] = rng.choice(model.n_sizes, n, p=model.entrant_size_p)
    firms.age[rows] = 0
    sector_mean = np.bincount(firms.sector, weights=firms.log_a, minlength=model.n_sectors) / np.maximum(
        np.bincount(firms.sector, minlength=model.n_sectors), 1)
    firms.log_a[rows] = (sector_mean[firms.sector[rows]] + np.log(ee.entrant_productivity)
                         + rng.normal(0, cfg.production.initial_dispersion, n))
    # a start-up copies firms of its own size: a micro start-up is digital as often as micro firms are
    survivors = np.ones(firms.n, bool)
    survivors[rows] = False
    data_rate = group_rate(firms.size[survivors], firms.stage[survivors, DATA] != NONE, model.n_sizes)
    ai_rate = float((firms.stage[:, AI] != NONE).mean())
    p_digital = np.clip(ee.entrant_digital_base + ee.entrant_digital_slope * data_rate[firms.size[rows]], 0, 1)
    digital = rng.random(n) < p_digital
    firms.stage[rows] = NONE
    exists = available_techs(model)
    firms.stage[rows, DATA] = np.where(digital & exists[DATA], INTEGRATED, NONE)
    firms.stage[rows, AI] = np.where(digital & (rng.random(n) < ai_rate) & exists[AI], INTEGRATED, NONE)
    firms.timer[rows] = 0
    firms.adopted_at[rows] = np.where(firms.stage[rows] != NONE, model.steps, -1)
    firms.aware[rows] = firms.stage[rows] != NONE
    firms.belief[rows] = model.initial_belief(rows, rng)
    firms.barrier[rows] = 0
    firms.automation_cost[rows] = draw_automation_cost(model, n, model.stream("automation"))
    firms.ai_service[rows] = False
    firms.ai_gain[rows] = 0.0
    firms.ai_tasks[rows] = 0.0
    firms.ai_share[rows] = 0.0  # the exiting firm's AI left with it
    firms.capability[rows] = np.clip(model.size_capability[firms.size[rows]] + 0.2 * digital
                                     + rng.normal(0, 0.1, n), 0, 1)
    firms.risk[rows] = np.clip(model.size_risk[firms.size[rows]] + rng.normal(0, 0.1, n), 0, 1)
    firms.robots[rows] = 0.0
    firms.data[rows] = 0.0
    firms.member[rows] = -1
    firms.losses[rows] = 0
    # an entrant starts with a small market share, the size of a typical firm of its class
    typical = model.size_mean_share[firms.sector[rows], firms.size[rows]]
    firms.share[rows] = typical
    firms.share = normalise_shares(model, firms.share)
    firms.planned[rows] = firms.share[rows] * model.sector_demand[firms.sector[rows]]
    # the entrant takes over a plant of the size it needs (exiting firms' plants are reused, not bought anew)
    firms.capital[rows] = cfg.production.capital_output * firms.planned[rows]
    firms.expected[rows] = firms.planned[rows]
    firms.price[rows] = model.sector_price[firms.sector[rows]]
    set_entrant_appeal(model, rows)
    firms.output[rows] = 0.0
    write_off_stock(model, rows)
    firms.sales[rows] = 0.0
    firms.revenue[rows] = 0.0
    firms.profit[rows] = 0.0
    firms.dividends[rows] = 0.0
    firms.rd[rows] = 0.0
    firms.rd_support[rows] = 0.0
    firms.running[rows] = 0.0
    firms.digital[rows] = 0.0
    firms.digital_ai[rows] = 0.0
    fund_entrants(model, rows, 0.5 * firms.price[rows] * firms.planned[rows])
    firms.credit[rows] = credit_line(model, rows, firms.price[rows] * firms.planned[rows])
    firms.headcount[rows] = 0
    firms.producing_staff[rows] = 0
    firms.wage_bill[rows] = 0.0
    firms.digital_staff[rows] = 0.0
    firms.fee[rows] = 0.0
    firms.fee_left[rows] = 0


def turnover_firms(model) -> None:
    """Exits, the displacement of their staff, and entrants in their rows."""
    rows = exit_firms(model)
    model.flows["exits"] += rows.size
    if rows.size == 0:
        return
    workers = model.workers
    gone = np.zeros(model.firms.n, bool)
    gone[rows] = True
    staff = np.flatnonzero((workers.status == EMPLOYED) & gone.take(np.maximum(workers.employer, 0)))
    separate(model, staff, displaced=True)
    model.flows["displaced"] += staff.size
    write_off(model, rows)
    bail_out(model)
    create_entrants(model, rows)
    model.replace_firm_agents(rows)
    model.flows["entries"] += rows.size


def turnover_workers(model) -> None:
    """Ageing, retirement of older workers and entry of young ones."""
    workers, cfg, rng = model.workers, model.cfg, model.stream("workforce")
    wf = cfg.workforce
    ages = workers.age
    move = rng.random(workers.n)
    older_now = (ages == 1) & (move < 1 / 80)
    prime_now = (ages == 0) & (move < 1 / 60)
    retire = np.flatnonzero((ages == 2) & (move < wf.retirement_rate))
    ages[older_now] = 2
    ages[prime_now] = 1
    if retire.size == 0:
        return
    n = retire.size
    workers.age[retire] = 0
    workers.skill[retire] = rng.choice(3, n, p=entrant_skill_mix(model))
    workers.digital[retire] = np.clip(rng.normal(entrant_digital_skill(model), 0.12, n), 0, 1)
    workers.status[retire] = UNEMPLOYED
    workers.employer[retire] = -1
    workers.platform[retire] = -1
    workers.earnings[retire] = 0.0
    workers.training[retire] = 0
    workers.spell[retire] = 0
    workers.displaced[retire] = False
    model.replace_worker_agents(retire)
    model.flows["retired"] += n


def turnover(model) -> None:
    """Rule 9: firm entry and exit, workforce turnover."""
    turnover_firms(model)
    turnover_workers(model)
    refresh_headcount(model)
    model.firms.age += 1
    model.workers.spell += 1
