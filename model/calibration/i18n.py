"""English and Chinese text of the validation table, report and figure."""

from __future__ import annotations

TEXT = {
    "en": {
        "title": "Validation against the calibration targets", "target": "target", "source": "source",
        "period": "period", "figure": "figure", "model": "model", "model_range": "model range",
        "tolerance": "tolerance", "result": "result", "pass": "pass", "miss": "miss", "n/a": "n/a",
        "summary": "{name}: {n} seeds ({first}..{last}), {passed} of {total} targets pass",
        "na_note": "n/a: the scenario does not cover that target's period", "results": "Targets",
        "figure_title": "Targeted series", "seed": "seed {0}", "target_note": "target",
        "suptitle": "{name}: model (lines; thin = seeds) against the seed documents' figures "
                    "(points, bars = tolerance)",
        "method": ("Each target's model value is the mean over seeds of the run's measure (a quarter's value, a "
                   "year's mean or the yearly growth between two years); it passes when inside the tolerance band. "
                   "Shares are percentages. Bands are justified in docs/calibration.md."),
    },
    "zh": {
        "title": "对照校准目标的验证", "target": "目标", "source": "来源", "period": "时期", "figure": "目标值",
        "model": "模型", "model_range": "模型范围", "tolerance": "容差", "result": "结果", "pass": "通过",
        "miss": "未达标", "n/a": "不适用",
        "summary": "{name}：{n} 个随机种子（{first}..{last}），{total} 个目标中 {passed} 个通过",
        "na_note": "不适用：情景未覆盖该目标的时期", "results": "各项目标",
        "figure_title": "目标序列", "seed": "种子文档 {0}", "target_note": "目标",
        "suptitle": "{name}：模型（线；细线为各随机种子）与种子文档数据（点；误差线为容差）对比",
        "method": ("每个目标的模型值为各随机种子运行结果的均值（某季度的值、某年的均值或两年之间的年均增长）；"
                   "落在容差区间内即为通过。比例以百分数表示。容差的依据见 docs/calibration.md。"),
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
}

#: Chinese titles of the figure's panels.
PANEL_ZH = {
    "Firms using data": "使用数据的企业", "Industrial firms (output-weighted)": "工业企业（按产出加权）",
    "Robot density": "机器人密度", "Robot sales (per quarter)": "机器人销量（每季度）", "Employment shares": "就业结构",
    "Digital penetration by sector": "分行业数字渗透率", "Digital economy share of GDP": "数字经济占GDP比重",
    "Digital share of TFP growth": "数字技术对TFP增长的贡献份额", "Adoption gap, large - SME": "大企业与中小企业采用差距",
    "AI's lift to GDP": "人工智能对GDP的拉动",
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
    """A target's source ('seed 004') in ``lang``."""
    if lang == "zh" and source.startswith("seed "):
        return vtext("seed", lang).format(source[5:])
    return source
