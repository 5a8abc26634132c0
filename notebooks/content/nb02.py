"""Notebook 02: compare policy scenarios seed by seed: robots and jobs, the three barriers, gig platforms, costs."""

from __future__ import annotations

from content.cells import QUESTIONS, SETUP, answer, answer_code, code, figure, md, question

CELLS = [
    md("# 2. What if? Comparing policy scenarios\n\n"
       "A single run is one possible history. To compare policies fairly we run each scenario with the **same "
       "seeds** and look at the spread across seeds (an uncertainty band) and at the difference from the "
       "baseline seed by seed. We ask three questions: does taxing or subsidising **robots** change jobs? Which "
       "policies move the **three barriers** that keep SMEs from adopting? Does regulating **gig platforms** "
       "help gig workers? Then we ask what each lever costs.",
       "# 2. 如果……会怎样？比较政策情景\n\n一次运行只是一种可能的历史。为了公平比较政策，我们用**相同的随机种子**"
       "运行每个情景，观察不同种子之间的离散程度（不确定性区间），并逐个种子计算与基准的差异。我们提出三个问题："
       "对**机器人**征税或补贴会改变就业吗？哪些政策能移动阻碍中小企业采用的**三个障碍**？规制**零工平台**能"
       "帮助零工吗？最后再问每项政策的成本。"),
    code(SETUP),
    md("## Seven scenarios\n\nEach is a file in `scenarios/` (`python run.py list` describes them all); their "
       "policies start in 2027Q1. We run them in a classroom-sized economy over the same seeds and all 40 "
       "quarters; the cell prints how many runs it made and how long they took.",
       "## 七个情景\n\n每个情景都是 `scenarios/` 中的一个文件（`python run.py list` 会逐一介绍）；其中的政策从 "
       "2027 年第一季度开始。我们在课堂规模的经济中，用相同的种子运行全部 40 个季度；单元格会打印运行次数和用时。"),
    code('SCENARIOS = {\n'
         '    T("baseline", "基准"): "baseline",\n'
         '    T("SME subsidy", "中小企业补贴"): "sme_digital_subsidy",  # 40% of adoption costs + advisory services\n'
         '    T("inclusive cloud", "普惠上云"): "inclusive_cloud",  # adopt data and AI with nothing up front\n'
         '    T("skills drive", "数字技能行动"): "digital_skills_drive",  # digital-skills courses\n'
         '    T("robot tax", "机器人税"): "robot_tax",  # 20% tax on robot purchases\n'
         '    T("robot subsidy", "机器人补贴"): "robot_subsidy",  # 20% subsidy on robot purchases\n'
         '    T("platform rules", "平台规制"): "platform_regulation",  # commission cap, social insurance\n'
         '}\n'
         'BASE = T("baseline", "基准")\n'
         'SEEDS = [1, 2, 3, 4, 5]\n'
         'started = time.perf_counter()\n'
         'scenarios, by_scenario = {}, {}  # name -> scenario; name -> [time series of each seed]\n'
         'for name, file in SCENARIOS.items():\n'
         '    scenarios[name] = load_scenario(ROOT / "scenarios" / f"{file}.yaml", overrides=SMALL)\n'
         '    by_scenario[name] = [simulate(scenarios[name], seed=seed, agents=False).timeseries for seed in SEEDS]\n'
         'runs = pd.concat([ts.assign(scenario=name, seed=seed) for name, series in by_scenario.items()\n'
         '                  for seed, ts in zip(SEEDS, series)], ignore_index=True)\n'
         'STEPS = int(runs["step"].max())\n'
         'print(T(f"{len(SCENARIOS) * len(SEEDS)} runs of {STEPS} quarters: {time.perf_counter() - started:.1f} s",\n'
         '        f"{len(SCENARIOS) * len(SEEDS)} 次运行，每次 {STEPS} 个季度：用时 {time.perf_counter() - started:.1f} 秒"))\n'
         'HEADLINE = ["tfp_index", "adoption_index_sme", "unemployment_rate", "robot_density",\n'
         '            "flexible_employment_share", "gini_income"]\n'
         'table(runs[runs["step"] == STEPS].groupby("scenario", sort=False)[HEADLINE].mean(),\n'
         '      percent=["adoption_index_sme", "unemployment_rate", "flexible_employment_share"],\n'
         '      integer=["robot_density"], decimals=3)'),
    md("## Uncertainty bands\n\nThe line is the mean over seeds, the band runs from the lowest to the highest "
       "seed. Where bands overlap, the difference may be luck rather than policy. `band_plot` draws one "
       "metric for the scenarios we choose; we use it in every section.",
       "## 不确定性区间\n\n线是各种子的平均值，阴影从最低到最高的种子。区间重叠的地方，差异可能只是运气而非政策效果。"
       "`band_plot` 为所选情景画出一个指标；后面每一节都会用到它。"),
    figure('def band_plot(ax, metric, names, title, percent=False):\n'
           '    band = runs[runs["scenario"].isin(names)].groupby(["scenario", "step"], sort=False)[metric]\n'
           '    band = band.agg(["mean", "min", "max"]).reset_index()\n'
           '    for name, part in band.groupby("scenario", sort=False):\n'
           '        ax.plot(part["step"], part["mean"], label=name)\n'
           '        ax.fill_between(part["step"], part["min"], part["max"], alpha=0.2)\n'
           '    ax.set_title(title); ax.set_xlabel(T("quarter", "季度")); ax.grid(alpha=0.3)\n'
           '    if percent:\n'
           '        ax.yaxis.set_major_formatter(PercentFormatter(1))\n'
           'ADOPTION = [BASE, T("SME subsidy", "中小企业补贴"), T("inclusive cloud", "普惠上云"), T("skills drive", "数字技能行动")]\n'
           'fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))\n'
           'band_plot(axes[0], "tfp_index", ADOPTION, T("TFP index", "全要素生产率指数"))\n'
           'band_plot(axes[1], "adoption_index_sme", ADOPTION, T("SME adoption index", "中小企业采用指数"), percent=True)\n'
           'band_plot(axes[2], "unemployment_rate", ADOPTION, T("unemployment rate", "失业率"), percent=True)\n'
           'axes[0].legend()\n'
           'fig.tight_layout()'),
    md("## Effects, seed by seed\n\nEvery scenario ran with the baseline's seeds, so we can subtract the baseline "
       "**seed by seed**: the luck that both runs share cancels out. `comparison_table` does it as "
       "`python run.py compare` does: a run's value is its mean over the final year. Each cell shows the mean "
       "difference and its 95% interval over the seeds; shares are in percentage points (pp); a `*` marks an "
       "interval that excludes zero, a difference larger than the noise of these seeds.",
       "## 逐个种子的政策效果\n\n每个情景都使用了基准的种子，所以可以**逐个种子**减去基准：两次运行共有的运气被抵消。"
       "`comparison_table` 的做法与 `python run.py compare` 相同：一次运行的取值是其最后一年的平均值。每格显示平均"
       "差异及其在各种子上的 95% 区间；比例以百分点（pp）表示；`*` 表示区间不含零，即差异大于这些种子的噪声。"),
    code('COMPARED = ["tfp_index", "adoption_index_sme", "adoption_robots", "robot_density", "unemployment_rate",\n'
         '            "wage_low", "barrier_unwilling_small", "barrier_afraid_small", "barrier_unable_small",\n'
         '            "platform_commission", "gig_earnings_ratio", "flexible_employment_share", "gini_income",\n'
         '            "policy_spending_cumulative"]\n'
         'from model.report.i18n import metric_info  # definition and unit of a metric, per-group names included\n'
         'SHARE_METRICS = [m for m in COMPARED if metric_info(m)[1] == "share"]  # shown in percentage points\n'
         'from model.report.stats import comparison_table, lever_costs\n'
         'effects = comparison_table(by_scenario)  # the first scenario (the baseline) is the reference\n'
         'def effects_of(metrics):\n'
         '    return effect_table(effects, metrics, percent=SHARE_METRICS,\n'
         '                        decimals={"robot_density": 0, "policy_spending_cumulative": 0})\n'
         'effects_of(["tfp_index", "adoption_index_sme", "unemployment_rate", "gini_income"])'),
    md("## Robots and jobs: a robot tax and a robot subsidy\n\nIn 01 we saw robots spread while some workers lost "
       "jobs. Here the same economy runs with robots made 20% dearer (a tax) or 20% cheaper (a subsidy) from "
       "2027. If robots destroyed jobs, the tax should save some and the subsidy cost some.",
       "## 机器人与就业：机器人税与机器人补贴\n\n在 01 中我们看到机器人逐渐普及，同时有劳动者失去工作。这里同一个经济"
       "从 2027 年起让机器人贵 20%（征税）或便宜 20%（补贴）。如果机器人摧毁岗位，征税应能保住一些岗位，补贴则会"
       "损失一些。"),
    code('ROBOTS = [BASE, T("robot tax", "机器人税"), T("robot subsidy", "机器人补贴")]\n'
         'effects_of(["adoption_robots", "robot_density", "unemployment_rate", "wage_low", "tfp_index",\n'
         '            "policy_spending_cumulative"]).loc[ROBOTS[1:]]'),
    figure('fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))\n'
           'band_plot(axes[0], "robot_density", ROBOTS, T("robots per 10,000 industrial workers", "每万名工业劳动者的机器人数"))\n'
           'band_plot(axes[1], "unemployment_rate", ROBOTS, T("unemployment rate", "失业率"), percent=True)\n'
           'band_plot(axes[2], "wage_low", ROBOTS, T("low-skill wage", "低技能工资"))\n'
           'axes[0].legend()\n'
           'fig.tight_layout()'),
    md("## The three barriers under three policies\n\nEach policy aims at a different barrier: the **SME subsidy** "
       "pays 40% of the cost and adds advisory services (*unwilling*, *afraid*); **inclusive cloud** lets SMEs "
       "adopt data and AI with nothing to pay up front (the finance part of *afraid*); the **skills drive** trains "
       "workers (*unable*). The lines are the shares of non-adopting SMEs stopped by each barrier, mean over "
       "seeds.",
       "## 三项政策下的三个障碍\n\n每项政策针对不同的障碍：**中小企业补贴**承担 40% 的成本并提供咨询服务（“不愿”、"
       "“不敢”）；**普惠上云**让中小企业无需预付即可采用数据和人工智能（“不敢”中的融资部分）；**数字技能行动**培训"
       "劳动者（“不会”）。各条线是未采用的中小企业中被各障碍阻挡的比例（各种子平均）。"),
    figure('BARRIER_NAMES = {"unwilling": T("unwilling", "不愿"), "afraid": T("afraid", "不敢"), "unable": T("unable", "不会")}\n'
           'fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), sharey=True)\n'
           'for ax, (key, title) in zip(axes, BARRIER_NAMES.items()):\n'
           '    band_plot(ax, f"barrier_{key}_small", ADOPTION, title, percent=True)\n'
           'axes[0].legend(fontsize=8)\n'
           'fig.tight_layout()'),
    code('effects_of(["barrier_unwilling_small", "barrier_afraid_small", "barrier_unable_small",\n'
         '            "adoption_index_sme", "adoption_robots"]).loc[ADOPTION[1:]]'),
    md("## Gig platforms: a commission cap and social insurance\n\nThe platform rules cap the commission at 15% "
       "and make platforms pay 5% of gross gig earnings into their workers' social insurance.",
       "## 零工平台：佣金上限与社会保险\n\n平台规制把佣金上限定为 15%，并要求平台按零工总收入的 5% 为其缴纳社会保险。"),
    code('PLATFORM = [BASE, T("platform rules", "平台规制")]\n'
         'effects_of(["platform_commission", "gig_earnings_ratio", "flexible_employment_share", "unemployment_rate",\n'
         '            "gini_income"]).loc[PLATFORM[1:]]'),
    figure('fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))\n'
           'band_plot(axes[0], "gig_earnings_ratio", PLATFORM, T("gig earnings / mean wage", "零工收入 / 平均工资"), percent=True)\n'
           'band_plot(axes[1], "flexible_employment_share", PLATFORM, T("gig workers / working people", "零工占就业者比例"),\n'
           '          percent=True)\n'
           'axes[0].legend()\n'
           'fig.tight_layout()'),
    md("## What the levers cost\n\nEvery lever books its spending (a tax books negative spending: revenue). "
       "`lever_costs` sums each lever's net spending over the run, as a share of a year's GDP at the start, and "
       "divides it by the TFP gain against the baseline (seed by seed) to price one TFP point, but only where "
       "the gain is larger than the noise; otherwise the verdict says why there is no price.",
       "## 政策的成本\n\n每项政策都会记录其支出（税收记为负支出，即收入）。`lever_costs` 把每项政策在整个运行期间的"
       "净支出加总，表示为期初一年 GDP 的比例，再除以相对于基准的全要素生产率增益（逐个种子比较），得到每个百分点"
       "的价格，但只在增益大于噪声时给出；否则“结论”一栏说明为什么没有价格。"),
    code('costs = lever_costs(by_scenario, scenarios)\n'
         'shown = pd.DataFrame({\n'
         '    T("lever", "政策"): costs["lever_key"],\n'
         '    T("net spending / a year\'s GDP", "净支出 / 一年 GDP"): costs["share_gdp"] / 100,\n'
         '    T("TFP gain (points)", "TFP 增益（百分点）"): costs["tfp_gain"],\n'
         '    T("95% CI low", "95% 区间下限"): costs["tfp_gain_ci_low"],\n'
         '    T("95% CI high", "95% 区间上限"): costs["tfp_gain_ci_high"],\n'
         '    T("GDP share per TFP point", "每百分点 TFP 的 GDP 占比"): costs["cost_per_point"].astype(float) / 100,\n'
         '    T("verdict", "结论"): costs["verdict"]}).set_index(costs["scenario"])\n'
         'table(shown, percent=[shown.columns[1], shown.columns[5]], decimals=2, signed=False)'),
    md("With more seeds and the full population, `python run.py compare A.yaml B.yaml --seeds 10` runs the "
       "same comparison on the command line and writes a report with confidence intervals.",
       "若要更多种子和完整人口规模，命令行 `python run.py compare A.yaml B.yaml --seeds 10 --lang zh` "
       "会做同样的比较，并生成带置信区间的报告。"),
    QUESTIONS,
    question("**1.** Which policy raises SME adoption most? Which one helps workers most? Which differences are "
             "larger than the noise?",
             "**1.** 哪项政策最能提高中小企业的采用率？哪项对劳动者最有帮助？哪些差异大于噪声？"),
    answer_code('for metric in ["adoption_index_sme", "adoption_robots", "unemployment_rate", "gini_income"]:\n'
                '    part = effects[(effects["metric"] == metric) & (effects["scenario"] != BASE)]\n'
                '    part = part.sort_values("diff", ascending=False)\n'
                '    clear = (part["diff_ci_low"] > 0) | (part["diff_ci_high"] < 0)\n'
                '    print(metric + ":", "; ".join(f"{r.scenario} {r.diff:+.4f}{\' *\' if c else \'\'}"\n'
                '                                  for r, c in zip(part.itertuples(), clear)))'),
    answer("The cell ranks the scenarios on each metric (a `*`: the 95% interval excludes zero). Make the class "
           "separate the ranking from the evidence: in a classroom-sized economy with five seeds, many "
           "differences are smaller than the noise, and a ranking of differences that are all noise means "
           "nothing. The SME subsidy pays part of the cost of all three technologies, robots included, which is "
           "why it can raise robot adoption more than a subsidy on robots alone (next question). For workers, "
           "look at unemployment and the income Gini together, and at who is affected: the skills drive works "
           "through workers, the others through firms.",
           "单元格按各指标给情景排序（`*`：95% 区间不含零）。让学生把排序与证据分开：在课堂规模的经济中只用五个种子，"
           "许多差异小于噪声，而对一堆噪声排序毫无意义。中小企业补贴承担三项技术（包括机器人）的一部分成本，这就是它"
           "对机器人采用的提升可能超过单独的机器人补贴的原因（见下一题）。对劳动者，要同时看失业率和收入基尼系数，"
           "并看谁受影响：数字技能行动作用于劳动者，其他政策作用于企业。"),
    question("**2.** Does taxing robots save jobs in this model? Does subsidising them cost jobs? Why might the "
             "effect be so small, or have a surprising sign?",
             "**2.** 在这个模型里，对机器人征税能保住岗位吗？补贴机器人会损失岗位吗？为什么效果可能很小，"
             "或者符号出人意料？"),
    answer_code('from model.automation import automated_task_saving\n'
                'def robot_saving(file):\n'
                '    # share of the low-skill labour cost robots save on the tasks a firm automates, after 3 years\n'
                '    # (model/automation.py: the mean over automated tasks; the marginal one saves nothing)\n'
                '    m = EconomyModel(load_scenario(ROOT / "scenarios" / f"{file}.yaml", overrides=SMALL), seed=1,\n'
                '                     agents=False)\n'
                '    for _ in range(12):\n'
                '        m.step()\n'
                '    return np.median(-np.expm1(-automated_task_saving(m)))\n'
                'for name in ROBOTS:\n'
                '    saving = robot_saving(SCENARIOS[name])\n'
                '    print(T(f"{name}: robots save {saving:.0%} of the low-skill labour cost of the tasks they do (median firm)",\n'
                '            f"{name}：机器人在其承担的任务上节省低技能劳动成本的 {saving:.0%}（中位企业）"))'),
    answer("Read the robot rows of the effects table first. In the runs made while writing this notebook, "
           "neither the tax nor the subsidy moved robot adoption or unemployment by more than the seed noise; "
           "check the `*` marks of your run. The cell above shows why: at these wages robots save about half the "
           "low-skill labour cost of the tasks they do (the tasks a firm automates are those where they are "
           "cheaper), so making it 20% dearer or cheaper changes the gain only a little, "
           "and the firms that find robots worthwhile still do. Also, the tax or subsidy is on robot **purchases** "
           "(the robots a user installs), not on the one-off cost of adopting robots (integration, reorganisation), "
           "which the SME subsidy pays 40% of; that is why the SME subsidy can raise robot adoption more than the "
           "robot subsidy (compare their `adoption_robots` effects). What the price does move is **how much** robot "
           "users automate: each automates the tasks where a robot is cheaper than a worker (model/automation.py), "
           "so the robot stock falls under the tax and rises under the subsidy (look at `robot_density`, and at "
           "`robot_stock` and `automated_share` in the runs' timeseries). Two surprises to discuss honestly: the "
           "subsidy raises spending partly for robots firms would have bought anyway (a deadweight cost), and "
           "fewer robots leave more manual tasks to people (the displacement effect, reversed), but robots also "
           "lower costs and prices and so raise output, which needs people too (the productivity effect), and a "
           "tax or subsidy also changes the government's spending and so demand. Which effect wins is the "
           "question: in the small test economy a 50% tax raises industry's low-skill employment in 7 of 8 seeds "
           "(by about 5%), while a 20% tax moves it less than the noise between seeds. "
           "A class can test this: copy `scenarios/robot_tax.yaml`, raise its `rate`, add the copy to `SCENARIOS` "
           "and look for whether, and at what rate, robot adoption clearly falls (the lever accepts rates up to "
           "200%).",
           "先读效果表中机器人相关的几行。在编写本笔记本时的运行中，征税和补贴对机器人采用和失业率的影响都没有超过"
           "种子噪声；请查看你这次运行的 `*` 标记。上面的单元格说明了原因：在当前工资水平下，机器人在其承担的任务上"
           "节省约一半的低技能劳动成本（企业只把机器人更便宜的任务自动化），所以价格贵或便宜 20% 只会稍微改变收益，觉得机器人划算的企业照样会采用。此外，税收或补贴针对的是机器人**购置**（使用者安装的机器人），而不是采用机器人的一次性"
           "成本（集成、重组），后者由中小企业补贴承担 40%；这就是为什么中小企业补贴对机器人采用的提升可能超过机器人补贴"
           "（比较二者的 `adoption_robots` 效果）。"
           "价格真正改变的是机器人用户**自动化多少**：每个用户把机器人比工人便宜的任务自动化（model/automation.py），"
           "所以征税时机器人存量下降、补贴时上升（看 `robot_density`，以及运行时间序列中的 `robot_stock` 和 "
           "`automated_share`）。要如实讨论两个意外：补贴增加的支出有一部分用于企业本来就会购买的机器人（无谓成本）；"
           "机器人少了，留给人做的体力任务就多了（替代效应反向作用），但机器人也降低成本和价格、提高产出，而产出同样"
           "需要人（生产率效应）；税收或补贴还会改变政府支出，从而改变需求。哪种效应占上风正是要讨论的问题：在小型"
           "测试经济中，50% 的税率在 8 个种子中有 7 个提高了工业的低技能就业（约 5%），而 20% 的税率带来的变化小于种子间的噪声。可以让全班检验：复制 "
           "`scenarios/robot_tax.yaml`，提高其中的 `rate`，把副本加入 `SCENARIOS`，看看机器人采用率是否会明显下降、在"
           "多高的税率下下降（该政策接受最高 200% 的税率）。"),
    question("**3.** Which barrier did each policy move? Did removing one barrier reveal another?",
             "**3.** 每项政策移动了哪个障碍？去掉一个障碍后，是否暴露出另一个障碍？"),
    answer_code('print(effects_of(["barrier_unwilling_small", "barrier_afraid_small", "barrier_unable_small"])\n'
                '      .loc[ADOPTION[1:]].to_string())'),
    answer("Inclusive cloud removes the up-front payment, so it should lower the *afraid* share; the SME subsidy "
           "lowers the cost and spreads awareness; the skills drive adds digitally skilled workers. Two things "
           "make the shares tricky and worth discussing: they are shares **of the firms that have not adopted "
           "yet**, so when a policy lets the easiest firms adopt, the ones left are the harder cases; and the "
           "barriers are checked **in order** (unwilling, afraid, unable), so a firm no longer stopped by "
           "*afraid* can be counted under *unable*, and a rise in one share after a policy can mean the policy "
           "worked on the barrier before it. If the *unwilling* share rises under inclusive cloud, that is "
           "composition, not firms changing their minds: the firms the finance barrier held back adopt and leave "
           "the pool, so among the firms still left a larger share are unwilling (inclusive cloud does not change "
           "the cost a firm weighs against the gain, only when it pays).",
           "普惠上云免去了预付，因此应当降低“不敢”的比例；中小企业补贴降低成本并传播认知；数字技能行动增加了有数字"
           "技能的劳动者。有两点使这些比例不易解读，值得讨论：它们是**尚未采用的企业**中的比例，政策让最容易的企业先"
           "采用后，剩下的都是更难的企业；障碍**按顺序**检验（不愿、不敢、不会），不再被“不敢”阻挡的企业可能被计入"
           "“不会”，所以政策之后某个比例上升，可能恰恰说明政策对它前面的障碍起了作用。如果普惠上云下“不愿”的比例"
           "上升，那是构成变化，而不是企业改变了主意：原先被融资障碍挡住的企业采用后离开了未采用者的行列，剩下的企业中"
           "“不愿”的比例就更大（普惠上云不改变企业拿来与收益比较的成本，只改变付款的时间）。"),
    question("**4.** Who gains from the platform rules, and who pays?",
             "**4.** 平台规制让谁受益，由谁承担？"),
    answer_code('print(effects_of(["platform_commission", "gig_earnings_ratio", "flexible_employment_share",\n'
                '                  "gini_income"]).loc[PLATFORM[1:]].to_string())'),
    answer("The cap lowers the commission platforms take, so gig workers keep more of what consumers pay: the "
           "gig earnings ratio should rise (check its `*`). Platforms pay for it with lower revenue and with the "
           "social insurance contribution; in this model the rules cost the government nothing (the lever's "
           "`cost` is 0). Ask what else can change: better gig pay draws more workers into gig work (the "
           "flexible share), and more gig workers share the same demand, which pulls each one's earnings back "
           "down. The model does not let platforms respond by raising prices to consumers or leaving the "
           "market: say so when students ask whether the gain would last.",
           "佣金上限降低了平台抽成，零工能留下消费者所付费用中更多的部分：零工收入比应当上升（看它的 `*`）。平台以"
           "更低的收入和社会保险缴费承担成本；在这个模型中规制对政府没有成本（该政策的 `cost` 为 0）。问问学生还有"
           "什么会变：零工收入提高会吸引更多劳动者做零工（灵活就业比例），更多零工分享同样的需求，又会把每个人的收入"
           "拉低。模型不允许平台通过向消费者涨价或退出市场来应对：学生问到收益能否持续时，要如实说明。"),
    question("**5.** Which lever buys a TFP point most cheaply? Is the price of a TFP point the only thing that "
             "matters?",
             "**5.** 哪项政策买一个百分点全要素生产率最便宜？每百分点的价格是唯一重要的标准吗？"),
    answer("Read the cost table first: where the verdict is `not_significant` or `no_gain`, the TFP gain is "
           "within the noise of these seeds and there is no price to compare; say so rather than rank the "
           "levers by a number the model did not give. Even with a price, the answer is no. The price of a TFP "
           "point leaves out who gains (SMEs or large firms, workers or owners), jobs, "
           "inequality, how sure we are, and timing (adoption pays off only after the adjustment period). A tax books "
           "negative spending, so its 'price' is not comparable with a subsidy's. Ask the class to pick one "
           "policy and defend it on two criteria other than cost, using the tables above.",
           "先读成本表：结论为 `not_significant` 或 `no_gain` 的，全要素生产率增益在这些种子的噪声范围内，没有可比较的"
           "价格；要如实说明，而不是用模型没有给出的数字给政策排序。即使有价格，答案也是否定的。"
           "每个百分点的价格没有考虑谁受益（中小企业还是大企业、劳动者还是所有者）、就业、不平等、我们有多大"
           "把握，以及时间（采用要过了调整期才见效）。"
           "税收记为负支出，所以它的“价格”不能与补贴直接比较。请全班选一项政策，用上面的表格，从成本以外的两个标准"
           "为它辩护。"),
]
