"""Every command and Python example shown in README.md and docs/*.md runs.

The examples are read from the fenced code blocks of the pages themselves, so
a page that documents a flag, a scenario or a key path that no longer exists
fails here. Lines with placeholders (``SCENARIO.yaml``, ``DIR``, ``[--seed N]``)
are synopses, not examples, and are skipped (so are paths written ``/path/to/...``); so are install lines (CI runs
README's two set-up commands itself, verbatim).

Each example runs as written in a scratch copy of ``scenarios/``, made small
where the command has a flag for it: ``--steps``/``--seeds``/``--samples`` and
``--set population.*`` are added or lowered (in Python examples, their
``population.*`` overrides are), ``--trials`` is lowered to 2. Sweep specs, which have no such flags, are
copied with a tiny ``set:`` and one replication; target specs with a tiny population. The calibration scripts run
for minutes at their fixed size: their documented flags are parsed (``--help``
with the same flags), not run. Dashboards are started and must
answer HTTP on their port, then are stopped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([\w-]*)\s*$")
PROGRAMS = ("python run.py ", "dtabm ", "python -m model")
PLACEHOLDER = re.compile(r"(\[|\.\.\.|<|/path/to/|\b[A-Z][A-Z_]*(\.yaml)?\b(?![a-z]))")
TINY = {"population.firms": 40, "population.workers": 400}
SIZE_FLAGS = ["--set", "population.firms=40", "--set", "population.workers=400"]


def code_blocks(path: Path) -> list[tuple[str, int, list[str]]]:
    """``(language, first line number, lines)`` of every fenced block in a Markdown page."""
    blocks, current = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = FENCE.match(line.strip())
        if match and current is None:
            current = (match.group(1), number + 1, [])
        elif line.strip() == "```" and current is not None:
            blocks.append(current)
            current = None
        elif current is not None:
            current[2].append(line)
    return blocks


def _strip_comment(line: str) -> str:
    return re.split(r"\s+#\s", line, maxsplit=1)[0].strip()


def documented_examples() -> list[tuple[str, str, str]]:
    """``(id, kind, text)`` for every runnable command line and Python block, in page order."""
    examples = []
    for page in PAGES:
        for language, first, lines in code_blocks(page):
            where = f"{page.relative_to(ROOT)}:{first}"
            if language == "python":
                examples.append((where, "python", "\n".join(lines)))
                continue
            if language not in ("", "bash", "sh", "shell", "console"):
                continue
            for offset, raw in enumerate(lines):
                line = _strip_comment(raw.removeprefix("$ "))
                if not line.startswith(PROGRAMS) or PLACEHOLDER.search(line.replace("-m model", "")):
                    continue
                examples.append((f"{page.relative_to(ROOT)}:{first + offset}", "command", line))
    return examples


EXAMPLES = documented_examples()


def test_the_pages_document_commands():
    kinds = {kind for _, kind, _ in EXAMPLES}
    assert kinds == {"command", "python"}, EXAMPLES
    assert sum(kind == "command" for _, kind, _ in EXAMPLES) >= 8


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A scratch folder with a copy of scenarios/, its sweep specs shrunk to a few tiny runs."""
    work = tmp_path_factory.mktemp("documented")
    shutil.copytree(ROOT / "scenarios", work / "scenarios")
    for spec_path in (work / "scenarios" / "sweeps").glob("*.yaml"):
        spec = yaml.safe_load(spec_path.read_text())
        spec["set"] = {**spec.get("set", {}), **TINY, "steps": max(2, int(spec.get("set", {}).get("steps", 2)) // 8)}
        spec["replications"] = 1
        design = spec.get("design")
        if isinstance(design, dict) and "samples" in design:
            design["samples"] = 4
        spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    for spec_path in (work / "scenarios" / "targets").glob("*.yaml"):  # target specs: tiny firms, same periods
        spec = yaml.safe_load(spec_path.read_text())
        spec["set"] = {**spec.get("set", {}), **TINY}
        spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return work


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _option(args: list[str], flag: str) -> int | None:
    return args.index(flag) if flag in args else None


def shrink(args: list[str]) -> list[str]:
    """The documented arguments with flags added or lowered so the run is small."""
    args = list(args)
    command = args[0] if args else ""
    for flag, small in (("--seeds", "2"), ("--samples", "4"), ("--trials", "2")):
        at = _option(args, flag)
        if at is not None:
            args[at + 1] = small
    if command in ("run", "compare", "validate", "facts"):
        args += SIZE_FLAGS
        if command == "validate" and _option(args, "--seeds") is None:
            args += ["--seeds", "1"]
        if command == "compare":
            args += [] if _option(args, "--seeds") is not None else ["--seeds", "2"]
            args += ["--workers", "1"]
    if command == "target" and _option(args, "--trials") is None:
        args += ["--trials", "2"]
    return args


def shrink_python(text: str) -> str:
    """A documented Python example with its ``population.*`` overrides lowered to the tiny size (as ``--set``)."""
    for key, small in TINY.items():
        text = re.sub(rf"\b{re.escape(key)}=\d+", f"{key}={small}", text)
    return text


def _environment() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg")


def run_dashboard(argv: list[str], cwd: Path) -> None:
    """Start the documented dashboard command on a free port and wait until it answers HTTP."""
    args = list(argv)
    at = _option(args, "--port")
    port = _free_port()
    if at is None:
        args += ["--port", str(port)]
    else:
        args[at + 1] = str(port)
    process = subprocess.Popen(args, cwd=cwd, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read().decode(errors="replace")[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"{' '.join(argv)}: no answer on port {port} within 90 s")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("where,kind,text", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_documented_example_runs(where, kind, text, workdir):
    if kind == "python":
        text = shrink_python(text)
        done = subprocess.run([sys.executable, "-c", text], cwd=workdir, env=_environment(), capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, f"{where}\n{text}\n{done.stderr[-3000:]}"
        return
    words = shlex.split(text)
    if words[0] == "dtabm":
        words = ["python", str(ROOT / "run.py"), *words[1:]]
    if words[:2] == ["python", "run.py"]:
        words[1] = str(ROOT / "run.py")
    program, args = [sys.executable, *words[1:2]], words[2:]
    if words[1] == "-m":
        program, args = [sys.executable, "-m", words[2]], words[3:]
        if words[2].startswith("model.calibration."):  # minutes at their fixed size: check the flags parse
            args = [*args, "--help"]
    if args and args[0] == "dashboard":
        pytest.importorskip("solara")
        run_dashboard(program + args, workdir)
        return
    done = subprocess.run(program + shrink(args), cwd=workdir, env=_environment(), capture_output=True, text=True,
                          timeout=600)
    # validate: exit 1 says a target was missed; target: no mix met the targets in two trials (both documented)
    allowed = (0, 1) if args[0] in ("validate", "target") else (0,)
    assert done.returncode in allowed, f"{where}: {text}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
