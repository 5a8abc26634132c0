"""What the validation report (``templates/validate.{md,html}.j2``) shows, as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.calibration.i18n import TEXT, vtext
from model.calibration.targets import TARGETS
from model.config import Scenario
from model.report.render import embed_png


def summary(table: pd.DataFrame, scenario: Scenario, seeds: list[int], lang: str = "en") -> str:
    """'<name>: N seeds (first..last), P of T targets pass' in ``lang``."""
    passed = int((table["status"] == "pass").sum())
    return vtext("summary", lang).format(name=scenario.name, n=len(seeds), first=seeds[0], last=seeds[-1],
                                         passed=passed, total=len(table))


def report_context(table: pd.DataFrame, scenario: Scenario, figure: Path, targets=TARGETS, lang: str = "en",
                   seeds: list[int] | None = None, english_figure: bool = False) -> dict:
    """Context of the validation templates: the table, the summary line and the figure."""
    from model.calibration.validate import table_rows
    from model.report.i18n import text

    return {"lang": lang, "t": TEXT[lang], "title": f"{vtext('title', lang)}: {scenario.name}",
            "summary": summary(table, scenario, seeds, lang) if seeds else "",
            "table": table_rows(table, targets, lang), "statuses": list(table["status"].str.replace("/", "")),
            "has_na": bool((table["status"] == "n/a").any()),
            "english_figure": text("english_figures", lang) if english_figure else "",
            "figure": {"file": figure.name, "src": embed_png(figure)}}
