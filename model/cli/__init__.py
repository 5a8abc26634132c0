"""Command line: ``python run.py COMMAND ...``.

Each command lives in its own module ``model/cli/<name>_cmd.py`` exposing
``add_parser(subparsers)``; the parser it returns must ``set_defaults(func=...)``
where ``func(args) -> int`` is the exit status. Adding a command touches one file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from model import __version__
from model.accounts import BooksError
from model.errors import UserError

PACKAGE = "digital-transformation-abm"


def add_set_option(parser: argparse.ArgumentParser, target: str = "a scenario value") -> None:
    """The ``--set KEY.PATH=VALUE`` option every scenario-running command shares."""
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE",
                        help=f"override {target}, e.g. --set population.firms=500 (repeatable)")


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """The ``--force`` option: write into an --out folder that holds other files."""
    parser.add_argument("--force", action="store_true",
                        help="write into --out even if it holds files that are not an earlier output of this "
                             "command (they may be overwritten)")


def add_run_options(parser: argparse.ArgumentParser, out_default: str) -> None:
    """``--steps``, ``--out``, ``--set``, ``--force`` and ``--quiet``: what every command that runs a scenario takes."""
    parser.add_argument("--steps", type=int, default=None, help="quarters to simulate (default: the scenario's)")
    parser.add_argument("--out", default=None, help=f"output folder (default: {out_default})")
    add_set_option(parser)
    add_force_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar or table")


def add_seeds_option(parser: argparse.ArgumentParser, default: int) -> None:
    """``--seeds N``: how many seeds a command runs (the scenario's seed, seed+1, ...)."""
    parser.add_argument("--seeds", type=int, default=default,
                        help=f"number of seeds (default {default}): the scenario's seed, seed+1, ...")


def scenario_and_seeds(args, min_steps: int = 1, what: str = "this command"):
    """The scenario of ``args`` (with ``--set`` and ``--steps``) and its ``--seeds`` seeds; bad input is a UserError."""
    from model.scenario_io import load_scenario

    if not 1 <= args.seeds <= 1000:
        raise UserError(f"--seeds {args.seeds}: must be between 1 and 1000")
    overrides = list(args.overrides)
    if getattr(args, "steps", None) is not None:  # validate has no --steps
        overrides.append(f"steps={args.steps}")
    scenario = load_scenario(args.scenario, overrides)
    if scenario.steps < min_steps:
        raise UserError(f"--steps {scenario.steps}: {what} needs at least {min_steps} quarter(s)")
    return scenario, [(scenario.seed + i) % 2**63 for i in range(args.seeds)]


def add_font_option(parser: argparse.ArgumentParser, what: str = "the figures") -> None:
    """The ``--font PATH`` option: a font file matplotlib draws ``what`` with."""
    parser.add_argument("--font", default=None, metavar="PATH",
                        help=f"font file (.ttf/.otf/.ttc) for {what}, e.g. one that draws Chinese "
                             "(default: an installed CJK font for --lang zh)")


def add_lang_options(parser: argparse.ArgumentParser, what: str) -> None:
    """The ``--lang en|zh`` and ``--font PATH`` options of commands that write reports with figures."""
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help=f"{what} language (default en)")
    add_font_option(parser)


def _command_modules():
    package = importlib.import_module(__name__)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_cmd"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def program_name() -> str:
    """``dtabm`` when run as the installed console script, ``run.py`` otherwise."""
    name = os.path.basename(sys.argv[0] or "")
    return "dtabm" if name.startswith("dtabm") else "run.py"


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """Build the top-level parser with every registered command (``prog`` defaults to :func:`program_name`)."""
    parser = argparse.ArgumentParser(
        prog=prog or program_name(),
        description="Agent-based model of digital transformation (firms, workers, platforms; data, robots, AI).",
    )
    parser.add_argument("--version", action="version", version=f"{PACKAGE} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit status (see :mod:`model.errors`)."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"{exc.label}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BooksError as exc:  # a bug, not a bad input: say so in one line
        print(f"error: {exc} (a bug in the model, not in the scenario: please report it with the scenario)",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except MemoryError:
        print("error: out of memory (more than model.memory estimated for this population); use a smaller "
              "population or fewer --workers", file=sys.stderr)
        return 2
