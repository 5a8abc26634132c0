"""Notebook 04: a sweep of the SME subsidy; a Morris sensitivity analysis."""

from __future__ import annotations

from content.cells import QUESTIONS, SETUP, answer, answer_code, code, figure, md, question

CELLS = [
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
         'mean = sweep.groupby("rate").mean(numeric_only=True).drop(columns="seed")\n'
         'table(mean, percent=["adoption_index_sme"], integer=["policy_spending_cumulative"], decimals=3)'),
    figure('fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))\n'
         'axes[0].plot(mean.index, mean["adoption_index_sme"], marker="o")\n'
         'axes[0].scatter(sweep["rate"], sweep["adoption_index_sme"], s=12, color="grey")\n'
         'axes[0].set_title(T("SME adoption after 3 years", "3 年后中小企业采用指数"))\n'
         'axes[0].yaxis.set_major_formatter(PercentFormatter(1))\n'
         'axes[1].plot(mean.index, mean["policy_spending_cumulative"], marker="o", color="C1")\n'
         'axes[1].set_title(T("total spending", "累计支出"))\n'
         'for ax in axes:\n'
         '    ax.set_xlabel(T("subsidy rate", "补贴比例")); ax.grid(alpha=0.3)\n'
         'fig.tight_layout()'),
    md("**How to read it:** the line is the mean, the grey dots are single seeds. If adoption flattens while "
       "spending keeps rising, extra generosity buys little. For big sweeps on many cores use "
       "`python run.py sweep` (docs/sweeps.md).",
       "**如何解读：**线是平均值，灰点是单个种子。如果采用率趋于平缓而支出继续上升，更慷慨的补贴收效甚微。"
       "若要在多核上做大规模扫描，可使用 `python run.py sweep`（见 docs/sweeps.md）。"),
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
         'def morris_tfp(seed):  # mu* and sigma of TFP after 3 years; the model runs with `seed` at every point\n'
         '    Y = []\n'
         '    for row in X:\n'
         '        data = {"population": {"firms": 300, "workers": 3000}}\n'
         '        for name, value in zip(problem["names"], row):\n'
         '            data = merge(data, nested(name, value))\n'
         '        run = simulate(scenario_from_dict(data), seed=seed, steps=12, agents=False)\n'
         '        Y.append(run.summary["final"]["tfp_index"])\n'
         '    Si = morris_analyze.analyze(problem, X, np.array(Y), num_levels=4, seed=7)\n'
         '    return pd.DataFrame({"mu_star": Si["mu_star"], "sigma": Si["sigma"]}, index=problem["names"])\n'
         'result = morris_tfp(seed=1)\n'
         'print(len(X), T("runs", "次运行"))\n'
         'table(result.sort_values("mu_star", ascending=False), decimals=4)'),
    figure('fig, ax = plt.subplots(figsize=(5, 3.6))\n'
         'ax.scatter(result["mu_star"], result["sigma"])\n'
         'for name, r in result.iterrows():\n'
         '    ax.annotate(name, (r["mu_star"], r["sigma"]), fontsize=8)\n'
         'ax.set_xlabel(T("mu* (importance)", "mu*（重要性）")); ax.set_ylabel(T("sigma (interactions)", "sigma（交互作用）"))\n'
         'ax.set_title(T("Morris screening of TFP after 3 years", "3 年后 TFP 的 Morris 筛选")); ax.grid(alpha=0.3)'),
    md("**How to read it:** parameters far to the right matter most for TFP; parameters high up interact "
       "with others or act non-linearly. This tiny design (16 runs, one seed) is for the classroom; a real "
       "study uses more trajectories and seeds (`python run.py sensitivity`, docs/sweeps.md).",
       "**如何解读：**越靠右的参数对 TFP 越重要；越靠上的参数与其他参数存在交互或呈非线性。这个很小的设计"
       "（16 次运行，一个种子）仅用于课堂；真实研究需要更多轨迹和种子（`python run.py sensitivity`，见 "
       "docs/sweeps.md）。"),
    QUESTIONS,
    question("**1.** Is there a subsidy rate beyond which SME adoption hardly rises?",
             "**1.** 是否存在某个补贴比例，超过它后中小企业采用率几乎不再上升？"),
    answer_code('extra = mean.diff().iloc[1:]\n'
                'for rate, row in extra.iterrows():\n'
                '    gain, spent = row["adoption_index_sme"] * 100, row["policy_spending_cumulative"]\n'
                '    per = gain / spent * 1000 if spent > 0 else float("nan")\n'
                '    print(T(f"up to rate {rate:.1f}: SME adoption {gain:+.1f} pp for {spent:+,.0f} more spending "\n'
                '            f"({per:.2f} pp per 1,000)",\n'
                '            f"补贴比例提高到 {rate:.1f}：中小企业采用 {gain:+.1f} 个百分点，支出增加 {spent:+,.0f}"\n'
                '            f"（每 1,000 支出 {per:.2f} 个百分点）"))'),
    answer("The cell prints what each step up in the rate adds to SME adoption and to spending. If the points "
           "per 1,000 of spending fall from step to step, each extra point of subsidy buys less: firms that a "
           "small subsidy tips over are already adopting, the remaining ones are held back by something a cost "
           "share does not remove (they do not know the technology's value yet, or lack skilled staff), and the "
           "subsidy is paid to every eligible adopter, including those who would have adopted anyway. With two "
           "seeds and three years the steps are noisy: a step with a negative gain is noise, not a harmful "
           "subsidy. `python run.py sweep` with more seeds settles it.",
           "单元格打印补贴比例每提高一档，中小企业采用率和支出各增加多少。如果每 1,000 支出换来的百分点逐档下降，"
           "说明每多一点补贴买到的更少：小额补贴就能推动的企业已经在采用，剩下的企业受阻于成本分担消除不了的因素"
           "（还不了解技术价值，或缺少技能员工），而且补贴要发给每一家符合条件的采用者，包括本来就会采用的企业。"
           "只有两个种子、三年时间，各档之间噪声很大：某一档增益为负是噪声，不说明补贴有害。用更多种子运行 "
           "`python run.py sweep` 才能定论。"),
    question("**2.** Which of the three assumptions would you most want to measure better? Why?",
             "**2.** 三个假设中，你最想更准确地测量哪一个？为什么？"),
    answer_code('print(T("ranked by mu*:", "按 mu* 排序："), " > ".join(result.sort_values("mu_star", ascending=False).index))'),
    answer("The parameter with the largest mu* moves TFP most over its plausible range, so narrowing that range "
           "narrows the model's answer most. How each could be measured: peer effects (`adoption.bass_q`) from "
           "surveys of when firms adopted and whether their neighbours had; the AI adoption cost "
           "(`technology.ai.fixed_cost`) from firm surveys and vendors' prices; matching efficiency "
           "(`labour.matching_efficiency`) from job-finding rates and vacancies (the Beveridge curve). A "
           "parameter with a small mu* can be left at a rough value for this question, though it may matter for "
           "another output (unemployment rather than TFP).",
           "mu* 最大的参数在其合理范围内对全要素生产率影响最大，因此缩小它的范围最能缩小模型答案的不确定性。各参数的"
           "测量方法：同伴效应（`adoption.bass_q`）可以通过调查企业何时采用、其邻近企业是否已采用来估计；AI 采用成本"
           "（`technology.ai.fixed_cost`）来自企业调查和供应商报价；匹配效率（`labour.matching_efficiency`）来自求职"
           "成功率和空缺岗位数据（贝弗里奇曲线）。mu* 小的参数对这个问题可以取粗略值，但对另一个输出（如失业率而非"
           "全要素生产率）可能很重要。"),
    question("**3.** Run the sensitivity with another seed. Does the ranking stay the same?",
             "**3.** 换一个随机种子重新做敏感性分析。排序保持不变吗？"),
    answer_code('again = morris_tfp(seed=2)\n'
                'both = pd.DataFrame({T("seed 1", "种子 1"): result["mu_star"], T("seed 2", "种子 2"): again["mu_star"]})\n'
                'table(both.sort_values(both.columns[0], ascending=False), decimals=4)'),
    answer("The cell reruns the same design with the model's seed 2. If the order of mu* changes, the design is "
           "too small to rank those parameters: the seed-to-seed noise of TFP after three years is as large as "
           "their effect. That is the lesson: with this few runs and one seed, only a parameter far ahead of the "
           "others is clearly more important. A real study averages several seeds at every point of the design "
           "and uses more trajectories (`python run.py sensitivity`).",
           "单元格用模型种子 2 重新运行同一设计。如果 mu* 的排序变了，说明这个设计太小，不足以给这些参数排序：三年后"
           "全要素生产率在不同种子之间的噪声与它们的影响一样大。这正是要学的：运行次数这么少、只有一个种子时，只有远远"
           "领先的参数才能确定更重要。真实研究会在设计的每个点上平均多个种子，并使用更多轨迹（`python run.py sensitivity`）。"),
]
