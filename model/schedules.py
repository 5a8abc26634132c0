"""Lever schedules against the run: a lever that can never act is an error, not a silent no-op."""

from __future__ import annotations

from model.errors import ScenarioError
from model.periods import period_label, to_step


def schedule_problems(scenario, steps: int | None = None) -> list[str]:
    """Why each lever cannot act in a run of ``steps`` quarters (default: the scenario's), one text per lever.

    The run's periods are step 0 (``scenario.start``) to step ``steps``. A lever is wrong if it ends before it
    starts, starts after the last period, or ends before the first.
    """
    steps = scenario.steps if steps is None else steps
    problems = []
    for i, lever in enumerate(scenario.policies):
        start, end = to_step(lever.start, scenario.start), to_step(lever.end, scenario.start)
        name = f"policies.{i} ({lever.label or lever.lever})"
        if end is not None and end < start:
            problems.append(f"{name}: ends ({lever.end}) before it starts ({lever.start})")
        elif start > steps:
            problems.append(f"{name}: starts at {lever.start}, after the run's last period")
        elif end is not None and end < 0:
            problems.append(f"{name}: ends at {lever.end}, before the run's first period")
    return problems


def check_schedules(scenario, origin: str, steps: int | None = None) -> None:
    """Raise :class:`ScenarioError` naming ``origin``, each lever and the run's periods if a lever cannot act."""
    steps = scenario.steps if steps is None else steps
    problems = schedule_problems(scenario, steps)
    if problems:
        run = f"{period_label(scenario.start, 0)}..{period_label(scenario.start, steps)}"
        raise ScenarioError(f"{origin}: the run covers {run} (steps 0..{steps}); "
                            + "; ".join(problems))
