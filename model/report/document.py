"""The comparison report a planner opens: ``report.md`` and a self-contained ``report.html``."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import numpy as np
import pandas as pd

from model.report.i18n import lever_label, metric_label, text

#: Metrics in the headline table, in order.
TABLE_METRICS = ("tfp_index", "gdp", "digital_tfp_share", "adoption_index", "adoption_ai", "adoption_gap_size",
                 "digital_skill_mean", "unemployment_rate", "flexible_employment_share", "gig_earnings",
                 "gini_income", "digital_divide_index", "emissions", "robot_density", "policy_spending_cumulative")


def _num(value: float) -> str:
    if value is None or not np.isfinite(value):
        return "–"
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        return f"{value:.3g}"
    return f"{value:.4g}" if abs(value) < 10 else f"{value:,.1f}"


def _interval(lo: float, hi: float) -> str:
    return f"[{_num(lo)}, {_num(hi)}]" if np.isfinite(lo) and np.isfinite(hi) else ""


def headline_rows(table: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the headline table: metric x scenario, mean [CI] and difference [CI]."""
    ref = table["reference"].iloc[0]
    header = [text("metric", lang), text("scenario", lang), f"{text('mean', lang)} {text('ci', lang)}",
              f"{text('diff', lang)} {ref} {text('ci', lang)}"]
    rows = []
    for metric in TABLE_METRICS:
        for _, r in table[table["metric"] == metric].iterrows():
            diff = "" if r["scenario"] == ref else (
                f"{_num(r['diff'])} {_interval(r['diff_ci_low'], r['diff_ci_high'])}")
            rows.append([metric_label(metric, lang), r["scenario"],
                         f"{_num(r['mean'])} {_interval(r['ci_low'], r['ci_high'])}", diff])
    return header, rows


def cost_rows(costs: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the lever spending table."""
    header = [text("scenario", lang), text("lever", lang), text("gross", lang), text("revenue", lang),
              text("net", lang), text("share_gdp", lang), f"{text('tfp_gain', lang)} (pp) {text('ci', lang)}",
              text("cost_per_point", lang)]
    rows = []
    for _, r in costs.iterrows():
        if r["verdict"] == "ratio":
            verdict = _num(r["cost_per_point"])
        elif r["verdict"] == "reference":
            verdict = text("baseline_row", lang)
        else:
            verdict = text(r["verdict"], lang)
        key = r["lever_key"] if not r["lever"] else lever_label(r["lever_key"], r["lever"], lang)
        rows.append([r["scenario"], key, _num(r["gross"]), _num(r["revenue"]), _num(r["net"]), _num(r["share_gdp"]),
                     f"{_num(r['tfp_gain'])} {_interval(r['tfp_gain_ci_low'], r['tfp_gain_ci_high'])}", verdict])
    return header, rows


def _md_table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(header, rows) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _sections(ctx: dict, lang: str) -> list[tuple[str, str, object]]:
    """(kind, title, content) blocks shared by the Markdown and HTML renderings."""
    scen_rows = []
    for name, scenario in ctx["scenarios"].items():
        levers = ", ".join(f"{lever_label(l.key, l.lever, lang)} ({l.start}–{l.end if l.end is not None else '…'})"
                           for l in scenario.policies) or text("no_levers", lang)
        scen_rows.append([name, " ".join(scenario.description.split()), levers])
    ref = next(iter(ctx["scenarios"]))
    seeds = ctx["seeds"]
    return [
        ("h2", text("compared", lang), None),
        ("table", "", ([text("scenario", lang), text("description", lang), text("levers", lang)], scen_rows)),
        ("h2", text("method", lang), None),
        ("p", text("method_text", lang).format(n=len(seeds), seeds=", ".join(map(str, seeds)), end=ctx["end"],
                                               ref=ref), None),
        ("h2", text("headline", lang), None),
        ("table", "", headline_rows(ctx["table"], lang)),
        ("h2", text("spending", lang), None),
        ("p", text("cost_text", lang).format(ref=ref), None),
        ("table", "", cost_rows(ctx["costs"], lang)),
        ("h2", text("figures", lang), None),
        ("figures", "", ctx["figures"]),
    ]


def render_markdown(ctx: dict, lang: str) -> str:
    out = [f"# {text('title', lang)}: {' / '.join(ctx['scenarios'])}", ""]
    for kind, title, content in _sections(ctx, lang):
        if kind == "h2":
            out += [f"## {title}", ""]
        elif kind == "p":
            out += [title, ""]
        elif kind == "table":
            out += [_md_table(*content), ""]
        elif kind == "figures":
            out += [f"![{metric}]({path.name})" for metric, path in content] + [""]
    return "\n".join(out)


CSS = ("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
       "color:#222}table{border-collapse:collapse;margin:1em 0;font-size:0.85em}td,th{border:1px solid #ccc;"
       "padding:3px 7px;text-align:left}th{background:#f2f2f2}img{max-width:100%;margin:0.5em 0}"
       ".figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:8px}")


def render_html(ctx: dict, lang: str) -> str:
    title = f"{text('title', lang)}: {' / '.join(ctx['scenarios'])}"
    parts = [f"<!DOCTYPE html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">",
             f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
    for kind, title, content in _sections(ctx, lang):
        if kind == "h2":
            parts.append(f"<h2>{html.escape(title)}</h2>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(title)}</p>")
        elif kind == "table":
            parts.append(_html_table(*content))
        elif kind == "figures":
            imgs = "".join(f"<img alt=\"{html.escape(metric)}\" src=\"data:image/png;base64,"
                           f"{base64.b64encode(Path(path).read_bytes()).decode()}\">" for metric, path in content)
            parts.append(f"<div class=\"figs\">{imgs}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)
