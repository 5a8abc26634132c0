"""Labels of the dashboard in English and Chinese, and each lever's explanation and source.

``label(key, lang)`` looks a label up; a key missing in Chinese falls back to
English, a key missing everywhere is shown as itself. The charts are drawn by
the browser, with its own fonts: Chinese needs no font on the server.
"""

from __future__ import annotations

LANGS = ("en", "zh")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Digital transformation: data, robots and AI",
        # population and run
        "firms": "Firms", "workers": "Workers", "quarters": "Quarters to simulate", "seed": "Random seed",
        # levers
        "lever_on": "{name}: on", "sme_subsidy": "SME digital subsidy", "sme_subsidy.rate": "SME subsidy: share of cost paid",
        "skills_training": "Skills training", "skills_training.share": "Training: share per quarter",
        "robot_tax": "Robot tax", "robot_tax.rate": "Robot tax rate (negative: subsidy)",
        "digital_infrastructure": "Digital infrastructure",
        "digital_infrastructure.boost": "Infrastructure: rise in level (5G, compute)",
        "public_data": "Public data opening", "public_data.share": "Public data: share opened",
        "platform_membership": "Industrial-platform support",
        "platform_membership.rate": "Platform support: share of subscription paid",
        "platform_regulation": "Platform regulation", "platform_regulation.commission_cap": "Gig commission cap",
        "income_support": "Minimum income floor", "income_support.level": "Income floor (share of low-skill wage)",
        "unified_market": "Unified national market", "unified_market.mobility_cost_cut": "Mobility cost removed",
        "data_sharing": "Data sharing rules", "data_sharing.pool_boost": "Data sharing: extra share pooled",
        "compute_voucher": "AI compute voucher", "compute_voucher.rate": "Compute voucher: share of cost paid",
        "rd_credit": "R&D super deduction", "rd_credit.rate": "R&D support: share of R&D paid",
        "compute_west": "East data, west compute", "compute_west.share": "Share of eastern compute moved west",
        "green_compute": "Green compute", "green_compute.green_boost": "Green compute: extra green power share",
        "cloud_onboarding": "Inclusive cloud (adopt now, pay later)",
        "cloud_onboarding.quarters": "Cloud: adoption cost spread over",
        # plots
        "productivity": "Productivity", "tfp_index": "TFP index", "labour_productivity": "labour productivity (index)",
        "digital_contribution": "digital contribution",
        "adoption_by_group": "Adoption by group (mean over data, robots, AI)",
        "employment": "Employment (share of workers)", "unemployment_rate": "unemployment",
        "flexible_employment_share": "flexible (gig) work", "digital_talent_gap": "digital talent gap",
        "divide": "Digital divide", "digital_divide_index": "composite index", "adoption_gap_size": "large - SME gap",
        "adoption_gap_region": "gap between regions", "gini_income": "income Gini",
        "quarter": "quarter", "firms_view": "Firms by region and sector, coloured by adoption stage",
        "stage_none": "no technology", "stage_adjusting": "adjusting", "stage_1": "1 technology integrated",
        "stage_2": "2 integrated", "stage_3": "all 3 integrated",
        # overview card
        "overview": "Overview", "period": "Period", "step": "Step", "policies": "Policies switched on", "none": "none",
        "tfp": "TFP index", "adoption": "Adoption index", "unemployment": "Unemployment",
        "gig_share": "Flexible (gig) share", "divide_index": "Digital divide index",
        "spending": "Policy spending this quarter (% of GDP)",
        # groups
        "large": "large", "sme": "SME", "micro": "micro", "east": "east", "central": "central", "west": "west",
        "agriculture": "agriculture", "industry": "industry", "services": "services",
        # page
        "preset": "Lesson", "question": "Question", "try": "Try this", "reset": "Reset", "btn_step": "Step",
        "play": "Play", "pause": "Pause", "speed": "Quarters per second", "finished": "The run has finished: press Reset to start again.",
        "reset_banner": "Press Reset to apply: {what} needs a new economy.", "population": "Economy (needs Reset)",
        "levers": "Policy levers (take effect at the next step)", "tab_charts": "Charts", "tab_lessons": "Lessons",
        "tab_agents": "Agents", "tab_info": "Info", "download_csv": "Download the run (CSV)",
        "png_hint": "Each chart's camera icon (top right) saves it as a PNG.",
        "language": "中文", "active_now": "active", "scheduled": "from {period}", "source": "Source",
        "n_quarters": "{n} quarters", "n_points": "{n} points", "of_wage": "{n} of the low-skill wage",
        "baseline": "baseline", "dashed_note": "dashed: baseline (same seed, no policy)",
        # charts
        "ch_productivity": "Productivity and real wages (index, start = 100)", "unit_index": "index",
        "real_wage_index": "real wage", "ch_adoption_tech": "Firms using each technology",
        "unit_pct_firms": "% of firms", "data": "data", "robots": "robots", "ai": "AI",
        "ch_adoption_size": "Adoption by firm size (mean of data, robots, AI)",
        "ch_jobs": "Jobs", "unit_pct_workers": "% of workers", "displacement_rate": "lost a job this quarter",
        "ch_divide": "Digital divide: adoption gaps", "unit_points": "percentage points",
        "ch_inequality": "Income inequality", "unit_gini": "Gini (0 equal .. 1 one takes all)",
        "gini_workers": "workers only", "gini_income_workers": "income Gini, workers only",
        "ch_macro": "Growth and inflation", "unit_pct_year": "% a year", "gdp_growth_yoy": "real GDP growth",
        "inflation": "inflation", "ch_spending": "Policy spending", "unit_pct_gdp": "% of GDP",
        "policy_spending": "net policy spending",
        "ch_barriers_all": "What holds non-adopters back: all firms", "ch_barriers_small": "... SMEs and micro firms",
        "unit_pct_nonadopters": "% of non-adopters", "barrier_unwilling": "unwilling (do not see the value)",
        "barrier_afraid": "afraid (risk, finance)", "barrier_unable": "unable (no digital skills)",
        "ch_robots": "Robot density in industry", "unit_robot_density": "robots per 10,000 workers",
        "robot_density": "robot density", "ch_robot_jobs": "Low-skill wage, jobs and industrial output (start = 100)",
        "wage_low": "low-skill wage", "employees": "jobs at firms", "real_output_industry": "industrial output",
        "ch_automation": "How much robots automate", "automated_share": "robot users' routine manual tasks automated",
        "automation_ceiling": "technically automatable (frontier)",
        "robot_worker_equivalents": "work robots do (% of all workers' time)",
        "ai_service_share": "firms renting AI from a platform",
        "ch_gig": "Gig work", "unit_percent": "%", "platform_commission": "platform commission",
        "gig_earnings_ratio": "gig pay (% of mean wage)", "ch_platforms": "Platforms",
        "gig_utilisation": "gig workers' time used", "platform_members_share": "firms on industrial platforms",
        "firms_x": "output per employee (firm / typical firm)", "firms_y": "employees",
        "firms_explain": "Each dot is a firm: further right = more output per employee, higher = more employees "
                         "(both on log scales); colour = adoption stage; bigger dot = larger size class. "
                         "Click a dot, or type a firm's number, to see it.",
        "firm_number": "Firm number (0-{n})", "worker_number": "Worker number (0-{n})", "firm": "Firm",
        "worker": "Worker",
        "lesson_barriers": "The three barriers: unwilling, afraid, unable",
        "lesson_barriers_text": "A firm that has not adopted a technology is held back by the first barrier it meets: "
                                "it does not see the value (unwilling), the risk or the up-front cost is too much for it "
                                "(afraid), or its staff lack digital skills (unable). Watch which barrier shrinks over "
                                "time, and how SMEs differ from all firms. Which lever moves which barrier?",
        "lesson_robots": "Robots and jobs",
        "lesson_robots_text": "Robots do routine manual tasks. Each robot user automates the tasks where a robot is "
                              "cheaper than a worker, up to what the technology can do. A robot tax or a subsidy (a "
                              "negative rate) moves that choice: compare how much is automated, robot density, jobs and "
                              "the low-skill wage with the dashed baseline. Do fewer robots mean more jobs here? Why not always?",
        "lesson_gig": "Gig work and platforms",
        "lesson_gig_text": "Gig platforms match workers to tasks by algorithm and take a commission. Who works through "
                           "them, what do they earn against a wage, and what does a commission cap change? Industrial "
                           "platforms pool their members' data and rent them AI as a service, paid by its effect.",
    },
    "zh": {
        "title": "数字化转型：数据、机器人与人工智能",
        "firms": "企业数量", "workers": "劳动者数量", "quarters": "模拟季度数", "seed": "随机种子",
        "lever_on": "{name}：开启", "sme_subsidy": "中小企业数字化补贴", "sme_subsidy.rate": "中小企业补贴：承担成本比例",
        "skills_training": "数字技能培训", "skills_training.share": "培训：每季度培训比例",
        "robot_tax": "机器人税", "robot_tax.rate": "机器人税率（负值为补贴）",
        "digital_infrastructure": "数字基础设施", "digital_infrastructure.boost": "基础设施：水平提升（5G、算力）",
        "public_data": "公共数据开放", "public_data.share": "公共数据：开放比例",
        "platform_membership": "工业互联网平台支持", "platform_membership.rate": "平台支持：承担订阅费比例",
        "platform_regulation": "平台监管", "platform_regulation.commission_cap": "零工平台抽成上限",
        "income_support": "最低收入保障", "income_support.level": "收入下限（占低技能工资比例）",
        "unified_market": "全国统一大市场", "unified_market.mobility_cost_cut": "跨地区流动成本降低比例",
        "data_sharing": "数据共享规则", "data_sharing.pool_boost": "数据共享：额外汇聚比例",
        "compute_voucher": "AI 算力券", "compute_voucher.rate": "算力券：承担成本比例",
        "rd_credit": "研发费用加计扣除", "rd_credit.rate": "研发支持：承担研发支出比例",
        "compute_west": "东数西算", "compute_west.share": "东部算力西移比例",
        "green_compute": "绿色算力", "green_compute.green_boost": "绿色算力：绿电比例提升",
        "cloud_onboarding": "普惠上云（先用后付）", "cloud_onboarding.quarters": "上云：采用成本分摊期",
        "productivity": "生产率", "tfp_index": "全要素生产率指数", "labour_productivity": "劳动生产率（指数）",
        "digital_contribution": "数字技术贡献",
        "adoption_by_group": "各群体采用率（数据、机器人、AI 平均）",
        "employment": "就业（占劳动者比例）", "unemployment_rate": "失业率",
        "flexible_employment_share": "灵活就业（零工）", "digital_talent_gap": "数字人才缺口",
        "divide": "数字鸿沟", "digital_divide_index": "综合指数", "adoption_gap_size": "大企业与中小企业差距",
        "adoption_gap_region": "地区差距", "gini_income": "收入基尼系数",
        "quarter": "季度", "firms_view": "按地区和行业划分的企业（颜色表示采用阶段）",
        "stage_none": "未采用", "stage_adjusting": "调整期", "stage_1": "整合 1 项技术",
        "stage_2": "整合 2 项", "stage_3": "整合全部 3 项",
        "overview": "概览", "period": "时期", "step": "季度", "policies": "已开启的政策", "none": "无",
        "tfp": "全要素生产率指数", "adoption": "采用指数", "unemployment": "失业率",
        "gig_share": "灵活就业比例", "divide_index": "数字鸿沟指数", "spending": "本季度政策支出（占 GDP）",
        "large": "大型", "sme": "中小型", "micro": "微型", "east": "东部", "central": "中部", "west": "西部",
        "agriculture": "农业", "industry": "工业", "services": "服务业",
        "preset": "课题", "question": "问题", "try": "试一试", "reset": "重置", "btn_step": "单步",
        "play": "运行", "pause": "暂停", "speed": "每秒季度数", "finished": "运行已结束：按“重置”重新开始。",
        "reset_banner": "按“重置”生效：{what}需要新建经济。", "population": "经济（需重置）",
        "levers": "政策工具（下一步生效）", "tab_charts": "图表", "tab_lessons": "课堂",
        "tab_agents": "主体", "tab_info": "说明", "download_csv": "下载本次运行（CSV）",
        "png_hint": "点击每张图右上角的相机图标可保存为 PNG。",
        "language": "English", "active_now": "生效中", "scheduled": "自 {period} 起", "source": "来源",
        "n_quarters": "{n} 个季度", "n_points": "{n} 个百分点", "of_wage": "低技能工资的 {n}",
        "baseline": "基准", "dashed_note": "虚线：基准（同一随机种子，无政策）",
        "ch_productivity": "生产率与实际工资（指数，起点 = 100）", "unit_index": "指数",
        "real_wage_index": "实际工资", "ch_adoption_tech": "采用各项技术的企业",
        "unit_pct_firms": "企业占比 %", "data": "数据", "robots": "机器人", "ai": "人工智能",
        "ch_adoption_size": "按企业规模的采用率（数据、机器人、AI 平均）",
        "ch_jobs": "就业", "unit_pct_workers": "劳动者占比 %", "displacement_rate": "本季度失业的劳动者",
        "ch_divide": "数字鸿沟：采用差距", "unit_points": "百分点",
        "ch_inequality": "收入不平等", "unit_gini": "基尼系数（0 完全平等 .. 1）",
        "gini_workers": "仅劳动者", "gini_income_workers": "收入基尼系数（仅劳动者）",
        "ch_macro": "增长与通胀", "unit_pct_year": "年率 %", "gdp_growth_yoy": "实际 GDP 增长",
        "inflation": "通货膨胀", "ch_spending": "政策支出", "unit_pct_gdp": "占 GDP %",
        "policy_spending": "政策净支出",
        "ch_barriers_all": "阻碍未采用企业的因素：全部企业", "ch_barriers_small": "……中小微企业",
        "unit_pct_nonadopters": "未采用企业占比 %", "barrier_unwilling": "不愿（看不到价值）",
        "barrier_afraid": "不敢（风险、资金）", "barrier_unable": "不会（缺乏数字技能）",
        "ch_robots": "工业机器人密度", "unit_robot_density": "每万名工人机器人数",
        "robot_density": "机器人密度", "ch_robot_jobs": "低技能工资、就业与工业产出（起点 = 100）",
        "wage_low": "低技能工资", "employees": "企业就业", "real_output_industry": "工业产出",
        "ch_automation": "机器人自动化程度", "automated_share": "机器人用户常规体力任务的自动化比例",
        "automation_ceiling": "技术上可自动化（前沿）", "robot_worker_equivalents": "机器人完成的工作量（占全部劳动者时间 %）",
        "ai_service_share": "从平台租用 AI 的企业",
        "ch_gig": "零工", "unit_percent": "%", "platform_commission": "平台抽成",
        "gig_earnings_ratio": "零工收入（占平均工资 %）", "ch_platforms": "平台",
        "gig_utilisation": "零工工作时间利用率", "platform_members_share": "加入工业互联网平台的企业",
        "firms_x": "人均产出（相对典型企业）", "firms_y": "员工数",
        "firms_explain": "每个点是一家企业：越靠右人均产出越高，越靠上员工越多（均为对数刻度）；颜色表示采用阶段；"
                         "点越大企业规模越大。点击一个点或输入企业编号即可查看。",
        "firm_number": "企业编号（0-{n}）", "worker_number": "劳动者编号（0-{n}）", "firm": "企业",
        "worker": "劳动者",
        "lesson_barriers": "三道障碍：不愿、不敢、不会",
        "lesson_barriers_text": "尚未采用某项技术的企业会被它遇到的第一道障碍挡住：看不到价值（不愿），风险或前期投入太大"
                                "（不敢），或员工缺乏数字技能（不会）。观察哪道障碍随时间缩小，中小企业与全部企业有何不同。"
                                "哪项政策作用于哪道障碍？",
        "lesson_robots": "机器人与就业",
        "lesson_robots_text": "机器人承担常规体力任务。每个使用机器人的企业会把机器人比工人更便宜的任务自动化，上限是技术"
                              "能做到的程度。机器人税或补贴（负税率）会改变这一选择：把自动化程度、机器人密度、就业和低技能工资"
                              "与虚线基准比较。机器人少了，就业一定多吗？为什么不一定？",
        "lesson_gig": "零工与平台",
        "lesson_gig_text": "零工平台用算法把劳动者与任务匹配并抽取佣金。谁通过平台工作？与工资相比收入如何？"
                           "抽成上限会改变什么？工业互联网平台汇聚会员数据，并以按效果付费的方式向会员出租 AI 服务。",
    },
}

#: lever -> language -> (what it does, in one sentence; where it comes from in the seed documents)
LEVER_HELP: dict[str, dict[str, tuple[str, str]]] = {
    "sme_subsidy": {
        "en": ("The state pays this share of SMEs' and micro firms' cost of adopting data, robots and AI.",
               "seed 004: SME digital transformation (中小企业数字化转型)"),
        "zh": ("政府承担中小微企业采用数据、机器人和 AI 成本的这一比例。", "种子文献 004：中小企业数字化转型")},
    "cloud_onboarding": {
        "en": ("SMEs adopt data systems with nothing up front and pay the cost as a cloud subscription over "
               "this many quarters.", "seed 004: SME digital transformation (中小企业数字化转型)"),
        "zh": ("中小企业零首付采用数据系统，在这些季度内以云订阅方式付费。", "种子文献 004：中小企业数字化转型")},
    "skills_training": {
        "en": ("Each quarter this share of low-digital-skill workers is trained in digital skills.",
               "seeds 002, 004: digital skills of workers (数字技能)"),
        "zh": ("每季度培训这一比例的低数字技能劳动者。", "种子文献 002、004：劳动者数字技能")},
    "robot_tax": {
        "en": ("A tax on the price of robots firms buy; a negative rate is a subsidy.",
               "seeds 001, 004: robots in production (机器人)"),
        "zh": ("对企业购买机器人的价格征税；负税率即补贴。", "种子文献 001、004：机器人")},
    "digital_infrastructure": {
        "en": ("Raises the level of 5G, broadband and compute (0-100 scale) in every region by this much.",
               "seeds 001, 002: digital infrastructure (数字基础设施)"),
        "zh": ("把各地区 5G、宽带和算力水平（0-100）提高这么多。", "种子文献 001、002：数字基础设施")},
    "public_data": {
        "en": ("Government opens this share of its data to every firm that uses data.",
               "seeds 001, 004: data as a factor of production (数据要素)"),
        "zh": ("政府向所有使用数据的企业开放这一比例的公共数据。", "种子文献 001、004：数据要素")},
    "data_sharing": {
        "en": ("Data rights and trusted exchanges: platforms pool this much more of their members' data.",
               "seed 004: data markets (数据要素市场)"),
        "zh": ("数据确权与可信流通：平台多汇聚这一比例的会员数据。", "种子文献 004：数据要素市场")},
    "platform_membership": {
        "en": ("The state pays this share of SMEs' industrial-platform subscription.",
               "seed 004: industrial internet platforms (工业互联网)"),
        "zh": ("政府承担中小企业工业互联网平台订阅费的这一比例。", "种子文献 004：工业互联网")},
    "rd_credit": {
        "en": ("The state pays this share of firms' R&D; firms keep their own outlay, so they do more R&D.",
               "seed 002: too little innovation and R&D (创新与研发投入不足)"),
        "zh": ("政府承担企业研发支出的这一比例；企业自身投入不变，因此研发更多。", "种子文献 002：创新与研发投入不足")},
    "compute_voucher": {
        "en": ("The state pays this share of eligible firms' AI compute bill.",
               "seed 001: compute as infrastructure (算力)"),
        "zh": ("政府承担符合条件企业 AI 算力费用的这一比例。", "种子文献 001：算力")},
    "platform_regulation": {
        "en": ("Gig platforms may charge at most this commission on workers' earnings.",
               "seed 004: the platform economy and flexible work (平台经济、灵活就业)"),
        "zh": ("零工平台对劳动者收入的抽成不得超过这一比例。", "种子文献 004：平台经济与灵活就业")},
    "income_support": {
        "en": ("Every household's income is topped up to this floor, paid for by a surcharge on earnings.",
               "policy debate on AI and jobs (not in the seeds)"),
        "zh": ("把每个家庭的收入补足到这一水平，由收入附加税筹资。", "关于 AI 与就业的政策讨论（非种子文献）")},
    "unified_market": {
        "en": ("Removes this share of the cost of moving to work in another region.",
               "seed 004: a unified national market (全国统一大市场)"),
        "zh": ("消除跨地区流动就业成本的这一比例。", "种子文献 004：全国统一大市场")},
    "compute_west": {
        "en": ("Moves this share of the east's compute to cheaper, greener western data centres.",
               "seed 001: East data, west compute (东数西算)"),
        "zh": ("把东部这一比例的算力转移到更便宜、更绿色的西部数据中心。", "种子文献 001：东数西算")},
    "green_compute": {
        "en": ("Raises the share of green power for compute by this much, with a carbon price on compute.",
               "seed 001: green compute (绿色算力)"),
        "zh": ("把算力的绿电比例提高这么多，并对算力排放征收碳价。", "种子文献 001：绿色算力")},
}


def lever_help(lever: str, lang: str = "en") -> tuple[str, str]:
    """A lever's one-sentence explanation and its source, in ``lang`` (English as fallback)."""
    texts = LEVER_HELP.get(lever, {})
    return texts.get(lang) or texts.get("en") or ("", "")


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ``ValueError`` naming the valid ones."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def label(key: str, lang: str = "en", **fmt) -> str:
    """The label for ``key`` in ``lang`` (English, then the key itself, as fallbacks)."""
    text = LABELS.get(lang, {}).get(key) or LABELS["en"].get(key) or key
    return text.format(**fmt) if fmt else text
