"""``sensitivity``: Sobol' or Morris global sensitivity analysis with SALib, run through the sweep runner."""

from __future__ import annotations


def add_parser(subparsers):
    from model.sweep.session import add_run_options

    parser = subparsers.add_parser(
        "sensitivity", help="Sobol' or Morris sensitivity indices of the key metrics (SALib)",
        description="Sample the bounds of SPEC.yaml's parameters with SALib, run every sample through the "
                    "sweep runner (resumable, any executor) and write sensitivity_<method>.csv (indices per "
                    "metric and parameter) and sensitivity_<method>.png to DIR. Replication r of every sample "
                    "shares one seed (common random numbers) unless the spec says otherwise. See docs/sweeps.md.")
    parser.add_argument("spec", metavar="SPEC.yaml", help="sweep spec whose parameters have bounds")
    parser.add_argument("--method", choices=("sobol", "morris"), required=True,
                        help="sobol: first-order and total indices; morris: elementary effects (mu*, sigma)")
    parser.add_argument("--samples", type=int, default=None,
                        help="sobol: base samples N, a power of 2 (N(D+2) runs); morris: trajectories "
                             "(N(D+1) runs) (default: the spec's design.samples, else 64 or 10)")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help="results folder (default: outputs/sweeps/<name>-<method>/)")
    add_run_options(parser)
    parser.set_defaults(func=sensitivity_command)
    return parser


DEFAULT_SAMPLES = {"sobol": 64, "morris": 10}


def sensitivity_command(args) -> int:
    from model.errors import UserError
    from model.interrupts import deferred_interrupts
    from model.sweep.plan import build_plan
    from model.sweep.session import check_run_options, default_out, execute, report, write_final
    from model.sweep.sensitivity import write_indices
    from model.sweep.spec import load_spec

    check_run_options(args)
    if args.samples is not None and not 1 <= args.samples <= 1_000_000:
        raise UserError(f"--samples {args.samples}: must be between 1 and 1000000")
    samples = args.samples
    if samples is None:
        spec, _ = load_spec(args.spec)
        same_kind = spec.design.kind == args.method and spec.design.samples
        samples = spec.design.samples if same_kind else DEFAULT_SAMPLES[args.method]
    plan = build_plan(args.spec, kind=args.method, samples=samples, crn_default=True)
    out = args.out or default_out(plan, f"-{args.method}")
    outcome = execute(plan, out, executor=args.executor, workers=args.workers, scheduler=args.scheduler,
                      progress=not args.quiet, csv=args.csv, force=args.force)
    if not args.quiet:
        print(report(plan, outcome, out))
    with deferred_interrupts():
        indices = write_final(out, "the indices", lambda: write_indices(plan, out, args.method))
    if not args.quiet:
        cols = ["S1", "S1_conf", "ST", "ST_conf"] if args.method == "sobol" else ["mu_star", "mu_star_conf", "sigma"]
        print(indices[["metric", "parameter", *cols]].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print(f"indices written to {out}/sensitivity_{args.method}.csv")
    return 1 if outcome.failed else 0
