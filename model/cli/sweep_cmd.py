"""``sweep``: run a scenario many times over a design of parameter values, resumably, on any executor."""

from __future__ import annotations


def add_parser(subparsers):
    from model.sweep.session import add_run_options

    parser = subparsers.add_parser(
        "sweep", help="run a parameter sweep (grid, list, Latin hypercube, Sobol', Morris) with replications",
        description="Run every design point of SPEC.yaml with its replications, each run with its own seed. "
                    "Results stream to DIR/parts as runs finish and are gathered into runs.parquet and "
                    "timeseries.parquet (and CSV copies); summary.csv and fig_<parameter>.png summarise them. "
                    "Running the same command again on the same DIR resumes. Exit status: 0 all runs ok, "
                    "1 some run failed, 2 bad input, 3 disk full, 4 folder not writable, 5 folder removed, 130 "
                    "interrupted (Ctrl-C; the finished runs are saved). See docs/sweeps.md.")
    parser.add_argument("spec", metavar="SPEC.yaml", help="sweep spec, e.g. scenarios/sweeps/matching_grid.yaml")
    parser.add_argument("--out", default=None, metavar="DIR", help="results folder (default: outputs/sweeps/<name>/)")
    add_run_options(parser)
    parser.set_defaults(func=sweep_command)
    return parser


def sweep_command(args) -> int:
    from model.interrupts import deferred_interrupts
    from model.sweep.plan import build_plan
    from model.sweep.session import check_run_options, default_out, execute, report, write_final
    from model.sweep.summary import write_summary

    check_run_options(args)
    plan = build_plan(args.spec)
    out = args.out or default_out(plan)
    outcome = execute(plan, out, executor=args.executor, workers=args.workers, scheduler=args.scheduler,
                      progress=not args.quiet, csv=args.csv, force=args.force)
    with deferred_interrupts():
        write_final(out, "the summary", lambda: write_summary(plan, out))
    if not args.quiet:
        print(report(plan, outcome, out))
    return 1 if outcome.failed else 0
