"""Base class every policy lever extends, and the lever registry.

A lever is one small registered piece: a pydantic model of its parameters
(``start``/``end`` schedule included) with hooks the model calls during a step.
Adding a lever touches one new file in ``model/policies/`` and its test.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from model.periods import parse_period

#: name -> lever class, filled by :func:`register`.
LEVERS: dict[str, type["Lever"]] = {}

TECHNOLOGIES = ("data", "robots", "ai")
Technology = Literal["data", "robots", "ai"]


def register(cls: type["Lever"]) -> type["Lever"]:
    """Class decorator: make a lever available to scenarios under ``cls.name``."""
    name = cls.model_fields["lever"].default
    if name in LEVERS:
        raise RuntimeError(f"lever {name!r} registered twice")
    LEVERS[name] = cls
    return cls


class Lever(BaseModel):
    """One scheduled policy intervention.

    Subclasses declare ``lever: Literal["name"] = "name"``, their parameters
    with defaults, a one-line ``summary``, and override the hooks they need.
    Every hook receives the running :class:`~model.economy.EconomyModel`; money a
    lever pays out is booked with ``model.fiscal.pay(self.key, amount)`` (a programme it buys from firms
    with ``model.fiscal.buy``, so it is government purchases in the goods market).
    """

    model_config = ConfigDict(extra="forbid")

    summary: ClassVar[str] = ""

    lever: str
    label: str | None = Field(None, description="Name for this instance in reports (defaults to the lever name).")
    start: int | str = Field(0, description="First active step (a step number, or a period like 2027Q1).")
    end: int | str | None = Field(None, description="Last active step, inclusive (null: until the end).")

    @field_validator("start", "end")
    @classmethod
    def _check_bound(cls, value):
        if isinstance(value, bool):
            raise ValueError("a schedule bound is a step number or a period like 2027Q1, not true/false")
        if isinstance(value, int) and value < 0:
            raise ValueError("a step number is 0 or more")
        if isinstance(value, str):
            parse_period(value)
        return value

    @property
    def key(self) -> str:
        """Name under which this lever's spending is reported."""
        return self.label or self.lever

    @property
    def accounts(self) -> tuple[str, ...]:
        """Every fiscal account this lever books to (its spending columns); the first is :attr:`key`."""
        return (self.key,)

    def check(self, scenario) -> None:
        """Raise ``ValueError`` if this lever names groups the scenario lacks."""
        for attr, groups in (("size_classes", scenario.size_classes), ("regions", scenario.regions),
                             ("sectors", scenario.sectors)):
            names = getattr(self, attr, None)
            valid = [g.name for g in groups]
            for name in names or ():
                if name not in valid:
                    raise ValueError(f"{attr}: {name!r} is not in the scenario; valid: {', '.join(valid)}")

    def group_mask(self, names, groups) -> np.ndarray | None:
        """Bool mask over the scenario's groups for the names this lever targets (None: all)."""
        if names is None:
            return None
        return np.array([g in names for g in groups])

    def remaining_budget(self, model) -> float | None:
        """What is left of this lever's ``budget`` (None when it has no budget or it is unlimited)."""
        budget = getattr(self, "budget", None)
        return None if budget is None else max(budget - model.fiscal.spent(self.key), 0.0)

    # -- hooks -------------------------------------------------------------
    def begin_step(self, model, effects) -> None:
        """Rule 1: set this step's policy effects (called only while active)."""

    def settle_income(self, model) -> None:
        """Rule 8: adjust incomes after wages and gig earnings are known (active steps only)."""
