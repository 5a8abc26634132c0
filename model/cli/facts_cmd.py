"""``facts``: run a scenario over several seeds and check the stylised facts of agent-based macro models."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers):
    from model.cli import add_run_options

    parser = subparsers.add_parser(
        "facts", help="check the stylised macro and firm-level facts over several seeds",
        description="Run SCENARIO over several seeds and print, for each of 14 stylised facts of the "
                    "Keynes+Schumpeter models (business cycles, Okun, Phillips, Beveridge, firm sizes and growth, "
                    "productivity dispersion, lumpy investment), the value measured, the reference and pass or "
                    "fail. Writes facts.csv and facts.png to DIR. Exit status 0 whether or not every fact passes.")
    parser.add_argument("scenario", help="scenario YAML file, e.g. scenarios/baseline.yaml")
    parser.add_argument("--seeds", type=int, default=10, help="number of seeds (default 10): the scenario's seed, "
                                                               "seed+1, ...")
    add_run_options(parser, "outputs/facts_<scenario name>/")
    parser.set_defaults(func=facts_command)
    return parser


def facts_command(args) -> int:
    from model.errors import UserError
    from model.facts import burn_in, format_facts, measure_facts
    from model.facts_runs import run_seeds, write_facts
    from model.outputs import prepare_output_dir
    from model.scenario_io import load_scenario

    if not 1 <= args.seeds <= 1000:
        raise UserError(f"--seeds {args.seeds}: must be between 1 and 1000")
    overrides = list(args.overrides)
    if args.steps is not None:
        overrides.append(f"steps={args.steps}")
    scenario = load_scenario(args.scenario, overrides)
    if scenario.steps < 2:
        raise UserError(f"--steps {scenario.steps}: the facts need at least 2 quarters (40 or more to measure "
                        f"all of them well)")
    out = prepare_output_dir(args.out or Path("outputs") / f"facts_{scenario.name}", command="facts",
                             force=args.force)
    seeds = [(scenario.seed + i) % 2**63 for i in range(args.seeds)]
    frames, panels = run_seeds(scenario, seeds, progress=not args.quiet)
    facts = measure_facts(frames, panels)
    write_facts(facts, frames, panels, scenario, out, burn_in(scenario.steps + 1), seeds)
    if not args.quiet:
        passed = sum(f.passed is True for f in facts)
        measured = sum(f.passed is not None for f in facts)
        print(f"{scenario.name}: {len(seeds)} seed(s) from {seeds[0]}, {scenario.steps} quarters; "
              f"{passed} of {measured} measured facts pass ({len(facts) - measured} not measured)")
        print(format_facts(facts))
        print(f"results written to {out}/")
    return 0
