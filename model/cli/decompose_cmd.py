"""``decompose``: digital technology's share of growth, from the scenario against twins without it."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers):
    from model.cli import add_lang_options, add_run_options, add_seeds_option

    parser = subparsers.add_parser(
        "decompose", help="digital technology's share of TFP and GDP growth and its employment effect, from twins",
        description="Run SCENARIO and, with the same seeds and everything else, four twins: all digital "
                    "technology unavailable, and data, robots or AI alone unavailable. Prints the share of TFP "
                    "and real GDP growth due to digital technology from the start, and its effect on "
                    "employment, with 95%% intervals over seeds. Writes decomposition.csv (mean and interval "
                    "per technology, measure, year, cumulative and annual), decomposition_seeds.csv, "
                    "decomposition.png and decomposition.md/.html to DIR (docs/decompose.md).")
    parser.add_argument("scenario", help="scenario YAML file, e.g. scenarios/baseline.yaml")
    add_seeds_option(parser, 3)
    add_run_options(parser, "outputs/decompose_<scenario name>/")
    add_lang_options(parser, "table and report")
    parser.set_defaults(func=decompose_command)
    return parser


def decompose_command(args) -> int:
    from model.cli import scenario_and_seeds
    from model.decompose import decompose, format_table, summary_line, write_decomposition
    from model.fonts import figure_font
    from model.outputs import prepare_output_dir

    scenario, seeds = scenario_and_seeds(args, 1, "the decomposition")
    font = figure_font(args.lang, args.font)
    out = prepare_output_dir(args.out or Path("outputs") / f"decompose_{scenario.name}", command="decompose",
                             force=args.force)
    summary, per_seed = decompose(scenario, seeds, progress=not args.quiet)
    write_decomposition(summary, per_seed, scenario, out, seeds, lang=args.lang, font=font)
    if not args.quiet:
        print(summary_line(summary, scenario, seeds, args.lang))
        print(format_table(summary, args.lang))
        print(f"results written to {out}/")
    return 0
