"""Lumpy investment (model/investment.py): random investment opportunities per project, the same on average."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import small_scenario
from model import EconomyModel
from model.errors import UserError
from model.investment import investment_opportunities


def _model(**production) -> EconomyModel:
    return EconomyModel(small_scenario(initial={"burn_in": 0}, production=production), seed=5, agents=False)


def test_every_firm_invests_every_quarter_by_default():
    model = _model()
    np.testing.assert_array_equal(investment_opportunities(model), np.ones(model.firms.n))


def test_a_one_project_firm_invests_in_a_quarter_of_quarters_four_quarters_worth():
    """p 0.25, one project per firm: a quarter of the firms order, each 4 times its smooth order; the mean is 1."""
    model = _model(investment_frequency=0.25, capital_adjustment=0.1)
    draws = []
    for _ in range(40):
        model._streams = {}  # a fresh quarter's stream
        model._step_key += 1
        draws.append(investment_opportunities(model))
    factor = np.concatenate(draws)
    assert set(np.unique(factor)) == {0.0, 4.0}
    assert abs(factor.mean() - 1.0) < 4 * factor.std() / np.sqrt(factor.size)  # unbiased, within 4 standard errors
    assert 0.2 < (factor > 0).mean() < 0.3


def test_a_firm_with_many_projects_invests_smoothly():
    """With one project per worker, a firm of 400 staff orders close to its smooth order every quarter."""
    model = _model(investment_frequency=0.25, capital_adjustment=0.1, project_staff=1)
    model.firms.producing_staff[:] = 400
    factor = investment_opportunities(model)
    assert factor.min() > 0.7 and factor.max() < 1.3  # binomial(401, 0.25) / 100.25: sd 0.086


def test_an_opportunity_that_would_overshoot_the_target_is_refused():
    with pytest.raises(UserError, match="capital_adjustment.*investment_frequency"):
        small_scenario(production={"investment_frequency": 0.05, "capital_adjustment": 0.1})
