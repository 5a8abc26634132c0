"""``validate``: run a calibrated scenario over several seeds and compare it with the seed documents' figures."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "china_2015_2025.yaml"


def add_parser(subparsers):
    from model.cli import add_force_option, add_lang_options, add_seeds_option, add_set_option

    parser = subparsers.add_parser(
        "validate", help="check a scenario against the calibration targets",
        description="Run SCENARIO over several seeds (and, for AI's lift to GDP, the same scenario with AI "
                    "switched off, extended to 2035) and print, for every target of docs/calibration.md, grouped "
                    "as held-out facts, fitted targets and implied ones: the figure, its source and period, "
                    "the model's mean and range over seeds, the tolerance and pass or miss. Writes validation.csv, "
                    "validation.png, validation.md and validation.html (in --lang) to DIR. Exit status 1 when a "
                    "held-out fact misses its band (fitted and implied targets never fail), else 0.")
    parser.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                        help="scenario YAML file (default: scenarios/china_2015_2025.yaml)")
    add_seeds_option(parser, 5)
    parser.add_argument("--out", default=None, help="output folder (default: outputs/validate_<scenario name>/)")
    add_set_option(parser)
    add_force_option(parser)
    add_lang_options(parser, "table and report")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or table")
    parser.set_defaults(func=validate_command)
    return parser


def validate_command(args) -> int:
    from model.calibration.i18n import vtext
    from model.calibration.report import summary
    from model.calibration.validate import exit_status, format_table, validate_scenario, write_validation
    from model.cli import scenario_and_seeds
    from model.fonts import figure_font
    from model.outputs import prepare_output_dir

    scenario, seeds = scenario_and_seeds(args, min_steps=0)
    font = figure_font(args.lang, args.font)
    out = prepare_output_dir(args.out or Path("outputs") / f"validate_{scenario.name}", command="validate",
                             force=args.force)
    table, runs = validate_scenario(scenario, seeds, progress=not args.quiet)
    write_validation(table, runs, scenario, out, lang=args.lang, font=font, seeds=seeds)
    if not args.quiet:
        print(summary(table, scenario, seeds, args.lang))
        print(format_table(table, lang=args.lang))
        if (table["status"] == "n/a").any():
            print(vtext("na_note", args.lang))
        print(f"results written to {out}/")
    return exit_status(table)
