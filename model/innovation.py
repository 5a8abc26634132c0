"""Innovation and imitation: firms' R&D finds better techniques and copies better firms (Keynes+Schumpeter).

Each quarter a firm orders R&D worth ``innovation.rd_share`` of last quarter's
revenue, as far as its deposits and credit line allow (:func:`order_research`);
where a lever pays a share ``s`` of R&D (``rd_credit``) it keeps its own outlay
and orders ``1 / (1 - s)`` times as much.
R&D is research services bought from the services sector's firms (flow
``research``): investment in intellectual property, as national accounts
have counted it since SNA 2008, and a cost in the firm's profit. Who sells it
is paid like any seller; what the sector could not deliver stays with the
buyer.

Next quarter the R&D bought draws its results (:func:`innovate_and_imitate`,
Dosi, Fagiolo and Roventini 2010). A share ``xi = innovation_share`` of it
searches for new techniques, the rest imitates. With the firm's R&D intensity
``r_i = RD_i / revenue_i`` and a digital boost from its capability ``c_i`` and,
for data users, its effective data (own, its platform's pool and opened public
data, the same stock production uses)

    d_i = 1 + digital_boost (c_i + D_i / (D_i + data_scale Y_i))

it innovates with probability ``1 - exp(-innovation_rate xi r_i d_i)`` and
draws a technique ``x ~ N(step_mean, step_spread)`` log points from its own; it
keeps the technique only if better (``log A_i += max(x, 0)``), and the gain is
its own until others copy it (the first mover's advantage). It imitates with
probability ``1 - exp(-imitation_rate (1 - xi) r_i d_i)``: it studies a firm of
its sector, of its own region with probability ``local_share`` and of any
region otherwise, and closes ``catch_up`` of the gap between that firm's
technique and its own when the other's is better. A technique is a firm's log
TFP net of its region's level (a firm copies a way of working, not its
region's infrastructure).

``frontier.tfp_trend`` adds disembodied growth common to every firm on top of
this (0 by default: firms' own R&D is the source of non-digital TFP growth).
The digital producers' chance to innovate also sets the pace of the technology
frontier (:func:`model.frontier.frontier_pace`).
"""

from __future__ import annotations

import numpy as np

from model.banking import headroom
from model.numerics import stable_argsort
from model.production import effective_data
from model.state import DATA, INTEGRATED


def research_support(model, gross: np.ndarray, dry_run: bool = False) -> np.ndarray:
    """What policy pays of each firm's R&D ``gross`` (the R&D credit lever, policies/rd_credit.py)."""
    firms = model.firms
    return model.effects.share_cost(model.fiscal, "research", "research", firms.size, firms.region, gross,
                                    dry_run=dry_run)


def order_research(model) -> None:
    """Every firm's R&D order for this quarter: a share of last quarter's revenue, within what it can finance.

    A firm keeps its own outlay at that share: where policy pays a share ``s`` of R&D, it orders ``1 / (1 - s)``
    times as much.
    """
    firms = model.firms
    own = model.cfg.innovation.rd_share * np.maximum(firms.revenue, 0.0)
    share = np.divide(research_support(model, own, dry_run=True), own, out=np.zeros(firms.n), where=own > 0)
    wanted = own / (1.0 - share)
    room = np.maximum(headroom(model) - firms.order, 0.0)
    firms.rd_order = np.minimum(wanted, room)


def digital_boost(model) -> np.ndarray:
    """``d_i``: how much a firm's digital capability and data raise its chances of innovating and imitating."""
    firms, cfg = model.firms, model.cfg
    data_on = firms.stage[:, DATA] == INTEGRATED
    scale = cfg.production.data_scale * np.maximum(firms.planned, 1e-9)
    stock = effective_data(model)
    data = np.where(data_on, stock / (stock + scale), 0.0)
    return 1.0 + cfg.innovation.digital_boost * (firms.capability + data)


def research_intensity(model) -> np.ndarray:
    """R&D bought last quarter over last quarter's revenue (0 for a firm without revenue)."""
    firms = model.firms
    return np.divide(firms.rd, firms.revenue, out=np.zeros(firms.n), where=firms.revenue > 0)


def innovation_chances(model, intensity: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every firm's chance to innovate and to imitate this quarter, at R&D ``intensity`` (default: what it bought
    last quarter over its revenue)."""
    inn = model.cfg.innovation
    effort = (research_intensity(model) if intensity is None else intensity) * digital_boost(model)
    p_innovate = 1.0 - np.exp(-inn.innovation_rate * inn.innovation_share * effort)
    p_imitate = 1.0 - np.exp(-inn.imitation_rate * (1.0 - inn.innovation_share) * effort)
    return p_innovate, p_imitate


def innovate_and_imitate(model) -> None:
    """Last quarter's R&D draws new techniques (kept if better) and copies of better firms' techniques."""
    firms, inn = model.firms, model.cfg.innovation
    rng = model.stream("innovation")
    n = firms.n
    p_innovate, p_imitate = innovation_chances(model)
    draws = rng.random((n, 2))
    steps = rng.normal(inn.step_mean, inn.step_spread, n)
    innovated = (draws[:, 0] < p_innovate) & (steps > 0)
    technique = firms.log_a - np.log(model.region_productivity.take(firms.region, axis=0))
    imitators = np.flatnonzero(draws[:, 1] < p_imitate)
    gain = np.zeros(n)
    if imitators.size:
        local = rng.random(imitators.size) < inn.local_share
        models = studied_firms(firms.sector, firms.region, imitators, local, rng, model.n_regions)
        gain[imitators] = inn.catch_up * np.maximum(technique[models] - technique[imitators], 0.0)
    found = np.where(innovated, steps, 0.0)
    firms.log_a += found + gain  # both drawn from the techniques of last quarter
    model.flows["innovations"] += int(innovated.sum())
    model.flows["imitations"] += int((gain > 0).sum())
    model.flows["innovation_gain"] += float(found.sum() + gain.sum())


def studied_firms(sector: np.ndarray, region: np.ndarray, rows: np.ndarray, local: np.ndarray,
                  rng: np.random.Generator, n_regions: int) -> np.ndarray:
    """For each firm in ``rows``, a firm of its sector drawn at random: of its own region where ``local``.

    Groups firms by (sector, region) and by sector, and draws a uniform position inside the firm's group;
    a firm alone in its group studies itself (and so copies nothing).
    """
    choice = np.empty(rows.size, np.int64)
    for key, pick in ((sector.astype(np.int64) * n_regions + region, local),
                      (sector.astype(np.int64), ~local)):
        order = stable_argsort(key)
        counts = np.bincount(key, minlength=int(key.max()) + 1)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        group = key[rows[pick]]
        offset = np.floor(rng.random(group.size) * counts[group]).astype(np.int64)
        choice[pick] = order[starts[group] + offset]
    return choice
