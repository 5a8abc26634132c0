"""Write the classroom notebooks, in English and Chinese, without outputs.

Run ``python notebooks/build.py`` after editing this file; it rewrites
``notebooks/NN_name.ipynb`` (English) and ``notebooks/NN_name_zh.ipynb``
(Chinese). The code is the same in both languages: only the text cells and
the ``LANG`` setting differ, and figure labels follow ``LANG``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

SETUP = '''LANG = "{lang}"  # "en" or "zh": language of figure labels
from pathlib import Path
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from model import load_scenario, scenario_from_dict, simulate, EconomyModel
from model.metrics import METRICS
from model.dashboard.i18n import use_cjk_font

LANG = use_cjk_font(LANG)  # falls back to English labels if no Chinese font is installed
T = lambda en, zh: zh if LANG == "zh" else en  # pick a label in the notebook's language
ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
SMALL = ["population.firms=300", "population.workers=3000"]  # a classroom-sized economy: runs in seconds
pd.set_option("display.precision", 3)'''


def md(en: str, zh: str):
    return ("md", en, zh)


def code(src: str):
    return ("code", src)


QUESTIONS = ("**Questions for students**", "**课堂问题**")

NOTEBOOKS = {
    "01_quick_start": [
        md("# 1. Quick start: run the baseline economy\n\n"
           "This model is an economy of **firms**, **workers** and **platforms**. Each step is one quarter. "
           "Firms decide whether to adopt three technologies (**data**, **robots**, **AI**); adopting takes an "
           "adjustment period before it pays off. Workers can lose their job to automation, work through gig "
           "platforms, train, and find new jobs. In this notebook we run the baseline and read its overview.",
           "# 1. 快速上手：运行基准经济\n\n"
           "这个模型是一个由**企业**、**劳动者**和**平台**组成的经济体。每一步代表一个季度。企业决定是否采用三种技术"
           "（**数据**、**机器人**、**人工智能**）；采用后要经过一段调整期才能见效。劳动者可能因自动化失去工作，"
           "转到零工平台工作、参加培训并重新就业。本笔记本运行基准情景并解读概览。"),
        code(SETUP),
        md("## Run the baseline\n\nWe load `scenarios/baseline.yaml`, shrink the population so it runs in seconds, "
           "and simulate 20 quarters (5 years). The same seed always gives the same numbers.",
           "## 运行基准情景\n\n我们读取 `scenarios/baseline.yaml`，缩小人口规模以便几秒内跑完，模拟 20 个季度（5 年）。"
           "相同的随机种子总是得到相同的结果。"),
        code('scenario = load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides=SMALL)\n'
             'result = simulate(scenario, seed=1, steps=20)\n'
             'ts = result.timeseries\n'
             'ts[["period", "tfp_index", "adoption_data", "adoption_robots", "adoption_ai", "unemployment_rate",\n'
             '    "flexible_employment_share", "digital_divide_index"]].iloc[::4]'),
        md("## The overview\n\nFour panels: productivity, adoption by group, employment and the digital divide. "
           "The dashboard (`python run.py dashboard`) shows the same panels live.",
           "## 概览图\n\n四个面板：生产率、各群体采用率、就业和数字鸿沟。课堂看板（`python run.py dashboard --lang zh`）"
           "实时显示同样的面板。"),
        code('from model.dashboard.components import trends_figure\n'
             'result.model.lang = LANG\n'
             'trends_figure(result.model)'),
        md("## What TFP means here\n\n**Total factor productivity (TFP)** is output that is *not* explained by "
           "more capital or more workers: the Solow residual. Here it is an index equal to 1 at the start, so 1.05 "
           "means the economy gets 5% more out of the same inputs. The model also measures how much of that comes "
           "from digital technology (`digital_contribution`, `digital_tfp_share`). The exact definitions:",
           "## 这里的全要素生产率是什么意思\n\n**全要素生产率（TFP）**是不能由更多资本或更多劳动解释的那部分产出，"
           "即索洛余值。这里它是一个起点为 1 的指数：1.05 表示同样的投入多产出 5%。模型还衡量其中有多少来自数字技术"
           "（`digital_contribution`、`digital_tfp_share`）。精确定义如下："),
        code('for name in ["tfp_index", "labor_productivity", "digital_contribution", "digital_tfp_share"]:\n'
             '    print(f"{name}: {METRICS[name][0]}")'),
        md("## The digital divide\n\nAdoption is uneven: small firms are *unwilling, afraid, unable* (不愿、不敢、不会) "
           "to transform, and regions differ in infrastructure. The model reports gaps between large firms and SMEs, "
           "between regions and sectors, digital-skill gaps between groups, the income Gini, and a composite index.",
           "## 数字鸿沟\n\n数字化转型并不均衡：中小企业“不愿、不敢、不会”转型，各地区基础设施也不同。模型报告大企业与"
           "中小企业之间、地区之间和行业之间的采用差距，不同群体的数字技能差距，收入基尼系数，以及一个综合指数。"),
        code('final = ts.iloc[-1]\n'
             'groups = result.model.size_names + result.model.region_names\n'
             'pd.Series({g: final[f"adoption_index_{g}"] for g in groups}, name=T("adoption index", "采用指数"))'),
        code('print(METRICS["digital_divide_index"][0])\n'
             'ts[["digital_divide_index", "adoption_gap_size", "adoption_gap_region", "gini_income"]].iloc[[0, -1]]'),
        md(QUESTIONS[0] + "\n\n1. By how much did TFP change in five years? Is most of it digital?\n"
           "2. Which size class adopts fastest? Why might micro firms lag (think of the three barriers)?\n"
           "3. Change `seed=1` to another number and run again. Which numbers move a lot, which barely?",
           QUESTIONS[1] + "\n\n1. 五年间全要素生产率变化了多少？其中大部分来自数字技术吗？\n"
           "2. 哪类规模的企业采用最快？微型企业为什么可能落后（想想三个障碍）？\n"
           "3. 把 `seed=1` 换成另一个数再运行一次。哪些数字变化很大，哪些几乎不变？"),
    ],
    "02_what_if": [
        md("# 2. What if? Comparing policy scenarios\n\n"
           "A single run is one possible history. To compare policies fairly we run each scenario with the **same "
           "seeds** and look at the spread across seeds (an uncertainty band). Then we ask what each lever costs.",
           "# 2. 如果……会怎样？比较政策情景\n\n一次运行只是一种可能的历史。为了公平比较政策，我们用**相同的随机种子**"
           "运行每个情景，并观察不同种子之间的离散程度（不确定性区间）。然后再问每项政策的成本是多少。"),
        code(SETUP),
        md("## Three scenarios\n\nThe baseline, an SME digital subsidy (half of adoption costs), and digital-skills "
           "training (10% of workers with low digital skill per quarter). Levers are listed by `python run.py list`.",
           "## 三个情景\n\n基准情景、中小企业数字化补贴（承担一半采用成本）、数字技能培训（每季度培训 10% 数字技能较低的"
           "劳动者）。全部政策工具可用 `python run.py list` 查看。"),
        code('SCENARIOS = {\n'
             '    T("baseline", "基准"): [],\n'
             '    T("SME subsidy", "中小企业补贴"): [{"lever": "sme_subsidy", "rate": 0.5}],\n'
             '    T("skills training", "技能培训"): [{"lever": "skills_training", "share": 0.1}],\n'
             '}\n'
             'SEEDS, STEPS = [1, 2, 3], 16\n'
             'runs = []\n'
             'for name, policies in SCENARIOS.items():\n'
             '    scenario = scenario_from_dict({"population": {"firms": 300, "workers": 3000}, "policies": policies})\n'
             '    for seed in SEEDS:\n'
             '        ts = simulate(scenario, seed=seed, steps=STEPS, agents=False).timeseries\n'
             '        runs.append(ts.assign(scenario=name, seed=seed))\n'
             'runs = pd.concat(runs, ignore_index=True)\n'
             'runs.groupby("scenario")[["tfp_index", "adoption_index_sme", "unemployment_rate"]].last()'),
        md("## Uncertainty bands\n\nThe line is the mean over seeds, the band runs from the lowest to the highest "
           "seed. Where bands overlap, the difference may be luck rather than policy.",
           "## 不确定性区间\n\n线是各种子的平均值，阴影从最低到最高的种子。区间重叠的地方，差异可能只是运气而非政策效果。"),
        code('METRICS_SHOWN = {"tfp_index": T("TFP index", "全要素生产率指数"),\n'
             '                 "adoption_index_sme": T("SME adoption index", "中小企业采用指数"),\n'
             '                 "unemployment_rate": T("unemployment rate", "失业率")}\n'
             'fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))\n'
             'for ax, (metric, title) in zip(axes, METRICS_SHOWN.items()):\n'
             '    band = runs.groupby(["scenario", "step"])[metric].agg(["mean", "min", "max"]).reset_index()\n'
             '    for name, part in band.groupby("scenario", sort=False):\n'
             '        ax.plot(part["step"], part["mean"], label=name)\n'
             '        ax.fill_between(part["step"], part["min"], part["max"], alpha=0.2)\n'
             '    ax.set_title(title); ax.set_xlabel(T("quarter", "季度")); ax.grid(alpha=0.3)\n'
             'axes[0].legend()\n'
             'fig.tight_layout()'),
        md("## What the levers cost\n\nEvery lever books its spending. Dividing the extra spending by the extra TFP "
           "(against the baseline, seed by seed) gives a rough price of one TFP point.",
           "## 政策的成本\n\n每项政策都会记录其支出。把额外支出除以相对于基准的额外全要素生产率（逐个种子比较），就得到"
           "一个“每个百分点全要素生产率”的粗略价格。"),
        code('end = runs[runs["step"] == STEPS].set_index(["scenario", "seed"])\n'
             'base = end.loc[T("baseline", "基准")]\n'
             'rows = {}\n'
             'for name in SCENARIOS:\n'
             '    part = end.loc[name]\n'
             '    gain = (part["tfp_index"] - base["tfp_index"]) * 100\n'
             '    rows[name] = {T("spending", "支出"): part["policy_spending_cumulative"].mean(),\n'
             '                  T("TFP gain (points)", "TFP 增益（百分点）"): gain.mean(),\n'
             '                  T("SME adoption gain", "中小企业采用增益"): (part["adoption_index_sme"]\n'
             '                                                          - base["adoption_index_sme"]).mean()}\n'
             'costs = pd.DataFrame(rows).T\n'
             'costs[T("spending per TFP point", "每百分点支出")] = (costs.iloc[:, 0] / costs.iloc[:, 1]\n'
             '                                                   ).where(costs.iloc[:, 1] > 0)\n'
             'costs'),
        md("With more seeds and the full population, `python run.py compare A.yaml B.yaml --seeds 10` runs the "
           "same comparison on the command line and writes a report with confidence intervals.",
           "若要更多种子和完整人口规模，命令行 `python run.py compare A.yaml B.yaml --seeds 10 --lang zh` "
           "会做同样的比较，并生成带置信区间的报告。"),
        md(QUESTIONS[0] + "\n\n1. Which policy raises SME adoption more? Which one helps workers more?\n"
           "2. Are the differences larger than the bands? What would you do to be more sure?\n"
           "3. A policy with a low 'spending per TFP point' is cheap. Is that the only thing that matters?",
           QUESTIONS[1] + "\n\n1. 哪项政策更能提高中小企业的采用率？哪项对劳动者更有帮助？\n"
           "2. 差异比不确定性区间大吗？怎样才能更有把握？\n"
           "3. “每百分点支出”低的政策更便宜。这是唯一重要的标准吗？"),
    ],
    "03_inside_the_agents": [
        md("# 3. Inside the agents\n\nAggregate numbers hide individual stories. Here we follow **one firm** "
           "through its adoption decision, adjustment period and productivity gain, and **one worker** through "
           "displacement, gig work, training and re-employment. Then we look at the spread across all firms.",
           "# 3. 走进个体\n\n总量数字掩盖了个体故事。这里我们跟踪**一家企业**经历采用决策、调整期和生产率提升，"
           "跟踪**一位劳动者**经历失业、零工、培训和再就业，最后看看所有企业之间的分布。"),
        code(SETUP),
        md("## Record every agent, quarter by quarter\n\nWe step the model ourselves and keep a snapshot of each "
           "firm and worker after every quarter.",
           "## 逐季度记录每个个体\n\n我们亲自逐步运行模型，并在每个季度后保存每家企业和每位劳动者的状态快照。"),
        code('from model.state import STAGES, STATUSES, TECHS\n'
             'scenario = load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides=SMALL)\n'
             'model = EconomyModel(scenario, seed=3)\n'
             'firm_log, worker_log = [], []\n'
             'def snapshot():\n'
             '    f, w = model.firms, model.workers\n'
             '    staff = np.maximum(f.headcount.sum(axis=1), 1)\n'
             '    firm_log.append(pd.DataFrame({"step": model.steps, "firm": np.arange(f.n), "age": f.age,\n'
             '        **{f"stage_{t}": f.stage[:, i] for i, t in enumerate(TECHS)},\n'
             '        "productivity": f.output / staff, "belief_ai": f.belief[:, 2], "capability": f.capability}))\n'
             '    worker_log.append(pd.DataFrame({"step": model.steps, "worker": np.arange(w.n), "status": w.status,\n'
             '        "employer": w.employer, "displaced": w.displaced, "training": w.training > 0,\n'
             '        "digital": w.digital, "earnings": w.earnings}))\n'
             'snapshot()\n'
             'for _ in range(20):\n'
             '    model.step()\n'
             '    snapshot()\n'
             'firms, workers = pd.concat(firm_log), pd.concat(worker_log)\n'
             'len(firms), len(workers)'),
        md("## One firm\n\nWe pick a firm that survived all 20 quarters and adopted a technology during the run "
           "(stage 0 = none, 1 = adjusting, 2 = integrated).",
           "## 一家企业\n\n我们挑选一家存活了全部 20 个季度、并在期间采用了某项技术的企业（阶段 0 = 未采用，1 = 调整期，"
           "2 = 已整合）。"),
        code('survived = firms.groupby("firm")["age"].apply(lambda a: bool((a.diff().dropna() > 0).all()))\n'
             'stages = firms.pivot(index="step", columns="firm", values=[f"stage_{t}" for t in TECHS])\n'
             'def adopted(tech):  # firms that start with none and end integrated\n'
             '    s = stages[f"stage_{tech}"]\n'
             '    return set(s.columns[(s.iloc[0] == 0) & (s.iloc[-1] == 2)])\n'
             'tech = next((t for t in ("ai", "robots", "data") if adopted(t) & set(survived[survived].index)), "data")\n'
             'candidates = sorted(adopted(tech) & set(survived[survived].index)) or list(survived[survived].index)\n'
             'firm_id = candidates[0]\n'
             'story = firms[firms["firm"] == firm_id].set_index("step")\n'
             'print(T(f"technology {tech}:", f"技术 {tech}："), model.firm_agents[firm_id])\n'
             'story[[f"stage_{tech}", "productivity", "belief_ai", "capability"]].T'),
        code('fig, ax = plt.subplots(figsize=(8, 3.4))\n'
             'ax.plot(story.index, story["productivity"] / story["productivity"].iloc[0], marker="o")\n'
             'adjusting = story.index[story[f"stage_{tech}"] == 1]\n'
             'if len(adjusting):\n'
             '    ax.axvspan(adjusting.min() - 0.5, adjusting.max() + 0.5, color="orange", alpha=0.2,\n'
             '               label=T("adjustment period", "调整期"))\n'
             '    ax.legend()\n'
             'ax.set_xlabel(T("quarter", "季度")); ax.set_ylabel(T("output per worker (start = 1)", "人均产出（起点 = 1）"))\n'
             'ax.set_title(T(f"Firm {firm_id} adopts {tech}", f"企业 {firm_id} 采用 {tech}")); ax.grid(alpha=0.3)'),
        md("Adoption has three barriers: a firm must know and believe in the gain (*unwilling*), afford the risk "
           "and cost (*afraid*), and have digitally skilled staff (*unable*). The share of non-adopters held back "
           "by each barrier:",
           "采用面临三个障碍：企业必须了解并相信收益（“不愿”）、承担得起风险和成本（“不敢”）、拥有数字技能人才（“不会”）。"
           "下表是被各障碍阻挡的未采用企业比例："),
        code('pd.DataFrame(model.records)[["step", "barrier_unwilling", "barrier_afraid", "barrier_unable",\n'
             '                              "barrier_unwilling_small", "barrier_afraid_small", "barrier_unable_small"]].iloc[::5]'),
        md("## One worker\n\nWe pick a worker who was displaced (lost a job to layoffs) and look at every quarter "
           "of their story: status, training, digital skill and earnings.",
           "## 一位劳动者\n\n我们挑选一位被裁员的劳动者，查看其每个季度的经历：就业状态、培训、数字技能和收入。"),
        code('w = workers.copy()\n'
             'w["status"] = w["status"].map(dict(enumerate(STATUSES)))\n'
             'path = w.groupby("worker").agg(displaced=("displaced", "any"), trained=("training", "any"),\n'
             '                               gig=("status", lambda s: (s == "gig").any()),\n'
             '                               back=("status", lambda s: s.iloc[-1] == "employed"))\n'
             'score = path["displaced"] * 8 + path["back"] * 4 + path["trained"] * 2 + path["gig"]\n'
             'worker_id = int(score.idxmax())\n'
             'print(path.loc[worker_id].to_dict())\n'
             'w[w["worker"] == worker_id].set_index("step")[["status", "employer", "displaced", "training",\n'
             '                                               "digital", "earnings"]]'),
        code('recs = pd.DataFrame(model.records)\n'
             'print(T("Across all workers this run:", "本次运行全体劳动者："))\n'
             'pd.Series({T("displacements (sum)", "失业人次（合计）"): recs["displacements"].sum(),\n'
             '           T("re-employed (sum)", "再就业人次（合计）"): recs["reemployed"].sum(),\n'
             '           T("trainees (sum)", "培训人次（合计）"): recs["trainees"].sum(),\n'
             '           T("gig workers (mean)", "零工人数（平均）"): recs["gig_workers"].mean()})'),
        md("## The distribution across firms\n\nOutput per worker differs a lot between firms. How does it differ "
           "by adoption stage and size class at the end of the run? (Firms with almost no sales, about to exit, are left "
           "out.)",
           "## 企业之间的分布\n\n不同企业的人均产出差异很大。在运行结束时，它如何随采用阶段和企业规模变化？"
           "（几乎没有销售、即将退出的企业不计入。）"),
        code('from model.dashboard.components import firm_stage, firms_figure, STAGE_KEYS\n'
             'from model.dashboard.i18n import label\n'
             'end = pd.DataFrame({"productivity": model.firms.output / np.maximum(model.firms.headcount.sum(axis=1), 1),\n'
             '                    "stage": firm_stage(model), "size": np.array(model.size_names)[model.firms.size]})\n'
             'end = end[end["productivity"] > 0.05 * end["productivity"].median()]\n'
             'fig, axes = plt.subplots(1, 2, figsize=(12, 3.8))\n'
             'groups = [end.loc[end["stage"] == k, "productivity"] for k in range(len(STAGE_KEYS))]\n'
             'axes[0].boxplot([g for g in groups if len(g)], showfliers=False)\n'
             'axes[0].set_xticks(range(1, 1 + sum(len(g) > 0 for g in groups)),\n'
             '                   [label(k, LANG) for k, g in zip(STAGE_KEYS, groups) if len(g)], rotation=20)\n'
             'axes[0].set_title(T("output per worker by adoption stage", "按采用阶段的人均产出"))\n'
             'for size, part in end.groupby("size"):\n'
             '    axes[1].hist(np.log(part["productivity"]), bins=30, alpha=0.5, label=label(size, LANG))\n'
             'axes[1].set_title(T("log output per worker by size class", "按企业规模的人均产出（对数）")); axes[1].legend()\n'
             'fig.tight_layout()'),
        code('model.lang = LANG\n'
             'firms_figure(model)'),
        md(QUESTIONS[0] + "\n\n1. How long was the firm's adjustment period? Did productivity dip before it rose?\n"
           "2. Which barrier holds back small firms most? Which policy would you aim at it?\n"
           "3. Did the worker need training to get back into a job? What did gig work pay compared with wages?",
           QUESTIONS[1] + "\n\n1. 这家企业的调整期有多长？生产率在上升前是否先下降？\n"
           "2. 哪个障碍最阻碍小企业？你会用哪项政策来针对它？\n"
           "3. 这位劳动者需要培训才能重新就业吗？零工收入与工资相比如何？"),
    ],
    "04_sweeps_and_sensitivity": [
        md("# 4. Sweeps and sensitivity\n\nA **sweep** runs the model over a grid of values of one or two "
           "parameters. A **sensitivity analysis** asks which uncertain parameters move a result most. Both help "
           "us see which conclusions are robust.",
           "# 4. 参数扫描与敏感性分析\n\n**参数扫描**在一个或两个参数的取值网格上运行模型。**敏感性分析**回答："
           "哪些不确定的参数对结果影响最大。二者都帮助我们判断哪些结论是稳健的。"),
        code(SETUP),
        md("## A small sweep: how generous should the SME subsidy be?\n\nFour subsidy rates, two seeds each.",
           "## 小型扫描：中小企业补贴应该多慷慨？\n\n四档补贴率，每档两个随机种子。"),
        code('RATES, SEEDS, STEPS = [0.0, 0.3, 0.6, 0.9], [1, 2], 12\n'
             'rows = []\n'
             'for rate in RATES:\n'
             '    policies = [{"lever": "sme_subsidy", "rate": rate}] if rate else []\n'
             '    scenario = scenario_from_dict({"population": {"firms": 300, "workers": 3000}, "policies": policies})\n'
             '    for seed in SEEDS:\n'
             '        final = simulate(scenario, seed=seed, steps=STEPS, agents=False).summary["final"]\n'
             '        rows.append({"rate": rate, "seed": seed, **{k: final[k] for k in\n'
             '                     ("adoption_index_sme", "tfp_index", "policy_spending_cumulative")}})\n'
             'sweep = pd.DataFrame(rows)\n'
             'sweep.groupby("rate").mean(numeric_only=True).drop(columns="seed")'),
        code('fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))\n'
             'mean = sweep.groupby("rate").mean(numeric_only=True)\n'
             'axes[0].plot(mean.index, mean["adoption_index_sme"], marker="o")\n'
             'axes[0].scatter(sweep["rate"], sweep["adoption_index_sme"], s=12, color="grey")\n'
             'axes[0].set_title(T("SME adoption after 3 years", "3 年后中小企业采用指数"))\n'
             'axes[1].plot(mean.index, mean["policy_spending_cumulative"], marker="o", color="C1")\n'
             'axes[1].set_title(T("total spending", "累计支出"))\n'
             'for ax in axes:\n'
             '    ax.set_xlabel(T("subsidy rate", "补贴比例")); ax.grid(alpha=0.3)\n'
             'fig.tight_layout()'),
        md("**How to read it:** the line is the mean, the grey dots are single seeds. If adoption flattens while "
           "spending keeps rising, extra generosity buys little. For big sweeps on many cores use "
           "`python run.py sweep` (when your copy has it).",
           "**如何解读：**线是平均值，灰点是单个种子。如果采用率趋于平缓而支出继续上升，更慷慨的补贴收效甚微。"
           "若要在多核上做大规模扫描，可使用 `python run.py sweep`（如果你的版本已有此命令）。"),
        md("## Sensitivity: which assumptions matter most?\n\nWe vary three uncertain parameters at once with the "
           "Morris method (SALib): peer effects in adoption (`adoption.bass_q`), the one-off cost of AI "
           "(`technology.ai.fixed_cost`) and labour-market matching (`labour.matching_efficiency`). For each we get "
           "**mu\\*** (how much it moves the result on average) and **sigma** (how much that effect depends on "
           "the other parameters).",
           "## 敏感性：哪些假设最重要？\n\n我们用 Morris 方法（SALib）同时改变三个不确定参数：采用中的同伴效应"
           "（`adoption.bass_q`）、AI 的一次性成本（`technology.ai.fixed_cost`）和劳动力市场匹配效率"
           "（`labour.matching_efficiency`）。每个参数得到 **mu\\***（平均而言对结果的影响有多大）和 **sigma**"
           "（这种影响在多大程度上取决于其他参数）。"),
        code('from SALib.sample import morris as morris_sample\n'
             'from SALib.analyze import morris as morris_analyze\n'
             'problem = {"num_vars": 3,\n'
             '           "names": ["adoption.bass_q", "technology.ai.fixed_cost", "labour.matching_efficiency"],\n'
             '           "bounds": [[0.05, 0.4], [0.5, 2.5], [0.2, 1.0]]}\n'
             'X = morris_sample.sample(problem, N=4, num_levels=4, seed=7)\n'
             'def nested(path, value):\n'
             '    *head, last = path.split(".")\n'
             '    out = node = {}\n'
             '    for key in head:\n'
             '        node = node.setdefault(key, {})\n'
             '    node[last] = float(value)\n'
             '    return out\n'
             'def merge(a, b):\n'
             '    for k, v in b.items():\n'
             '        a[k] = merge(a.get(k, {}), v) if isinstance(v, dict) else v\n'
             '    return a\n'
             'Y = []\n'
             'for row in X:\n'
             '    data = {"population": {"firms": 300, "workers": 3000}}\n'
             '    for name, value in zip(problem["names"], row):\n'
             '        data = merge(data, nested(name, value))\n'
             '    Y.append(simulate(scenario_from_dict(data), seed=1, steps=12, agents=False).summary["final"]["tfp_index"])\n'
             'Si = morris_analyze.analyze(problem, X, np.array(Y), num_levels=4, seed=7)\n'
             'result = pd.DataFrame({"mu_star": Si["mu_star"], "sigma": Si["sigma"]}, index=problem["names"])\n'
             'print(len(Y), T("runs", "次运行"))\n'
             'result.sort_values("mu_star", ascending=False)'),
        code('fig, ax = plt.subplots(figsize=(5, 3.6))\n'
             'ax.scatter(result["mu_star"], result["sigma"])\n'
             'for name, r in result.iterrows():\n'
             '    ax.annotate(name, (r["mu_star"], r["sigma"]), fontsize=8)\n'
             'ax.set_xlabel(T("mu* (importance)", "mu*（重要性）")); ax.set_ylabel(T("sigma (interactions)", "sigma（交互作用）"))\n'
             'ax.set_title(T("Morris screening of TFP after 3 years", "3 年后 TFP 的 Morris 筛选")); ax.grid(alpha=0.3)'),
        md("**How to read it:** parameters far to the right matter most for TFP; parameters high up interact "
           "with others or act non-linearly. This tiny design (16 runs, one seed) is for the classroom; a real "
           "study uses more trajectories and seeds (`python run.py sensitivity`, when your copy has it).",
           "**如何解读：**越靠右的参数对 TFP 越重要；越靠上的参数与其他参数存在交互或呈非线性。这个很小的设计"
           "（16 次运行，一个种子）仅用于课堂；真实研究需要更多轨迹和种子（`python run.py sensitivity`，如果你的"
           "版本已有此命令）。"),
        md(QUESTIONS[0] + "\n\n1. Is there a subsidy rate beyond which SME adoption hardly rises?\n"
           "2. Which of the three assumptions would you most want to measure better? Why?\n"
           "3. Run the sensitivity with another seed. Does the ranking stay the same?",
           QUESTIONS[1] + "\n\n1. 是否存在某个补贴比例，超过它后中小企业采用率几乎不再上升？\n"
           "2. 三个假设中，你最想更准确地测量哪一个？为什么？\n"
           "3. 换一个随机种子重新做敏感性分析。排序保持不变吗？"),
    ],
    "05_discovery": [
        md("# 5. Scenario discovery: where does a target hold?\n\nA sweep runs the model over many combinations of "
           "uncertain or chosen parameters. A planner asks the question the other way round: **for which "
           "combinations does my target hold?** Scenario discovery answers it from the sweep's runs: it finds a "
           "*box* (a range for each parameter) where most runs meet the target, and says which parameters matter.",
           "# 5. 情景发现：目标在哪里能够实现？\n\n参数扫描在许多种不确定或可选择的参数组合上运行模型。规划者的问题正好相反："
           "**在哪些参数组合下我的目标能够实现？**情景发现从扫描的各次运行中回答这个问题：它找到一个*参数盒*（每个参数的"
           "一个取值范围），盒内大多数运行满足目标，并指出哪些参数最重要。"),
        code(SETUP),
        md("## A sweep over three parameters\n\nWe vary the SME digital subsidy rate (`policies.0.rate`), the one-off "
           "cost of AI (`technology.ai.fixed_cost`) and labour-market matching (`labour.matching_efficiency`) over "
           "60 points of a Latin hypercube, one run each, in a small economy for 3 years. The sweep runner writes its "
           "usual files into a scratch folder.",
           "## 三个参数的扫描\n\n我们在拉丁超立方的 60 个点上同时改变中小企业数字化补贴比例（`policies.0.rate`）、AI 的一次性成本"
           "（`technology.ai.fixed_cost`）和劳动力市场匹配效率（`labour.matching_efficiency`），每个点运行一次，"
           "小型经济体，模拟 3 年。扫描程序把结果文件写入一个临时文件夹。"),
        code('import tempfile, yaml\n'
             'from model.sweep import build_plan, execute\n'
             'WORK = Path(tempfile.mkdtemp(prefix="discovery-"))  # a scratch folder: nothing is written into the repository\n'
             'spec = {"name": "classroom_discovery", "base": str(ROOT / "scenarios" / "sme_digital_subsidy.yaml"),\n'
             '        "set": {"population.firms": 200, "population.workers": 2000, "steps": 12}, "seed": 3, "replications": 1,\n'
             '        "parameters": {"policies.0.rate": {"bounds": [0.0, 0.8]},\n'
             '                       "technology.ai.fixed_cost": {"bounds": [0.6, 1.8]},\n'
             '                       "labour.matching_efficiency": {"bounds": [0.2, 0.9]}},\n'
             '        "design": {"kind": "lhs", "samples": 60},\n'
             '        "metrics": ["adoption_index_sme", "policy_spending_cumulative"]}\n'
             '(WORK / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))\n'
             'outcome = execute(build_plan(WORK / "spec.yaml"), WORK / "sweep", workers=1, progress=False)\n'
             'runs = pd.read_parquet(WORK / "sweep" / "runs.parquet")\n'
             'print(outcome.done, T("runs", "次运行"))\n'
             'runs[[*spec["parameters"], *spec["metrics"]]].describe().loc[["min", "50%", "max"]]'),
        md("## The target\n\nThe planner wants SMEs to catch up (SME adoption index at least 0.68 after 3 years) "
           "**and** the subsidy to stay affordable (cumulative spending at most 100). A target is written as "
           "comparisons of metric names with numbers, joined by `and`/`or`; it is checked against the metrics the "
           "sweep recorded, never run as code.",
           "## 目标\n\n规划者希望中小企业赶上来（3 年后中小企业采用指数至少 0.68），**同时**补贴支出可以承受（累计支出不超过 100）。"
           "目标写成指标名与数字的比较，用 `and`/`or` 连接；程序会对照扫描记录的指标检查它，绝不把它当作代码执行。"),
        code('from model.discovery.sweepdata import load_outcomes\n'
             'from model.discovery.target import parse_target\n'
             'TARGET = "adoption_index_sme >= 0.68 and policy_spending_cumulative <= 100"\n'
             'data, target = load_outcomes(WORK / "sweep", lambda known: parse_target(TARGET, known=known))\n'
             'meets = target.holds(data.outcomes)\n'
             'print(meets.sum(), "/", len(meets), T("runs meet the target", "次运行满足目标"))'),
        md("## PRIM: the peeling trajectory\n\nPRIM starts from the whole space and repeatedly peels off a thin slice "
           "of runs where the target mostly fails. Each box on the way has a **coverage** (share of all target runs "
           "inside it) and a **density** (share of the runs inside it that meet the target). Peeling trades coverage "
           "for density; the ringed box is the one chosen.",
           "## PRIM：剥离轨迹\n\nPRIM 从整个参数空间出发，每次剥掉一薄片目标多半不成立的运行。沿途的每个盒都有**覆盖率**"
           "（满足目标的运行中落在盒内的比例）和**密度**（盒内运行中满足目标的比例）。剥离以覆盖率换取密度；圆圈标出的是选定的盒。"),
        code('from model.discovery.analysis import discover\n'
             'from model.discovery import figures\n'
             '%matplotlib inline\n'
             'found = discover(data.x, meets, method="prim", seed=1)\n'
             'fig = figures.tradeoff_figure(found, lang=LANG)'),
        code('box = found.limits()\n'
             'box[box["restricted"]][["parameter", "lower", "upper", "range_lower", "range_upper", "qp_lower", "qp_upper",\n'
             '                        "coverage", "density"]]'),
        md("**How to read it:** each restricted parameter has a lower and an upper limit inside the sweep's range. "
           "The quasi-p-values test whether a limit really raises the density: below 0.05 it very probably matters, "
           "above it may be chance. With a small economy and one run per point the box is fuzzy: its density tells "
           "how often the target held inside it.",
           "**如何解读：**每个受限参数在扫描范围内有一个下限和一个上限。准 p 值检验某个界限是否确实提高了密度：小于 0.05 "
           "说明它很可能重要，大于则可能出于偶然。经济体规模小、每个点只运行一次，所以参数盒比较模糊：密度说明盒内目标成立的频率。"),
        code('ORDER = list(found.scores["parameter"])  # most important parameter first\n'
             'fig = figures.limits_figure(found, ORDER, lang=LANG)'),
        code('fig = figures.pairs_figure(found, data.x, meets, data.outcomes, ORDER, lang=LANG)'),
        md("## Which parameters matter?\n\nAn extra-trees forest learns to tell the runs that meet the target from "
           "the others; each parameter's score is its share of what the forest learned. The scores sum to 1; with "
           "three parameters an uninformative one scores about 0.33 or less.",
           "## 哪些参数重要？\n\n极端随机树森林学习区分满足目标与不满足目标的运行；每个参数的得分是它在森林所学内容中的份额。"
           "得分之和为 1；共有三个参数时，无信息的参数得分约为 0.33 或更低。"),
        code('found.scores'),
        md("## CART: the same question as a tree\n\nA classification tree splits the runs by thresholds; every leaf is "
           "a box. Its rules are easy to read, but with few runs a tree also learns the noise: look at how many "
           "runs each leaf holds.",
           "## CART：用一棵树回答同一个问题\n\n分类树按阈值划分各次运行；每个叶节点是一个参数盒。树的规则容易阅读，但运行数少时，"
           "树也会学到噪声：请留意每个叶节点包含多少次运行。"),
        code('tree = discover(data.x, meets, method="cart", seed=1)\n'
             'print(tree.rules)'),
        md("## The same from the command line\n\n`python run.py discover SWEEP_DIR --target \"...\"` does all of the "
           "above on a finished sweep and writes `boxes.csv`, `feature_scores.csv`, the figures and a report "
           "(`--lang zh` for Chinese). See `docs/discovery.md`.",
           "## 在命令行中完成同样的分析\n\n`python run.py discover SWEEP_DIR --target \"...\"` 对已完成的扫描完成以上全部分析，"
           "并写出 `boxes.csv`、`feature_scores.csv`、各图和一份报告（`--lang zh` 输出中文）。详见 `docs/discovery.md`。"),
        code('from model.cli import main\n'
             'main(["discover", str(WORK / "sweep"), "--target", TARGET, "--out", str(WORK / "discovery"), "--lang", LANG])\n'
             'sorted(p.name for p in (WORK / "discovery").iterdir())'),
        md(QUESTIONS[0] + "\n\n1. Which limit of the subsidy rate comes from the spending cap, and which from the "
           "adoption goal?\n"
           "2. Raise the spending cap to 150. How do the box and the feature scores change?\n"
           "3. Run two replications per point (`\"replications\": 2`). Does the density of the box rise or fall? Why?",
           QUESTIONS[1] + "\n\n1. 补贴比例的哪个界限来自支出上限，哪个来自采用率目标？\n"
           "2. 把支出上限提高到 150。参数盒和特征得分如何变化？\n"
           "3. 每个点运行两次（`\"replications\": 2`）。参数盒的密度是上升还是下降？为什么？"),
    ],
}


def build(name: str, cells: list, lang: str) -> nbformat.NotebookNode:
    """One notebook in ``lang`` from the cell list."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in cells:
        if cell[0] == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell[1] if lang == "en" else cell[2]))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell[1].replace("{lang}", lang) if cell[1] is SETUP
                                                      else cell[1]))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{lang}-{i:02d}"  # stable ids: rebuilding does not churn the diff
    return nb


def paths() -> list[Path]:
    """Every notebook this script writes."""
    return [HERE / f"{name}{'' if lang == 'en' else '_zh'}.ipynb" for name in NOTEBOOKS for lang in ("en", "zh")]


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        for lang in ("en", "zh"):
            path = HERE / f"{name}{'' if lang == 'en' else '_zh'}.ipynb"
            nbformat.write(build(name, cells, lang), path)
            print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
