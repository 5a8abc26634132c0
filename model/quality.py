"""Quality: data and AI adopters sell better, more customised products (seed 003: 智能化 raises value added).

A firm's quality index multiplies the gains of the technologies it has
integrated:

    q_i = (1 + demand.quality_data [data integrated]) (1 + demand.quality_ai [AI integrated])

Buyers compare quality-adjusted prices ``p_i / q_i`` under either market-share
rule (:mod:`model.market_shares`): under the replicator, shares grow while a
firm's ``p_i / q_i`` is below its sector's sales-weighted mean; under CES
buyers, a firm whose quality rises after the start (or after its entry) wins a
lasting, bounded gain. Either way digital firms gain demand, not only margin (mass customisation, seed 004's "smile curve"
flattening as manufacturing's own value added rises). Quality changes who
sells; it does not enter the measured price level or real GDP (as in
statistics without quality adjustment).
"""

from __future__ import annotations

import numpy as np

from model.state import AI, DATA, INTEGRATED


def quality_index(model) -> np.ndarray:
    """Every firm's product quality (1 without integrated data or AI)."""
    firms, demand = model.firms, model.cfg.demand
    data = firms.stage[:, DATA] == INTEGRATED
    ai = firms.stage[:, AI] == INTEGRATED
    return (1.0 + demand.quality_data * data) * (1.0 + demand.quality_ai * ai)
