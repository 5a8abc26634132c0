"""The dashboard's lessons: presets built from the scenario files, each with its question.

A preset is a file in ``scenarios/`` (its economy and its levers); the dashboard runs it with the
classroom's population. The question is what the lesson asks students to find out; the "things to try"
in the Info tab come from the same table.
"""

from __future__ import annotations

#: preset (scenario file stem) -> (question, thing to try), in English and Chinese
PRESETS: dict[str, dict[str, tuple[str, str]]] = {
    "baseline": {
        "en": ("How does an economy digitalise with no new policy? Who adopts first, and what happens to jobs?",
               "Play to the end. Which firm size adopts fastest? Does unemployment rise or fall as AI spreads?"),
        "zh": ("没有新政策时，经济如何数字化？谁先采用？就业会怎样？",
               "运行到结束。哪类规模的企业采用最快？随着 AI 扩散，失业率是升还是降？"),
    },
    "sme_digital_subsidy": {
        "en": ("Does paying part of SMEs' adoption cost close the gap with large firms, and at what cost?",
               "Compare the large - SME gap with the dashed baseline. Then set the subsidy to 90%: is it worth it?"),
        "zh": ("为中小企业承担部分采用成本，能否缩小与大企业的差距？代价多大？",
               "把大企业与中小企业的差距与虚线基准比较；再把补贴调到 90%，值得吗？"),
    },
    "inclusive_cloud": {
        "en": ("If SMEs can adopt with nothing up front (cloud subscriptions), which barrier falls?",
               "Open the Lessons tab: watch 'afraid' among small firms fall against the baseline."),
        "zh": ("如果中小企业能“零首付”上云，哪一道障碍会消失？",
               "打开“课堂”标签：看小企业中“不敢”的比例相对基准如何下降。"),
    },
    "digital_skills_drive": {
        "en": ("Can training workers in digital skills speed up adoption and cut the talent gap?",
               "Watch 'unable' and the digital talent gap. Raise the training share: where does it stop helping?"),
        "zh": ("培训劳动者的数字技能，能否加快采用、缩小人才缺口？",
               "观察“不会”和数字人才缺口；提高培训比例：在哪里开始不再有帮助？"),
    },
    "robot_tax": {
        "en": ("Does a 20% robot tax from 2027 save jobs? What does it cost in productivity?",
               "Compare robot density and unemployment with the baseline; try a negative rate (a subsidy)."),
        "zh": ("从 2027 年起征收 20% 的机器人税能保住就业吗？生产率付出多少代价？",
               "把机器人密度和失业率与基准比较；再试试负税率（补贴）。"),
    },
    "robot_subsidy": {
        "en": ("What if robots are subsidised instead? More automation, more output, fewer jobs?",
               "Look at the Lessons tab's robots-and-jobs panel: who is displaced, and is anyone re-employed?"),
        "zh": ("如果改为补贴机器人呢？自动化更多、产出更多、岗位更少？",
               "看“课堂”标签中的机器人与就业：谁被替代？有人重新就业吗？"),
    },
    "fast_ai_no_response": {
        "en": ("AI capability grows twice as fast and no policy responds: who loses work and income?",
               "Note unemployment, gig work and the Gini at the end. Then switch on skills training mid-run."),
        "zh": ("AI 能力增长快一倍且没有政策应对：谁失去工作和收入？",
               "记下结束时的失业率、零工比例和基尼系数；再在中途开启技能培训。"),
    },
    "skills_under_fast_ai": {
        "en": ("Under fast AI, does a skills programme keep people in work?",
               "Compare unemployment with the dashed baseline (no fast AI, no policy) and with the previous lesson."),
        "zh": ("在 AI 快速发展下，技能培训能让人们保住工作吗？",
               "把失业率与虚线基准（无快速 AI、无政策）以及上一课比较。"),
    },
    "minimum_income_fast_ai": {
        "en": ("Under fast AI, what does a minimum income floor do to inequality and to the budget?",
               "Watch the Gini and policy spending (% of GDP). Raise the floor: what happens to the surcharge?"),
        "zh": ("在 AI 快速发展下，最低收入保障对不平等和财政有何影响？",
               "观察基尼系数和政策支出（占 GDP 比例）；提高保障水平，附加税会怎样？"),
    },
    "platform_regulation": {
        "en": ("Does capping gig platforms' commission raise gig workers' pay without cutting gig work?",
               "Open the gig-work panel: compare the commission, gig pay and the flexible share with the baseline."),
        "zh": ("限制零工平台抽成，能否在不减少零工的情况下提高零工收入？",
               "打开零工面板：把抽成、零工收入和灵活就业比例与基准比较。"),
    },
    "industrial_internet_platforms": {
        "en": ("Do industrial internet platforms help SMEs by pooling data and skills?",
               "Watch platform membership and the SME adoption line; then move the support rate."),
        "zh": ("工业互联网平台通过汇聚数据和技能，能帮助中小企业吗？",
               "观察平台会员比例和中小企业采用曲线；再调整支持比例。"),
    },
    "open_public_data": {
        "en": ("Does opening public data raise productivity, and for whom?",
               "Compare TFP and adoption of data with the baseline."),
        "zh": ("开放公共数据能提高生产率吗？谁受益？",
               "把全要素生产率和数据采用率与基准比较。"),
    },
    "east_data_west_compute": {
        "en": ("Does moving compute west (East data, west compute) narrow the gap between regions?",
               "Watch the gap between regions in the digital-divide chart."),
        "zh": ("“东数西算”能缩小地区之间的差距吗？",
               "观察数字鸿沟图中的地区差距。"),
    },
}

#: preset -> short title shown in the lesson menu
TITLES: dict[str, dict[str, str]] = {
    "baseline": {"en": "Baseline: no new policy", "zh": "基准：无新政策"},
    "sme_digital_subsidy": {"en": "SME digital subsidy", "zh": "中小企业数字化补贴"},
    "inclusive_cloud": {"en": "Inclusive cloud for SMEs", "zh": "普惠上云"},
    "digital_skills_drive": {"en": "Digital skills drive", "zh": "数字技能培训"},
    "robot_tax": {"en": "Robot tax", "zh": "机器人税"},
    "robot_subsidy": {"en": "Robot subsidy", "zh": "机器人补贴"},
    "fast_ai_no_response": {"en": "Fast AI, no response", "zh": "AI 快速发展，无应对"},
    "skills_under_fast_ai": {"en": "Fast AI with skills training", "zh": "AI 快速发展 + 技能培训"},
    "minimum_income_fast_ai": {"en": "Fast AI with a minimum income", "zh": "AI 快速发展 + 最低收入保障"},
    "platform_regulation": {"en": "Gig platform regulation", "zh": "零工平台监管"},
    "industrial_internet_platforms": {"en": "Industrial internet platforms", "zh": "工业互联网平台"},
    "open_public_data": {"en": "Open public data", "zh": "公共数据开放"},
    "east_data_west_compute": {"en": "East data, west compute", "zh": "东数西算"},
}


def preset_title(preset: str, lang: str = "en") -> str:
    """The lesson menu's name for ``preset``."""
    return TITLES[preset].get(lang) or TITLES[preset]["en"]


def preset_text(preset: str, lang: str = "en") -> tuple[str, str]:
    """The preset's question and the thing to try, in ``lang``."""
    return PRESETS[preset].get(lang) or PRESETS[preset]["en"]
