"""Labels of the dashboard and the classroom figures in English and Chinese.

``label(key, lang)`` looks a label up; a key missing in Chinese falls back to
English, a key missing everywhere is shown as itself. ``use_cjk_font()`` makes
matplotlib draw Chinese text (Debian: ``apt-get install fonts-noto-cjk``).
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
        "compute_west": "East data, west compute", "compute_west.share": "Share of eastern compute moved west",
        "green_compute": "Green compute", "green_compute.green_boost": "Green compute: extra green power share",
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
        "overview": "Overview", "period": "Period", "step": "Step", "policies": "Policies", "none": "none",
        "tfp": "TFP index", "adoption": "Adoption index", "unemployment": "Unemployment",
        "gig_share": "Flexible (gig) share", "divide_index": "Digital divide index",
        "spending": "Policy spending so far",
        # groups
        "large": "large", "sme": "SME", "micro": "micro", "east": "east", "central": "central", "west": "west",
        "agriculture": "agriculture", "industry": "industry", "services": "services",
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
        "compute_west": "东数西算", "compute_west.share": "东部算力西移比例",
        "green_compute": "绿色算力", "green_compute.green_boost": "绿色算力：绿电比例提升",
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
        "overview": "概览", "period": "时期", "step": "步数", "policies": "政策", "none": "无",
        "tfp": "全要素生产率指数", "adoption": "采用指数", "unemployment": "失业率",
        "gig_share": "灵活就业比例", "divide_index": "数字鸿沟指数", "spending": "累计政策支出",
        "large": "大型", "sme": "中小型", "micro": "微型", "east": "东部", "central": "中部", "west": "西部",
        "agriculture": "农业", "industry": "工业", "services": "服务业",
    },
}

def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ``ValueError`` naming the valid ones."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def label(key: str, lang: str = "en", **fmt) -> str:
    """The label for ``key`` in ``lang`` (English, then the key itself, as fallbacks)."""
    text = LABELS.get(lang, {}).get(key) or LABELS["en"].get(key) or key
    return text.format(**fmt) if fmt else text


#: Language the figures of each label language are drawn in (set by :func:`use_cjk_font`).
FIGURE_LANGS: dict[str, str] = {}


def use_cjk_font(lang: str = "zh", font_path: str | None = None) -> str:
    """Configure matplotlib for ``lang``; return the language figures should use.

    For Chinese, a CJK font (or the font file ``font_path``; it also draws Latin letters) becomes the
    first sans-serif font. When none is found, one warning says how to get one and figures fall back to
    English; the dashboard's other text stays Chinese.
    """
    import matplotlib

    from model import fonts

    family = fonts.figure_font(lang, font_path)
    FIGURE_LANGS[lang] = fonts.figure_lang(lang, family)
    if family is not None:
        others = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
        matplotlib.rcParams["font.sans-serif"] = [family, *others]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["axes.unicode_minus"] = False
    return FIGURE_LANGS[lang]


def figure_lang(model) -> str:
    """Language of a dashboard model's figure labels: its label language, English if no font draws it."""
    lang = getattr(model, "lang", "en")
    return FIGURE_LANGS.get(lang, lang)
