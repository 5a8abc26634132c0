"""What a finished search writes: trials, the Pareto fronts, the chosen mix as a scenario, a figure and a report.

Files (all written together through :func:`model.outputs.staged_output`):

- ``trials.csv``: every trial: its levers, cost, robustness, outcome, failed runs, state, fronts, chosen.
- ``front.csv``: the trials on the cost-robustness or the cost-outcome Pareto front (``front_all``: on optuna's
  front of all three objectives).
- ``futures.csv``: the futures (seed and uncertainty values) every candidate met.
- ``chosen_mix.yaml``: the chosen mix as a scenario file ``run`` and ``compare`` accept as it is.
- ``chosen_futures.csv``: the chosen mix in each future, with the ``run`` command that reproduces it.
- ``front.png``, ``report.md``, ``report.html``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.target.problem import Problem, dump_yaml, mix_label, reproduce_command, scenario_data, score_futures

TEXT = {
    "en": {
        "title": "Target search: {name}", "question": "Question", "setup": "Set-up", "answer": "Answer",
        "levers": "Levers searched", "uncertainties": "Uncertainties sampled", "none": "none (seeds only)",
        "futures": "{n} futures: {samples} draws of the uncertainties (Latin hypercube) x {seeds} seeds, the same "
                   "for every candidate (common random numbers).",
        "targets": "Targets (all must hold in a future for it to count)",
        "objective": "Cost (minimised): mean of {metric} at {at} over the futures.",
        "outcome_line": "Main outcome ({direction}d): mean of {metric} at {at} over the futures.",
        "search": "Search: optuna {optuna} NSGA-II (population {population}, seed {seed}), {trials} trials, "
                  "{failed} failed.",
        "reached": "Cheapest mix that meets every target in at least {need:.0%} of futures: trial {number}, "
                   "**{mix}**: cost {cost:.4g}, robustness {robustness:.0%}, outcome {outcome:.4g}.",
        "not_reached": "No mix searched meets every target in {need:.0%} of futures. The most robust one is trial "
                       "{number}, **{mix}**: robustness {robustness:.0%}, cost {cost:.4g}, outcome {outcome:.4g}. "
                       "Widen the lever ranges, add levers or run more trials.",
        "front_r": "Pareto front: cost against robustness", "front_o": "Pareto front: cost against {metric}",
        "figure": "Every trial (grey), the fronts (line) and the chosen mix (star)",
        "chosen_futures": "The chosen mix in each future",
        "reproduce": "chosen_mix.yaml is a scenario file; each future above is reproduced alone by:",
        "trial": "trial", "mix": "levers", "cost": "cost", "robustness": "robustness", "outcome": "outcome",
        "future": "future", "seed": "seed", "holds": "targets hold", "yes": "yes", "no": "no",
        "target_n": "target {i}", "x_cost": "cost ({metric})", "y_robust": "robustness (share of futures)",
    },
    "zh": {
        "title": "目标搜索：{name}", "question": "问题", "setup": "设置", "answer": "结论",
        "levers": "搜索的政策工具", "uncertainties": "抽样的不确定参数", "none": "无（仅随机种子）",
        "futures": "{n} 个未来情景：不确定参数的 {samples} 次拉丁超立方抽样 × {seeds} 个随机种子，"
                   "所有候选方案相同（共同随机数）。",
        "targets": "目标（一个未来情景中全部目标成立才计入）",
        "objective": "成本（最小化）：{metric} 在 {at} 的各情景平均值。",
        "outcome_line": "主要结果（{direction}）：{metric} 在 {at} 的各情景平均值。",
        "search": "搜索：optuna {optuna} NSGA-II（种群 {population}，种子 {seed}），共 {trials} 次试验，"
                  "{failed} 次失败。",
        "reached": "在至少 {need:.0%} 的情景中达成全部目标的最低成本组合：试验 {number}，**{mix}**：成本 {cost:.4g}，"
                   "稳健度 {robustness:.0%}，结果 {outcome:.4g}。",
        "not_reached": "搜索到的组合均未能在 {need:.0%} 的情景中达成全部目标。最稳健的是试验 {number}，**{mix}**："
                       "稳健度 {robustness:.0%}，成本 {cost:.4g}，结果 {outcome:.4g}。可放宽工具范围、增加工具或试验次数。",
        "front_r": "帕累托前沿：成本与稳健度", "front_o": "帕累托前沿：成本与 {metric}",
        "figure": "所有试验（灰）、前沿（线）与选定组合（星）",
        "chosen_futures": "选定组合在各情景中的结果",
        "reproduce": "chosen_mix.yaml 是一个情景文件；上表每个情景可单独复现：",
        "trial": "试验", "mix": "政策组合", "cost": "成本", "robustness": "稳健度", "outcome": "结果",
        "future": "情景", "seed": "种子", "holds": "目标达成", "yes": "是", "no": "否",
        "target_n": "目标 {i}", "x_cost": "成本（{metric}）", "y_robust": "稳健度（情景占比）",
    },
}
DIRECTION_ZH = {"minimize": "最小化", "maximize": "最大化"}


def trials_table(search) -> pd.DataFrame:
    """One row per trial: number, state, each searched parameter, mix, cost, robustness, outcome, failed runs."""
    rows = []
    for t in search.study.get_trials(deepcopy=False):
        values = t.values if t.values is not None else [np.nan] * 3
        rows.append({"trial": t.number, "state": t.state.name.lower(), **t.params,
                     "mix": mix_label(search.problem, t.params) if t.params else "",
                     "cost": values[0], "robustness": values[1], "outcome": values[2],
                     "failed_runs": t.user_attrs.get("failed", 0), "same_as": t.user_attrs.get("same_as"),
                     "error": t.user_attrs.get("error", "")})
    table = pd.DataFrame(rows)
    best = {t.number for t in search.study.best_trials} if (table["state"] == "complete").any() else set()
    table["front_all"] = table["trial"].isin(best)  # optuna's front of all three objectives
    return table


def pareto(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mask of the points no other point beats: lower ``x`` and higher ``y`` (ties on both kept once)."""
    order = np.lexsort((-y, x))
    mask = np.zeros(len(x), bool)
    best = -np.inf
    for i in order:
        if y[i] > best:
            mask[i], best = True, y[i]
    return mask


def add_fronts(table: pd.DataFrame, problem: Problem) -> pd.DataFrame:
    """Add ``front_robustness``, ``front_outcome`` and ``chosen`` columns; return the chosen trial's row too."""
    table = table.copy()
    done = table["state"] == "complete"
    sign = 1.0 if problem.spec.outcome.direction == "maximize" else -1.0
    for col, y in (("front_robustness", "robustness"), ("front_outcome", "outcome")):
        table[col] = False
        sub = table[done]
        table.loc[sub.index, col] = pareto(sub["cost"].to_numpy(float), sign * sub[y].to_numpy(float))
    table["chosen"] = False
    sub = table[done]
    if sub.empty:
        return table
    need = problem.spec.robustness - 1e-12
    ok = sub[sub["robustness"] >= need]
    if len(ok):
        best = ok.assign(_o=-sign * ok["outcome"]).sort_values(["cost", "_o", "trial"]).index[0]
    else:
        best = sub.assign(_c=sub["cost"]).sort_values(["robustness", "_c", "trial"],
                                                      ascending=[False, True, True]).index[0]
    table.loc[best, "chosen"] = True
    return table


def _front_figure(table: pd.DataFrame, problem: Problem, lang: str, font: str | None):
    import matplotlib.pyplot as plt

    from model.report.figures import font_context

    t = TEXT[lang]
    done = table[table["state"] == "complete"]
    with plt.rc_context(font_context(font)):
        fig, axes = plt.subplots(1, 2, figsize=(10, 4))
        panels = ((axes[0], "robustness", "front_robustness", t["y_robust"], t["front_r"]),
                  (axes[1], "outcome", "front_outcome", problem.spec.outcome.metric,
                   t["front_o"].format(metric=problem.spec.outcome.metric)))
        for ax, y, col, label, title in panels:
            ax.set_title(title, fontsize=10)
            ax.scatter(done["cost"], done[y], s=14, color="0.6")
            front = done[done[col]].sort_values("cost")
            ax.step(front["cost"], front[y], where="post", color="C3", lw=1.2)
            ax.scatter(front["cost"], front[y], s=20, color="C3")
            chosen = done[done["chosen"]]
            ax.scatter(chosen["cost"], chosen[y], s=160, marker="*", color="C0", zorder=3)
            ax.set_xlabel(t["x_cost"].format(metric=problem.spec.objective.metric))
            ax.set_ylabel(label)
            ax.grid(alpha=0.3)
        axes[0].axhline(problem.spec.robustness, color="C0", lw=0.8, ls="--")
        fig.tight_layout()
    return fig


def _num(value) -> str:
    return "–" if value is None or not np.isfinite(value) else f"{value:.4g}"


def _front_rows(table: pd.DataFrame, col: str, t: dict) -> tuple:
    front = table[table[col]].sort_values("cost")
    header = [t["trial"], t["mix"], t["cost"], t["robustness"], t["outcome"]]
    rows = [[int(r.trial), r.mix, _num(r.cost), f"{r.robustness:.0%}", _num(r.outcome)]
            for r in front.itertuples()]
    return header, rows


def write_outputs(search, *, lang: str = "en", font: str | None = None) -> dict:
    """Write every file of the module docstring into the search folder (all or nothing).

    Returns:
        ``{"chosen": row of the chosen trial or None, "reached": bool, "trials": table}``.
    """
    import matplotlib.pyplot as plt
    import optuna

    from model.fonts import figure_lang
    from model.outputs import staged_output
    from model.report.render import embed_png, write_reports

    problem, out, spec = search.problem, search.out, search.problem.spec
    t = TEXT[lang]
    table = add_fronts(trials_table(search), problem)
    chosen = table[table["chosen"]].iloc[0] if table["chosen"].any() else None
    reached = chosen is not None and chosen["robustness"] >= spec.robustness - 1e-12
    futures = problem.futures
    uncertainties = list(spec.uncertainties)
    with staged_output(out) as staging:
        table.to_csv(staging / "trials.csv", index=False, float_format="%.17g")
        table[table["front_robustness"] | table["front_outcome"]].sort_values("cost").to_csv(
            staging / "front.csv", index=False, float_format="%.17g")
        futures.to_csv(staging / "futures.csv", index=False, float_format="%.17g")
        chosen_rows, commands = [], []
        if chosen is not None:
            params = search.study.trials[int(chosen["trial"])].params
            source = int(chosen["same_as"]) if pd.notna(chosen["same_as"]) else int(chosen["trial"])
            verdict = "reaches" if reached else "does not reach"
            description = (f"Chosen by `run.py target {problem.spec_path}`: {mix_label(problem, params)} "
                           f"(trial {int(chosen['trial'])}); it {verdict} the targets in {chosen['robustness']:.0%}"
                           f" of {len(futures)} futures (required {spec.robustness:.0%}): "
                           + "; ".join(x.describe() for x in spec.targets) + ".")
            data = scenario_data(problem, params, f"{spec.name}-chosen", description)
            (staging / "chosen_mix.yaml").write_text(dump_yaml(data), encoding="utf-8")
            scores = score_futures(problem, search.runs_folder(source)).merge(futures, on=["future", "seed"])
            scores["command"] = [reproduce_command(out / "chosen_mix.yaml", row, uncertainties)
                                 for row in scores.to_dict(orient="records")]
            scores.to_csv(staging / "chosen_futures.csv", index=False, float_format="%.17g")
            for row in scores.to_dict(orient="records"):
                chosen_rows.append([row["future"], row["seed"], *(f"{row[u]:.4g}" for u in uncertainties),
                                    _num(row["cost"]), _num(row["outcome"]),
                                    *(_num(row[f"target_{i}"]) for i in range(len(spec.targets))),
                                    t["yes"] if row["holds"] else t["no"]])
                commands.append(row["command"])
        fig_lang = figure_lang(lang, font)
        fig = _front_figure(table, problem, fig_lang, font)
        fig.savefig(staging / "front.png", dpi=100)
        plt.close(fig)
        failed = int((table["state"] == "fail").sum())
        direction = spec.outcome.direction if lang == "en" else DIRECTION_ZH[spec.outcome.direction]
        answer = ""
        if chosen is not None:
            answer = t["reached" if reached else "not_reached"].format(
                need=spec.robustness, number=int(chosen["trial"]), mix=chosen["mix"], cost=chosen["cost"],
                robustness=chosen["robustness"], outcome=chosen["outcome"])
        context = {
            "lang": lang, "t": t, "title": t["title"].format(name=spec.name), "description": spec.description,
            "levers": [f"{lever}.{param}: [{rng.bounds[0]}, {rng.bounds[1]}]"
                       + (f" step {rng.step:g}" if rng.step else "") for lever, param, rng in problem.dims],
            "uncertainties": [f"{n}: [{r.bounds[0]:g}, {r.bounds[1]:g}]" for n, r in spec.uncertainties.items()],
            "futures": t["futures"].format(n=len(futures), samples=len(problem.points), seeds=spec.futures.seeds),
            "targets": [f"{i}. {x.describe()}" for i, x in enumerate(spec.targets)],
            "objective": t["objective"].format(metric=spec.objective.metric, at=problem.period(spec.objective.at)),
            "outcome_line": t["outcome_line"].format(metric=spec.outcome.metric, at=problem.period(spec.outcome.at),
                                           direction=direction),
            "search": t["search"].format(optuna=optuna.__version__, population=spec.search.population,
                                         seed=spec.search.seed, trials=len(table), failed=failed),
            "answer": answer,
            "front_r": _front_rows(table, "front_robustness", t),
            "front_o_title": t["front_o"].format(metric=spec.outcome.metric),
            "front_o": _front_rows(table, "front_outcome", t),
            "figure": {"file": "front.png", "src": embed_png(staging / "front.png")},
            "chosen_table": ([t["future"], t["seed"], *uncertainties, t["cost"], t["outcome"],
                              *(t["target_n"].format(i=i) for i in range(len(spec.targets))), t["holds"]],
                             chosen_rows),
            "commands": commands[:5],
        }
        write_reports(staging, "report", "target", context)
    return {"chosen": chosen, "reached": bool(reached), "trials": table}
