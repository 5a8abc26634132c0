"""``run``: run one scenario, print a summary table and write its results."""

from __future__ import annotations

from pathlib import Path

SUMMARY_ROWS = (
    ("gdp_growth_yoy", "GDP growth (year on year)", "{:.1%}"),
    ("tfp_index", "TFP index (start = 1)", "{:.3f}"),
    ("potential_output_digital_ratio", "potential-output digital ratio", "{:.1%}"),
    ("adoption_data", "firms using data", "{:.1%}"),
    ("adoption_robots", "firms using robots", "{:.1%}"),
    ("adoption_ai", "firms using AI", "{:.1%}"),
    ("robot_density", "robots per 10,000 industrial workers", "{:.0f}"),
    ("unemployment_rate", "unemployment rate", "{:.1%}"),
    ("inflation", "inflation (annualised, last quarter)", "{:.1%}"),
    ("government_debt_to_gdp", "government debt to GDP", "{:.0%}"),
    ("flexible_employment_share", "flexible (gig) employment share", "{:.1%}"),
    ("adoption_gap_size", "adoption gap large - SME", "{:.3f}"),
    ("digital_divide_index", "digital divide index", "{:.3f}"),
    ("gini_income", "income Gini", "{:.3f}"),
    ("policy_spending_cumulative", "policy spending (cumulative)", "{:.1f}"),
)


def add_parser(subparsers):
    from model.cli import add_run_options

    parser = subparsers.add_parser("run", help="run one scenario and write its results",
                                   description="Run one scenario; write timeseries.csv, summary.json, "
                                               "accounts.csv, scenario.resolved.yaml and overview.png to DIR.")
    parser.add_argument("scenario", help="scenario YAML file, e.g. scenarios/baseline.yaml")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: the scenario's seed)")
    add_run_options(parser, "outputs/<scenario name>/")
    parser.set_defaults(func=run_command)
    return parser


#: What the summary shows for a metric that is not defined (missing, or not a finite number), as the reports do.
NOT_DEFINED = "–"


def format_summary(final: dict) -> str:
    """A short two-column table of the headline final metrics ('–' for one that is not defined, never 'nan')."""
    from model.report.formats import finite

    width = max(len(label) for _, label, _ in SUMMARY_ROWS)
    lines = [f"{'metric'.ljust(width)}  value", f"{'-' * width}  -----"]
    for key, label, fmt in SUMMARY_ROWS:
        if key in final:
            value = final[key]
            lines.append(f"{label.ljust(width)}  {fmt.format(value) if finite(value) else NOT_DEFINED}")
    return "\n".join(lines)


def run_command(args) -> int:
    from model.errors import UserError
    from model.outputs import prepare_output_dir, write_run
    from model.runner import simulate
    from model.scenario_io import load_scenario

    overrides = list(args.overrides)
    if args.seed is not None:
        if not 0 <= args.seed < 2**63:
            raise UserError(f"--seed {args.seed}: must be between 0 and 2**63-1")
        overrides.append(f"seed={args.seed}")
    if args.steps is not None:
        overrides.append(f"steps={args.steps}")
    scenario = load_scenario(args.scenario, overrides)
    out = prepare_output_dir(args.out or Path("outputs") / scenario.name, command="run", force=args.force)
    result = simulate(scenario, progress=not args.quiet)
    write_run(result, scenario, out)
    if not args.quiet:
        print(f"{scenario.name}: {result.summary['start']} to {result.summary['end']}, seed {result.summary['seed']}")
        print(format_summary(result.summary["final"]))
        print(f"books closed: largest gap {result.summary['books_gap']:.0e} of GDP")
        print(f"results written to {out}/")
    return 0
