"""What the validation report (``templates/validate.{md,html}.j2``) shows, as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.calibration.i18n import TEXT, vtext
from model.calibration.targets import TARGETS
from model.config import Scenario
from model.report.render import embed_png


def summary(table: pd.DataFrame, scenario: Scenario, seeds: list[int], lang: str = "en") -> str:
    """'<name>: N seeds (first..last); held-out facts: P of H pass; fitted ...' in ``lang``."""
    from model.calibration.validate import counts

    tally = counts(table)
    return vtext("summary", lang).format(name=scenario.name, n=len(seeds), first=seeds[0], last=seeds[-1],
                                         held_passed=tally["held_out"][0], held_total=tally["held_out"][1],
                                         fit_passed=tally["fitted"][0], fit_total=tally["fitted"][1],
                                         initial=int((table["role"] == "implied").sum()))


def report_context(table: pd.DataFrame, scenario: Scenario, figure: Path, targets=TARGETS, lang: str = "en",
                   seeds: list[int] | None = None, english_figure: bool = False) -> dict:
    """Context of the validation templates: the table, the summary line and the figure."""
    from model.calibration.validate import role_groups
    from model.report.i18n import text

    return {"lang": lang, "t": TEXT[lang], "title": f"{vtext('title', lang)}: {scenario.name}",
            "summary": summary(table, scenario, seeds, lang) if seeds else "",
            "groups": role_groups(table, targets, lang),
            "has_na": bool((table["status"] == "n/a").any()),
            "english_figure": text("english_figures", lang) if english_figure else "",
            "figure": {"file": figure.name, "src": embed_png(figure)}}
