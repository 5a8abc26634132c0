"""Compute's energy and emissions: the compute AI and stored data use, the energy it takes and the carbon it
emits after routing between regions and green power (levers ``compute_west``, ``green_power``, carbon pricing).

Rules read these (adoption weighs a carbon price on AI's compute, distribution charges it) and the metrics
report them (``compute_energy``, ``emissions``, ``green_power_share``).
"""

from __future__ import annotations

import numpy as np

from model.numerics import dot, matmul, safe_ratio
from model.state import AI, INTEGRATED


def firm_compute_cost(model, per_unit: float = 1.0) -> np.ndarray:
    """The cost of ``per_unit`` units of compute to each firm, relative to the start: ``per_unit`` x the
    frontier's compute cost x its region's factor (``regions.compute_cost``) x any policy's (``compute_west``)."""
    region = model.firms.region
    return (per_unit * model.compute_cost * model.region_compute.take(region)
            * model.effects.compute_cost_factor.take(region))  # take: int8 rows, faster than indexing


def green_share(model) -> np.ndarray:
    """Share of each region's power that is green, with any policy boost."""
    return np.clip(model.green_base + model.effects.green_power_boost, 0.0, 1.0)


def compute_emissions_rate(model) -> np.ndarray:
    """Emissions per unit of compute energy used by each firm (after routing and green power)."""
    green = green_share(model)
    routing = model.effects.compute_routing
    used = green if routing is None else matmul(routing, green)
    return (1.0 - used.take(model.firms.region, axis=0)) * model.cfg.green.carbon_intensity


def compute_demand(model) -> np.ndarray:
    """Compute each firm uses this quarter (AI on its output, plus stored data), before energy efficiency."""
    firms, green_cfg = model.firms, model.cfg.green
    ai_on = firms.stage[:, AI] == INTEGRATED
    return (green_cfg.compute_per_ai_firm * firms.output * ai_on * model.ai_capability
            + green_cfg.compute_per_data * firms.data)


def firm_emissions(model) -> np.ndarray:
    """Emissions of each firm's compute (AI and data) this quarter; carbon pricing charges them."""
    return compute_demand(model) * model.energy_per_compute * compute_emissions_rate(model)


def compute_energy(model) -> tuple[float, float, float]:
    """Compute energy, its emissions and the green share, by region."""
    firms, green_cfg = model.firms, model.cfg.green
    by_region = np.bincount(firms.region, weights=compute_demand(model), minlength=model.n_regions) \
        * model.energy_per_compute
    if model.effects.compute_routing is not None:  # share of each region's compute run in each region
        by_region = matmul(by_region, model.effects.compute_routing)
    green = green_share(model)
    energy = float(by_region.sum())
    emissions = dot(by_region, 1.0 - green) * green_cfg.carbon_intensity
    return energy, emissions, safe_ratio(dot(by_region, green), energy)
