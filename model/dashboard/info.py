"""The Info tab: what the model is, how it works, things to try for each lesson, extending it (en, zh)."""

from __future__ import annotations

from model.dashboard.lessons import PRESETS, preset_text, preset_title

TEXT = {
    "en": """
## What is it?

An agent-based model of an economy going digital. Thousands of **firms** (large, SME, micro; in
agriculture, industry and services; in the east, centre and west) decide whether to adopt **data
systems, robots and AI**. Tens of thousands of **workers** (low, mid and high skill) work for them,
work through **gig platforms** or look for work. Banks lend, the government taxes, spends and pays
benefits, and every payment is booked between two sectors, so no money appears or disappears.
Productivity (TFP), jobs and the digital divide are not written in: they come out of what the agents do.

## How it works

Each step is one quarter. In order: policies act; households plan spending; the technology frontier
moves; firms' R&D finds better ways of working or copies better firms; firms weigh adopting each technology and meet three barriers (**unwilling**: they do not see
the value; **afraid**: risk or the up-front cost; **unable**: too few digitally skilled staff); firms
produce with people, machines, robots, data and AI; the labour market matches job seekers and
vacancies; gig platforms match gig workers to tasks; workers train and change skill; incomes are paid
and spent; some firms exit and new ones enter. The full description, with every equation, is
`docs/ODD.md`.

The **dashed line** on each chart is the baseline economy with the same seed and no policy, so the
gap between a solid and a dashed line is what your levers did. Switching a lever on or moving its
slider acts from the next quarter. Changing the economy (firms, workers, quarters, seed) needs Reset.

## Things to try
""",
    "zh": """
## 这是什么？

这是一个经济数字化转型的主体建模（ABM）。数千家**企业**（大型、中小型、微型；农业、工业、服务业；东部、
中部、西部）决定是否采用**数据系统、机器人和人工智能**。数万名**劳动者**（低、中、高技能）受雇于企业、
通过**零工平台**工作或正在找工作。银行放贷，政府征税、支出并发放福利；每一笔支付都记录在两个部门之间，
因此货币不会凭空出现或消失。全要素生产率、就业和数字鸿沟都不是事先写定的，而是主体行为的结果。

## 如何运作

每一步是一个季度。依次为：政策生效；家庭计划支出；技术前沿推进；企业的研发找到更好的生产方式或模仿更好的企业；企业权衡是否采用各项技术，并面对三道
障碍（**不愿**：看不到价值；**不敢**：风险或前期投入；**不会**：数字技能员工太少）；企业用劳动、机器、机器人、
数据和 AI 生产；劳动力市场匹配求职者与岗位；零工平台匹配零工与任务；劳动者培训并改变技能；收入发放并被
支出；部分企业退出、新企业进入。完整描述和全部方程见 `docs/ODD.md`。

每张图上的**虚线**是同一随机种子、没有政策的基准经济，实线与虚线之间的差距就是你的政策带来的变化。
开启政策或移动滑块会从下一个季度起生效；改变经济本身（企业数、劳动者数、季度数、随机种子）需要按“重置”。

## 试一试
""",
}

EXTENDING = {
    "en": """
## Extending the model

Every policy lever is one small file in `model/policies/` (its parameters and what it does each
quarter), with a test in `tests/test_levers.py`; a new lever appears on this page once it is given a
control in `model/dashboard/params.py` and a label here. Every lesson is a scenario file in
`scenarios/` (YAML). Outside the classroom, `python run.py run`, `compare` and `sweep` run the same
model from the command line, and the notebooks in `notebooks/` go further.
""",
    "zh": """
## 扩展模型

每个政策工具都是 `model/policies/` 中的一个小文件（参数及每季度的作用），并在 `tests/test_levers.py`
中有测试；在 `model/dashboard/params.py` 中为它添加控件并在此添加标签后，它就会出现在本页。每个课题都是
`scenarios/` 中的一个情景文件（YAML）。课堂之外，`python run.py run`、`compare` 和 `sweep` 在命令行中运行
同一个模型，`notebooks/` 中的笔记本会讲得更深入。
""",
}


def info_markdown(lang: str = "en") -> str:
    """The Info tab's text in ``lang``: what, how, things to try for each lesson, extending."""
    tries = "\n".join(f"- **{preset_title(p, lang)}**: {preset_text(p, lang)[0]} {preset_text(p, lang)[1]}"
                      for p in PRESETS)
    return TEXT[lang] + "\n" + tries + "\n" + EXTENDING[lang]
