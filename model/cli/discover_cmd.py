"""``discover``: scenario discovery on a finished sweep (PRIM or CART boxes where a target holds)."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers):
    from model.cli import add_force_option, add_lang_options

    parser = subparsers.add_parser(
        "discover", help="find the parameter ranges of a finished sweep where a target holds (PRIM or CART)",
        description="Read a finished sweep's parameters and outcomes, mark the runs where TARGET holds and find "
                    "the box of the parameter space where it holds (PRIM: the peeling trajectory and the chosen "
                    "box's limits with quasi-p-values; CART: the tree's leaves and rules), plus extra-trees "
                    "scores of which parameters matter. Writes boxes.csv, feature_scores.csv, trajectory.csv, "
                    "runs_classified.csv, fig_*.png and report.md/report.html (in --lang) to DIR. "
                    "See docs/discovery.md.")
    parser.add_argument("sweep", metavar="SWEEP_DIR", help="the --out folder of a finished `sweep` or `sensitivity`")
    parser.add_argument("--target", required=True,
                        help='comparisons of metric names with numbers joined by and/or, e.g. '
                             '"unemployment_rate <= 0.06 and adoption_gap_size <= 0.10"')
    parser.add_argument("--at", default=None, metavar="PERIOD",
                        help="read the outcomes at this quarter, e.g. 2030Q4 (default: each run's last period)")
    parser.add_argument("--method", choices=("prim", "cart"), default="prim", help="box finder (default prim)")
    parser.add_argument("--min-density", type=float, default=0.8,
                        help="the chosen box is the one of largest coverage whose density (share of its runs "
                             "meeting the target) is at least this (default 0.8)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the extra-trees forest and the tree (default: the sweep's seed)")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help="output folder (default: outputs/discover-<sweep name>/)")
    add_lang_options(parser, "report")
    add_force_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no summary on the terminal")
    parser.set_defaults(func=discover_command)
    return parser


def check_args(args) -> None:
    from model.errors import UserError

    if not 0.0 < args.min_density <= 1.0:
        raise UserError(f"--min-density {args.min_density}: must be above 0 and at most 1")
    if args.seed is not None and not 0 <= args.seed < 2**63:
        raise UserError(f"--seed {args.seed}: must be between 0 and 2**63-1")


def discover_command(args) -> int:
    from model.discovery.analysis import discover
    from model.discovery.report import write_discovery
    from model.discovery.sweepdata import load_outcomes
    from model.discovery.target import parse_target
    from model.fonts import figure_font
    from model.outputs import prepare_output_dir

    check_args(args)
    parse_target(args.target)  # a malformed target fails before any file is opened
    font = figure_font(args.lang, args.font)
    data, target = load_outcomes(args.sweep, lambda known: parse_target(args.target, known=known), at=args.at)
    out = prepare_output_dir(args.out or Path("outputs") / f"discover-{data.name}"[:120], command="discover",
                             force=args.force)
    y = target.holds(data.outcomes)
    seed = data.seed if args.seed is None else args.seed
    discovery = discover(data.x, y, method=args.method, seed=seed, min_density=args.min_density)
    write_discovery(out, data, target, discovery, y, lang=args.lang, font=font, min_density=args.min_density)
    if not args.quiet:
        print(summary(data, discovery, args.min_density))
        print(f"results written to {out}/")
    return 0


def summary(data, discovery, min_density: float = 0.8) -> str:
    """A few lines for the terminal: how many runs meet the target, the chosen box, the top parameters."""
    lines = [f"{data.name}: {discovery.n_target} of {discovery.n} runs meet the target "
             f"(at {data.period if data.period != 'last' else 'the last period'})"]
    if discovery.chosen is None:
        lines.append("no box: every run or no run meets the target")
    else:
        box = discovery.trajectory.set_index("box").loc[discovery.chosen]
        lines.append(f"{discovery.method} box {discovery.chosen}: coverage {box['coverage']:.2f}, "
                     f"density {box['density']:.2f}, mass {box['mass']:.2f}"
                     + (" (the densest box: none reaches --min-density)" if box["density"] < min_density else ""))
        for _, row in discovery.limits().iterrows():
            if row["restricted"]:
                limits = row["values"] or f"{row['lower']:.4g} to {row['upper']:.4g}"
                lines.append(f"  {row['parameter']}: {limits}")
    top = ", ".join(f"{r['parameter']} ({r['score']:.2f})" for _, r in discovery.scores.head(3).iterrows())
    lines.append(f"most important: {top}")
    return "\n".join(lines)
