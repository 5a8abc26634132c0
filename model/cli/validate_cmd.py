"""``validate``: run a calibrated scenario over several seeds and compare it with the seed documents' figures."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "china_2015_2025.yaml"


def add_parser(subparsers):
    from model.cli import add_set_option

    parser = subparsers.add_parser(
        "validate", help="check a scenario against the calibration targets",
        description="Run SCENARIO over several seeds (and, for AI's lift to GDP, the same scenario with AI "
                    "switched off, extended to 2035) and print, for every target of docs/calibration.md: the "
                    "figure, its source and period, the model's mean and range over seeds, the tolerance and "
                    "pass or miss. Writes validation.csv and validation.png to DIR. Exit status 0 when every "
                    "target passes, 1 otherwise.")
    parser.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                        help="scenario YAML file (default: scenarios/china_2015_2025.yaml)")
    parser.add_argument("--seeds", type=int, default=5, help="number of seeds (default 5): the scenario's seed, "
                                                              "seed+1, ...")
    parser.add_argument("--out", default=None, help="output folder (default: outputs/validate_<scenario name>/)")
    add_set_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar or table")
    parser.set_defaults(func=validate_command)
    return parser


def validate_command(args) -> int:
    from model.calibration.validate import format_table, validate_scenario, write_validation
    from model.errors import UserError
    from model.outputs import prepare_output_dir
    from model.scenario_io import load_scenario

    if not 1 <= args.seeds <= 1000:
        raise UserError(f"--seeds {args.seeds}: must be between 1 and 1000")
    scenario = load_scenario(args.scenario, list(args.overrides))
    out = prepare_output_dir(args.out or Path("outputs") / f"validate_{scenario.name}")
    seeds = [(scenario.seed + i) % 2**63 for i in range(args.seeds)]
    table, runs = validate_scenario(scenario, seeds, progress=not args.quiet)
    write_validation(table, runs, scenario, out)
    passed = int((table["status"] == "pass").sum())
    if not args.quiet:
        print(f"{scenario.name}: {len(seeds)} seeds ({seeds[0]}..{seeds[-1]}), {passed} of {len(table)} targets pass")
        print(format_table(table))
        if (table["status"] == "n/a").any():
            print("n/a: the scenario does not cover that target's period")
        print(f"results written to {out}/")
    return 0 if passed == len(table) else 1
