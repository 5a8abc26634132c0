"""Notebook 01: run the baseline; robots and jobs, the three barriers, gig platforms, the digital divide."""

from __future__ import annotations

from content.cells import QUESTIONS, SETUP, answer, answer_code, code, figure, md, question

CELLS = [
    md("# 1. Quick start: run the baseline economy\n\n"
       "This model is an economy of **firms**, **workers** and **platforms**. Each step is one quarter. "
       "Firms decide whether to adopt three technologies (**data**, **robots**, **AI**); adopting takes an "
       "adjustment period before it pays off. Workers can lose their job to automation, work through gig "
       "platforms, train, and find new jobs. In this notebook we run the baseline and read what it says about "
       "productivity, **robots and jobs**, the **three barriers** that hold small firms back, **gig platforms** "
       "and the digital divide.",
       "# 1. 快速上手：运行基准经济\n\n"
       "这个模型是一个由**企业**、**劳动者**和**平台**组成的经济体。每一步代表一个季度。企业决定是否采用三种技术"
       "（**数据**、**机器人**、**人工智能**）；采用后要经过一段调整期才能见效。劳动者可能因自动化失去工作，"
       "转到零工平台工作、参加培训并重新就业。本笔记本运行基准情景，解读它关于生产率、**机器人与就业**、"
       "阻碍中小企业的**三个障碍**、**零工平台**以及数字鸿沟的结果。"),
    code(SETUP),
    md("## Run the baseline\n\nWe load `scenarios/baseline.yaml` and simulate all its quarters (2025 to 2035) with "
       "the scenario's full population; the cell prints its size and how long the run took. The same seed always "
       "gives the same numbers. Shares are shown as percentages.",
       "## 运行基准情景\n\n我们读取 `scenarios/baseline.yaml`，用情景的完整人口规模模拟全部季度（2025 至 2035 年）；"
       "单元格会打印规模和运行用时。相同的随机种子总是得到相同的结果。比例以百分数显示。"),
    code('scenario = load_scenario(ROOT / "scenarios" / "baseline.yaml")\n'
         'STEPS = scenario.steps\n'
         'started = time.perf_counter()\n'
         'result = simulate(scenario, seed=1)\n'
         'ts = result.timeseries\n'
         'pop = scenario.population\n'
         'print(T(f"{pop.firms:,} firms, {pop.workers:,} workers, {STEPS} quarters: {time.perf_counter() - started:.1f} s",\n'
         '        f"{pop.firms:,} 家企业，{pop.workers:,} 名劳动者，{STEPS} 个季度：用时 {time.perf_counter() - started:.1f} 秒"))\n'
         'SHARES = ["adoption_data", "adoption_robots", "adoption_ai", "unemployment_rate", "flexible_employment_share"]\n'
         'table(ts.set_index("period")[["tfp_index", *SHARES, "digital_divide_index"]].iloc[::8], percent=SHARES,\n'
         '      decimals=3)'),
    md("## The overview\n\nFour panels: productivity, adoption of each technology, work and the digital divide.",
       "## 概览图\n\n四个面板：生产率、各项技术的采用率、就业和数字鸿沟。"),
    figure('PANELS = {\n'
           '    T("Productivity (index)", "生产率（指数）"): {"tfp_index": T("TFP", "全要素生产率"),\n'
           '        "digital_contribution": T("digital contribution", "数字技术贡献")},\n'
           '    T("Adoption (share of firms)", "采用率（企业占比）"): {"adoption_data": T("data", "数据"),\n'
           '        "adoption_robots": T("robots", "机器人"), "adoption_ai": T("AI", "人工智能")},\n'
           '    T("Work (share of workers)", "就业（劳动者占比）"): {"unemployment_rate": T("unemployed", "失业率"),\n'
           '        "flexible_employment_share": T("gig work (of working people)", "灵活就业（占就业者）"),\n'
           '        "digital_talent_gap": T("digital talent gap", "数字人才缺口")},\n'
           '    T("Digital divide", "数字鸿沟"): {"digital_divide_index": T("composite index", "综合指数"),\n'
           '        "adoption_gap_size": T("large minus SME adoption", "大企业与中小企业采用差距"),\n'
           '        "gini_income": T("income Gini", "收入基尼系数")},\n'
           '}\n'
           'fig, axes = plt.subplots(2, 2, figsize=(11, 6.5), sharex=True)\n'
           'for ax, (title, series) in zip(axes.ravel(), PANELS.items()):\n'
           '    for column, name in series.items():\n'
           '        ax.plot(ts["step"], ts[column], label=name)\n'
           '    ax.set_title(title); ax.grid(alpha=0.3); ax.legend(fontsize=8)\n'
           'for ax in axes.ravel()[1:3]:\n'
           '    ax.yaxis.set_major_formatter(PercentFormatter(1))\n'
           'for ax in axes[1]:\n'
           '    ax.set_xlabel(T("quarter (0 = 2025Q1)", "季度（0 = 2025 年第一季度）"))\n'
           'fig.tight_layout()'),
    md("## What TFP means here\n\n**Total factor productivity (TFP)** is output that is *not* explained by "
       "more capital or more workers: the Solow residual. Here it is an index equal to 1 at the start, so 1.05 "
       "means the economy gets 5% more out of the same inputs. The model also measures how much of that comes "
       "from digital technology at fixed inputs (`digital_contribution`, `potential_output_digital_ratio`: an "
       "accounting ratio; the counterfactual share, from a twin run with digital technology unavailable, is "
       "`python run.py decompose`). The exact definitions:",
       "## 这里的全要素生产率是什么意思\n\n**全要素生产率（TFP）**是不能由更多资本或更多劳动解释的那部分产出，"
       "即索洛余值。这里它是一个起点为 1 的指数：1.05 表示同样的投入多产出 5%。模型还衡量其中有多少来自数字技术"
       "（`digital_contribution`、`potential_output_digital_ratio`：一个会计比率；用“数字技术不可用”的对照运行得到的反事实份额"
       "见 `python run.py decompose`）。精确定义如下："),
    code('for name in ["tfp_index", "labor_productivity", "digital_contribution", "potential_output_digital_ratio"]:\n'
         '    print(f"{name}: {METRICS[name][0]}")'),
    md("## Robots and jobs\n\nEvery sector weighs three kinds of task: **routine manual** (done by low-skill "
       "workers, or by robots), **routine cognitive** (mid-skill workers, or AI) and **non-routine** (high-skill "
       "workers, whom AI augments). A firm that integrates robots moves part of its routine manual tasks to "
       "robots when a robot costs less than the workers it replaces. Year by year: robots per 10,000 industrial "
       "workers, the share of firms using robots, workers who lost a job (layoffs and firm exits, for any "
       "reason), displaced workers hired again, and unemployment.",
       "## 机器人与就业\n\n每个行业都有三类任务：**常规体力任务**（由低技能劳动者或机器人完成）、**常规认知任务**"
       "（中等技能劳动者或人工智能）和**非常规任务**（高技能劳动者，人工智能起增强作用）。整合了机器人的企业，"
       "在机器人比所替代的工人更便宜时，把一部分常规体力任务交给机器人。逐年来看：每万名工业劳动者的机器人数量、"
       "使用机器人的企业比例、失去工作的人数（裁员和企业退出，不论原因）、被裁后再就业的人数，以及失业率。"),
    code('ts["year"] = (ts["step"] + 3) // 4  # year of the run: 0 is the start, 1 is quarters 1-4, ...\n'
         'yearly = ts.groupby("year").agg(to=("period", "last"), robot_density=("robot_density", "last"),\n'
         '    adoption_robots=("adoption_robots", "last"), displacements=("displacements", "sum"),\n'
         '    reemployed=("reemployed", "sum"), unemployment_rate=("unemployment_rate", "last"))\n'
         'table(yearly, percent=["adoption_robots", "unemployment_rate"],\n'
         '      integer=["robot_density", "displacements", "reemployed"])'),
    md("`simulate` keeps the metrics of every quarter, not the workers. To count **who works, by skill**, we "
       "step a second copy of the same economy ourselves (same scenario, same seed: the same history) and count "
       "the workers after each quarter.",
       "`simulate` 保存每个季度的指标，而不保存劳动者。为了按技能统计**谁在工作**，我们自己逐步运行同一经济的"
       "第二个副本（相同情景、相同种子：相同的历史），并在每个季度后清点劳动者。"),
    code('from model.state import EMPLOYED, GIG, NONE, ROBOTS, SKILL_NAMES\n'
         'model = EconomyModel(scenario, seed=1)\n'
         'staff_start, output_start = model.firms.headcount.copy(), model.firms.output.copy()  # for later\n'
         'def who_works():\n'
         '    w = model.workers\n'
         '    row = {f"employed_{s}": int(((w.status == EMPLOYED) & (w.skill == k)).sum())\n'
         '           for k, s in enumerate(SKILL_NAMES)}\n'
         '    row["gig"] = int((w.status == GIG).sum())\n'
         '    return row\n'
         'work = [who_works()]\n'
         'for _ in range(STEPS):\n'
         '    model.step()\n'
         '    work.append(who_works())\n'
         'work = pd.DataFrame(work, index=ts["period"])\n'
         'assert np.allclose(pd.DataFrame(model.records)["gdp"], ts["gdp"])  # the same history as the run above\n'
         'change = work.iloc[-1] / work.iloc[0] - 1\n'
         'table(pd.DataFrame({ts["period"].iloc[0]: work.iloc[0], ts["period"].iloc[-1]: work.iloc[-1],\n'
         '                    T("change", "变化"): change}), integer=[ts["period"].iloc[0], ts["period"].iloc[-1]],\n'
         '      percent=[T("change", "变化")])'),
    figure('fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))\n'
           'axes[0].plot(ts["step"], ts["robot_density"], color="C3")\n'
           'axes[0].set_title(T("robots per 10,000 industrial workers", "每万名工业劳动者的机器人数"))\n'
           'names = {"employed_low": T("employed, low skill (routine manual)", "受雇：低技能（常规体力）"),\n'
           '         "employed_mid": T("employed, mid skill (routine cognitive)", "受雇：中等技能（常规认知）"),\n'
           '         "employed_high": T("employed, high skill (non-routine)", "受雇：高技能（非常规）"),\n'
           '         "gig": T("gig workers", "零工")}\n'
           'for column, name in names.items():\n'
           '    axes[1].plot(ts["step"], work[column].to_numpy() / work[column].iloc[0], label=name)\n'
           'axes[1].set_title(T("workers, start = 1", "劳动者人数（起点 = 1）")); axes[1].legend(fontsize=8)\n'
           'for ax in axes:\n'
           '    ax.set_xlabel(T("quarter", "季度")); ax.grid(alpha=0.3)\n'
           'fig.tight_layout()'),
    md("**Inside the firms.** Industrial firms that lived through all ten years: those that adopted robots "
       "during the run against those that never did. How did their low-skill staff, all their staff and their "
       "output change? (This compares different firms: it shows what happened, not what robots *caused*; "
       "notebook 02 asks that with a robot tax and a robot subsidy.)",
       "**企业内部。**存活满十年的工业企业：在此期间采用了机器人的企业，与从未采用的企业相比。它们的低技能员工、"
       "全部员工和产出如何变化？（这比较的是不同的企业：它显示发生了什么，而不是机器人*导致*了什么；"
       "笔记本 02 用机器人税和机器人补贴来回答后一个问题。）"),
    code('f = model.firms\n'
         'stayed = (f.age >= STEPS) & model.is_industry[f.sector]  # the same firm in its row all along\n'
         'groups = {T("adopted robots during the run", "期间采用了机器人"): stayed & (f.adopted_at[:, ROBOTS] >= 1),\n'
         '          T("never used robots", "从未使用机器人"): stayed & (f.stage[:, ROBOTS] == NONE)}\n'
         'inside = pd.DataFrame({name: {T("firms", "企业数"): rows.sum(),\n'
         '    T("low-skill staff", "低技能员工"): f.headcount[rows, 0].sum() / staff_start[rows, 0].sum() - 1,\n'
         '    T("all staff", "全部员工"): f.headcount[rows].sum() / staff_start[rows].sum() - 1,\n'
         '    T("output", "产出"): f.output[rows].sum() / output_start[rows].sum() - 1}\n'
         '    for name, rows in groups.items()}).T\n'
         'table(inside, integer=[T("firms", "企业数")], percent=list(inside.columns[1:]))'),
    md("## The three barriers: unwilling, afraid, unable (不愿、不敢、不会)\n\n"
       "Each quarter every firm that has not adopted a technology is checked, in this order:\n\n"
       "1. **Unwilling**: it does not know the technology's value yet, or believes the gain will not cover "
       "the cost;\n"
       "2. **Afraid**: the gain, discounted for risk and uncertainty, does not cover the cost, or it cannot "
       "finance the cost from cash and credit;\n"
       "3. **Unable**: too few digitally skilled staff (an industrial platform can supply part of the skill).\n\n"
       "A firm is counted under the **first** barrier that stops it; one that passes all three adopts with some "
       "chance each quarter. The table shows, at the end of the run, the share of non-adopting SMEs and micro "
       "firms stopped by each barrier, per technology.",
       "## 三个障碍：不愿、不敢、不会\n\n每个季度，每家尚未采用某项技术的企业都按以下顺序接受检验：\n\n"
       "1. **不愿**：还不了解这项技术的价值，或认为收益抵不上成本；\n"
       "2. **不敢**：按风险和不确定性折算后的收益抵不上成本，或无法用现金和信贷为成本融资；\n"
       "3. **不会**：数字技能员工太少（工业互联网平台可以补足一部分能力）。\n\n"
       "企业被计入**第一个**阻挡它的障碍；通过全部三项检验的企业每个季度以一定概率采用。下表给出运行结束时，"
       "未采用的中小微企业中被各障碍阻挡的比例（按技术分列）。"),
    code('BARRIERS = [T("unwilling", "不愿"), T("afraid", "不敢"), T("unable", "不会")]\n'
         'TECH_NAMES = [T("data", "数据"), T("robots", "机器人"), T("AI", "人工智能")]\n'
         'barriers = pd.DataFrame(result.model.barriers_small, index=TECH_NAMES, columns=BARRIERS)\n'
         'barriers[T("none: ready, not adopted yet", "未受阻：已具备条件，尚未采用")] = 1 - barriers.sum(axis=1)\n'
         'last = ts.iloc[-1]\n'
         'barriers.insert(0, T("SMEs not using it", "未采用的中小企业比例"),\n'
         '                [1 - last[f"adoption_{t}_sme"] for t in ("data", "robots", "ai")])\n'
         'table(barriers, percent=barriers.columns)'),
    figure('fig, ax = plt.subplots(figsize=(8, 3.6))\n'
           'ax.stackplot(ts["step"], *[ts[f"barrier_{b}_small"] for b in ("unwilling", "afraid", "unable")],\n'
           '             labels=BARRIERS, colors=["#9ecae1", "#fdae6b", "#a1d99b"])\n'
           'ax.yaxis.set_major_formatter(PercentFormatter(1)); ax.set_ylim(0, 1)\n'
           'ax.set_title(T("Non-adopting SMEs held back, by barrier (mean over the technologies)",\n'
           '               "未采用的中小企业被各障碍阻挡的比例（三项技术平均）"))\n'
           'ax.set_xlabel(T("quarter", "季度")); ax.legend(loc="lower right"); ax.grid(alpha=0.3)'),
    md("## Gig platforms\n\nGig platforms (ride-hailing, delivery, freelance work) match gig workers to consumers' "
       "demand and take a **commission**. Consumers prefer the platform with more workers, so the market "
       "tends to concentrate (`platform_hhi`: 1 means one platform). Workers join when gig work pays more than "
       "their alternative and leave when it pays less than the unemployment benefit. Earnings fall when too "
       "many workers share the demand.",
       "## 零工平台\n\n零工平台（网约车、外卖、自由职业）把零工与消费者的需求相匹配，并收取**佣金**。消费者偏好"
       "劳动者更多的平台，因此市场趋于集中（`platform_hhi`：1 表示只有一个平台）。当零工收入高于其他选择时劳动者"
       "加入，低于失业救济时退出。太多劳动者分享同样的需求时，收入就会下降。"),
    code('GIG = ["flexible_employment_share", "flexible_workers_millions", "gig_earnings_ratio",\n'
         '       "platform_commission", "platform_hhi", "gig_utilisation"]\n'
         'for name in GIG:\n'
         '    print(f"{name}: {METRICS[name][0]}")\n'
         'table(ts.set_index("period")[GIG].iloc[::8], decimals={"flexible_workers_millions": 1, "platform_hhi": 2},\n'
         '      percent=["flexible_employment_share", "gig_earnings_ratio", "platform_commission", "gig_utilisation"])'),
    figure('fig, ax = plt.subplots(figsize=(8, 3.6))\n'
           'for column, name in {"flexible_employment_share": T("gig workers / working people", "零工占就业者比例"),\n'
           '                     "gig_earnings_ratio": T("gig earnings / mean wage", "零工收入 / 平均工资"),\n'
           '                     "platform_commission": T("platform commission", "平台佣金率")}.items():\n'
           '    ax.plot(ts["step"], ts[column], label=name)\n'
           'ax.yaxis.set_major_formatter(PercentFormatter(1)); ax.set_ylim(bottom=0)\n'
           'ax.set_title(T("Gig work", "零工")); ax.set_xlabel(T("quarter", "季度")); ax.legend(); ax.grid(alpha=0.3)'),
    md("## The digital divide\n\nAdoption is uneven: small firms meet the three barriers more often, and regions "
       "differ in infrastructure. The model reports gaps between large firms and SMEs, between regions and "
       "sectors, digital-skill gaps between groups, the income Gini, and a composite index.",
       "## 数字鸿沟\n\n数字化转型并不均衡：小企业更常遇到三个障碍，各地区基础设施也不同。模型报告大企业与"
       "中小企业之间、地区之间和行业之间的采用差距，不同群体的数字技能差距，收入基尼系数，以及一个综合指数。"),
    code('groups = result.model.size_names + result.model.region_names\n'
         'adoption = pd.DataFrame({ts["period"].iloc[0]: [ts[f"adoption_index_{g}"].iloc[0] for g in groups],\n'
         '                         ts["period"].iloc[-1]: [ts[f"adoption_index_{g}"].iloc[-1] for g in groups]},\n'
         '                        index=groups)\n'
         'table(adoption, percent=adoption.columns)'),
    code('print(METRICS["digital_divide_index"][0])\n'
         'table(ts.set_index("period")[["digital_divide_index", "adoption_gap_size", "adoption_gap_region",\n'
         '                              "gini_income"]].iloc[[0, -1]], decimals=3)'),
    QUESTIONS,
    question("**1.** By how much did TFP change in ten years? How much of the change does the model put down "
             "to digital technology? Did TFP ever fall?",
             "**1.** 十年间全要素生产率变化了多少？模型把其中多少归因于数字技术？全要素生产率是否曾经下降？"),
    answer_code('first, last = ts.iloc[0], ts.iloc[-1]\n'
                'low = ts.loc[ts["tfp_index"].idxmin()]\n'
                'growth = last.tfp_index / first.tfp_index\n'
                'print(f"tfp_index: {first.tfp_index:.3f} -> {last.tfp_index:.3f} ({growth - 1:+.1%}; "\n'
                '      f"{growth ** (4 / STEPS) - 1:+.1%}", T("a year)", "每年）"))\n'
                'print(f"digital_contribution: {first.digital_contribution:.3f} -> {last.digital_contribution:.3f}")\n'
                'print(T("potential_output_digital_ratio at the end:", "期末 potential_output_digital_ratio："), f"{last.potential_output_digital_ratio:.0%}")\n'
                'print(T("lowest tfp_index:", "tfp_index 最低值："), f"{low.tfp_index:.3f}", T("in", "出现在"), low.period)'),
    answer("Read the numbers the cell prints. `potential_output_digital_ratio` is the log change of `digital_contribution` "
           "(output with digital technology over output of the same inputs without it) over the log change of "
           "TFP: an accounting ratio at fixed inputs, not what switching digital technology off would remove "
           "(`python run.py decompose` runs that counterfactual, and its share can be well below the ratio: some "
           "of what the ratio counts would have happened anyway through other firms). The rest comes "
           "from firms' own productivity drift and from **reallocation**: more productive firms growing and weak "
           "ones exiting (`op_covariance`). If the lowest TFP is below 1 and early in the run, that is the "
           "adjustment cost of adoption: firms pay and reorganise before the gain arrives (the productivity "
           "J-curve, see notebook 03). Point out that the index is a Solow residual: anything the model does "
           "not count as capital or labour lands in it.",
           "读单元格打印的数字。`potential_output_digital_ratio` 是 `digital_contribution`（有数字技术时的产出与同样投入但不用"
           "数字技术时产出之比）的对数变化除以全要素生产率的对数变化：这是在投入不变下的会计比率，并不是关闭数字技术会去掉的那部分增长"
           "（`python run.py decompose` 运行这一反事实，其份额可能远低于该比率：比率计入的部分增长没有数字技术也会通过其他企业发生）。"
           "其余部分来自企业自身生产率的变化和**资源再配置**：生产率更高的企业扩张、弱企业退出（`op_covariance`）。"
           "如果最低值低于 1 且出现在运行初期，那是采用的调整成本：企业先付费、先重组，收益后到（生产率 J 曲线，"
           "见笔记本 03）。提醒学生：这个指数是索洛余值，模型没有计入资本或劳动的一切都落在其中。"),
    question("**2.** Which size class adopts fastest? Why might micro firms lag? Use the barrier table.",
             "**2.** 哪类规模的企业采用最快？微型企业为什么可能落后？请利用障碍表回答。"),
    answer_code('sizes = result.model.size_names\n'
                'print(T("adoption index, start -> end:", "采用指数，起点 -> 终点："))\n'
                'for s in sizes:\n'
                '    print(f"  {s}: {ts[f\'adoption_index_{s}\'].iloc[0]:.0%} -> {ts[f\'adoption_index_{s}\'].iloc[-1]:.0%}")\n'
                'm = result.model\n'
                'print(pd.DataFrame({T("adoption cost factor", "采用成本系数"): m.size_cost,\n'
                '                    T("credit line / sales", "信贷额度 / 销售额"): m.credit_ratio,\n'
                '                    T("digitally skilled staff (mean)", "数字技能员工比例（平均）"):\n'
                '                        [m.firms.digital_staff[m.firms.size == k].mean() for k in range(len(sizes))]},\n'
                '                   index=sizes).round(2).to_string())\n'
                'print(T("most common barrier among non-adopting SMEs:", "未采用中小企业中最常见的障碍："),\n'
                '      barriers[BARRIERS].mean().idxmax())'),
    answer("Large firms start ahead and micro firms behind (the cell prints the adoption index by size class). "
           "The small table beside it shows why, from the model's own settings and state: a micro firm pays more "
           "to adopt (the cost scales with the size class's factor and with staff to the power 0.7, so per "
           "worker it is higher for a small firm), gets a smaller credit line for its sales, and has fewer "
           "digitally skilled staff. Be honest about the barrier table: **unwilling** is checked "
           "first, so it also collects firms that would be afraid or unable as well; a large 'unwilling' share "
           "means most non-adopters do not yet expect the gain to cover the cost, not that the other barriers "
           "do not matter. Notebook 02 removes one barrier at a time to see what is behind it.",
           "大企业起点领先，微型企业落后（单元格按规模打印采用指数）。旁边的小表用模型自身的设定和状态说明了原因：微型企业的采用成本"
           "更高（成本随规模系数和员工数的 0.7 次方增长，因此小企业的人均成本更高），相对于销售额的信贷额度更小，数字"
           "技能员工更少。"
           "解读障碍表时要实事求是：**不愿**最先检验，因此它也收纳了同时“不敢”或“不会”的企业；“不愿”比例高说明多数"
           "未采用企业尚不认为收益能抵上成本，并不说明其他障碍不重要。笔记本 02 一次去掉一个障碍，看看后面还有什么。"),
    question("**3.** Do robots take jobs in this model? Look at low-skill jobs, displacements and the firms that "
             "adopted robots.",
             "**3.** 在这个模型里机器人会抢走工作吗？请看低技能岗位、失业人次和采用机器人的企业。"),
    answer_code('print(T(f"robot density: {ts.robot_density.iloc[0]:,.0f} -> {ts.robot_density.iloc[-1]:,.0f} per 10,000",\n'
                '        f"机器人密度：每万人 {ts.robot_density.iloc[0]:,.0f} -> {ts.robot_density.iloc[-1]:,.0f}"))\n'
                'for column in ["employed_low", "employed_mid", "employed_high", "gig"]:\n'
                '    print(f"{column}: {work[column].iloc[0]:,} -> {work[column].iloc[-1]:,} ({change[column]:+.1%})")\n'
                'adopters, never = inside.iloc[0], inside.iloc[1]\n'
                'low = T("low-skill staff", "低技能员工")\n'
                'print(T("robot adopters\' low-skill staff changed by", "机器人采用企业的低技能员工变化"), f"{adopters[low]:+.1%};",\n'
                '      T("firms that never used robots:", "从未使用机器人的企业："), f"{never[low]:+.1%}")\n'
                'print(T("displacements over the run:", "整个运行期间的失业人次："), f"{ts.displacements.sum():,.0f}")'),
    answer("Let students read the printed changes before they answer. Points to make:\n\n"
           "* Robots take **tasks**, not whole jobs: they do part of the routine manual work of the firms that "
           "integrate them, up to a ceiling per firm. Whether that firm then employs fewer low-skill workers "
           "depends on how much more it sells at its lower cost.\n"
           "* `displacements` counts every layoff and firm exit, for any reason (demand, losses, automation): it "
           "is not a count of jobs lost to robots.\n"
           "* The adopters/non-adopters table compares different firms. Adopters chose to adopt (they expected "
           "a gain and could pay for it), and firms that never adopt often shrink as they lose customers to the "
           "adopters: read the output column next to the staff columns. So the comparison mixes what robots do "
           "inside a firm (more output per worker) with competition between firms. If a sign surprises the "
           "class, say so rather than explain it away: robots raise output, and output needs people for the "
           "tasks robots cannot do, so robot users need not shed staff one for one.\n"
           "* The fair test is the same economy with and without a push to robots: notebook 02 compares a robot "
           "tax and a robot subsidy against the baseline, seed by seed.",
           "先让学生读打印出来的变化再回答。要点：\n\n"
           "* 机器人接管的是**任务**而不是整个岗位：它们承担整合了机器人的企业的一部分常规体力工作，每家企业有上限。"
           "这家企业最终是否少雇低技能劳动者，取决于成本下降后它能多卖多少。\n"
           "* `displacements` 统计所有裁员和企业退出，不论原因（需求、亏损、自动化）：它不是被机器人替代的岗位数。\n"
           "* 采用者与未采用者的比较是不同企业之间的比较。采用者是自我选择的（预期有收益、付得起），而从未采用的企业"
           "常常因客户流向采用者而萎缩：请把产出一列与员工各列对照着读。因此这个比较混合了机器人在企业内部的作用（人均"
           "产出更高）和企业之间的竞争。如果某个符号出乎全班意料，要如实指出，而不是硬找理由：机器人提高产出，而产出"
           "需要人来完成机器人做不了的任务，所以使用机器人的企业不一定一对一地裁员。\n"
           "* 公平的检验是同一个经济在有无机器人推动下的对比：笔记本 02 用相同的种子，把机器人税和机器人补贴与基准比较。"),
    question("**4.** Is gig work a good deal for the workers who do it? Compare gig earnings with wages over the "
             "ten years. What does the platform take?",
             "**4.** 零工对从事它的劳动者来说划算吗？比较十年间零工收入与工资。平台拿走了多少？"),
    answer_code('first, last = ts.iloc[0], ts.iloc[-1]\n'
                'for name in GIG:\n'
                '    print(f"{name}: {first[name]:.3f} -> {last[name]:.3f}")'),
    answer("The printed `gig_earnings_ratio` is the mean net gig earning over the mean wage of employees. If it "
           "falls, gig pay is falling behind wages: wages rise with productivity, while gig earnings depend on "
           "consumers' demand for platform services shared among more gig workers, less the commission. "
           "Discuss who chooses gig work in the model: unemployed and low-paid workers join when it pays more "
           "than their alternative, so a low ratio can still be a better deal than unemployment. "
           "`flexible_workers_millions` scales the gig worker agents by `population.people_per_worker`; compare "
           "it with China's roughly 200 million flexible workers (seed document 004) only for a run with the "
           "scenario's full population. Notebook 02 tries a commission cap (platform regulation).",
           "打印的 `gig_earnings_ratio` 是零工平均净收入与雇员平均工资之比。如果它下降，说明零工收入跟不上工资："
           "工资随生产率上涨，而零工收入取决于消费者对平台服务的需求，由更多零工分享，再扣除佣金。讨论模型中谁选择"
           "零工：失业和低收入劳动者在零工收入高于其他选择时加入，所以比例低的零工仍可能好过失业。"
           "`flexible_workers_millions` 把零工个体数乘以 `population.people_per_worker`；只有在情景的完整人口规模下，"
           "才能把它与中国约 2 亿灵活就业人员（种子文档 004）相比。笔记本 02 尝试了佣金上限（平台规制）。"),
    question("**5.** Change `seed=1` to another number and run again. Which numbers move a lot, which barely?",
             "**5.** 把 `seed=1` 换成另一个数再运行一次。哪些数字变化很大，哪些几乎不变？"),
    answer_code('KEYS = ["tfp_index", "adoption_index", "unemployment_rate", "flexible_employment_share", "robot_density",\n'
                '        "gini_income", "barrier_unwilling_small"]\n'
                'ends = pd.DataFrame([simulate(scenario, seed=s, agents=False).summary["final"] for s in (1, 2, 3)])[KEYS]\n'
                'spread = pd.DataFrame({"min": ends.min(), "max": ends.max(),\n'
                '                       T("range / mean", "极差 / 均值"): (ends.max() - ends.min()) / ends.mean().abs()})\n'
                'table(spread.sort_values(T("range / mean", "极差 / 均值")), decimals=3, percent=[T("range / mean", "极差 / 均值")])'),
    answer("The table runs three seeds of the same scenario and sorts the metrics by their spread relative to "
           "their mean. Shares over many agents (adoption, employment) usually move little; metrics built from "
           "few agents (robots sit in a minority of industrial firms) or from differences between groups move "
           "more. This is why notebook 02 compares policies over several seeds, and why a single run is 'one "
           "possible history'.",
           "表格用三个种子运行同一情景，并按相对均值的离散程度排序。基于大量个体的比例（采用率、就业）通常变化不大；"
           "由少数个体构成的指标（机器人只在少数工业企业中）或群体之间的差距变化更大。这就是为什么笔记本 02 要用多个"
           "种子比较政策，也是为什么一次运行只是“一种可能的历史”。"),
]
