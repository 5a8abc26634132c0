"""``compare``: run scenarios with the same seeds and report their differences with uncertainty."""

from __future__ import annotations

import sys
from pathlib import Path

MAX_SEEDS = 1000


def add_parser(subparsers):
    from model.cli import add_force_option, add_lang_options, add_set_option

    parser = subparsers.add_parser(
        "compare", help="compare scenarios with the same seeds, with confidence intervals",
        description="Run each scenario with the same N seeds (common random numbers) in parallel and write "
                    "comparison.csv, lever_costs.csv, report.html, report.md and the figures (PNG) to DIR. "
                    "The first scenario is the reference for differences.")
    parser.add_argument("scenarios", nargs="+", metavar="SCENARIO.yaml", help="scenario files (first: reference)")
    parser.add_argument("--seeds", type=int, default=5, help="number of seeds per scenario (default 5)")
    parser.add_argument("--seed", type=int, default=None,
                        help="first seed; seeds are SEED, SEED+1, ... (default: the first scenario's seed)")
    parser.add_argument("--workers", type=int, default=None, help="parallel processes (default: cores)")
    parser.add_argument("--out", default=None, help="output folder (default: outputs/compare-<names>/)")
    add_lang_options(parser, "report")
    parser.add_argument("--steps", type=int, default=None, help="quarters to simulate (default: each scenario's)")
    add_set_option(parser, "a value in every scenario")
    add_force_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(func=compare_command)
    return parser


def resolve_lang(lang: str, font_path: str | None = None) -> tuple[str, str | None]:
    """The report's language and the font for its figures (None: matplotlib's default).

    The text is always in ``lang``; only the figures need a font (see :func:`model.fonts.figure_font`).
    """
    from model import fonts

    return lang, fonts.figure_font(lang, font_path)


def load_all(paths: list[str], overrides: list[str]) -> dict:
    """Load every scenario file, with the same overrides.

    Args:
        paths: scenario YAML files; the first is the reference.
        overrides: ``key.path=value`` strings applied to every scenario.

    Returns:
        ``{unique name: Scenario}`` in the order given (a repeated name gets ``-2``, ``-3``, ...).
    """
    from model.scenario_io import load_scenario

    scenarios = {}
    for path in paths:
        scenario = load_scenario(path, overrides)
        name, k = scenario.name, 2
        while name in scenarios:
            name, k = f"{scenario.name}-{k}", k + 1
        scenarios[name] = scenario
    return scenarios


def check_args(args) -> None:
    from model.errors import UserError

    if not 1 <= args.seeds <= MAX_SEEDS:
        raise UserError(f"--seeds {args.seeds}: must be between 1 and {MAX_SEEDS}")
    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers {args.workers}: must be 1 or more")
    if args.seed is not None and not 0 <= args.seed < 2**63 - MAX_SEEDS:
        raise UserError(f"--seed {args.seed}: must be between 0 and 2**63-{MAX_SEEDS}")
    if args.steps is not None and args.steps < 1:
        raise UserError(f"--steps {args.steps}: must be 1 or more")


def write_outputs(out: Path, runs: dict, scenarios: dict, seeds: list[int], lang: str, font: str | None) -> None:
    """Compute the tables, draw the figures and write every file atomically into ``out``.

    This is ``python run.py compare`` after the runs: ``load_all``, then ``run_all``, then this.

    Args:
        out: the output folder (created if needed; files appear in it only when all are ready).
        runs: ``{name: [timeseries per seed]}`` from [run_all][model.report.runs.run_all].
        scenarios: ``{name: Scenario}``, in the same order as ``runs``.
        seeds: the seeds, in the order of each scenario's time series.
        lang: ``en`` or ``zh`` (the labels of the report and figures).
        font: the CJK font family for ``zh`` figures (see ``resolve_lang``); None draws their labels in English.

    Returns:
        None; writes ``comparison.csv``, ``lever_costs.csv``, ``report.md``, ``report.html`` and
            ``fig_<metric>.png``.
    """
    import matplotlib.pyplot as plt

    from model.fonts import figure_lang
    from model.outputs import staged_output
    from model.periods import period_index
    from model.report.document import lever_starts, report_context
    from model.report.figures import HEADLINE, series_figure
    from model.report.render import write_reports
    from model.report.stats import comparison_table, lever_costs

    table = comparison_table(runs)
    costs = lever_costs(runs, scenarios)
    with staged_output(out) as staging:
        table.to_csv(staging / "comparison.csv", index=False, float_format="%.12g")
        costs.to_csv(staging / "lever_costs.csv", index=False, float_format="%.12g")
        figures = []
        fig_lang = figure_lang(lang, font)
        first = next(iter(runs.values()))[0]
        # the figures' step 0 is the first compared period (runs are aligned by period): place each start there
        origin = period_index(first["period"].iloc[0])
        starts = [(period_index(s["start"]) - origin, s["lever"]) for s in lever_starts(scenarios, fig_lang)]
        for metric in HEADLINE:
            if all(metric in frames[0] for frames in runs.values()):
                fig = series_figure(runs, metric, lang=fig_lang, font=font, starts=starts)
                path = staging / f"fig_{metric}.png"
                fig.savefig(path, dpi=100)
                plt.close(fig)
                figures.append((metric, path))
        end = f"{first['period'].iloc[max(len(first) - 4, 1)]}–{first['period'].iloc[-1]}"
        ctx = {"scenarios": scenarios, "seeds": seeds, "table": table, "costs": costs, "figures": figures,
               "end": end, "figure_lang": fig_lang}
        write_reports(staging, "report", "compare", report_context(ctx, lang))


def compare_command(args) -> int:
    from model.outputs import prepare_output_dir
    from model.report.document import TABLE_METRICS
    from model.report.align import align_runs, common_periods
    from model.report.runs import default_workers, run_all
    from model.runner import check_memory, estimate_memory

    check_args(args)
    lang, font = resolve_lang(args.lang, args.font)  # a bad --font fails before anything runs
    overrides = list(args.overrides) + ([f"steps={args.steps}"] if args.steps is not None else [])
    scenarios = load_all(args.scenarios, overrides)
    first_period, last_period, note = common_periods(scenarios)
    if note:
        print(note, file=sys.stderr)
    out = prepare_output_dir(args.out or Path("outputs") / ("compare-" + "-vs-".join(scenarios))[:120],
                             command="compare", force=args.force)
    first = args.seed if args.seed is not None else next(iter(scenarios.values())).seed
    seeds = [first + i for i in range(args.seeds)]
    workers = args.workers or default_workers(len(scenarios) * len(seeds))
    largest = max(scenarios.values(), key=lambda s: estimate_memory(s, agents=False))
    check_memory(largest, agents=False, concurrent=min(workers, len(scenarios) * len(seeds)),
                 fix="use fewer --workers or a smaller population")
    runs = align_runs(run_all(scenarios, seeds, workers=workers, progress=not args.quiet), first_period, last_period)
    write_outputs(out, runs, scenarios, seeds, lang, font)
    if not args.quiet:
        from model.report.stats import comparison_table

        table = comparison_table(runs)
        shown = table[table["metric"].isin(TABLE_METRICS[:8])]
        print(shown[["scenario", "metric", "mean", "diff", "diff_ci_low", "diff_ci_high"]]
              .to_string(index=False, float_format=lambda v: f"{v:.4g}"))
        print(f"report written to {out}/report.html")
    return 0
