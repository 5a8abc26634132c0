"""Bank credit (model/banking.py): term loans repaid in instalments, overdrafts repaid from spare deposits,
investment financed partly by loans, dividends after debt service."""

from __future__ import annotations

import numpy as np

from conftest import small_scenario
from model import EconomyModel
from model.banking import borrow_for_investment, overdraft, service_debt
from model.distribution import pay_dividends


def _model(**banking) -> EconomyModel:
    return EconomyModel(small_scenario(initial={"burn_in": 0}, banking=banking), seed=3, agents=False)


def test_term_loans_fall_by_one_instalment_a_quarter_and_roll_over_what_cannot_be_paid():
    """Maturity 20: a firm with deposits repays a twentieth of its loans; one without deposits repays nothing."""
    model = _model(loan_maturity=20)
    firms = model.firms
    firms.loans[:] = 100.0
    firms.term_loans[:] = 100.0
    firms.term_drawn[:] = 0.0
    firms.cash[:] = 1_000.0
    firms.cash[0] = 0.0
    service_debt(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.loans[1:], 95.0)
    np.testing.assert_allclose(firms.cash[1:], 995.0)
    assert firms.loans[0] == 100.0 and firms.cash[0] == 0.0


def test_an_overdraft_is_repaid_as_soon_as_deposits_exceed_the_buffer():
    """Maturity 0: loans are an overdraft; deposits above the buffer repay them at once."""
    model = _model(loan_maturity=0, investment_loan_share=0.0)
    firms = model.firms
    assert not firms.term_loans.any()
    firms.loans[:] = 100.0
    firms.cash[:] = 1_000.0
    service_debt(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.loans, 0.0)
    np.testing.assert_allclose(firms.cash, 900.0)


def test_firms_borrow_a_share_of_what_they_invest_within_their_credit_line():
    """Share 0.15: 15 of every 100 paid for investment goods is a new loan, and its deposit; never beyond the line."""
    model = _model(investment_loan_share=0.15, loan_maturity=20)
    firms = model.firms
    firms.loans[:] = 0.0
    firms.term_loans[:] = 0.0
    firms.credit[:] = 1_000.0
    firms.credit[0] = 5.0
    cash = firms.cash.copy()
    borrow_for_investment(model, np.full(firms.n, 100.0))
    np.testing.assert_allclose(firms.loans[1:], 15.0)
    np.testing.assert_allclose(firms.cash[1:] - cash[1:], 15.0)
    assert firms.loans[0] == 5.0
    np.testing.assert_allclose(firms.term_loans, firms.loans)  # term loans, not an overdraft


def test_with_no_investment_loans_nothing_is_borrowed_for_investment():
    model = _model(investment_loan_share=0.0)
    firms = model.firms
    loans = firms.loans.copy()
    borrow_for_investment(model, np.full(firms.n, 100.0))
    np.testing.assert_array_equal(firms.loans, loans)


def test_the_overdraft_is_repaid_from_deposits_above_the_buffer_while_term_loans_keep_their_schedule():
    """Maturity 20, buffer 0.1 quarters of costs 1,000: a firm with 100 of term loans, 50 of overdraft and
    1,000 of deposits pays the instalment 5, then repays the whole overdraft (spare 1000 - 5 - 100 = 895)."""
    model = _model(loan_maturity=20, cash_buffer=0.1)
    firms = model.firms
    firms.term_loans[:] = 100.0
    firms.term_drawn[:] = 0.0
    firms.loans[:] = 150.0
    firms.cash[:] = 1_000.0
    firms.cash[0] = 120.0  # spare after the instalment: 120 - 5 - 100 = 15 of the 50
    service_debt(model, np.full(firms.n, 1_000.0))
    np.testing.assert_allclose(firms.term_loans, 95.0)
    np.testing.assert_allclose(overdraft(model)[1:], 0.0)
    np.testing.assert_allclose(firms.cash[1:], 1_000.0 - 5.0 - 50.0)
    np.testing.assert_allclose(overdraft(model)[0], 35.0)
    np.testing.assert_allclose(firms.cash[0], 100.0)


def test_a_term_loan_drawn_this_quarter_pays_its_first_instalment_next_quarter():
    model = _model(loan_maturity=20, investment_loan_share=0.5)
    firms = model.firms
    firms.loans[:] = firms.term_loans[:] = firms.term_drawn[:] = 0.0
    firms.credit[:] = 1_000.0
    borrow_for_investment(model, np.full(firms.n, 100.0))
    service_debt(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.term_loans, 50.0)
    service_debt(model, np.zeros(firms.n))
    np.testing.assert_allclose(firms.term_loans, 47.5)


def test_dividends_never_exceed_deposits_left_after_debt_service_above_the_buffer():
    """A profitable firm whose deposits only cover its instalment and buffer pays no dividend."""
    model = _model(loan_maturity=20, cash_buffer=0.1)
    firms = model.firms
    firms.profit[:] = 1_000.0
    firms.term_loans[:] = firms.loans[:] = 100.0
    firms.term_drawn[:] = 0.0
    firms.cash[:] = 5.0 + 100.0  # the instalment and a buffer of 0.1 x 1,000
    costs = np.full(firms.n, 1_000.0)
    service_debt(model, costs)
    pay_dividends(model, costs)
    np.testing.assert_allclose(firms.dividends, 0.0)
    np.testing.assert_allclose(firms.cash, 100.0)


def test_books_close_with_term_loans_and_overdrafts():
    """A few quarters of the small economy: every payment has a payee, the balance sheet closes, the two loan
    stocks never go negative and add up to no more than the total."""
    model = _model(loan_maturity=20, investment_loan_share=0.15)
    for _ in range(8):
        model.step()
        assert (model.firms.term_loans >= -1e-9).all() and (overdraft(model) >= -1e-9).all()
    assert model.books_gap_max < 1e-9
