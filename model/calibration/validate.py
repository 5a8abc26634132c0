"""Run a scenario over several seeds and compare it with the calibration targets.

:func:`validate_scenario` returns a table with one row per target: the figure,
its source and period, the model's mean and range over seeds, the pass band
and ``pass`` or ``miss``. :func:`write_validation` writes that table to
``validation.csv``, the figure of every targeted series to
``validation.png`` and the report (templates ``validate.{md,html}.j2``) to
``validation.md`` and ``validation.html``, atomically.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from model.calibration.i18n import source_label, target_label, vtext
from model.calibration.targets import ROLES, TARGETS, Runs
from model.config import Scenario
from model.periods import period_index
from model.runner import simulate

COLUMNS = ["target", "role", "label", "source", "period", "target_value", "model_mean", "model_min", "model_max",
           "tolerance_lo", "tolerance_hi", "status"]


def ai_switched_off(scenario: Scenario) -> Scenario:
    """The same scenario with AI unavailable: the decomposition's AI twin (:func:`model.decompose.switched_off`).

    No firm starts with, adopts or enters with AI, so its capability gain, the routine cognitive tasks it takes
    and the new tasks it creates act nowhere; everything else, including the seed, is the same.
    """
    from model.decompose import switched_off

    return switched_off(scenario, ("ai",))


def steps_needed(scenario: Scenario, targets=TARGETS) -> int:
    """Quarters to simulate so that every target's period is covered (at least the scenario's own steps)."""
    start = period_index(scenario.start)
    ends = [period_index(t.until) - start for t in targets if t.until]
    return max([scenario.steps, *ends])


def run_seeds(scenario: Scenario, seeds: list[int], targets=TARGETS, progress: bool = False) -> list[Runs]:
    """Simulate ``scenario`` (and, where a target needs them, its AI-off and digital-off twins) for each seed."""
    from model.decompose import TWINS, switched_off

    steps = steps_needed(scenario, targets)
    twins = {}  # the Runs field of each twin a target needs, and its scenario
    if any(t.needs_ai_off for t in targets):
        twins["ai_off"] = ai_switched_off(scenario)
    if any(t.needs_digital_off for t in targets):
        twins["digital_off"] = switched_off(scenario, TWINS["all"])
    iterator = seeds
    if progress:
        from tqdm import tqdm

        iterator = tqdm(seeds, desc=f"validate {scenario.name}", unit="seed", leave=False)
    runs = []
    for seed in iterator:
        frames = {name: simulate(config, seed=seed, steps=steps, agents=False).timeseries
                  for name, config in {"main": scenario, **twins}.items()}
        runs.append(Runs(**frames))
    return runs


def evaluate(runs: list[Runs], targets=TARGETS) -> pd.DataFrame:
    """One row per target: the model's mean and range over seeds and whether the mean is inside the band."""
    rows = []
    for target in targets:
        values = np.array([target.measure(r) for r in runs], dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size < values.size or finite.size == 0:
            mean = lo = hi = float("nan")
            status = "n/a"  # the run does not cover the target's period
        else:
            mean, lo, hi = float(finite.mean()), float(finite.min()), float(finite.max())
            status = "pass" if target.passes(mean) else "miss"
        rows.append({"target": target.key, "role": target.role, "label": target.label, "source": target.source,
                     "period": target.period, "target_value": target.value, "model_mean": mean,
                     "model_min": lo, "model_max": hi, "tolerance_lo": target.lo, "tolerance_hi": target.hi,
                     "status": status})
    return pd.DataFrame(rows, columns=COLUMNS)


def counts(table: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """For each role, (targets passing, targets counted); n/a rows are not counted."""
    out = {}
    for role in ROLES:
        rows = table[(table["role"] == role) & (table["status"] != "n/a")]
        out[role] = (int((rows["status"] == "pass").sum()), len(rows))
    return out


def exit_status(table: pd.DataFrame) -> int:
    """1 when a held-out target misses its band, else 0: fitted and implied targets never fail a run."""
    return int(((table["role"] == "held_out") & (table["status"] == "miss")).any())


def validate_scenario(scenario: Scenario, seeds: list[int], targets=TARGETS,
                      progress: bool = False) -> tuple[pd.DataFrame, list[Runs]]:
    """Run and evaluate: the validation table and the runs behind it."""
    runs = run_seeds(scenario, seeds, targets, progress=progress)
    return evaluate(runs, targets), runs


def table_rows(table: pd.DataFrame, targets=TARGETS, lang: str = "en") -> tuple[list[str], list[list[str]]]:
    """Header and rows of the validation table as text: shares as percentages, in ``lang``."""
    fmts = {t.key: t.fmt for t in targets}

    def show(key, value):
        return "-" if not np.isfinite(value) else fmts.get(key, "{:.3g}").format(value)

    rows = []
    for row in table.itertuples(index=False):
        rows.append([target_label(row.target, row.label, lang), source_label(row.source, lang), row.period,
                     show(row.target, row.target_value), show(row.target, row.model_mean),
                     f"{show(row.target, row.model_min)}..{show(row.target, row.model_max)}",
                     f"{show(row.target, row.tolerance_lo)}..{show(row.target, row.tolerance_hi)}",
                     vtext(row.status, lang)])
    head = [vtext(k, lang) for k in ("target", "source", "period", "figure", "model", "model_range", "tolerance",
                                     "result")]
    return head, rows


def role_groups(table: pd.DataFrame, targets=TARGETS, lang: str = "en") -> list[dict]:
    """The table split by role (held out, fitted, initial): title with its pass count, note, header and rows."""
    tally = counts(table)
    groups = []
    for role in ("held_out", "fitted", "implied"):
        part = table[table["role"] == role]
        if part.empty:
            continue
        passed, total = tally[role]
        head, rows = table_rows(part, targets, lang)
        groups.append({"role": role, "title": vtext(f"group_{role}", lang).format(passed=passed, total=total),
                       "note": vtext(f"note_{role}", lang), "table": (head, rows),
                       "statuses": list(part["status"].str.replace("/", ""))})
    return groups


def format_table(table: pd.DataFrame, targets=TARGETS, lang: str = "en") -> str:
    """The validation table as aligned text for the terminal, one block per role (columns aligned across)."""
    from model.report.text import aligned, column_widths, rule

    groups = role_groups(table, targets, lang)
    every = [g["table"][0] for g in groups[:1]] + [r for g in groups for r in g["table"][1]]
    widths = column_widths(every)
    blocks = []
    for g in groups:
        head, rows = g["table"]
        blocks.append("\n".join([f"{g['title']}: {g['note']}", aligned(head, widths), rule(widths)]
                                + [aligned(cells, widths) for cells in rows]))
    return "\n\n".join(blocks)


def write_validation(table: pd.DataFrame, runs: list[Runs], scenario: Scenario, out: str | Path,
                     targets=TARGETS, lang: str = "en", font: str | None = None,
                     seeds: list[int] | None = None) -> Path:
    """Write ``validation.csv``, ``validation.png``, ``validation.md`` and ``validation.html`` (all or nothing).

    Args:
        lang: Language of the report text.
        font: Font family of the figure; Chinese figure labels need one that draws Chinese.
        seeds: The seeds run, for the report's summary line.
    """
    import matplotlib.pyplot as plt

    from model.calibration.figure import validation_figure
    from model.calibration.report import report_context
    from model.fonts import figure_lang
    from model.outputs import staged_output
    from model.report.render import write_reports

    with staged_output(out) as staging:
        table.to_csv(staging / "validation.csv", index=False, float_format="%.6g")
        fig = validation_figure(runs, scenario, targets, lang=figure_lang(lang, font), font=font)
        fig.savefig(staging / "validation.png", dpi=100)
        plt.close(fig)
        context = report_context(table, scenario, staging / "validation.png", targets, lang, seeds,
                                 english_figure=figure_lang(lang, font) != lang)
        write_reports(staging, "validation", "validate", context)
    return Path(out)
