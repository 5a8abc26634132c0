"""Platform x application (平台×应用, seed 003): members rent AI from their industrial platform.

An industrial platform offers AI and analytics as a service. A member that knows of AI (aware), has not
built its own and runs data systems (the applications run on its data) can rent it instead: no one-off adoption cost and no digitally skilled staff of its own (the
platform runs it), but a generic service that delivers ``ai_service_efficiency`` of the task share and
augmentation an own, tailored system would. It pays by effect: ``ai_service_fee`` of the gain measured in its
output (the share of this quarter's output that AI produced, at the firm's price), to the platform. The
platform's pooled data is non-rival: every member draws on all of it (``production.effective_data``).

    renting_i = member_i & aware_i(AI) & no own AI_i & data integrated_i & (1 - fee) * efficiency * g_i > 0
    fee paid_i = fee * p_i * Y_i * (1 - Y_i^noAI / Y_i)

where g_i is the firm's perceived gross gain from AI (its belief plus the running cost an own system would
bear). A firm that builds its own AI stops renting; one that leaves its platform loses the service.
"""

from __future__ import annotations

import numpy as np

from model.accounts import FIRMS, PLATFORMS
from model.compute_energy import firm_compute_cost
from model.state import AI, DATA, INTEGRATED, NONE


def renting(model) -> np.ndarray:
    """Firms that use rented AI this quarter (members without an own AI system that chose the service)."""
    firms = model.firms
    return firms.ai_service & (firms.member >= 0) & (firms.stage[:, AI] == NONE)


def can_rent(model) -> np.ndarray:
    """Firms that could rent AI: aware of it, without an own system, and with data systems integrated (the
    platform's applications run on the member's data)."""
    firms = model.firms
    return (firms.aware[:, AI] & (firms.stage[:, AI] == NONE) & (firms.stage[:, DATA] == INTEGRATED)
            & bool(model.tech_params[AI].available))


def ai_running_cost(model) -> np.ndarray:
    """What an own AI system costs to run, as a share of sales (compute dearer where compute costs more)."""
    return model.tech_params[AI].running_cost * firm_compute_cost(model)


def service_value(model, gross_gain: np.ndarray) -> np.ndarray:
    """A member's net gain from renting AI, as a share of its output: what it keeps of the service's effect."""
    ind = model.cfg.industrial_platforms
    return (1.0 - ind.ai_service_fee) * ind.ai_service_efficiency * np.maximum(gross_gain, 0.0)


def rent_ai(model) -> None:
    """Members choose the AI service (rule 6, after membership): aware, no own AI, and it pays for itself."""
    firms = model.firms
    if not model.tech_params[AI].available or model.n_ind == 0:
        firms.ai_service[:] = False
        return
    perceived = firms.belief[:, AI] + ai_running_cost(model)  # gross of the running cost an own system bears
    firms.ai_service = (can_rent(model) & (firms.member >= 0) & (service_value(model, perceived) > 0))


def pay_ai_service(model) -> np.ndarray:
    """Renters pay their platform ``ai_service_fee`` of the output AI produced for them; returns the fees."""
    firms = model.firms
    # ai_gain is set in production for the firms that used rented AI this quarter (0 for everyone else)
    fees = model.cfg.industrial_platforms.ai_service_fee * np.maximum(firms.revenue, 0.0) * firms.ai_gain
    total = float(fees.sum())
    firms.cash -= fees
    firms.running += fees
    model.balances.platform_deposits += total
    model.ledger.pay("ai_services", FIRMS, PLATFORMS, total)
    model.flows["ai_service_fees"] += total
    return fees
