"""English and Chinese text of the validation table, report and figure."""

from __future__ import annotations

TEXT = {
    "en": {
        "title": "Validation against the calibration targets", "target": "target", "source": "source",
        "period": "period", "figure": "figure", "model": "model", "model_range": "model range",
        "tolerance": "tolerance", "result": "result", "pass": "pass", "miss": "miss", "n/a": "n/a",
        "summary": "{name}: {n} seeds ({first}..{last}); held-out facts: {held_passed} of {held_total} pass; "
                   "fitted targets: {fit_passed} of {fit_total} pass; implied (not counted): {initial}",
        "group_held_out": "Held-out facts ({passed} of {total} pass)",
        "group_fitted": "Fitted targets ({passed} of {total} pass)",
        "group_implied": "Implied by the start or the fit ({passed} of {total} inside the band; not counted)",
        "note_held_out": "no parameter was fitted to these; a miss here fails validate (exit 1)",
        "note_fitted": "model/calibration/fit.py fits parameters to these, so a pass shows the fit, not the model",
        "note_implied": "the starting state or the fitted targets all but set these, so they test nothing",
        "na_note": "n/a: the scenario does not cover that target's period", "results": "Targets",
        "figure_title": "Targeted series", "seed": "seed {0}", "target_note": "target",
        "suptitle": "{name}: model (line = mean over seeds, shade = range over seeds) against the targets "
                    "(hatched = pass band over the target's period, dashed = the figure; cones = yearly growth)",
        "source_note": "Sources: ",
        "method": ("Each target's model value is the mean over seeds of the run's measure (a quarter's value, a "
                   "year's mean, a mean over years or the yearly growth between two years); it passes when inside "
                   "the tolerance band. Shares are percentages. Held-out facts are the test: no parameter was set "
                   "with them in view. Fitted targets only show how well the fit did. Sources and bands: "
                   "docs/calibration.md."),
    },
    "zh": {
        "title": "对照校准目标的验证", "target": "目标", "source": "来源", "period": "时期", "figure": "目标值",
        "model": "模型", "model_range": "模型范围", "tolerance": "容差", "result": "结果", "pass": "通过",
        "miss": "未达标", "n/a": "不适用",
        "summary": "{name}：{n} 个随机种子（{first}..{last}）；留出检验事实 {held_total} 项中 {held_passed} 项通过；"
                   "拟合目标 {fit_total} 项中 {fit_passed} 项通过；由起点或拟合决定（不计入）{initial} 项",
        "group_held_out": "留出检验事实（{total} 项中 {passed} 项通过）",
        "group_fitted": "拟合目标（{total} 项中 {passed} 项通过）",
        "group_implied": "由起点或拟合决定（{total} 项中 {passed} 项在区间内；不计入）",
        "note_held_out": "未用任何参数拟合这些事实；此处未达标则 validate 失败（退出码 1）",
        "note_fitted": "model/calibration/fit.py 用这些目标拟合参数，通过只说明拟合，不说明模型",
        "note_implied": "情景的初始状态或拟合目标几乎决定了这些数值，因此它们检验不了什么",
        "na_note": "不适用：情景未覆盖该目标的时期", "results": "各项目标",
        "figure_title": "目标序列", "seed": "种子文档 {0}", "target_note": "目标",
        "suptitle": "{name}：模型（线为各随机种子均值，阴影为种子范围）与目标对比（斜线区为目标时期的通过区间，"
                    "虚线为目标值；锥形为年均增长）",
        "source_note": "来源：",
        "method": ("每个目标的模型值为各随机种子运行结果的均值（某季度的值、某年的均值、若干年的均值或两年之间的年均增长）；"
                   "落在容差区间内即为通过。比例以百分数表示。留出检验事实才是检验：没有任何参数针对它们设定。"
                   "拟合目标只说明拟合的好坏。来源与容差见 docs/calibration.md。"),
    },
}

#: Chinese descriptions of the targets, by key.
TARGET_ZH = {
    "data_2021": "存储数据的受访企业比例", "data_2022": "存储数据的受访企业比例",
    "cnc_2023": "工业关键工序数控化率", "design_tools_2023": "工业数字化研发设计工具普及率",
    "robot_density_2015": "制造业机器人密度（台/万名工人）", "robot_density_2022": "制造业机器人密度（台/万名工人）",
    "robot_sales_growth": "工业机器人销量年均增长", "flexible_2021": "灵活就业（7.4亿中的2亿）",
    "talent_gap": "数字人才缺口（7.4亿中的2500万-3000万）", "penetration_agriculture": "农业数字经济渗透率",
    "penetration_industry": "工业数字经济渗透率", "penetration_services": "服务业数字经济渗透率",
    "penetration_order": "渗透率：农业 < 工业 < 服务业（最小差距）", "digital_share_2023": "数字经济占GDP比重",
    "digital_growth": "数字经济年均实际增长（名义14.3%）", "digital_tfp_share": "数字技术对TFP增长的贡献份额（2015年以来）",
    "sme_gap": "中小企业落后于大企业（采用指数差距）", "ai_gdp_lift": "人工智能对GDP的长期拉动（对比关闭人工智能）",
    "tfp_growth": "全要素生产率年均增长", "gdp_growth": "实际GDP年均增长", "cpi_inflation": "居民消费价格年均涨幅",
    "unemployment": "城镇调查失业率", "labour_share": "劳动者报酬占GDP比重", "consumption_share": "居民消费占GDP比重",
    "investment_share": "资本形成总额占GDP比重", "gini": "居民收入基尼系数",
    "gig_growth": "平台服务提供者年均增长（5000万至8400万）",
    "robot_density_2019": "制造业机器人密度（台/万名工人）", "robot_density_2023": "制造业机器人密度（台/万名工人）",
}

#: Chinese names of the sources.
SOURCE_ZH = {
    "CAICT 2024 report (seed 004)": "中国信通院2024年报告（种子文档 004）",
    "IFR World Robotics via CAICT 2024 report (seed 004)": "国际机器人联合会，经中国信通院2024年报告（种子文档 004）",
    "IFR World Robotics": "国际机器人联合会《世界机器人报告》",
    "NBS China Statistical Yearbook": "国家统计局《中国统计年鉴》",
    "NBS flow of funds; income-approach provincial sums": "国家统计局资金流量表；收入法省级加总",
    "NBS China Statistical Yearbook (expenditure approach)": "国家统计局《中国统计年鉴》（支出法）",
    "Li Haijian 2024, citing CAICT (seed 001)": "李海舰2024，引中国信通院（种子文档 001）",
    "Wang Jinping, Information China 2024 (seed 000)": "王金平，《中国信息界》2024（种子文档 000）",
    "Goldman Sachs via CAICT 2024 report (seed 004)": "高盛，经中国信通院2024年报告（种子文档 004）",
    "Penn World Table 11.0; Conference Board TED": "佩恩表11.0；世界大型企业联合会总经济数据库",
    "State Information Center, China Sharing Economy Reports 2016 and 2021":
        "国家信息中心《中国共享经济发展报告》2016、2022",
}

#: Chinese titles of the figure's panels.
PANEL_ZH = {
    "Firms using data": "使用数据的企业", "Industrial firms (output-weighted)": "工业企业（按产出加权）",
    "Robot density": "机器人密度", "Robot sales (per quarter)": "机器人销量（每季度）", "Employment shares": "就业结构",
    "Digital penetration by sector": "分行业数字渗透率", "Digital economy share of GDP": "数字经济占GDP比重",
    "Digital share of TFP growth": "数字技术对TFP增长的贡献份额", "Adoption gap, large - SME": "大企业与中小企业采用差距",
    "AI's lift to GDP": "人工智能对GDP的拉动", "TFP and prices (index)": "全要素生产率与价格（指数）",
    "Real GDP": "实际GDP", "Unemployment": "失业率", "Shares of GDP": "占GDP比重", "Income Gini": "收入基尼系数",
    "Gig workers": "平台零工人数", "agriculture": "农业", "industry": "工业", "services": "服务业",
}


def vtext(key: str, lang: str = "en") -> str:
    """A validation phrase in ``lang`` (falls back to English)."""
    return TEXT.get(lang, TEXT["en"]).get(key, TEXT["en"][key])


def target_label(key: str, label: str, lang: str = "en") -> str:
    """A target's description in ``lang``."""
    return TARGET_ZH.get(key, label) if lang == "zh" else label


def panel_title(title: str, lang: str = "en") -> str:
    """A figure panel's title in ``lang``."""
    return PANEL_ZH.get(title, title) if lang == "zh" else title


def source_label(source: str, lang: str = "en") -> str:
    """A target's source in ``lang``."""
    return SOURCE_ZH.get(source, source) if lang == "zh" else source
