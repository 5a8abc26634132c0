"""Write a discovery's files: boxes.csv, feature_scores.csv, trajectory.csv, the figures and the report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from model.discovery.analysis import TREES, Discovery
from model.discovery.sweepdata import SweepOutcomes
from model.discovery.target import Target
from model.discovery.texts import TEXT, dtext

#: Every file a discovery may write (one it does not write this time is removed, so none is left stale).
FILES = ("boxes.csv", "feature_scores.csv", "trajectory.csv", "runs_classified.csv", "tree_rules.txt",
         "fig_tradeoff.png", "fig_box_limits.png", "fig_pairs.png", "report.md", "report.html")


def _fmt(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return f"{value:.{digits}g}" if isinstance(value, (float, np.floating)) else str(value)


def _limit_rows(discovery, lang: str) -> tuple[list, list]:
    prim = discovery.method == "prim"  # quasi-p-values are PRIM's
    header = [dtext(k, lang) for k in ("parameter", "lower", "upper", "range", "qp")[:5 if prim else 4]]
    rows = []
    for _, row in discovery.limits().iterrows():
        if not row["restricted"]:
            continue
        if row["values"]:
            cells = [row["parameter"], row["values"], "", "", _fmt(row["qp_lower"])]
        else:
            cells = [row["parameter"], _fmt(row["lower"], 4), _fmt(row["upper"], 4),
                     f"{_fmt(row['range_lower'], 4)} – {_fmt(row['range_upper'], 4)}",
                     f"{_fmt(row['qp_lower'])} / {_fmt(row['qp_upper'])}"]
        rows.append(cells[:len(header)])
    return header, rows


def context(data, target, discovery, *, lang: str, min_density: float, figures: list, fig_lang: str) -> dict:
    """The template context of the report."""
    t = TEXT[lang]
    dropped = ", ".join(f"{n} ({why})" for why, n in data.dropped.items()) or "0"
    question = ([dtext("question", lang), ""], [
        [t["target"], target.text], [t["at"], t["last"] if data.period == "last" else data.period],
        [t["runs"], f"{discovery.n} / {data.runs}"], [t["dropped"], dropped],
        [t["met"], f"{discovery.n_target} ({discovery.n_target / discovery.n:.0%})"],
        [t["method"], t[discovery.method]]])
    ctx = {"title": dtext("title", lang, name=data.name), "t": t, "lang": lang, "method": discovery.method,
           "question": question, "box_text": "", "below_density": "", "limits": ([], []), "rules": discovery.rules,
           "no_box": dtext("no_box", lang, k=discovery.n_target, n=discovery.n), "trajectory_text": "",
           "figures": figures, "english_figures": fig_lang != lang,
           "limits_note": dtext("limits_note", lang, n=discovery.n)}
    if discovery.chosen is not None:
        box = discovery.trajectory.set_index("box").loc[discovery.chosen]
        ctx["box_text"] = dtext("box_text", lang, box=discovery.chosen, coverage=f"{box['coverage']:.2f}",
                                density=f"{box['density']:.2f}", mass=f"{box['mass']:.2f}",
                                res_dim=int(box["res_dim"]))
        below = box["density"] < min_density
        if below:
            ctx["below_density"] = dtext("below_density", lang, min_density=min_density)
        ctx["limits"] = _limit_rows(discovery, lang)
        ctx["trajectory_text"] = dtext("trajectory_text" if discovery.method == "prim" else "leaves_text", lang)
        if not below:
            ctx["trajectory_text"] += " " * (lang == "en") + dtext("chosen_text", lang, min_density=min_density)
    d = len(discovery.scores)
    ctx["scores_text"] = dtext("scores_text", lang, trees=TREES, seed=data.seed, d=d, uniform=f"{1 / max(d, 1):.2f}")
    ctx["scores"] = ([dtext("rank", lang), dtext("parameter", lang), dtext("score", lang)],
                     [[int(r["rank"]), r["parameter"], f"{r['score']:.3f}"] for _, r in discovery.scores.iterrows()])
    return ctx


def draw(discovery, data, y, order: list[str], *, lang: str, font: str | None) -> dict:
    """The figures that have data: ``{file name: figure}``."""
    from model.discovery import figures

    drawn = {}
    if discovery.chosen is not None:
        drawn["fig_tradeoff.png"] = figures.tradeoff_figure(discovery, lang=lang, font=font)
        drawn["fig_box_limits.png"] = figures.limits_figure(discovery, order, lang=lang, font=font)
    drawn["fig_pairs.png"] = figures.pairs_figure(discovery, data.x, y, data.outcomes, order, lang=lang, font=font)
    return drawn


def write_discovery(out: Path, data: SweepOutcomes, target: Target, discovery: Discovery, y: np.ndarray, *,
                    lang: str = "en", font: str | None = None, min_density: float = 0.8) -> list[str]:
    """Write every file of a discovery into ``out``, all or nothing.

    Args:
        out: the output folder.
        data: the :class:`~model.discovery.sweepdata.SweepOutcomes`.
        target: the parsed target.
        discovery: the :class:`~model.discovery.analysis.Discovery`.
        y: whether each run meets the target.
        lang: report language, ``en`` or ``zh``.
        font: font family of the figures (see :func:`model.fonts.figure_font`).
        min_density: the density the chosen box was asked to reach.

    Returns:
        The names of the files written.
    """
    import matplotlib.pyplot as plt

    from model.fonts import figure_lang
    from model.outputs import staged_output
    from model.report.render import embed_png, write_reports

    fig_lang = figure_lang(lang, font)
    order = list(discovery.scores["parameter"])
    with staged_output(out) as staging:
        discovery.boxes.to_csv(staging / "boxes.csv", index=False, float_format="%.10g")
        discovery.scores.to_csv(staging / "feature_scores.csv", index=False, float_format="%.10g")
        discovery.trajectory.to_csv(staging / "trajectory.csv", index=False, float_format="%.10g")
        outcomes = data.outcomes.assign(run_id=data.run_ids, meets_target=y)
        pd.concat([outcomes[["run_id"]], data.x, outcomes.drop(columns="run_id")], axis=1) \
            .to_csv(staging / "runs_classified.csv", index=False, float_format="%.10g")
        if discovery.rules:
            (staging / "tree_rules.txt").write_text(discovery.rules, encoding="utf-8")
        figures = []
        for name, fig in draw(discovery, data, y, order, lang=fig_lang, font=font).items():
            fig.savefig(staging / name, dpi=100)
            plt.close(fig)
            figures.append({"name": name.removesuffix(".png"), "file": name, "src": embed_png(staging / name)})
        ctx = context(data, target, discovery, lang=lang, min_density=min_density, figures=figures,
                      fig_lang=fig_lang)
        write_reports(staging, "report", "discover", ctx)
        written = sorted(p.name for p in staging.iterdir())
    for name in set(FILES) - set(written):
        (Path(out) / name).unlink(missing_ok=True)
    return written
