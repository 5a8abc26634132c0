"""The comparison report a planner opens: ``report.md`` and a self-contained ``report.html``.

The tables are built here as formatted text (:func:`report_context`); ``templates/compare.{md,html}.j2``
lay them out (:func:`model.report.render.write_reports`).
"""

from __future__ import annotations

import pandas as pd

from model.periods import period_label, to_step
from model.report.formats import UNITLESS, diff_ci, interval, num, pct, value_ci
from model.report.i18n import TEXT, lever_label, metric_info, metric_label, text, unit_label
from model.report.render import embed_png

#: Metrics in the headline table, in order.
TABLE_METRICS = ("tfp_index", "gdp", "potential_output_digital_ratio", "adoption_index", "adoption_ai", "adoption_gap_size",
                 "digital_skill_mean", "unemployment_rate", "flexible_employment_share", "gig_earnings",
                 "gini_income", "digital_divide_index", "emissions", "robot_density", "policy_spending_cumulative",
                 "inflation", "government_debt_to_gdp")
#: Unit of lever spending (``spending_<lever>`` summed over the run).
MONEY = metric_info("policy_spending_cumulative")[1]
Table = tuple[list[str], list[list[str]]]


def metric_name(metric: str, lang: str) -> str:
    """A metric's name with its unit when the unit says something ('GDP (output units / quarter)')."""
    unit = metric_info(metric)[1]
    name = metric_label(metric, lang)
    return name if unit in UNITLESS else f"{name} ({unit_label(unit, lang)})"


def headline_rows(table: pd.DataFrame, lang: str) -> Table:
    """Header and rows of the headline table: metric x scenario, mean [CI] and difference [CI]."""
    ref = table["reference"].iloc[0]
    header = [text("metric", lang), text("scenario", lang), f"{text('mean', lang)} {text('ci', lang)}",
              f"{text('diff', lang)} {ref} {text('ci', lang)}"]
    rows = []
    for metric in TABLE_METRICS:
        unit = metric_info(metric)[1]
        for _, r in table[table["metric"] == metric].iterrows():
            diff = "" if r["scenario"] == ref else diff_ci(r["diff"], r["diff_ci_low"], r["diff_ci_high"], unit)
            rows.append([metric_name(metric, lang), r["scenario"],
                         value_ci(r["mean"], r["ci_low"], r["ci_high"], unit), diff])
    return header, rows


def cost_rows(costs: pd.DataFrame, lang: str) -> Table:
    """Header and rows of the lever spending table (money in the model's output units)."""
    money = f" ({unit_label(MONEY, lang)})"
    header = [text("scenario", lang), text("lever", lang), text("gross", lang) + money,
              text("revenue", lang) + money, text("net", lang) + money, text("share_gdp", lang),
              f"{text('tfp_gain', lang)} (pp) {text('ci', lang)}", text("cost_per_point", lang)]
    rows = []
    for _, r in costs.iterrows():
        if r["verdict"] == "ratio":
            verdict = num(r["cost_per_point"])
        elif r["verdict"] == "reference":
            verdict = text("baseline_row", lang)
        else:
            verdict = text(r["verdict"], lang)
        key = r["lever_key"] if not r["lever"] else lever_label(r["lever_key"], r["lever"], lang)
        rows.append([r["scenario"], key, num(r["gross"]), num(r["revenue"]), num(r["net"]),
                     pct(r["share_gdp"] / 100.0),
                     f"{num(r['tfp_gain'])} {interval(r['tfp_gain_ci_low'], r['tfp_gain_ci_high'])}".strip(), verdict])
    return header, rows


def lever_starts(scenarios: dict, lang: str = "en") -> list[dict]:
    """Every lever of every scenario with its first step and period, in scenario order."""
    out = []
    for name, scenario in scenarios.items():
        for policy in scenario.policies:
            step = to_step(policy.start, scenario.start) or 0
            end = to_step(policy.end, scenario.start)
            out.append({"scenario": name, "lever": lever_label(policy.key, policy.lever, lang), "step": step,
                        "start": period_label(scenario.start, step),
                        "end": period_label(scenario.start, end) if end is not None else text("until_end", lang)})
    return out


def scenario_rows(scenarios: dict, lang: str) -> Table:
    """Header and rows of the table of compared scenarios: name, question and levers with their windows."""
    rows = []
    for name, scenario in scenarios.items():
        levers = ", ".join(f"{s['lever']} ({s['start']}–{s['end']})" for s in lever_starts({name: scenario}, lang))
        rows.append([name, " ".join(scenario.description.split()), levers or text("no_levers", lang)])
    return [text("scenario", lang), text("description", lang), text("levers", lang)], rows


def report_context(ctx: dict, lang: str) -> dict:
    """Everything the compare templates show, as text (the figures as file names and ``data:`` URLs)."""
    ref = next(iter(ctx["scenarios"]))
    seeds = ctx["seeds"]
    starts = lever_starts(ctx["scenarios"], lang)
    return {
        "lang": lang, "t": TEXT[lang], "title": f"{text('title', lang)}: {' / '.join(ctx['scenarios'])}",
        "scenarios": scenario_rows(ctx["scenarios"], lang),
        "method": text("method_text", lang).format(n=len(seeds), seeds=", ".join(map(str, seeds)), end=ctx["end"],
                                                   ref=ref),
        "headline": headline_rows(ctx["table"], lang), "cost_text": text("cost_text", lang).format(ref=ref),
        "costs": cost_rows(ctx["costs"], lang),
        "starts": ([text("scenario", lang), text("lever", lang), text("start", lang), text("end", lang)],
                   [[s["scenario"], s["lever"], s["start"], s["end"]] for s in starts]),
        "english_figures": lang == "zh" and ctx.get("figure_lang", lang) != lang,
        "figures": [{"metric": metric, "file": path.name, "src": embed_png(path)} for metric, path in ctx["figures"]],
    }

