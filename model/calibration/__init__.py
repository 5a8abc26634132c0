"""Calibration to the seed documents: targets, validation over seeds, the figure and the fitting script.

``python run.py validate`` (see :mod:`model.cli.validate_cmd`) is the entry
point; ``python -m model.calibration.fit`` re-runs the parameter search
documented in ``docs/calibration.md``; ``python -m model.calibration.handoff`` checks that
the baseline starts from the history's state at 2025Q1.
"""

from model.calibration.targets import TARGETS, Runs, Target
from model.calibration.validate import ai_switched_off, evaluate, format_table, validate_scenario, write_validation

__all__ = ["TARGETS", "Runs", "Target", "ai_switched_off", "evaluate", "format_table", "validate_scenario",
           "write_validation"]
