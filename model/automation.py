"""Automation chosen by cost (issue 16): robot users automate the routine manual tasks a robot does cheaper.

Routine manual tasks differ in how hard they are to automate. Automating one costs the robot's user cost per
task unit, ``u = p_R (r + delta_R) tau_R / q_R`` (price, financing rate plus depreciation, the robot tax or
subsidy factor, a robot's task units), times an integration factor kappa (fixtures, reprogramming,
engineering) that varies across tasks and firms. A robot-integrated firm automates the tasks with
``kappa u < w_low`` (the local low-skill wage). With ln kappa logistic across a firm's tasks around its own
integration cost m_i,

    s_i = c_s(t) * Lambda(epsilon * (ln(w_low / u) - m_i))

* ``c_s(t)``: the technical ceiling, the sector's robot applicability times the share of routine manual tasks
  robots can do at all (``frontier.max_robot_share`` at the start, its complement shrinking by
  ``frontier.robot_ceiling_growth`` a year as the frontier advances); firms sit well below it;
* ``epsilon``: ``frontier.robot_price_elasticity``, how spread tasks' integration costs are (a 1% dearer
  robot lowers the logit of the automated share by epsilon %);
* ``m_i = automation_cost + automation_cost_dispersion * z_i``, z_i standard normal, drawn at the firm's
  birth: firms differ in what integration costs them.

So the marginal task of every firm responds to the robot's price and the wage. The automated and the manual
routine tasks are separate arguments of the firm's task CES (Acemoglu and Restrepo 2018, 2020), with weights
``s_i`` and ``1 - s_i`` of the routine manual weight: cheaper robots move tasks from people to robots (the
displacement effect) and lower the cost of the automated tasks, which raises output and the demand for every
task (the productivity effect); ``labour_plan.labour_demand`` hires people for the manual tasks and for any
automated tasks the robot stock does not yet cover.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, log_expit

from model.banking import borrowing_rate


def robot_task_cost(model) -> float:
    """A robot's quarterly user cost per routine manual task unit, with any robot tax or subsidy."""
    fr = model.cfg.frontier
    user = model.robot_price * (borrowing_rate(model) + fr.robot_depreciation) * model.effects.robot_price_factor
    return float(user / fr.robot_productivity)


def automation_ceiling(model) -> np.ndarray:
    """Share of each sector's routine manual tasks robots can technically do now (sector applicability x frontier;
    ``model.robot_ceiling`` moves with the frontier, ``frontier.py``)."""
    return model.robot_applicability * model.robot_ceiling


def robot_advantage(model) -> np.ndarray:
    """``ln(w_low / u) - m_i`` of every firm, in logs (a robot nearly free of cost is an infinite advantage)."""
    firms = model.firms
    cost = robot_task_cost(model)
    log_cost = np.log(cost) if cost > 0 else -np.inf
    return np.log(np.maximum(model.wage[:, 0].take(firms.region), 1e-12)) - log_cost - firms.automation_cost[:, 0]


def firm_robot_share(model) -> np.ndarray:
    """Share of its routine manual tasks each firm would automate if it uses robots (``s_i`` above)."""
    firms, fr = model.firms, model.cfg.frontier
    ceiling = automation_ceiling(model).take(firms.sector, axis=0)
    return ceiling * expit(fr.robot_price_elasticity * robot_advantage(model))


def automated_task_saving(model) -> np.ndarray:
    """Log cost saving of each firm's automated tasks against the low-skill wage (>= 1/epsilon).

    Of the tasks a firm automates (those with ``ln kappa < L = ln(w_low / u)``), the mean log cost is
    ``E[ln(kappa u) | ln kappa < L] = ln w_low - softplus(z) / (epsilon expit(z))`` with ``z = epsilon (L - m_i)``
    (the truncated mean of a logistic with scale 1/epsilon), so an automated task costs
    ``w_low exp(-saving)``: the marginal task saves nothing, the average one ``saving`` in logs.
    """
    epsilon = model.cfg.frontier.robot_price_elasticity
    z = epsilon * robot_advantage(model)
    log_softplus = np.where(z < -30.0, z, np.log(np.logaddexp(0.0, np.maximum(z, -30.0))))
    return np.exp(log_softplus - log_expit(z)) / epsilon


def draw_automation_cost(model, n: int, rng: np.random.Generator) -> np.ndarray:
    """Integration costs of ``n`` new firms [n, 2] (log): a robot's into a routine manual task, median
    ``frontier.automation_cost`` (``m_i`` above), and AI's into a routine cognitive task, median
    ``frontier.ai_integration_cost`` (:func:`model.production.ai_task_share`), each with its own spread."""
    fr = model.cfg.frontier
    z = rng.standard_normal((n, 2))
    return np.column_stack([fr.automation_cost + fr.automation_cost_dispersion * z[:, 0],
                            fr.ai_integration_cost + fr.ai_integration_dispersion * z[:, 1]])
