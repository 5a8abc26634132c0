"""Small truths of the command line: the version names the package, the program name, ``list --keys``."""

from __future__ import annotations

import sys

import pytest

from model.cli import build_parser, main, program_name


def test_version_names_the_package(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == "digital-transformation-abm 0.1.0"


@pytest.mark.parametrize(("argv0", "prog"), [("/usr/bin/dtabm", "dtabm"), ("run.py", "run.py"),
                                             ("/x/run.py", "run.py")])
def test_prog_follows_the_invocation(monkeypatch, argv0, prog):
    monkeypatch.setattr(sys, "argv", [argv0])
    assert program_name() == prog
    assert build_parser().prog == prog
