"""``target``: the cheapest lever mix that reaches a set of targets robustly across sampled futures."""

from __future__ import annotations


def add_parser(subparsers):
    from model.cli import add_lang_options
    from model.sweep.session import add_run_options

    parser = subparsers.add_parser(
        "target", help="search lever mixes for the cheapest one that meets targets across sampled futures",
        description="Search the lever ranges of SPEC.yaml with optuna's NSGA-II (seeded), running each candidate "
                    "in the same sampled futures (uncertainty draws x seeds) through the sweep runner. Writes "
                    "the Pareto fronts of cost against robustness (the share of futures in which every target "
                    "holds) and against the main outcome, the chosen mix as chosen_mix.yaml (a scenario file), "
                    "trials.csv, front.csv, front.png and report.md/html to DIR. The optuna study is "
                    "DIR/study.sqlite3: running the same command again continues an interrupted search to the "
                    "same front. Exit status: 0 a mix meets the targets, 1 none does (the most robust is "
                    "reported), 2 bad input, 130 interrupted. See docs/discovery.md.")
    parser.add_argument("spec", metavar="SPEC.yaml", help="target spec, e.g. scenarios/targets/sme_gap.yaml")
    parser.add_argument("--trials", type=int, default=None,
                        help="candidates in all (default: the spec's search.trials); a rerun continues to it")
    parser.add_argument("--out", default=None, metavar="DIR", help="results folder (default: outputs/targets/<name>/)")
    add_run_options(parser)
    add_lang_options(parser, "report")
    parser.set_defaults(func=target_command)
    return parser


def target_command(args) -> int:
    from pathlib import Path

    from model.errors import UserError
    from model.interrupts import deferred_interrupts
    from model.sweep.session import check_run_options
    from model.target.outputs import write_outputs
    from model.target.problem import build_problem
    from model.target.search import TargetSearch, require_optuna

    check_run_options(args)
    require_optuna()
    if args.trials is not None and not 1 <= args.trials <= 100_000:
        raise UserError(f"--trials {args.trials}: must be between 1 and 100000")
    from model.cli.compare_cmd import resolve_lang

    lang, font = resolve_lang(args.lang, args.font)
    problem = build_problem(args.spec)
    out = Path(args.out) if args.out else Path("outputs") / "targets" / problem.spec.name
    trials = args.trials or problem.spec.search.trials
    with TargetSearch(problem, out, force=args.force) as search:
        outcome = search.run(trials=trials, executor=args.executor, workers=args.workers,
                             scheduler=args.scheduler, progress=not args.quiet)
        with deferred_interrupts():
            result = write_outputs(search, lang=lang, font=font)
    if not args.quiet:
        chosen = result["chosen"]
        print(f"{problem.spec.name}: {len(result['trials'])} trials ({outcome.ran} this time, {outcome.failed} "
              f"failed); results in {out}/")
        if chosen is None:
            print("no trial completed")
        else:
            verdict = "meets the targets" if result["reached"] else "is the most robust, short of the required"
            print(f"chosen: trial {int(chosen['trial'])}, {chosen['mix']}: cost {chosen['cost']:.4g}, robustness "
                  f"{chosen['robustness']:.0%} ({verdict} {problem.spec.robustness:.0%}), outcome "
                  f"{chosen['outcome']:.4g}; scenario written to {out}/chosen_mix.yaml")
    return 0 if result["reached"] else 1
