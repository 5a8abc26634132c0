"""``facts``: run a scenario over several seeds and check the stylised facts of agent-based macro models."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers):
    from model.cli import add_run_options, add_seeds_option

    parser = subparsers.add_parser(
        "facts", help="check the stylised macro and firm-level facts over several seeds",
        description="Run SCENARIO over several seeds and print, for each of 14 stylised facts of the "
                    "Keynes+Schumpeter models (business cycles, Okun, Phillips, Beveridge, firm sizes and growth, "
                    "productivity dispersion, lumpy investment), the value measured, the reference and pass or "
                    "fail; with 20 or more seeds also in how many groups of 10 seeds each fact passes (how much "
                    "the verdict rests on the seeds). Writes facts.csv and facts.png to DIR. Exit status 0 "
                    "whether or not every fact passes.")
    parser.add_argument("scenario", help="scenario YAML file, e.g. scenarios/baseline.yaml")
    add_seeds_option(parser, 10)
    add_run_options(parser, "outputs/facts_<scenario name>/")
    parser.set_defaults(func=facts_command)
    return parser


def facts_command(args) -> int:
    from model.cli import scenario_and_seeds
    from model.facts import burn_in, format_facts, group_passes, measure_facts
    from model.facts_runs import run_seeds, write_facts
    from model.outputs import prepare_output_dir

    scenario, seeds = scenario_and_seeds(args, 2, "the facts (40 or more to measure all of them well)")
    out = prepare_output_dir(args.out or Path("outputs") / f"facts_{scenario.name}", command="facts",
                             force=args.force)
    frames, panels = run_seeds(scenario, seeds, progress=not args.quiet)
    facts = measure_facts(frames, panels)
    groups = group_passes(frames, panels)
    write_facts(facts, frames, panels, scenario, out, burn_in(scenario.steps + 1), seeds, groups)
    if not args.quiet:
        passed = sum(f.passed is True for f in facts)
        measured = sum(f.passed is not None for f in facts)
        print(f"{scenario.name}: {len(seeds)} seed(s) from {seeds[0]}, {scenario.steps} quarters; "
              f"{passed} of {measured} measured facts pass ({len(facts) - measured} not measured)")
        print(format_facts(facts, groups))
        print(f"results written to {out}/")
    return 0
