"""Notebook 03: follow one firm and one worker; the spread across firms."""

from __future__ import annotations

from content.cells import QUESTIONS, SETUP, answer, answer_code, code, figure, md, question

CELLS = [
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
         'table(story[[f"stage_{tech}", "productivity", "belief_ai", "capability"]].T, decimals=2)'),
    figure('fig, ax = plt.subplots(figsize=(8, 3.4))\n'
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
       "by each barrier (all firms, then SMEs and micro firms; notebook 01 explains the order of the checks):",
       "采用面临三个障碍：企业必须了解并相信收益（“不愿”）、承担得起风险和成本（“不敢”）、拥有数字技能人才（“不会”）。"
       "下表是被各障碍阻挡的未采用企业比例（先是全部企业，再是中小微企业；检验顺序见笔记本 01）："),
    code('BARRIER_COLUMNS = ["barrier_unwilling", "barrier_afraid", "barrier_unable",\n'
         '                   "barrier_unwilling_small", "barrier_afraid_small", "barrier_unable_small"]\n'
         'table(pd.DataFrame(model.records).set_index("period")[BARRIER_COLUMNS].iloc[::5], percent=BARRIER_COLUMNS)'),
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
         'table(w[w["worker"] == worker_id].set_index("step")[["status", "employer", "displaced", "training",\n'
         '                                                     "digital", "earnings"]], decimals=3)'),
    code('recs = pd.DataFrame(model.records)\n'
         'print(T("Across all workers this run:", "本次运行全体劳动者："))\n'
         'everyone = pd.Series({T("displacements (sum)", "失业人次（合计）"): recs["displacements"].sum(),\n'
         '                      T("re-employed (sum)", "再就业人次（合计）"): recs["reemployed"].sum(),\n'
         '                      T("trainees (sum)", "培训人次（合计）"): recs["trainees"].sum(),\n'
         '                      T("gig workers (mean)", "零工人数（平均）"): recs["gig_workers"].mean()}, name=T("workers", "人数"))\n'
         'table(everyone, integer=[everyone.name])'),
    md("## The distribution across firms\n\nOutput per worker differs a lot between firms. How does it differ "
       "by adoption stage and size class at the end of the run? (Firms with almost no sales, about to exit, are left "
       "out.)",
       "## 企业之间的分布\n\n不同企业的人均产出差异很大。在运行结束时，它如何随采用阶段和企业规模变化？"
       "（几乎没有销售、即将退出的企业不计入。）"),
    figure('from model.state import ADJUSTING, INTEGRATED\n'
           'stage = model.firms.stage  # [firm, technology]: 0 none, 1 adjusting, 2 integrated\n'
           'n_integrated = (stage == INTEGRATED).sum(axis=1)\n'
           'end = pd.DataFrame({"productivity": model.firms.output / np.maximum(model.firms.headcount.sum(axis=1), 1),\n'
           '                    "stage": np.where(n_integrated > 0, 1 + n_integrated, (stage == ADJUSTING).any(axis=1)),\n'
           '                    "size": np.array(model.size_names)[model.firms.size]})\n'
           'end = end[end["productivity"] > 0.05 * end["productivity"].median()]\n'
           'STAGE_NAMES = [T("none", "未采用"), T("adjusting", "调整中"), T("1 integrated", "整合 1 项"),\n'
           '               T("2 integrated", "整合 2 项"), T("3 integrated", "整合 3 项")]\n'
           'fig, axes = plt.subplots(1, 2, figsize=(12, 3.8))\n'
           'shown = [k for k in range(len(STAGE_NAMES)) if (end["stage"] == k).any()]\n'
           'axes[0].boxplot([end.loc[end["stage"] == k, "productivity"] for k in shown], showfliers=False)\n'
           'axes[0].set_xticks(range(1, 1 + len(shown)), [STAGE_NAMES[k] for k in shown], rotation=20)\n'
           'axes[0].set_title(T("output per worker by adoption stage", "按采用阶段的人均产出"))\n'
           'for size, part in end.groupby("size"):\n'
           '    axes[1].hist(np.log(part["productivity"]), bins=30, alpha=0.5, label=size)\n'
           'axes[1].set_title(T("log output per worker by size class", "按企业规模的人均产出（对数）")); axes[1].legend()\n'
           'fig.tight_layout()'),
    QUESTIONS,
    question("**1.** How long was the firm's adjustment period? Did its output per worker dip before it rose?",
             "**1.** 这家企业的调整期有多长？它的人均产出在上升前是否先下降？"),
    answer_code('rel = story["productivity"] / story["productivity"].iloc[0]\n'
                'adjusting = story.index[story[f"stage_{tech}"] == 1]\n'
                'if len(adjusting):\n'
                '    before = rel.loc[:adjusting.min() - 1]\n'
                '    print(T(f"{len(adjusting)} quarters adjusting (quarters {adjusting.min()} to {adjusting.max()})",\n'
                '            f"调整期 {len(adjusting)} 个季度（第 {adjusting.min()} 至 {adjusting.max()} 季度）"))\n'
                '    print(T("output per worker (start = 1): before adopting", "人均产出（起点 = 1）：采用前"),\n'
                '          f"{before.iloc[-1] if len(before) else rel.iloc[0]:.2f};",\n'
                '          T("lowest while adjusting", "调整期最低"), f"{rel.loc[adjusting].min():.2f};",\n'
                '          T("at the end", "期末"), f"{rel.iloc[-1]:.2f}")\n'
                'else:\n'
                '    print(T("no quarter of adjustment was recorded for this firm", "这家企业没有记录到调整期"))\n'
                'print(T("capability (0..1):", "数字能力（0..1）："), f"{story[\'capability\'].iloc[0]:.2f}")'),
    answer("The adjustment period is set when the firm adopts: the technology's `adjust_quarters`, longer for a "
           "firm with low digital capability (it is scaled by 1.5 minus capability, see `decide_adoption` in "
           "model/technology_adoption.py). During it the firm bears a productivity cost before the gain "
           "arrives: the J-curve of digital transformation. Whether the printed output per worker dips also "
           "depends on what else happens to the firm (demand, hiring and layoffs): output per worker is not the "
           "firm's TFP, so a firm can show no dip, or a dip for other reasons. Say so if the curve looks flat.",
           "调整期在企业采用时确定：取该技术的 `adjust_quarters`，数字能力低的企业更长（乘以 1.5 减去能力，见 "
           "model/technology_adoption.py 的 `decide_adoption`）。调整期内企业先承担生产率损失，收益随后到来：数字化转型"
           "的 J 曲线。打印出的人均产出是否下降，还取决于企业的其他变化（需求、招聘和裁员）：人均产出不是企业的全要素"
           "生产率，所以可能看不到下降，也可能因为别的原因下降。如果曲线很平，要如实说明。"),
    question("**2.** Which barrier holds back small firms most? Which policy would you aim at it?",
             "**2.** 哪个障碍最阻碍小企业？你会用哪项政策来针对它？"),
    answer_code('last = pd.Series({b: model.records[-1][f"barrier_{b}_small"] for b in ("unwilling", "afraid", "unable")})\n'
                'print(T("non-adopting SMEs stopped by each barrier at the end:", "期末未采用中小企业被各障碍阻挡的比例："),\n'
                '      ", ".join(f"{b} {v:.0%}" for b, v in last.items()))'),
    answer("Levers that aim at each barrier (`python run.py list` describes them): **unwilling**: the advisory "
           "part of `sme_subsidy` (firms learn a technology's value sooner), `public_data` and `data_sharing` "
           "(a larger gain from data); **afraid**: the cost share of `sme_subsidy`, `cloud_onboarding` (nothing "
           "to pay up front), `compute_voucher` (AI's running cost); **unable**: `skills_training` and "
           "`platform_membership` (industrial platforms supply part of the skills). Remind students that the "
           "barriers are checked in order, so the first one collects firms that face the later ones too; a "
           "policy aimed at the largest share may reveal the next barrier rather than produce adopters "
           "(notebook 02, question 3).",
           "针对各障碍的政策工具（`python run.py list` 有说明）：**不愿**：`sme_subsidy` 的咨询服务部分（企业更早了解"
           "技术价值）、`public_data` 和 `data_sharing`（数据带来更大收益）；**不敢**：`sme_subsidy` 的成本分担、"
           "`cloud_onboarding`（无需预付）、`compute_voucher`（人工智能运行成本）；**不会**：`skills_training` 和 "
           "`platform_membership`（工业互联网平台补足部分技能）。提醒学生：障碍按顺序检验，第一个障碍也收纳了面临后面"
           "障碍的企业；针对比例最大的障碍的政策，可能只是暴露下一个障碍，而不是带来新的采用者（笔记本 02 第 3 题）。"),
    question("**3.** Did the worker need training to get back into a job? What did gig work pay compared with "
             "wages?",
             "**3.** 这位劳动者需要培训才能重新就业吗？零工收入与工资相比如何？"),
    answer_code('mine = w[w["worker"] == worker_id].set_index("step")\n'
                'pay = mine.groupby("status")["earnings"].mean()\n'
                'print(T("quarters by status:", "各状态的季度数："), mine["status"].value_counts().to_dict())\n'
                'print(T("quarters in training:", "培训季度数："), int(mine["training"].sum()))\n'
                'print(T("mean earnings by status:", "各状态平均收入："), {k: round(v, 3) for k, v in pay.items()})\n'
                'print(T("economy-wide gig earnings / mean wage at the end:", "期末全经济零工收入 / 平均工资："),\n'
                '      f"{model.records[-1][\'gig_earnings_ratio\']:.0%}")'),
    answer("One worker is one story: compare it with the economy-wide numbers (the 'across all workers' table "
           "and the last line above). In the model a job seeker is matched to vacancies in their region (some "
           "search in others); vacancies that need digital skill go to workers who have it, so training helps "
           "when the worker's digital skill was the obstacle and does not when there were simply no vacancies. "
           "Gig work usually pays less than "
           "a wage (the ratio printed), which is why a gig worker takes a job when one comes.",
           "一位劳动者只是一个故事：要与全经济的数字比较（“全体劳动者”表和上面的最后一行）。在模型中，求职者与所在"
           "地区（部分人也在其他地区）的空缺岗位匹配；需要数字技能的岗位给有技能的人，所以当数字技能是障碍时培训有用，"
           "当根本没有空缺时则没用。零工收入通常低于工资（见打印的比例），所以零工一有"
           "工作机会就会接受。"),
    question("**4.** Firms with more technologies integrated produce more per worker. Does that prove the "
             "technologies made them more productive?",
             "**4.** 整合技术越多的企业人均产出越高。这能证明是技术让它们更有效率吗？"),
    answer_code('by_stage = end.groupby("stage")["productivity"].agg(["count", "median"])\n'
                'table(by_stage.rename(index=dict(enumerate(STAGE_NAMES))),\n'
                '      integer=["count"], decimals=3)'),
    answer("No. The table shows firms with more technologies integrated are more productive at the end, but "
           "more capable, larger and more productive firms are also more likely to adopt first (they expect a "
           "larger gain, can finance it and have the skilled staff): selection. The model does give each "
           "technology a gain inside the firm (data multiplier, robots, AI), and notebook 01 measures it with "
           "`digital_contribution` by switching digital technology off for the same inputs. Comparing firms at "
           "one moment mixes the two; following the same firm over time (question 1) or comparing the same "
           "economy with and without a policy (notebook 02) separates them better.",
           "不能。表格显示期末整合技术越多的企业人均产出越高，但能力更强、规模更大、生产率更高的企业也更可能率先采用"
           "（预期收益更大、融资更容易、技能员工更多）：这是选择效应。模型确实给每项技术设定了企业内部的收益（数据乘数、"
           "机器人、人工智能），笔记本 01 通过在相同投入下关闭数字技术来衡量它（`digital_contribution`）。某一时点上的"
           "企业比较把两者混在一起；跟踪同一企业随时间的变化（第 1 题），或比较同一经济在有无政策时的差异"
           "（笔记本 02），能更好地区分它们。"),
]
