"""Notebook 05: scenario discovery on a sweep (PRIM, CART, feature scores, discover) and a target search."""

from __future__ import annotations

from content.cells import QUESTIONS, SETUP, answer, answer_code, code, figure, md, question

CELLS = [

    md("# 5. Scenario discovery: where does a target hold?\n\nA sweep runs the model over many combinations of "
       "uncertain or chosen parameters. A planner asks the question the other way round: **for which "
       "combinations does my target hold?** Scenario discovery answers it from the sweep's runs: it finds a "
       "*box* (a range for each parameter) where most runs meet the target, and says which parameters matter.",
       "# 5. 情景发现：目标在哪里能够实现？\n\n参数扫描在许多种不确定或可选择的参数组合上运行模型。规划者的问题正好相反："
       "**在哪些参数组合下我的目标能够实现？**情景发现从扫描的各次运行中回答这个问题：它找到一个*参数盒*（每个参数的"
       "一个取值范围），盒内大多数运行满足目标，并指出哪些参数最重要。"),
code(SETUP),
    md("## A sweep over three parameters\n\nWe vary the SME digital subsidy rate (`policies.0.rate`), the one-off "
       "cost of AI (`technology.ai.fixed_cost`) and labour-market matching (`labour.matching_efficiency`) over "
       "60 points of a Latin hypercube, one run each, in a small economy for 3 years. The sweep runner writes its "
       "usual files into a scratch folder.",
       "## 三个参数的扫描\n\n我们在拉丁超立方的 60 个点上同时改变中小企业数字化补贴比例（`policies.0.rate`）、AI 的一次性成本"
       "（`technology.ai.fixed_cost`）和劳动力市场匹配效率（`labour.matching_efficiency`），每个点运行一次，"
       "小型经济体，模拟 3 年。扫描程序把结果文件写入一个临时文件夹。"),
    code('import tempfile, yaml\n'
         'from model.sweep import build_plan, execute\n'
         'WORK = Path(tempfile.mkdtemp(prefix="discovery-"))  # a scratch folder: nothing is written into the repository\n'
         'spec = {"name": "classroom_discovery", "base": str(ROOT / "scenarios" / "sme_digital_subsidy.yaml"),\n'
         '        "set": {"population.firms": 200, "population.workers": 2000, "steps": 12}, "seed": 3, "replications": 1,\n'
         '        "parameters": {"policies.0.rate": {"bounds": [0.0, 0.8]},\n'
         '                       "technology.ai.fixed_cost": {"bounds": [0.6, 1.8]},\n'
         '                       "labour.matching_efficiency": {"bounds": [0.2, 0.9]}},\n'
         '        "design": {"kind": "lhs", "samples": 60},\n'
         '        "metrics": ["adoption_index_sme", "policy_spending_cumulative"]}\n'
         '(WORK / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))\n'
         'outcome = execute(build_plan(WORK / "spec.yaml"), WORK / "sweep", workers=1, progress=False)\n'
         'runs = pd.read_parquet(WORK / "sweep" / "runs.parquet")\n'
         'print(outcome.done, T("runs", "次运行"))\n'
         'runs[[*spec["parameters"], *spec["metrics"]]].describe().loc[["min", "50%", "max"]]'),
    md("## The target\n\nThe planner wants SMEs to catch up (an SME adoption index after 3 years among the top 40% "
       "of this sweep's runs) **and** the subsidy to stay affordable (cumulative spending no more than the "
       "median run's); the cell prints the two numbers. A target is written as "
       "comparisons of metric names with numbers, joined by `and`/`or`; it is checked against the metrics the "
       "sweep recorded, never run as code.",
       "## 目标\n\n规划者希望中小企业赶上来（3 年后中小企业采用指数位于本次扫描前 40% 的运行之列），**同时**补贴支出可以承受"
       "（累计支出不超过中位数运行的支出）；下面的单元格打印这两个数字。"
       "目标写成指标名与数字的比较，用 `and`/`or` 连接；程序会对照扫描记录的指标检查它，绝不把它当作代码执行。"),
    code('from model.discovery.sweepdata import load_outcomes\n'
         'from model.discovery.target import parse_target\n'
         'GOAL = round(float(runs["adoption_index_sme"].quantile(0.6)), 3)  # thresholds from this sweep\'s runs\n'
         'CAP = round(float(runs["policy_spending_cumulative"].median()), 1)\n'
         'TARGET = f"adoption_index_sme >= {GOAL} and policy_spending_cumulative <= {CAP}"\n'
         'print(TARGET)\n'
         'data, target = load_outcomes(WORK / "sweep", lambda known: parse_target(TARGET, known=known))\n'
         'meets = target.holds(data.outcomes)\n'
         'print(meets.sum(), "/", len(meets), T("runs meet the target", "次运行满足目标"))'),
    md("## PRIM: the peeling trajectory\n\nPRIM starts from the whole space and repeatedly peels off a thin slice "
       "of runs where the target mostly fails. Each box on the way has a **coverage** (share of all target runs "
       "inside it) and a **density** (share of the runs inside it that meet the target). Peeling trades coverage "
       "for density; the ringed box is the one chosen.",
       "## PRIM：剥离轨迹\n\nPRIM 从整个参数空间出发，每次剥掉一薄片目标多半不成立的运行。沿途的每个盒都有**覆盖率**"
       "（满足目标的运行中落在盒内的比例）和**密度**（盒内运行中满足目标的比例）。剥离以覆盖率换取密度；圆圈标出的是选定的盒。"),
    figure('from model.discovery.analysis import discover\n'
         'from model.discovery import figures\n'
                  'found = discover(data.x, meets, method="prim", seed=1)\n'
         'fig = figures.tradeoff_figure(found, lang=LANG)\nfig'),
    code('box = found.limits()\n'
         'box[box["restricted"]][["parameter", "lower", "upper", "range_lower", "range_upper", "qp_lower", "qp_upper",\n'
         '                        "coverage", "density"]]'),
    md("**How to read it:** each restricted parameter has a lower and an upper limit inside the sweep's range. "
       "The quasi-p-values test whether a limit really raises the density: below 0.05 it very probably matters, "
       "above it may be chance. With a small economy and one run per point the box is fuzzy: its density tells "
       "how often the target held inside it.",
       "**如何解读：**每个受限参数在扫描范围内有一个下限和一个上限。准 p 值检验某个界限是否确实提高了密度：小于 0.05 "
       "说明它很可能重要，大于则可能出于偶然。经济体规模小、每个点只运行一次，所以参数盒比较模糊：密度说明盒内目标成立的频率。"),
    figure('ORDER = list(found.scores["parameter"])  # most important parameter first\n'
         'fig = figures.limits_figure(found, ORDER, lang=LANG)\nfig'),
    figure('fig = figures.pairs_figure(found, data.x, meets, data.outcomes, ORDER, lang=LANG)\nfig'),
    md("## Which parameters matter?\n\nAn extra-trees forest learns to tell the runs that meet the target from "
       "the others; each parameter's score is its share of what the forest learned. The scores sum to 1; with "
       "three parameters an uninformative one scores about 0.33 or less.",
       "## 哪些参数重要？\n\n极端随机树森林学习区分满足目标与不满足目标的运行；每个参数的得分是它在森林所学内容中的份额。"
       "得分之和为 1；共有三个参数时，无信息的参数得分约为 0.33 或更低。"),
    code('found.scores'),
    md("## CART: the same question as a tree\n\nA classification tree splits the runs by thresholds; every leaf is "
       "a box. Its rules are easy to read, but with few runs a tree also learns the noise: look at how many "
       "runs each leaf holds.",
       "## CART：用一棵树回答同一个问题\n\n分类树按阈值划分各次运行；每个叶节点是一个参数盒。树的规则容易阅读，但运行数少时，"
       "树也会学到噪声：请留意每个叶节点包含多少次运行。"),
    code('tree = discover(data.x, meets, method="cart", seed=1)\n'
         'print(tree.rules)'),
    md("## The same from the command line\n\n`python run.py discover SWEEP_DIR --target \"...\"` does all of the "
       "above on a finished sweep and writes `boxes.csv`, `feature_scores.csv`, the figures and a report "
       "(`--lang zh` for Chinese). See `docs/discovery.md`.",
       "## 在命令行中完成同样的分析\n\n`python run.py discover SWEEP_DIR --target \"...\"` 对已完成的扫描完成以上全部分析，"
       "并写出 `boxes.csv`、`feature_scores.csv`、各图和一份报告（`--lang zh` 输出中文）。详见 `docs/discovery.md`。"),
    code('from model.cli import main\n'
         'main(["discover", str(WORK / "sweep"), "--target", TARGET, "--out", str(WORK / "discovery"), "--lang", LANG])\n'
         'sorted(p.name for p in (WORK / "discovery").iterdir())'),
    md("## Target-seeking: the cheapest mix that reaches the target robustly\n\nDiscovery reads a sweep someone "
       "already ran. `python run.py target SPEC.yaml` asks the question the other way: it *searches* lever "
       "settings (here the SME subsidy's rate, its advisory services and its start date), runs each candidate in "
       "the same sample of futures (uncertain diffusion speed x seeds), and keeps the **Pareto front** of net "
       "fiscal cost against robustness (the share of futures in which every target holds). The spec "
       "`scenarios/targets/sme_gap.yaml` asks for an adoption gap of at most 10 points by 2030Q4 in three "
       "futures of four. We run a short search of 8 trials (the spec's own is 30).",
       "## 目标寻优：以最低成本稳健地达到目标的政策组合\n\n情景发现读取别人已经运行完的扫描。"
       "`python run.py target SPEC.yaml` 则反过来提问：它*搜索*政策杠杆的设定（这里是中小企业补贴的比例、咨询服务和起始时间），"
       "在同一组未来情景（不确定的扩散速度 x 随机种子）中运行每个候选方案，保留净财政成本与稳健性（所有目标都成立的未来所占比例）之间的"
       "**帕累托前沿**。规格文件 `scenarios/targets/sme_gap.yaml` 要求到 2030Q4 大企业与中小企业的采用差距不超过 10 个百分点，"
       "且在四个未来中至少三个成立。这里只运行 8 次试验的短搜索（规格文件本身为 30 次）。"),
    code('status = main(["target", str(ROOT / "scenarios" / "targets" / "sme_gap.yaml"), "--trials", "8",\n'
         '                "--out", str(WORK / "target"), "--quiet", "--lang", LANG])\n'
         'trials = pd.read_csv(WORK / "target" / "trials.csv")\n'
         'print(T("exit status", "退出码"), status, "-", T("0: a mix reached the required robustness", "0：有方案达到要求的稳健性"))\n'
         'trials[[c for c in ("number", "mix", "cost", "robustness", "outcome", "chosen") if c in trials]]'),
    figure('from IPython.display import Image\n'
           'Image(filename=str(WORK / "target" / "front.png"))'),
    code('print((WORK / "target" / "chosen_mix.yaml").read_text())'),
    md("**How to read it:** each dot is a trial; the front joins the trials no other trial beats on both cost and "
       "robustness. The chosen mix is the cheapest one whose robustness reaches the spec's requirement; "
       "`chosen_mix.yaml` is a scenario that `run` and `compare` accept as it is. Eight trials in a 200-firm "
       "economy are a demonstration of the method, not a policy answer: with few futures robustness moves in "
       "steps of 25 points. Killed and rerun with the same command, a search continues where it stopped and ends "
       "with the same front (docs/discovery.md).",
       "**如何解读：**每个点是一次试验；前沿连接那些在成本和稳健性上都没有被其他试验同时超越的试验。选定方案是稳健性达到要求的"
       "最便宜方案；`chosen_mix.yaml` 是一个 `run` 和 `compare` 可以直接使用的情景文件。在 200 家企业的经济体中运行 8 次试验只是"
       "演示方法，而非政策答案：未来情景很少时，稳健性以 25 个百分点为一级变化。搜索被中断后用同一命令重新运行，会从中断处继续，"
       "并得到相同的前沿（docs/discovery.md）。"),
    QUESTIONS,
    question("1. Which limit of the subsidy rate comes from the spending cap, and which from the adoption goal?",
             "1. 补贴比例的哪个界限来自支出上限，哪个来自采用率目标？"),
    answer_code('rate = box[box["parameter"] == "policies.0.rate"].iloc[0]\n'
                'print(T("subsidy rate in the box:", "参数盒中的补贴比例："), round(rate["lower"], 2), "..",\n'
                '      round(rate["upper"], 2), T("of a sweep range", "，扫描范围"), rate["range_lower"], "..",\n'
                '      rate["range_upper"], T("restricted:", "受限："), bool(rate["restricted"]))\n'
                'print(runs.groupby(pd.cut(runs["policies.0.rate"], 4), observed=True)\n'
                '      [["adoption_index_sme", "policy_spending_cumulative"]].mean().round(2))'),
    answer("A higher subsidy rate raises SME adoption (more firms can afford the one-off cost) and raises "
           "spending. So a *lower* limit on the rate, if the box has one, comes from the adoption goal, and an "
           "*upper* limit from the spending cap. The table of mean adoption and spending by quarter of the rate "
           "range shows both rising. If the box restricts only one side, the other constraint is not binding in "
           "this sweep; and with one small-economy run per point the limits are fuzzy (read the quasi-p-values).",
           "补贴比例越高，中小企业采用率越高（更多企业负担得起一次性成本），支出也越高。因此参数盒若对补贴比例设有*下限*，"
           "它来自采用率目标；*上限*来自支出上限。按补贴比例四等分的平均采用率与支出表显示二者同时上升。如果参数盒只限制了一侧，"
           "说明另一约束在这次扫描中不起作用；每个点只运行一次小型经济体，界限比较模糊（请看准 p 值）。"),
    question("2. Raise the spending cap to the spending of the run at the 75th percentile. How do the box and the "
             "feature scores change?",
             "2. 把支出上限提高到第 75 百分位运行的支出。参数盒和特征得分如何变化？"),
    answer_code('LOOSE = round(float(runs["policy_spending_cumulative"].quantile(0.75)), 1)\n'
                'data150, target150 = load_outcomes(WORK / "sweep", lambda known: parse_target(\n'
                '    f"adoption_index_sme >= {GOAL} and policy_spending_cumulative <= {LOOSE}", known=known))\n'
                'meets150 = target150.holds(data150.outcomes)\n'
                'found150 = discover(data150.x, meets150, method="prim", seed=1)\n'
                'print(meets150.sum(), "/", len(meets150), T("runs meet the looser target", "次运行满足放宽后的目标"))\n'
                'print(found150.limits()[["parameter", "lower", "upper", "restricted"]])\n'
                'print(found150.scores)'),
    answer("A looser cap lets more runs meet the target, so the box can cover more of the space: the upper limit "
           "on the subsidy rate moves up or disappears, and the subsidy rate's importance score falls if the cap "
           "was what made it matter. What is left is the adoption goal, which the other parameters (AI's cost, "
           "matching) may now explain more of. Compare the two tables above with the first box.",
           "放宽支出上限后，满足目标的运行更多，参数盒可以覆盖更大的空间：补贴比例的上限上移或消失；如果补贴比例的重要性"
           "原本来自支出上限，它的得分会下降。剩下的是采用率目标，其他参数（AI 成本、匹配效率）可能解释得更多。"
           "请把上面两张表与第一个参数盒对比。"),
    question("3. Run two replications per point (`\"replications\": 2`). Does the density of the box rise or fall? "
             "Why?",
             "3. 每个点运行两次（`\"replications\": 2`）。参数盒的密度是上升还是下降？为什么？"),
    answer_code('spec2 = dict(spec, replications=2, name="classroom_discovery_2")\n'
                '(WORK / "spec2.yaml").write_text(yaml.safe_dump(spec2, sort_keys=False))\n'
                'execute(build_plan(WORK / "spec2.yaml"), WORK / "sweep2", workers=1, progress=False)\n'
                'data2, target2 = load_outcomes(WORK / "sweep2", lambda known: parse_target(TARGET, known=known))\n'
                'found2 = discover(data2.x, target2.holds(data2.outcomes), method="prim", seed=1)\n'
                'print(T("density of the chosen box, one run per point:", "选定参数盒的密度（每点一次）："),\n'
                '      round(float(found.limits()["density"].iloc[0]), 2))\n'
                'print(T("density of the chosen box, two runs per point:", "选定参数盒的密度（每点两次）："),\n'
                '      round(float(found2.limits()["density"].iloc[0]), 2))'),
    answer("Two seeds at the same parameter values need not agree: near the edge of the target one seed meets it "
           "and the other does not. With one run per point PRIM can draw a box around lucky runs; with two, that "
           "luck shows, so the density of a box of the same size usually falls and the box found is more honest "
           "about how often the target holds. If the density rises instead, the target is robust to the seed "
           "inside the box. Either way the density is an estimate from few runs: more replications narrow it.",
           "同一组参数下的两个随机种子结果不一定相同：在目标边缘附近，一个种子满足目标而另一个不满足。每点只运行一次时，"
           "PRIM 可能把侥幸的运行圈进参数盒；运行两次时这种侥幸会暴露出来，所以同样大小的参数盒密度通常会下降，"
           "找到的参数盒更真实地反映目标成立的频率。如果密度反而上升，说明在盒内目标对随机种子是稳健的。无论哪种情况，"
           "密度都是少量运行的估计：增加重复次数可以使它更精确。"),
]
