"""Agent-based model of digital transformation (data, robots, AI) built on Mesa.

Quick use::

    from model import load_scenario, simulate
    result = simulate(load_scenario("scenarios/baseline.yaml"), seed=1)
    result.timeseries[["period", "tfp_index", "adoption_ai"]]
"""

__version__ = "0.1.0"

from model.config import Scenario  # noqa: E402
from model.scenario_io import load_scenario, scenario_from_dict  # noqa: E402
from model.runner import RunResult, simulate  # noqa: E402
from model.economy import EconomyModel  # noqa: E402

__all__ = ["Scenario", "load_scenario", "scenario_from_dict", "simulate", "RunResult", "EconomyModel", "__version__"]
