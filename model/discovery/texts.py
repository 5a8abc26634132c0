"""English and Chinese words of the discovery report and figures."""

from __future__ import annotations

TEXT = {
    "en": {
        "title": "Scenario discovery: {name}", "question": "Question", "target": "target",
        "at": "outcomes read at", "last": "each run's last period", "runs": "runs analysed",
        "met": "runs meeting the target", "method": "method", "dropped": "runs left out",
        "prim": "PRIM (patient rule induction, ema_workbench)", "cart": "CART (classification tree, ema_workbench)",
        "box": "The chosen box", "no_box": "No box: the target holds in {k} of {n} runs, so there is nothing to "
                                          "separate. Widen the sweep's ranges or change the target.",
        "box_text": ("Box {box}: coverage {coverage} (share of the target runs inside the box), density "
                     "{density} (share of the runs inside the box that meet the target), mass {mass} (share of "
                     "all runs inside), {res_dim} restricted parameter(s)."),
        "below_density": ("No box reaches the density asked for ({min_density}); this is the densest box: read "
                          "it as a tendency, not a rule."),
        "parameter": "parameter", "lower": "lower", "upper": "upper", "values": "values", "range": "sweep range",
        "qp": "quasi-p (lower / upper)", "qp_text": (
            "Quasi-p-values (Bryant and Lempert 2010): a one-sided binomial test of whether the limit raises the "
            "density; a value above 0.05 means the limit may be chance. '-' marks an unrestricted side."),
        "trajectory": "Peeling trajectory", "trajectory_text": (
            "Each point is a box on PRIM's way from the whole space (coverage 1) to the smallest box: peeling "
            "trades coverage for density."),
        "leaves": "Tree leaves", "leaves_text": "Each point is a leaf of the tree (a box).",
        "chosen_text": ("The chosen box (ringed) has the largest coverage among the boxes whose density is at "
                        "least {min_density}."),
        "rules": "Tree rules", "scores": "Which parameters matter",
        "scores_text": ("Extra-trees feature scores: the share of the forest's impurity reduction due to each "
                        "parameter when classifying runs by the target ({trees} trees, seed {seed}). They sum to "
                        "1; with {d} parameters an uninformative one scores about {uniform} or less."),
        "score": "score", "rank": "rank", "figures": "Figures", "pairs": "Runs on the two most important parameters",
        "limits": "Box limits", "files": "Files", "coverage": "coverage", "density": "density",
        "restricted_dims": "restricted parameters", "meets": "meets the target", "misses": "misses the target",
        "chosen": "chosen box", "sweep_range": "sweep range", "box_range": "box",
        "limits_text": "grey: the sweep's range; blue: the box (scaled to the range)",
        "english_figures": "",
        "limits_note": ("Limits are read from {n} runs: a box is where these runs met the target, not a "
                        "guarantee between them. Replications of one design point can disagree; the density "
                        "says how often the target held inside."),
    },
    "zh": {
        "title": "情景发现：{name}", "question": "问题", "target": "目标", "at": "结果读取时期",
        "last": "各次运行的最后一期", "runs": "分析的运行数", "met": "满足目标的运行数", "method": "方法",
        "dropped": "未纳入的运行", "prim": "PRIM（耐心规则归纳，ema_workbench）", "cart": "CART（分类树，ema_workbench）",
        "box": "选定的参数盒", "no_box": "无参数盒：{n} 次运行中有 {k} 次满足目标，没有可区分的两类。请扩大扫描范围或调整目标。",
        "box_text": ("参数盒 {box}：覆盖率 {coverage}（满足目标的运行中落在盒内的比例），密度 {density}（盒内运行中满足目标"
                     "的比例），质量 {mass}（落在盒内的运行占全部运行的比例），受限参数 {res_dim} 个。"),
        "below_density": "没有参数盒达到所要求的密度（{min_density}）；这是密度最高的盒：应视为一种倾向，而非规则。",
        "parameter": "参数", "lower": "下限", "upper": "上限", "values": "取值", "range": "扫描范围",
        "qp": "准 p 值（下限 / 上限）", "qp_text": (
            "准 p 值（Bryant 与 Lempert 2010）：对该界限是否提高密度的单侧二项检验；大于 0.05 表示该界限可能出于偶然。"
            "“-”表示该侧未受限。"),
        "trajectory": "剥离轨迹", "trajectory_text": (
            "每个点是 PRIM 从整个参数空间（覆盖率 1）逐步剥离到最小参数盒过程中的一个盒：剥离以覆盖率换取密度。"),
        "leaves": "树的叶节点", "leaves_text": "每个点是树的一个叶节点（一个参数盒）。",
        "chosen_text": "选定的盒（圆圈标出）是密度不低于 {min_density} 的盒中覆盖率最大的一个。",
        "rules": "树的规则", "scores": "哪些参数最重要",
        "scores_text": ("极端随机树特征得分：按目标对运行分类时，各参数贡献的不纯度下降份额（{trees} 棵树，随机种子 {seed}）。"
                        "得分之和为 1；共有 {d} 个参数时，无信息的参数得分约为 {uniform} 或更低。"),
        "score": "得分", "rank": "排名", "figures": "图", "pairs": "两个最重要参数上的各次运行",
        "limits": "参数盒界限", "files": "文件", "coverage": "覆盖率", "density": "密度",
        "restricted_dims": "受限参数个数", "meets": "满足目标", "misses": "未满足目标",
        "chosen": "选定的盒", "sweep_range": "扫描范围", "box_range": "参数盒",
        "limits_text": "灰色：扫描范围；蓝色：参数盒（按范围缩放）",
        "english_figures": "本机未找到可显示中文的字体，图中标签为英文（安装 fonts-noto-cjk，或用 --font 指定字体文件）。",
        "limits_note": ("界限来自 {n} 次运行：参数盒是这些运行满足目标的区域，并不保证运行之间的点也满足。同一设计点的重复运行"
                        "可能结果不同；密度说明盒内目标成立的频率。"),
    },
}


def dtext(key: str, lang: str = "en", **values) -> str:
    """A phrase of the discovery report in ``lang``, with ``values`` filled in."""
    phrase = TEXT.get(lang, TEXT["en"]).get(key, TEXT["en"][key])
    return phrase.format(**values) if values else phrase
