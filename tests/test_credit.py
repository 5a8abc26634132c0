"""Bank credit (model/banking.py): term loans repaid in instalments, and investment financed partly by loans."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.banking import borrow_for_investment, finance_firms


def _model(**banking) -> EconomyModel:
    return EconomyModel(small_scenario(initial={"burn_in": 0}, banking=banking), seed=3, agents=False)


def test_term_loans_fall_by_one_instalment_a_quarter_and_roll_over_what_cannot_be_paid():
    """Maturity 20: a firm with deposits repays a twentieth of its loans; one without deposits repays nothing."""
    model = _model(loan_maturity=20)
    firms = model.firms
    firms.loans[:] = 100.0
    firms.cash[:] = 1_000.0
    firms.cash[0] = 0.0
    finance_firms(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.loans[1:], 95.0)
    np.testing.assert_allclose(firms.cash[1:], 995.0)
    assert firms.loans[0] == 100.0 and firms.cash[0] == 0.0


def test_an_overdraft_is_repaid_as_soon_as_deposits_exceed_the_buffer():
    """Maturity 0: loans are an overdraft; deposits above the buffer repay them at once."""
    model = _model(loan_maturity=0, investment_loan_share=0.0)
    firms = model.firms
    firms.loans[:] = 100.0
    firms.cash[:] = 1_000.0
    finance_firms(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.loans, 0.0)
    np.testing.assert_allclose(firms.cash, 900.0)


def test_firms_borrow_a_share_of_what_they_invest_within_their_credit_line():
    """Share 0.15: 15 of every 100 paid for investment goods is a new loan, and its deposit; never beyond the line."""
    model = _model(investment_loan_share=0.15, loan_maturity=20)
    firms = model.firms
    firms.loans[:] = 0.0
    firms.credit[:] = 1_000.0
    firms.credit[0] = 5.0
    cash = firms.cash.copy()
    borrow_for_investment(model, np.full(firms.n, 100.0))
    np.testing.assert_allclose(firms.loans[1:], 15.0)
    np.testing.assert_allclose(firms.cash[1:] - cash[1:], 15.0)
    assert firms.loans[0] == 5.0


def test_with_no_investment_loans_nothing_is_borrowed_for_investment():
    model = _model(investment_loan_share=0.0)
    firms = model.firms
    loans = firms.loans.copy()
    borrow_for_investment(model, np.full(firms.n, 100.0))
    np.testing.assert_array_equal(firms.loans, loans)
