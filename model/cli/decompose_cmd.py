"""``decompose``: digital technology's share of growth, from the scenario against twins without it."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers):
    from model.cli import add_lang_options, add_run_options

    parser = subparsers.add_parser(
        "decompose", help="digital technology's share of TFP and GDP growth and its employment effect, from twins",
        description="Run SCENARIO and, with the same seeds and everything else, four twins: all digital "
                    "technology unavailable, and data, robots or AI alone unavailable. Prints the share of TFP "
                    "and real GDP growth due to digital technology from the start, and its effect on "
                    "employment, with 95%% intervals over seeds. Writes decomposition.csv (mean and interval "
                    "per technology, measure, year, cumulative and annual), decomposition_seeds.csv, "
                    "decomposition.png and decomposition.md/.html to DIR (docs/decompose.md).")
    parser.add_argument("scenario", help="scenario YAML file, e.g. scenarios/baseline.yaml")
    parser.add_argument("--seeds", type=int, default=3, help="number of seeds (default 3): the scenario's seed, "
                                                              "seed+1, ...")
    add_run_options(parser, "outputs/decompose_<scenario name>/")
    add_lang_options(parser, "table and report")
    parser.set_defaults(func=decompose_command)
    return parser


def decompose_command(args) -> int:
    from model.decompose import decompose, format_table, summary_line, write_decomposition
    from model.errors import UserError
    from model.fonts import figure_font
    from model.outputs import prepare_output_dir
    from model.scenario_io import load_scenario

    if not 1 <= args.seeds <= 1000:
        raise UserError(f"--seeds {args.seeds}: must be between 1 and 1000")
    overrides = list(args.overrides)
    if args.steps is not None:
        overrides.append(f"steps={args.steps}")
    scenario = load_scenario(args.scenario, overrides)
    if scenario.steps < 1:
        raise UserError(f"--steps {scenario.steps}: the decomposition needs at least 1 quarter")
    font = figure_font(args.lang, args.font)
    out = prepare_output_dir(args.out or Path("outputs") / f"decompose_{scenario.name}", command="decompose",
                             force=args.force)
    seeds = [(scenario.seed + i) % 2**63 for i in range(args.seeds)]
    summary, per_seed = decompose(scenario, seeds, progress=not args.quiet)
    write_decomposition(summary, per_seed, scenario, out, seeds, lang=args.lang, font=font)
    if not args.quiet:
        print(summary_line(summary, scenario, seeds, args.lang))
        print(format_table(summary, args.lang))
        print(f"results written to {out}/")
    return 0
