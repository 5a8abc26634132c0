"""Align compared scenarios by calendar period (2027Q1), not by step."""

from __future__ import annotations

from model.errors import UserError
from model.periods import index_label, period_index


def run_span(scenario) -> tuple[int, int]:
    """Absolute quarter numbers of a scenario's first (step 0) and last period."""
    first = period_index(scenario.start)
    return first, first + scenario.steps


def common_periods(scenarios: dict) -> tuple[str, str, str | None]:
    """The periods every scenario covers, and a one-line note if some cover more.

    Args:
        scenarios: ``{name: Scenario}`` (steps already final).

    Returns:
        ``(first, last, note)``; ``note`` is None when all runs cover the same periods.

    Raises:
        UserError: if the scenarios share no period (exit status 2).
    """
    spans = {name: run_span(s) for name, s in scenarios.items()}
    first, last = max(a for a, _ in spans.values()), min(b for _, b in spans.values())
    label = lambda a, b: f"{index_label(a)}..{index_label(b)}"  # noqa: E731
    each = ", ".join(f"{name} {label(*span)}" for name, span in spans.items())
    if first > last:
        raise UserError(f"compare: the scenarios share no period ({each}); compare runs that overlap in time")
    if len(set(spans.values())) == 1:
        return index_label(first), index_label(last), None
    return (index_label(first), index_label(last),
            f"compare: the runs overlap only in part ({each}); comparing the common periods {label(first, last)}")


def align_runs(runs: dict, first: str, last: str) -> dict:
    """Keep each time series' rows from ``first`` to ``last`` and renumber their steps from 0."""
    lo, hi = period_index(first), period_index(last)
    aligned = {}
    for name, frames in runs.items():
        out = []
        for frame in frames:
            keep = frame[[lo <= period_index(p) <= hi for p in frame["period"]]].reset_index(drop=True)
            if "step" in keep:
                keep = keep.assign(step=range(len(keep)))
            out.append(keep)
        aligned[name] = out
    return aligned
