"""Mesa agents: each Firm, Worker and Platform is a named view of one row of the state arrays.

The rules update whole populations at once (see :mod:`model.economy`), but a
student can still ask one agent what it is and did::

    firm = next(iter(model.agents_by_type[Firm]))
    firm.sector, firm.adoption, firm.employees, firm.describe()
"""

from __future__ import annotations

import gc
import itertools
import weakref
from contextlib import contextmanager

import mesa
from mesa.agent import AgentSet
import numpy as np

from model.state import AGE_NAMES, BARRIERS, SKILL_NAMES, STAGES, STATUSES, TECHS


class _ModelIds(weakref.WeakKeyDictionary):
    """``unique_id`` counters per model, held weakly (mesa 3.3.1's ``Agent._ids`` keeps every model alive)."""

    def __getitem__(self, model):
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = itertools.count(1)
            return counter


_IDS = _ModelIds()


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector inside the block; after it, one collection of the young
    generations moves what the block made to the oldest at once (unless the collector was off before)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(1)


class RowAgent(mesa.Agent):
    """A Mesa agent that is the view of one row of a population's arrays (a firm or a worker)."""

    _ids = _IDS

    def __init__(self, model, row: int):
        super().__init__(model)
        self.row = row

    @classmethod
    def create(cls, model, n: int) -> list:
        """The agents of rows ``0 .. n - 1``: the same as ``[cls(model, row) for row in range(n)]`` (the same ids,
        in the same order in the model's agent sets), registered all at once, with the garbage collector paused.

        Creating a million agents one by one let the collector's full passes run a dozen times as the heap grew
        (each over everything built so far); with it paused, their one pass comes later.
        """
        with collector_paused():
            ids = cls._ids[model]
            agents = [cls._blank(model, next(ids), row) for row in range(n)]
            if cls not in model._agents_by_type:
                model._agents_by_type[cls] = AgentSet([], random=model.random)
            cls._register(model, agents)
        return agents

    @classmethod
    def replace(cls, model, views: list, rows: np.ndarray) -> None:
        """New occupants take ``rows`` (distinct): each row's agent, the view of that row, takes a new id.

        An agent is a named view of its row, so when a worker retires and a young one takes the row (or an entrant
        the row of an exiting firm), the row's view is renamed: it gets the next id (in row order, the ids
        ``views[row].remove(); views[row] = cls(model, row)`` would give) and keeps its place in the model's agent
        sets. The leaver's id leaves the model with it; nothing else is registered or removed, so the step does
        not pay mesa 3.3.1's registration for every leaver and entrant (in the baseline at 22,000 agents about
        0.85 ms a step, 7% of it: about 110 workers retire a quarter, and the agent tables of a running model are
        cold in the cache).
        """
        ids = cls._ids[model]
        for row in rows.tolist():
            views[row].unique_id = next(ids)

    @classmethod
    def _blank(cls, model, unique_id: int, row: int) -> RowAgent:
        """An agent with the attributes mesa 3.3.1's ``Agent.__init__`` sets, not yet registered with the model."""
        agent = cls.__new__(cls)
        agent.model, agent.unique_id, agent.pos, agent.row = model, unique_id, None, row  # no __dict__ made
        return agent

    @staticmethod
    def _sets(model, agents: list) -> tuple[weakref.WeakKeyDictionary, ...]:
        """The weak tables of the two agent sets ``agents`` (of one class) belong to: their class's and all."""
        return model._agents_by_type[type(agents[0])]._agents, model._all_agents._agents

    @classmethod
    def _register(cls, model, agents: list) -> None:
        """Add ``agents`` (of one class, which has its agent set) to the model's agent tables, in their order.

        ``WeakKeyDictionary.update`` (one weak reference with the table's callback per agent), its loop in C.
        """
        if not agents:
            return
        model._agents.update(dict.fromkeys(agents))
        for table in cls._sets(model, agents):
            table.data.update(zip(map(weakref.ref, agents, itertools.repeat(table._remove)), itertools.repeat(None)))


class Firm(RowAgent):
    """A firm: sector, region, size class, technologies, workforce and finances."""

    @property
    def _f(self):
        return self.model.firms

    @property
    def sector(self) -> str:
        return self.model.sector_names[self._f.sector[self.row]]

    @property
    def region(self) -> str:
        return self.model.region_names[self._f.region[self.row]]

    @property
    def size_class(self) -> str:
        return self.model.size_names[self._f.size[self.row]]

    @property
    def adoption(self) -> dict[str, str]:
        """Stage of each technology: none, adjusting or integrated."""
        return {t: STAGES[self._f.stage[self.row, i]] for i, t in enumerate(TECHS)}

    @property
    def employees(self) -> dict[str, int]:
        return {s: int(self._f.headcount[self.row, i]) for i, s in enumerate(SKILL_NAMES)}

    @property
    def output(self) -> float:
        return float(self._f.output[self.row])

    @property
    def productivity(self) -> float:
        """Output per employee this quarter."""
        staff = self._f.headcount[self.row].sum()
        return float(self._f.output[self.row] / staff) if staff else 0.0

    @property
    def platform(self) -> str | None:
        member = self._f.member[self.row]
        return None if member < 0 else self.model.platform_agents[self.model.n_gig + member].name

    def describe(self) -> dict:
        """Everything about this firm, as plain values (safe to print or turn into JSON).

        Returns:
            A dict with the firm's ``id``, ``sector``, ``region``, ``size_class`` and ``age_quarters``;
                ``adoption`` (stage of each technology ``data``, ``robots``, ``ai``: ``none``,
                ``adjusting`` or ``integrated``), ``perceived_gain`` and ``aware`` per technology;
                ``barrier`` per technology (what held it back from adopting this quarter: ``unwilling``,
                ``afraid``, ``unable``, or ``none`` once adopted, ready or where unavailable);
                ``capability``; ``employees`` (headcount per skill ``low``, ``mid``, ``high``); ``robots``
                and ``data_stock``; ``output``, ``price``, ``market_share``, ``cash``, ``credit_limit``
                and ``profit`` this quarter; and the name of the industrial ``platform`` it belongs to
                (or None).
        """
        f, r = self._f, self.row
        return {
            "id": self.unique_id, "sector": self.sector, "region": self.region, "size_class": self.size_class,
            "age_quarters": int(f.age[r]), "adoption": self.adoption,
            "perceived_gain": {t: round(float(f.belief[r, i]), 4) for i, t in enumerate(TECHS)},
            "aware": {t: bool(f.aware[r, i]) for i, t in enumerate(TECHS)},
            "barrier": {t: BARRIERS[f.barrier[r, i]] for i, t in enumerate(TECHS)},
            "capability": round(float(f.capability[r]), 4), "employees": self.employees,
            "robots": round(float(f.robots[r]), 3), "data_stock": round(float(f.data[r]), 3),
            "output": round(self.output, 4), "price": round(float(f.price[r]), 4),
            "market_share": float(f.share[r]), "cash": round(float(f.cash[r]), 4),
            "credit_limit": round(float(f.credit[r]), 4), "profit": round(float(f.profit[r]), 4),
            "platform": self.platform,
        }

    def __repr__(self) -> str:
        return f"<Firm {self.unique_id} {self.sector}/{self.region}/{self.size_class} {self.adoption}>"


class Worker(RowAgent):
    """A worker: region, skill, digital skill, age band, status and earnings."""

    @property
    def _w(self):
        return self.model.workers

    @property
    def region(self) -> str:
        return self.model.region_names[self._w.region[self.row]]

    @property
    def skill(self) -> str:
        return SKILL_NAMES[self._w.skill[self.row]]

    @property
    def age_band(self) -> str:
        return AGE_NAMES[self._w.age[self.row]]

    @property
    def digital_skill(self) -> float:
        return float(self._w.digital[self.row])

    @property
    def status(self) -> str:
        return STATUSES[self._w.status[self.row]]

    @property
    def employer(self) -> Firm | None:
        row = self._w.employer[self.row]
        return None if row < 0 else self.model.firm_agents[row]

    @property
    def platform(self):
        p = self._w.platform[self.row]
        return None if p < 0 else self.model.platform_agents[p]

    @property
    def earnings(self) -> float:
        return float(self._w.earnings[self.row])

    def describe(self) -> dict:
        """Everything about this worker, as plain values (safe to print or turn into JSON).

        Returns:
            A dict with the worker's ``id``, ``region``, ``skill`` (``low``, ``mid``, ``high``),
                ``age_band``, ``digital_skill`` and ``status`` (``employed``, ``gig`` or ``unemployed``);
                the ``employer``'s id and the gig ``platform``'s name (None when there is none);
                ``earnings``, ``transfers`` and ``income`` this quarter; ``in_training``;
                ``spell_quarters`` (quarters in the current status) and ``displaced`` (lost a job to a
                layoff or a firm's exit and not yet re-employed).
        """
        w, r = self._w, self.row
        employer = self.employer
        platform = self.platform
        return {
            "id": self.unique_id, "region": self.region, "skill": self.skill, "age_band": self.age_band,
            "digital_skill": round(self.digital_skill, 4), "status": self.status,
            "employer": employer.unique_id if employer else None,
            "platform": platform.name if platform else None,
            "earnings": round(self.earnings, 4), "transfers": round(float(w.transfers[r]), 4),
            "income": round(float(w.income[r]), 4), "in_training": bool(w.training[r] > 0),
            "spell_quarters": int(w.spell[r]), "displaced": bool(w.displaced[r]),
        }

    def __repr__(self) -> str:
        return f"<Worker {self.unique_id} {self.skill}/{self.region} {self.status}>"


class Platform(mesa.Agent):
    """A gig platform (matching algorithm, commission) or an industrial platform (data pool, AI services)."""

    _ids = _IDS

    def __init__(self, model, row: int, name: str):
        super().__init__(model)
        self.row = row
        self.name = name

    @property
    def kind(self) -> str:
        return ("gig", "industrial")[self.model.platforms.kind[self.row]]

    def describe(self) -> dict:
        """Everything about this platform, as plain values (safe to print or turn into JSON).

        Returns:
            A dict with the platform's ``id``, ``name`` and ``kind`` (``gig`` or ``industrial``), its
                ``commission``, ``gig_workers``, ``demand_share``, ``members`` (member firms),
                ``pooled_data``, ``revenue`` and ``utilisation`` this quarter.
        """
        p, r = self.model.platforms, self.row
        return {
            "id": self.unique_id, "name": self.name, "kind": self.kind,
            "commission": round(float(p.commission[r]), 4), "gig_workers": int(p.workers[r]),
            "demand_share": round(float(p.demand_share[r]), 4), "members": int(p.members[r]),
            "pooled_data": round(float(p.pooled_data[r]), 3), "revenue": round(float(p.revenue[r]), 4),
            "utilisation": round(float(p.utilisation[r]), 4),
        }

    def __repr__(self) -> str:
        return f"<Platform {self.name} ({self.kind})>"
