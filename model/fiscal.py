"""The government's account: what every lever paid out (or raised), taxes and benefits.

Levers book money with :meth:`Fiscal.pay`; a negative amount is revenue (a
tax). ``policy_spending`` is the sum over levers, so spending always equals
what the levers paid out. Where the money goes is the books' business
(:mod:`model.accounts`): programmes bought with :meth:`Fiscal.buy` are
government purchases in the goods market; cost shares are subsidies paid to
firms (:func:`model.government.subsidise_firms`); income levers are transfers
to households (:func:`model.government.settle_lever_incomes`).
"""

from __future__ import annotations


class Fiscal:
    """Step and cumulative accounts, one per lever instance (its ``key``).

    Args:
        lever_keys: every lever key in the scenario, so each has a column even
            outside its active window (where it is zero).
    """

    def __init__(self, lever_keys=()):
        self.keys = list(dict.fromkeys(lever_keys))
        self.step = {key: 0.0 for key in self.keys}
        self.cumulative = {key: 0.0 for key in self.keys}
        self.benefits = 0.0
        self.bail_outs = 0.0
        self.purchases = 0.0
        self.benefits_cumulative = 0.0

    def begin_step(self) -> None:
        """Start a new quarter's accounts."""
        self.step = {key: 0.0 for key in self.keys}
        self.benefits = 0.0
        self.bail_outs = 0.0
        self.purchases = 0.0

    def pay(self, key: str, amount: float) -> None:
        """Book ``amount`` paid out by lever ``key`` (negative: revenue raised)."""
        if key not in self.step:
            self.keys.append(key)
            self.step[key] = 0.0
            self.cumulative[key] = 0.0
        self.step[key] += amount
        self.cumulative[key] += amount

    def buy(self, key: str, amount: float) -> None:
        """Book a programme lever ``key`` buys from firms: government purchases in this quarter's goods market."""
        self.pay(key, amount)
        self.purchases += amount

    def spent(self, key: str) -> float:
        """Cumulative net spending of lever ``key`` so far."""
        return self.cumulative.get(key, 0.0)

    def pay_benefits(self, amount: float) -> None:
        self.benefits += amount
        self.benefits_cumulative += amount

    @property
    def policy_spending(self) -> float:
        return sum(self.step.values())

    @property
    def policy_spending_cumulative(self) -> float:
        return sum(self.cumulative.values())
