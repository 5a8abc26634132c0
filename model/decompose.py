"""The digital share of growth from a counterfactual: the scenario against its twins without digital technology.

A twin is the same scenario, seed and everything else with one or all of the
three technologies *unavailable* (``technology.<tech>.available: false``): no
firm starts with it, adopts it or enters with it, so its data multiplier,
robots, AI task share, AI augmentation and new tasks, adjustment costs,
running costs and the quality gain of its products are all absent, and
levers that subsidise it find no takers. Platforms (gig and industrial) still
run; an industrial platform's data pool is empty when no firm holds data.
Common random numbers (one stream per rule, :meth:`model.economy.EconomyModel.stream`)
make the difference between a run and its twin the technology's effect, not
noise.

For a level ``X`` (``tfp_index``, ``gdp``) the share of its growth due to
digital technology, from the start to period ``t``, is

    share_t = 1 - ln(X_t^off / X_0^off) / ln(X_t / X_0)

and year by year the same with the yearly means of year ``y`` and ``y - 1``.
It is n/a (never clipped) when the scenario's own growth is below
:data:`MIN_GROWTH` in log points. The employment effect is the difference of
the employment rates (percentage points of the labour force) and, scaled by
``population.people_per_worker``, in people. Means over seeds come with a
95% t interval (``scipy.stats.t``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.config import Scenario
from model.runner import simulate

#: Twins: what each switches off.
TWINS = {"all": ("data", "robots", "ai"), "data": ("data",), "robots": ("robots",), "ai": ("ai",)}
#: Growth below this (log points) leaves a share undefined.
MIN_GROWTH = 1e-4
#: Measures of the decomposition: name -> (column, kind).
MEASURES = {"tfp_share": ("tfp_index", "share"), "gdp_share": ("gdp", "share"),
            "employment_pp": ("employment_rate", "difference"), "employment_people": ("employment_rate", "people")}


def switched_off(scenario: Scenario, techs: tuple[str, ...]) -> Scenario:
    """The same scenario with ``techs`` unavailable."""
    data = scenario.model_dump()
    for tech in techs:
        data["technology"][tech]["available"] = False
    return Scenario.model_validate(data)


def growth_share(main: float, off: float) -> float:
    """1 - (off growth) / (main growth) of two log growths; NaN when the main growth is too small."""
    g, g_off = float(main), float(off)
    return 1.0 - g_off / g if abs(g) >= MIN_GROWTH else float("nan")


def share_series(main: pd.DataFrame, off: pd.DataFrame, column: str) -> pd.Series:
    """By period: the share of ``column``'s growth since step 0 due to what ``off`` lacks (NaN where undefined)."""
    a = main.set_index("period")[column]
    b = off.set_index("period")[column].reindex(a.index)
    growth, growth_off = np.log(a / a.iloc[0]), np.log(b / b.iloc[0])
    defined = growth.abs() >= MIN_GROWTH
    return (1.0 - growth_off / growth.where(defined)).where(defined)


def cumulative_share(main: pd.DataFrame, off: pd.DataFrame, column: str, period: str) -> float:
    """Share of ``column``'s growth from step 0 to ``period`` due to what ``off`` lacks (NaN if not covered)."""
    return float(share_series(main, off, column).get(period, np.nan))


@dataclass(frozen=True)
class Pair:
    """One seed's run of the scenario and of one twin."""

    seed: int
    technology: str
    main: pd.DataFrame
    off: pd.DataFrame


def run_pairs(scenario: Scenario, seeds: list[int], steps: int | None = None, twins=TWINS,
              progress: bool = False) -> list[Pair]:
    """Simulate the scenario and each twin for every seed."""
    iterator = seeds
    if progress:
        from tqdm import tqdm

        iterator = tqdm(seeds, desc=f"decompose {scenario.name}", unit="seed", leave=False)
    configs = {tech: switched_off(scenario, techs) for tech, techs in twins.items()}
    pairs = []
    for seed in iterator:
        main = simulate(scenario, seed=seed, steps=steps, agents=False).timeseries
        for tech, config in configs.items():
            pairs.append(Pair(seed, tech, main, simulate(config, seed=seed, steps=steps, agents=False).timeseries))
    return pairs


def _yearly(frame: pd.DataFrame) -> pd.DataFrame:
    """Yearly means of the years the run covers in full (four quarters)."""
    grouped = frame.assign(year=frame["period"].str[:4]).groupby("year")
    means = grouped.mean(numeric_only=True)
    return means[grouped.size() == 4]


def pair_rows(pair: Pair, people_per_worker: float, workers: int) -> list[dict]:
    """Per year: the cumulative (from the start to the year's last quarter) and annual effect of each measure."""
    rows = []
    main, off = pair.main, pair.off
    years_main, years_off = _yearly(main), _yearly(off)
    last_of_year = main.groupby(main["period"].str[:4])["period"].last()
    by_period_main, by_period_off = main.set_index("period"), off.set_index("period")
    shares = {column: share_series(main, off, column) for column, kind in MEASURES.values() if kind == "share"}
    for year, period in last_of_year.items():
        for measure, (column, kind) in MEASURES.items():
            if kind == "share":
                cumulative = float(shares[column].get(period, np.nan))
                prev = str(int(year) - 1)
                if year in years_main.index and prev in years_main.index:
                    annual = growth_share(np.log(years_main.loc[year, column] / years_main.loc[prev, column]),
                                          np.log(years_off.loc[year, column] / years_off.loc[prev, column]))
                else:
                    annual = float("nan")
            else:
                scale = 100.0 if kind == "difference" else people_per_worker * workers
                at = by_period_main[column].get(period, np.nan) - by_period_off[column].get(period, np.nan)
                cumulative = float(at) * scale
                annual = (float(years_main.loc[year, column] - years_off.loc[year, column]) * scale
                          if year in years_main.index else float("nan"))
            for horizon, value in (("cumulative", cumulative), ("annual", annual)):
                rows.append({"seed": pair.seed, "technology": pair.technology, "year": year, "period": period,
                             "measure": measure, "horizon": horizon, "value": value})
    return rows


def per_seed(pairs: list[Pair], scenario: Scenario) -> pd.DataFrame:
    """Every seed's effect of every twin, measure, year and horizon (long format)."""
    people, workers = scenario.population.people_per_worker, scenario.population.workers
    return pd.DataFrame([row for pair in pairs for row in pair_rows(pair, people, workers)])


def summarise(seeds: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Mean over seeds with a ``level`` t interval; n/a values are left out and counted in ``n_seeds``."""
    from scipy import stats

    def one(group: pd.DataFrame) -> pd.Series:
        values = group["value"].to_numpy(float)
        values = values[np.isfinite(values)]
        n = values.size
        mean = float(values.mean()) if n else float("nan")
        if n >= 2:
            half = float(stats.t.ppf(0.5 + level / 2, n - 1) * values.std(ddof=1) / np.sqrt(n))
        else:
            half = float("nan")
        return pd.Series({"mean": mean, "lo": mean - half, "hi": mean + half, "n_seeds": n})

    keys = ["technology", "measure", "horizon", "year", "period"]
    out = seeds.groupby(keys, sort=False)[["value"]].apply(one).reset_index()
    return out[keys + ["mean", "lo", "hi", "n_seeds"]]


def decompose(scenario: Scenario, seeds: list[int], steps: int | None = None,
              progress: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the scenario and its twins; return (summary over seeds, per-seed table)."""
    table = per_seed(run_pairs(scenario, seeds, steps, progress=progress), scenario)
    return summarise(table), table


# -- outputs --------------------------------------------------------------------------------------
TEXT = {
    "en": {"title": "Digital technology's share of growth", "technology": "switched off", "measure": "measure",
           "year": "to", "mean": "mean", "ci": "95% interval", "n": "seeds",
           "all": "all digital", "data": "data", "robots": "robots", "ai": "AI",
           "tfp_share": "share of TFP growth", "gdp_share": "share of real GDP growth",
           "employment_pp": "employment (points of the labour force)", "employment_people": "employment (people)",
           "cumulative": "Cumulative from the start", "annual": "Year by year (all digital technology)",
           "summary": "{name}: {n} seeds ({first}..{last}); digital technology's share of TFP growth from the "
                      "start to {period}: {share} ({lo}..{hi})",
           "method": ("Each seed runs the scenario and four twins with the same seed: all digital technology "
                      "unavailable, and data, robots or AI alone unavailable (technology.<tech>.available: "
                      "false: no firm starts with, adopts or enters with it). A share is 1 - (twin's log growth) / "
                      "(scenario's log growth) from step 0, or between yearly means for the year-by-year rows; "
                      "n/a when the scenario's growth is under 0.0001 log points. Employment effects are the "
                      "scenario minus the twin. Intervals: mean over seeds +- a t quantile times the standard "
                      "error (docs/decompose.md)."),
           "figure": "Figure", "na": "n/a"},
    "zh": {"title": "数字技术对增长的贡献份额", "technology": "关闭的技术", "measure": "指标", "year": "截至",
           "mean": "均值", "ci": "95% 区间", "n": "种子数", "all": "全部数字技术", "data": "数据", "robots": "机器人",
           "ai": "人工智能", "tfp_share": "占全要素生产率增长的份额", "gdp_share": "占实际GDP增长的份额",
           "employment_pp": "就业（占劳动力的百分点）", "employment_people": "就业（人数）",
           "cumulative": "从起点累计", "annual": "逐年（全部数字技术）",
           "summary": "{name}：{n} 个随机种子（{first}..{last}）；从起点到 {period} 数字技术占全要素生产率增长的份额："
                      "{share}（{lo}..{hi}）",
           "method": ("每个随机种子运行情景本身及四个使用同一种子的对照：全部数字技术不可用，以及仅数据、仅机器人或仅人工智能不可用"
                      "（technology.<tech>.available: false：没有企业起初拥有、采用或带着它进入）。份额 = 1 -（对照的对数增长）/"
                      "（情景的对数增长），从第 0 期起算；逐年行使用相邻年份的年均值；情景增长低于 0.0001 对数点时记为不适用。"
                      "就业效应为情景减对照。区间：各种子均值 ± t 分位数乘标准误（docs/decompose.md）。"),
           "figure": "图", "na": "不适用"},
}


def _fmt(measure: str, value: float, na: str) -> str:
    if not np.isfinite(value):
        return na
    if measure.endswith("_share"):
        return f"{value:.1%}"
    if measure == "employment_people":
        return f"{value:,.0f}"
    return f"{value:+.2f}"


def table_rows(summary: pd.DataFrame, lang: str = "en", years: list[str] | None = None) -> dict:
    """The report's two tables as (header, rows): cumulative by technology and measure, annual for 'all'."""
    t = TEXT[lang]
    head = [t["technology"], t["measure"], t["year"], t["mean"], t["ci"], t["n"]]

    def rows(frame):
        return [[t[r.technology], t[r.measure], r.period, _fmt(r.measure, r.mean, t["na"]),
                 f"{_fmt(r.measure, r.lo, t['na'])}..{_fmt(r.measure, r.hi, t['na'])}", int(r.n_seeds)]
                for r in frame.itertuples(index=False)]

    cumulative = summary[summary["horizon"] == "cumulative"]
    last = cumulative["year"].max()
    chosen = cumulative[cumulative["year"].isin(years or [last])]
    annual = summary[(summary["horizon"] == "annual") & (summary["technology"] == "all")
                     & summary["measure"].isin(["tfp_share", "gdp_share"])]
    return {"cumulative": (head, rows(chosen)), "annual": (head, rows(annual))}


def format_table(summary: pd.DataFrame, lang: str = "en") -> str:
    """The cumulative table of the last year as aligned text."""
    from model.report.text import aligned_table

    return aligned_table(*table_rows(summary, lang)["cumulative"])


def summary_line(summary: pd.DataFrame, scenario: Scenario, seeds: list[int], lang: str = "en") -> str:
    """One sentence: the cumulative share of TFP growth at the last period, with its interval."""
    rows = summary[(summary["technology"] == "all") & (summary["measure"] == "tfp_share")
                   & (summary["horizon"] == "cumulative")]
    last = rows.iloc[-1]
    na = TEXT[lang]["na"]
    return TEXT[lang]["summary"].format(name=scenario.name, n=len(seeds), first=seeds[0], last=seeds[-1],
                                        period=last["period"], share=_fmt("tfp_share", last["mean"], na),
                                        lo=_fmt("tfp_share", last["lo"], na), hi=_fmt("tfp_share", last["hi"], na))


def decomposition_figure(summary: pd.DataFrame, lang: str = "en", font: str | None = None):
    """Cumulative share of TFP growth and employment effect by technology switched off, with 95% bands."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from model.report.figures import font_context

    t = TEXT[lang]
    with plt.rc_context(font_context(font)):
        fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
        for ax, measure in zip(axes, ("tfp_share", "gdp_share", "employment_pp")):
            later = []  # the y range: from the second year on (shares of the first year's small growth are wild)
            for i, tech in enumerate(TWINS):
                rows = summary[(summary["technology"] == tech) & (summary["measure"] == measure)
                               & (summary["horizon"] == "cumulative")]
                x = rows["year"].astype(int) + 1.0  # the year's end
                ax.plot(x, rows["mean"], color=f"C{i}", lw=2 if tech == "all" else 1.2, label=t[tech])
                ax.fill_between(x, rows["lo"], rows["hi"], color=f"C{i}", alpha=0.15, lw=0)
                later += list(rows[["mean", "lo", "hi"]].iloc[1:].to_numpy(float).ravel())
            ax.set_title(t[measure], fontsize=10)
            later = np.asarray(later)[np.isfinite(later)]
            if later.size:
                low, high = float(min(later.min(), 0.0)), float(max(later.max(), 0.0))
                pad = 0.08 * (high - low) or 0.1
                ax.set_ylim(low - pad, high + pad)
            ax.axhline(0, color="grey", lw=0.6)
            ax.grid(alpha=0.3)
            if measure.endswith("_share"):
                ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1))
        axes[0].legend(fontsize=8, title=t["technology"], title_fontsize=8)
        fig.suptitle(t["title"], fontsize=11)
        fig.tight_layout()
    return fig


def write_decomposition(summary: pd.DataFrame, seeds_table: pd.DataFrame, scenario: Scenario, out,
                        seeds: list[int], lang: str = "en", font: str | None = None) -> None:
    """Write decomposition.csv, decomposition_seeds.csv, decomposition.png and the report (all or nothing)."""
    import matplotlib.pyplot as plt

    from model.fonts import figure_lang
    from model.outputs import staged_output
    from model.report.render import embed_png, write_reports

    with staged_output(out) as staging:
        summary.to_csv(staging / "decomposition.csv", index=False, float_format="%.6g")
        seeds_table.to_csv(staging / "decomposition_seeds.csv", index=False, float_format="%.6g")
        fig = decomposition_figure(summary, figure_lang(lang, font), font)
        fig.savefig(staging / "decomposition.png", dpi=100)
        plt.close(fig)
        years = sorted(summary["year"].unique())
        picks = sorted({years[min(1, len(years) - 1)], years[len(years) // 2], years[-1]})
        context = {"lang": lang, "t": TEXT[lang], "title": f"{TEXT[lang]['title']}: {scenario.name}",
                   "summary": summary_line(summary, scenario, seeds, lang), "tables": table_rows(summary, lang, picks),
                   "figure": {"file": "decomposition.png", "src": embed_png(staging / "decomposition.png")}}
        write_reports(staging, "decomposition", "decompose", context)
