"""The books: every payment is a transaction between two sectors, recorded once.

The economy has six sectors (:data:`SECTORS`). A rule that moves money calls
:meth:`Ledger.pay` with the flow's name, the payer, the payee and the amount,
and changes the two sectors' deposits itself; the ledger keeps the
transactions-flow matrix of the step (one row per flow, one column per sector;
every row sums to zero because the payer's entry is minus the payee's).

At the end of each step :func:`close_books` checks the two identities that a
leak would break:

* each sector's **net lending** (the sum of its column of the flow matrix)
  equals the change in its **net financial assets** measured from the stocks
  (deposits, loans, bonds), and
* the **balance sheet** closes: bank equity accumulated from the banks' own
  flows equals loans plus bonds minus every deposit (loans create deposits,
  repayments destroy them).

A gap above :data:`TOLERANCE` of quarterly GDP (beyond floating-point
round-off, :data:`ROUND_OFF` of the largest stock) stops the run with
:class:`BooksError` naming the step, sector and flow; a stock that is no
longer a finite number is a collapsing economy (:class:`EconomyCollapse`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from model.errors import EconomyCollapse

#: The sectors of the economy, in the column order of both matrices.
SECTORS = ("households", "firms", "banks", "government", "platforms", "rest_of_world")
HOUSEHOLDS, FIRMS, BANKS, GOVERNMENT, PLATFORMS, REST_OF_WORLD = SECTORS

#: Every flow a rule may record, in the row order of the flow matrix, with its meaning.
FLOWS = {
    "consumption": "households buy goods from firms",
    "gig_services": "households buy services through gig platforms",
    "gig_earnings": "gig platforms pay their workers (net of commission)",
    "gig_insurance": "platforms' social-insurance contribution for gig workers",
    "government_consumption": "government buys goods and services (including lever programmes)",
    "exports": "the rest of the world buys firms' goods",
    "imports": "households and firms buy foreign goods",
    "investment": "firms buy machines, robots and AI/data systems from firms",
    "research": "firms buy R&D services from services firms (innovation.py)",
    "wages": "firms pay their employees",
    "digital_services": "firms buy the running services of their data, robots and AI (licences, cloud, compute) "
                        "from services firms (digital_services.py; the part they cannot deliver is imported, booked "
                        "under imports)",
    "platform_fees": "firms pay industrial platforms' subscriptions and cloud fees",
    "ai_services": "members pay their industrial platform for AI rented as a service (a share of its measured gain)",
    "income_tax": "households pay tax on earnings (and lever surcharges)",
    "profit_tax": "firms pay tax on profit",
    "benefits": "government pays unemployment benefits",
    "pensions": "government pays pensions to households (earnings-related; government.pensions_share)",
    "transfers": "government pays lever transfers to households",
    "subsidies": "government pays a share of firms' costs (negative: a tax on them, e.g. carbon)",
    "loan_interest": "firms pay interest on loans",
    "deposit_interest": "banks pay interest on deposits",
    "bond_interest": "government pays interest on bonds held by banks",
    "foreign_interest": "the rest of the world pays interest at the policy rate on what it owes banks (our "
                        "foreign assets), or earns it on its deposits",
    "dividends": "firms, banks and platforms pay their owners",
    "equity": "owners fund entrants (negative: a liquidated firm's cash returns to them)",
    "loan_write_off": "banks write off the loans of firms that exit",
    "bail_out": "government restores bank equity to the capital requirement (a capital transfer)",
}

#: Largest gap, relative to quarterly nominal GDP, tolerated between the flows and the stocks.
TOLERANCE = 1e-9
#: Plus floating-point round-off: this share of the largest stock (sums of many large numbers lose digits).
ROUND_OFF = 1e-12


class BooksError(RuntimeError):
    """The books do not close: money was created or destroyed outside the rules that may do it."""


@dataclass
class Ledger:
    """The transactions-flow matrix of the current step and the history of every step."""

    rows: dict = field(default_factory=lambda: defaultdict(lambda: np.zeros(len(SECTORS))))
    history: list = field(default_factory=list)

    def pay(self, flow: str, payer: str, payee: str, amount: float) -> None:
        """Record ``amount`` paid by ``payer`` to ``payee`` under ``flow`` (the caller moves the deposits)."""
        if flow not in FLOWS:
            raise KeyError(f"unknown flow {flow!r}; declare it in model.accounts.FLOWS")
        amount = float(amount)
        if amount == 0.0:
            return
        row = self.rows[flow]
        row[SECTORS.index(payer)] -= amount
        row[SECTORS.index(payee)] += amount

    def begin_step(self) -> None:
        self.rows = defaultdict(lambda: np.zeros(len(SECTORS)))

    def net_lending(self) -> np.ndarray:
        """Each sector's net lending this step: the column sums of the flow matrix."""
        total = np.zeros(len(SECTORS))
        for row in self.rows.values():
            total += row
        return total


def balance_sheet(model) -> dict[str, np.ndarray]:
    """The balance-sheet matrix: one row per financial instrument, one column per sector (rows sum to zero)."""
    firms, workers = model.firms, model.workers
    b = model.balances
    cols = {name: i for i, name in enumerate(SECTORS)}
    deposits = np.zeros(len(SECTORS))
    deposits[cols[HOUSEHOLDS]] = float(workers.deposits.sum()) + b.owners.deposits
    deposits[cols[FIRMS]] = float(firms.cash.sum())
    deposits[cols[PLATFORMS]] = b.platform_deposits
    deposits[cols[REST_OF_WORLD]] = b.rest_of_world.deposits
    deposits[cols[BANKS]] = -deposits.sum()
    loans = np.zeros(len(SECTORS))
    loans[cols[FIRMS]] = -float(firms.loans.sum())
    loans[cols[BANKS]] = float(firms.loans.sum())
    bonds = np.zeros(len(SECTORS))
    bonds[cols[GOVERNMENT]] = -b.government.bonds
    bonds[cols[BANKS]] = b.government.bonds
    equity = np.zeros(len(SECTORS))
    equity[cols[BANKS]] = -b.banks.equity
    equity[cols[HOUSEHOLDS]] = b.banks.equity  # owners hold the banks' equity
    return {"deposits": deposits, "loans": loans, "bonds": bonds, "bank_equity": equity}


def net_financial_assets(model) -> np.ndarray:
    """Each sector's net financial assets: its column of the balance sheet without bank equity.

    Bank equity is the banks' net worth (owned by households), so the banks' entry is loans + bonds - deposits.
    """
    sheet = balance_sheet(model)
    return sheet["deposits"] + sheet["loans"] + sheet["bonds"]


def largest_stock(model) -> float:
    """The largest balance in the economy (for the round-off allowance)."""
    b = model.balances
    values = [np.abs(model.workers.deposits).max(initial=0.0), np.abs(model.firms.cash).max(initial=0.0),
              float(model.firms.loans.sum()), float(model.workers.deposits.sum()), abs(b.owners.deposits),
              abs(b.government.bonds), abs(b.banks.equity), abs(b.rest_of_world.deposits), abs(b.platform_deposits)]
    return float(max(values))


def close_books(model, opening: np.ndarray, scale: float) -> float:
    """Check this step's flows against the change in stocks; returns the largest gap relative to ``scale``.

    Args:
        model: The economy after the step.
        opening: Net financial assets at the start of the step (:func:`net_financial_assets`).
        scale: Quarterly nominal GDP, the unit the gap is measured in.

    Raises:
        BooksError: a sector's net lending differs from the change in its net
            financial assets, or bank equity differs from loans + bonds - deposits.
    """
    flows = model.ledger.net_lending()
    closing = net_financial_assets(model)
    change = closing - opening
    scale = max(abs(scale), 1e-12)
    slack = ROUND_OFF * largest_stock(model) / scale  # round-off, in units of GDP
    gaps = np.maximum(np.abs(flows - change) / scale - slack, 0.0)
    equity_gap = max(abs(model.balances.banks.equity - closing[SECTORS.index(BANKS)]) / scale - slack, 0.0)
    if not (np.all(np.isfinite(gaps)) and np.isfinite(equity_gap)):
        raise EconomyCollapse(f"step {model.steps} ({model.period}): the economy collapsed: a stock or flow is not "
                              "a finite number; the run is stopped (see docs/reliability.md, 'Collapsing economies')")
    worst = int(np.argmax(gaps))
    if gaps[worst] > TOLERANCE:
        sector = SECTORS[worst]
        biggest = max(model.ledger.rows.items(), key=lambda kv: abs(kv[1][worst]), default=("none", np.zeros(1)))
        raise BooksError(f"the books do not close at step {model.steps} ({model.period}): {sector}' net lending "
                         f"{flows[worst]:.6g} differs from the change in its net financial assets {change[worst]:.6g} "
                         f"(gap {gaps[worst]:.2e} of GDP; its largest flow is {biggest[0]!r})")
    if equity_gap > TOLERANCE:
        raise BooksError(f"the balance sheet does not close at step {model.steps} ({model.period}): bank equity "
                         f"{model.balances.banks.equity:.6g} differs from loans + bonds - deposits (gap "
                         f"{equity_gap:.2e} of GDP; flow 'loan_write_off' or 'deposit_interest')")
    raw = np.abs(flows - change) / scale  # reported as measured, round-off included
    return float(max(raw.max(), abs(model.balances.banks.equity - closing[SECTORS.index(BANKS)]) / scale))


def flow_records(step: int, rows: dict) -> list[dict]:
    """Long-format rows (step, sector, flow, value) of one step's flow matrix, for ``accounts.csv``."""
    out = []
    for flow in FLOWS:
        row = rows.get(flow)
        if row is None:
            continue
        for sector, value in zip(SECTORS, row):
            if value != 0.0:
                out.append({"step": step, "sector": sector, "flow": flow, "value": float(value)})
    return out
