"""English and Chinese labels for reports and figures: text, metric names and group names."""

from __future__ import annotations

import re

from model.metric_catalogue import METRICS

LANGS = ("en", "zh")

TEXT = {
    "en": {
        "title": "Scenario comparison", "compared": "What was compared", "scenario": "scenario",
        "description": "question", "levers": "levers", "no_levers": "none", "seeds": "seeds",
        "method": "Method", "headline": "Headline results", "figures": "Time series",
        "spending": "Lever spending and cost per unit of TFP gained", "metric": "metric", "mean": "mean",
        "ci": "95% CI", "diff": "difference from", "lever": "lever", "gross": "gross spending",
        "revenue": "revenue raised", "net": "net spending", "share_gdp": "net, % of initial annual GDP",
        "tfp_gain": "TFP gain (final year)", "cost_per_point": "cost per TFP point",
        "no_gain": "no gain", "not_significant": "gain not distinguishable from zero",
        "raises_revenue": "gains and raises revenue", "no_spending": "no fiscal cost",
        "baseline_row": "reference", "period": "period", "band": "shaded: 95% CI across seeds",
        "files": "Files", "starts": "When each lever starts",
        "starts_text": "Dashed vertical lines in the figures mark the quarter each lever starts.",
        "start": "start", "end": "end", "until_end": "until the end",
        "english_figures": "",
        "method_text": (
            "Every scenario was run with the same {n} seeds ({seeds}): common random numbers, so differences "
            "come from policy, not noise. A run's value of a metric is its mean over the final year (last four "
            "quarters, {end}). Means and 95% confidence intervals use the t-distribution across seeds; "
            "differences are paired by seed against the first scenario ({ref})."),
        "cost_text": (
            "Net spending is the lever's cumulative spending over the run (taxes and surcharges it raised count "
            "negative), shown also as a percentage of initial annual GDP (four times GDP at step 0). The TFP gain "
            "is the paired difference of tfp_index in the final year against {ref}, in percentage points. Cost per "
            "TFP point = net spending (% of initial annual GDP) / TFP gain (percentage points). It is shown only "
            "when the whole 95% interval of the gain is above zero; otherwise the table says 'no gain' or 'gain "
            "not distinguishable from zero'. When a scenario has several levers, the gain is the package's: each "
            "lever's ratio uses the scenario's whole gain."),
    },
    "zh": {
        "title": "情景比较", "compared": "比较内容", "scenario": "情景", "description": "所回答的问题",
        "levers": "政策工具", "no_levers": "无", "seeds": "随机种子", "method": "方法",
        "headline": "主要结果", "figures": "时间序列", "spending": "政策支出与每单位全要素生产率提升的成本",
        "metric": "指标", "mean": "均值", "ci": "95% 置信区间", "diff": "相对差异：对比", "lever": "政策工具",
        "gross": "总支出", "revenue": "收入", "net": "净支出", "share_gdp": "净支出占初始年度GDP %",
        "tfp_gain": "全要素生产率提升（最后一年）", "cost_per_point": "每个百分点TFP的成本",
        "no_gain": "无提升", "not_significant": "提升与零无显著差异", "raises_revenue": "有提升且增加财政收入",
        "no_spending": "无财政成本", "baseline_row": "参照", "period": "时期", "band": "阴影：各随机种子的95%置信区间",
        "files": "文件", "starts": "各政策工具的启动时间", "starts_text": "图中的竖直虚线标出各政策工具启动的季度。",
        "start": "开始", "end": "结束", "until_end": "直至结束",
        "english_figures": "本机未找到可显示中文的字体，图中标签为英文（安装 fonts-noto-cjk，或用 --font 指定字体文件）。",
        "method_text": (
            "每个情景使用相同的 {n} 个随机种子（{seeds}）运行（共同随机数），因此差异来自政策而非噪声。"
            "指标取最后一年（最后四个季度，{end}）的均值。均值与95%置信区间基于各随机种子的t分布；"
            "差异按种子与第一个情景（{ref}）配对计算。"),
        "cost_text": (
            "净支出为政策工具在整个运行期的累计支出（所征收的税费计为负），并以初始年度GDP（第0期GDP的四倍）的百分比表示。"
            "全要素生产率提升为最后一年 tfp_index 相对 {ref} 的配对差异（百分点）。每个百分点TFP的成本 = 净支出（占初始年度GDP %）"
            "/ TFP提升（百分点）。仅当提升的95%区间整体大于零时才给出该比值，否则标注“无提升”或“提升与零无显著差异”。"
            "一个情景含多个政策工具时，提升归属于整个政策组合。"),
    },
}

GROUPS_ZH = {
    "data": "数据", "robots": "机器人", "ai": "人工智能", "agriculture": "农业", "industry": "工业",
    "services": "服务业", "large": "大型企业", "sme": "中小企业", "micro": "微型企业", "east": "东部",
    "central": "中部", "west": "西部", "low": "低技能", "mid": "中等技能", "high": "高技能",
    "unwilling": "不愿", "afraid": "不敢", "unable": "不会",
}

#: Chinese names of metrics; templates use {0}, {1} for the expanded groups.
METRIC_ZH = {
    "gdp": "GDP（实际增加值）", "gdp_growth": "GDP环比增长", "gdp_growth_yoy": "GDP同比增长",
    "tfp_index": "全要素生产率指数", "tfp_growth": "TFP环比增长", "tfp_growth_yoy": "TFP同比增长",
    "labor_productivity": "劳动生产率", "digital_contribution": "数字技术贡献",
    "potential_output_digital_ratio": "潜在产出数字比率（会计比率）", "potential_output_digital_ratio_yoy": "潜在产出数字比率（同比）",
    "op_aggregate": "OP加总生产率", "op_mean": "OP平均生产率", "op_covariance": "OP再配置项",
    "productivity_dispersion": "生产率离散度（p90/p10）", "adoption_data": "数据采用率",
    "adoption_robots": "机器人采用率", "adoption_ai": "人工智能采用率", "integrated_<tech>": "{0}融合完成率",
    "adoption_index": "数字化采用指数", "adoption_<tech>_<group>": "{0}采用率：{1}",
    "digital_penetration_<sector>": "数字渗透率：{0}", "digital_economy_share": "数字经济占GDP比重",
    "industry_design_tools_rate": "工业数字化研发设计工具普及率", "industry_cnc_rate": "工业关键工序数控化率",
    "robot_density": "机器人密度（每万名工业工人）", "robot_stock": "机器人存量", "robot_sales": "机器人销量",
    "data_stock": "数据存量", "employment_rate": "就业率", "unemployment_rate": "失业率",
    "flexible_employment_share": "灵活就业占比", "flexible_workers_millions": "灵活就业人数（百万）",
    "employees": "企业雇员", "gig_workers": "平台零工", "unemployed": "失业人数", "mean_wage": "平均工资",
    "wage_<skill>": "工资：{0}", "wage_ratio_high_mid": "高/中技能工资比", "real_wage_index": "实际工资指数",
    "gig_earnings": "零工收入", "gig_earnings_ratio": "零工收入/工资", "labour_share": "劳动收入份额",
    "displacements": "被替代失业人数", "reemployed": "再就业人数", "hires": "新增雇佣", "vacancies": "职位空缺",
    "digital_talent_gap": "数字人才缺口", "mean_unemployment_spell": "平均失业时长", "gini_income": "收入基尼系数", "gini_income_workers": "工人收入基尼系数",
    "adoption_gap_size": "大企业与中小企业采用差距", "adoption_gap_region": "地区采用差距",
    "adoption_gap_sector": "行业采用差距", "adoption_index_<group>": "数字化采用指数：{0}",
    "digital_skill_mean": "平均数字技能", "digital_skill_<skill>": "数字技能：{0}",
    "skill_share_<skill>": "技能等级占比：{0}", "promotions": "技能晋升人数", "demotions": "技能下降人数",
    "value_added_per_worker_<sector>": "人均增加值：{0}", "real_output_<sector>": "实际产出：{0}",
    "real_value_added_<sector>": "实际增加值：{0}", "digital_inputs_<sector>": "数字服务投入占比：{0}",
    "employees_<sector>": "行业就业人数：{0}",
    "platform_services_real": "平台服务实际产出", "industry_value_added_share": "工业增加值占比",
    "quality_mean": "平均产品质量指数",
    "digital_skill_gap_skill": "数字技能差距（技能）", "digital_skill_gap_age": "数字技能差距（年龄）",
    "digital_divide_index": "数字鸿沟综合指数", "barrier_<barrier>": "障碍：{0}",
    "barrier_<barrier>_small": "中小微企业障碍：{0}", "platform_hhi": "零工平台集中度（HHI）",
    "platform_commission": "平台抽成比例", "gig_utilisation": "零工利用率", "platform_matching_gain": "平台算法匹配增益", "platform_members_share": "工业互联网平台会员占比",
    "industrial_platform_hhi": "工业平台集中度（HHI）", "pooled_data": "平台共享数据", "compute_energy": "算力能耗",
    "emissions": "算力排放", "green_power_share": "绿电占比", "ai_capability": "人工智能能力", "frontier_pace": "技术前沿推进速度",
    "robot_price": "机器人价格指数", "firms_entered": "新进入企业", "firms_exited": "退出企业", "trainees": "培训人数",
    "policy_spending": "政策支出", "policy_spending_cumulative": "累计政策支出", "spending_<lever>": "政策支出：{0}",
    "benefits_paid": "失业救济支出", "pensions_paid": "养老金支出", "tax_revenue": "政府收入", "price_level": "价格水平",
    "nominal_gdp": "名义GDP", "inflation": "通胀率（年化）", "consumption_real": "实际消费",
    "investment_real": "实际投资", "government_consumption": "政府消费", "exports": "出口", "imports": "进口",
    "investment_to_gdp": "投资率（投资/GDP）", "consumption_to_gdp": "消费率（消费/GDP）", "saving_rate": "居民储蓄率",
    "deposits": "存款", "loans": "贷款", "credit_to_gdp": "信贷/GDP", "bank_equity": "银行资本",
    "bank_capital_ratio": "银行资本/贷款", "lending_factor": "授信执行比例",
    "government_balance_to_gdp": "财政余额/GDP", "government_debt_to_gdp": "政府债务/GDP", "bail_outs": "银行注资",
    "profit_share": "利润份额", "vacancy_rate": "职位空缺率", "net_lending_households": "净借出：居民",
    "net_lending_firms": "净借出：企业", "net_lending_banks": "净借出：银行", "net_lending_government": "净借出：政府",
    "net_lending_platforms": "净借出：平台", "net_lending_rest_of_world": "净借出：国外",
    "books_gap": "账户缺口（占GDP）",
}

LEVERS_ZH = {
    "sme_subsidy": "中小企业数字化补贴", "platform_membership": "工业互联网平台入驻支持",
    "digital_infrastructure": "数字基础设施", "compute_west": "东数西算", "skills_training": "数字技能培训",
    "public_data": "公共数据开放", "data_sharing": "数据共享规则", "platform_regulation": "平台监管",
    "robot_tax": "机器人税（或补贴）", "compute_voucher": "算力券", "income_support": "最低收入保障/基本收入",
    "unified_market": "全国统一大市场", "green_compute": "绿色算力",
}

_EN = {
    "gdp": "GDP", "tfp_index": "TFP index", "adoption_index": "adoption index", "adoption_ai": "AI adoption",
    "adoption_data": "data adoption", "adoption_robots": "robot adoption", "adoption_gap_size": "adoption gap large-SME",
    "unemployment_rate": "unemployment rate", "flexible_employment_share": "flexible employment share",
    "gini_income": "income Gini", "gini_income_workers": "workers' income Gini", "digital_divide_index": "digital divide index", "emissions": "compute emissions",
    "policy_spending_cumulative": "cumulative policy spending", "robot_density": "robot density",
    "digital_skill_mean": "mean digital skill", "gig_earnings": "gig earnings", "potential_output_digital_ratio": "potential-output digital ratio",
    "inflation": "inflation (annualised)", "government_debt_to_gdp": "government debt to GDP",
}


#: Chinese names of the units of :data:`model.metric_catalogue.METRICS`.
UNIT_ZH = {
    "output units": "产出单位", "output units / quarter": "产出单位/季度", "output units / worker": "产出单位/人",
    "emission units / quarter": "排放单位/季度", "energy units / quarter": "能耗单位/季度",
    "robots / 10,000 workers": "台/万名工人", "robots": "台", "robots / quarter": "台/季度", "workers": "人",
    "workers / quarter": "人/季度", "firms / quarter": "家/季度", "million people": "百万人", "jobs": "个岗位",
    "quarters": "季度", "log points": "对数点",
    "share / year": "比例/年",
}


def unit_label(unit: str, lang: str = "en") -> str:
    """A unit's name in ``lang`` (English when there is no translation)."""
    return UNIT_ZH.get(unit, unit) if lang == "zh" else unit


def text(key: str, lang: str = "en") -> str:
    """A report phrase in ``lang`` (falls back to English)."""
    return TEXT.get(lang, TEXT["en"]).get(key, TEXT["en"][key])


PLACEHOLDERS = {"tech": "(data|robots|ai)", "skill": "(low|mid|high)", "barrier": "(unwilling|afraid|unable)"}


def _group_zh(name: str) -> str:
    if name.endswith("_surcharge") and name[:-10] in LEVERS_ZH:
        return LEVERS_ZH[name[:-10]] + "（附加税收入）"
    return LEVERS_ZH.get(name, GROUPS_ZH.get(name, name))


def _patterns(templates, placeholders: dict | None = None) -> list:
    """(compiled regex, template) for every template with <group> placeholders, longest first."""
    known = placeholders or PLACEHOLDERS
    out = []
    for template in sorted(templates, key=len, reverse=True):
        if "<" in template:
            regex = re.sub(r"<([a-z]+)>", lambda m: known.get(m.group(1), "([A-Za-z0-9_]+?)"),
                           re.escape(template).replace(r"\<", "<").replace(r"\>", ">"))
            out.append((re.compile(f"^{regex}$"), template))
    return out


_PATTERNS = _patterns(METRIC_ZH)

#: (regex, METRICS template) for expanded metric names such as adoption_ai_sme.
_PATTERNS_EN = _patterns(METRICS)


def _default_groups() -> dict:
    """Placeholders for the default scenario's sizes, sectors and regions (tried before any name)."""
    from model.config import Scenario

    base = Scenario()
    names = {"size": [c.name for c in base.size_classes], "sector": [c.name for c in base.sectors],
             "region": [c.name for c in base.regions]}
    return {**PLACEHOLDERS, **{k: "(" + "|".join(map(re.escape, v)) + ")" for k, v in names.items()}}


#: The same, with the default group names: ``adoption_index_sme`` is a size class, not a region.
_PATTERNS_EN_DEFAULT = _patterns(METRICS, _default_groups())


def metric_info(name: str) -> tuple[str, str]:
    """(definition, unit) of a metric from :data:`model.metric_catalogue.METRICS`, expanded names included."""
    if name in METRICS:
        return METRICS[name]
    for regex, template in [*_PATTERNS_EN_DEFAULT, *_PATTERNS_EN]:
        if regex.match(name):
            return METRICS[template]
    return "", ""


def metric_label(name: str, lang: str = "en") -> str:
    """Human name of metric ``name`` (expanded names like ``adoption_ai_sme`` included)."""
    if lang == "zh":
        if name in METRIC_ZH:
            return METRIC_ZH[name]
        for regex, template in _PATTERNS:
            match = regex.match(name)
            if match:
                parts = [_group_zh(g) for g in match.groups()]
                return METRIC_ZH[template].format(*parts)
        return name
    return _EN.get(name, name.replace("_", " "))


def lever_label(key: str, lever: str, lang: str = "en") -> str:
    """Name of a lever instance: its key, with the Chinese lever name in ``zh``."""
    if lang == "zh":
        zh = LEVERS_ZH.get(lever, lever)
        return zh if key == lever else f"{zh}（{key}）"
    return key
