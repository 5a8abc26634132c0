"""Security: safe YAML only, no eval/exec of user strings, outputs stay in the chosen folder and never overwrite
another's files, a dashboard that answers only requests addressed to it."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from fuzz_support import files_under, fuzz_settings
from model.config import Scenario
from model.errors import ScenarioError
from model.scenario_io import load_scenario

SOURCES = sorted((ROOT / "model").rglob("*.py")) + [ROOT / "run.py"]
UNSAFE_YAML = re.compile(r"yaml\.(load|load_all|unsafe_load|full_load)\s*\(|(Unsafe|Full)?Loader=yaml\.(Loader|"
                         r"UnsafeLoader|FullLoader)\b|yaml\.(Loader|UnsafeLoader|FullLoader)\b")


def test_yaml_is_only_read_with_the_safe_loader():
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in SOURCES
                 for n, line in enumerate(path.read_text().splitlines(), 1) if UNSAFE_YAML.search(line)]
    assert not offenders, offenders


def test_no_eval_exec_or_pickle_of_user_input():
    offenders = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                owner = getattr(node.func, "value", None)
                if name in ("eval", "exec", "compile", "__import__") and isinstance(node.func, ast.Name):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
                if name in ("load", "loads") and isinstance(owner, ast.Name) and owner.id in ("pickle", "marshal"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {owner.id}.{name}")
    assert not offenders, offenders


@pytest.mark.parametrize("value, expected", [
    ("__import__('os').system('touch CANARY')", "__import__('os').system('touch CANARY')"),
    ("1+1", "1+1"), ("2**8", "2**8"), ("[1, 2]", "[1, 2]"), ("{a: 1}", "{'a': 1}"),
    ("!!python/object/apply:os.system ['touch CANARY']", None), ("!!python/name:os.system", None),
])
def test_set_values_are_yaml_scalars_not_code(tmp_path, monkeypatch, value, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "s.yaml"
    path.write_text("name: s\n")
    if expected is None:
        with pytest.raises(ScenarioError, match="not allowed"):
            load_scenario(path, [f"description={value}"])
    else:
        try:
            assert load_scenario(path, [f"description={value}"]).description == expected
        except ScenarioError as exc:  # a list or mapping is not a description: refused, never run
            assert "description" in exc.message
        with pytest.raises(ScenarioError, match="steps"):
            load_scenario(path, [f"steps={value}"])
    assert not (tmp_path / "CANARY").exists()


NAME = Scenario.model_fields["name"].metadata
PATTERN = next(m.pattern for m in NAME if hasattr(m, "pattern"))


@fuzz_settings(300)
@given(name=st.from_regex(PATTERN, fullmatch=True).filter(lambda s: len(s) <= 80))
def test_every_valid_scenario_name_stays_inside_the_outputs_folder(name):
    base = Path("/srv/outputs")
    target = (base / name).resolve()
    assert target.parent == base and target.name == name


@pytest.mark.parametrize("name", ["../x", "..", ".", "a/b", "/etc", "a\\b", "~root", ".hidden", "a b", "x\n", ""])
def test_names_that_could_leave_the_outputs_folder_are_refused(tmp_path, name):
    path = tmp_path / "s.yaml"
    path.write_text("steps: 1\n")
    with pytest.raises(ScenarioError, match="name"):
        load_scenario(path, [f"name={name!r}" if name else "name=''"])


def test_a_run_writes_only_inside_its_output_folder(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    victim = tmp_path / "victim.csv"
    victim.write_text("keep me\n")
    out = work / "results"
    out.mkdir()
    (out / "timeseries.csv").symlink_to(victim)  # a planted link must be replaced, not followed
    scenario = work / "s.yaml"
    scenario.write_text("name: s\nsteps: 2\npopulation: {firms: 40, workers: 300}\n"
                        "policies:\n  - {lever: sme_subsidy, label: ../../escape}\n")
    refused = run_cli("run", scenario, "--out", out, "--quiet", cwd=work)  # not an earlier run's folder
    assert refused.returncode == 2 and "pass --force" in refused.stderr and "timeseries.csv" in refused.stderr
    proc = run_cli("run", scenario, "--out", out, "--quiet", "--force", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "keep me\n"
    written = {p.relative_to(work) for p in files_under(work)} - {Path("s.yaml")}
    assert written == {Path("results") / name for name in ("timeseries.csv", "accounts.csv", "summary.json",
                                                           "scenario.resolved.yaml", "overview.png")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.csv", "work"]


def test_dashboard_listens_on_localhost_by_default():
    dashboard = pytest.importorskip("model.cli.dashboard_cmd")
    from model.cli import build_parser

    args = build_parser().parse_args(["dashboard"])
    assert args.host == "127.0.0.1"
    command = dashboard.server_command(args.host, 8765)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert "0.0.0.0" not in command


# -- outputs never overwrite -------------------------------------------------------------------
RUN_SMALL = ["--set", "population.firms=40", "--set", "population.workers=300", "--steps", "2", "--quiet"]


def _main(*args) -> int:
    from model.cli import main

    return main([str(a) for a in args])


def test_the_root_folder_is_never_an_output_folder(tmp_path, capsys):
    from model.errors import UserError
    from model.outputs import prepare_output_dir

    before = sorted(os.listdir("/"))
    for force in (False, True):
        with pytest.raises(UserError, match="refusing to write into the root folder"):
            prepare_output_dir("/", force=force)
    assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", "/", "--force", *RUN_SMALL) == 2
    assert "--out /: refusing to write into the root folder" in capsys.readouterr().err
    assert sorted(os.listdir("/")) == before


def test_a_run_reruns_into_its_own_output_but_not_into_a_foreign_folder(tmp_path, capsys):
    out = tmp_path / "results"
    for _ in range(2):  # the documented habit: the same command again, into the same folder
        assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", out, *RUN_SMALL) == 0
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("my notes\n")
    assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", other, *RUN_SMALL) == 2
    err = capsys.readouterr().err
    assert f"--out {other}: the folder holds files that are not an earlier output of `run` (notes.txt)" in err
    assert sorted(os.listdir(other)) == ["notes.txt"]
    assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", other, "--force", *RUN_SMALL) == 0
    assert (other / "notes.txt").read_text() == "my notes\n" and (other / "summary.json").exists()


def test_an_output_folder_reached_through_a_symlink_is_named(tmp_path, capsys):
    real = tmp_path / "elsewhere" / "run"
    assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", real, *RUN_SMALL) == 0
    link = tmp_path / "link"
    link.symlink_to(real.parent)
    capsys.readouterr()
    assert _main("run", ROOT / "scenarios/baseline.yaml", "--out", link / "run", *RUN_SMALL) == 0
    assert (f"note: --out {link / 'run'} goes through a symbolic link; the results are written to {real}"
            in capsys.readouterr().err)


@pytest.mark.parametrize("command, marker, header", [
    ("compare", "comparison.csv", "scenario,metric,unit\n"), ("validate", "validation.csv", "target,label\n"),
    ("run", "summary.json", '{"scenario": "s", "seed": 1, "final": {}}'),
    ("sweep", "sweep.json", '{"fingerprint": "x", "runs": 1, "status": "complete"}'),
    ("discover", "boxes.csv", "method,box,parameter,restricted\n")])
def test_each_command_recognises_only_its_own_earlier_output(tmp_path, command, marker, header):
    from model.errors import UserError
    from model.outputs import MARKERS, prepare_output_dir

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / marker).write_text(header)
    assert prepare_output_dir(folder, command=command) == folder
    for other in set(MARKERS) - {command}:
        with pytest.raises(UserError, match=f"not an earlier output of `{other}`"):
            prepare_output_dir(folder, command=other)
    (folder / marker).write_text("garbage\n")  # a file of the same name is not enough
    with pytest.raises(UserError, match="pass --force"):
        prepare_output_dir(folder, command=command)


def test_compare_and_validate_refuse_a_foreign_folder_before_running(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.csv").write_text("keep\n")
    assert _main("compare", ROOT / "scenarios/baseline.yaml", ROOT / "scenarios/baseline.yaml", "--out", out,
                 "--seeds", "1", *RUN_SMALL) == 2
    assert _main("validate", ROOT / "scenarios/baseline.yaml", "--out", out, "--seeds", "1", *RUN_SMALL[:-3]) == 2
    err = capsys.readouterr().err
    assert err.count("not an earlier output of") == 2 and sorted(os.listdir(out)) == ["data.csv"]


def test_a_sweeps_parts_folder_that_is_a_symlink_is_refused(tmp_path, capsys):
    import yaml

    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"name": "s", "base": str(ROOT / "scenarios" / "baseline.yaml"),
                                    "set": {"population.firms": 30, "population.workers": 200, "steps": 1},
                                    "parameters": {"labour.matching_efficiency": {"values": [0.4]}}}))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "parts").symlink_to(elsewhere)
    assert _main("sweep", spec, "--out", out, "--workers", "1", "--quiet") == 2
    assert "parts/ is a symbolic link" in capsys.readouterr().err and not os.listdir(elsewhere)


# -- the dashboard answers only requests addressed to it ----------------------------------------
serve = pytest.importorskip("model.dashboard.serve")


def test_allowed_hosts_by_served_address():
    loopback = serve.AllowedHosts("127.0.0.1")
    for host in ("127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765", "127.0.0.1"):
        assert loopback.allows(host), host
    for host in ("evil.example.com:8765", "evil.example.com", "", "127.0.0.1.evil.com", "localhost.evil.com:80",
                 "10.1.2.3:8765"):
        assert not loopback.allows(host), host
    assert loopback.allows_origin("http://localhost:8765") and loopback.allows_origin("http://127.0.0.1:8765")
    for origin in ("http://evil.example.com", "null", "file://", "http://evil.example.com:8765"):
        assert not loopback.allows_origin(origin), origin
    named = serve.AllowedHosts("127.0.0.1", ["dashboard.school.example"])
    assert named.allows("dashboard.school.example:443") and not named.allows("evil.example.com")
    assert serve.AllowedHosts("127.0.0.1", ["*"]).allows("anything.example")


def test_on_every_interface_only_this_computers_addresses_are_answered():
    import socket

    everywhere = serve.AllowedHosts("0.0.0.0")
    assert everywhere.allows("127.0.0.1:8765") and everywhere.allows(f"{socket.gethostname()}:8765")
    assert not everywhere.allows("8.8.8.8:8765") and not everywhere.allows("evil.example.com:8765")
    own = next((a for a in {i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
                if not a.startswith("127.")), None)
    if own:
        assert everywhere.allows(f"{own}:8765")


def _asgi(guard, scope_type: str, headers: dict) -> list[dict]:
    import asyncio

    sent, calls = [], []

    async def app(scope, receive, send):
        calls.append(scope["type"])

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    scope = {"type": scope_type, "path": "/", "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(serve.HostGuard(app, guard)(scope, receive, send))
    return sent if not calls else [{"type": "passed"}]


def test_the_guard_refuses_foreign_hosts_and_origins_before_the_app_sees_them():
    guard = serve.AllowedHosts("127.0.0.1")
    assert _asgi(guard, "http", {"host": "127.0.0.1:8765"}) == [{"type": "passed"}]
    refused = _asgi(guard, "http", {"host": "evil.example.com:8765"})
    assert refused[0]["status"] == 400 and b"Invalid host" in refused[1]["body"]
    assert _asgi(guard, "http", {"host": "localhost:8765", "origin": "http://evil.example.com"})[0]["status"] == 403
    assert _asgi(guard, "websocket", {"host": "localhost:8765", "origin": "http://evil.example.com"}) == [
        {"type": "websocket.close", "code": 1008}]
    assert _asgi(guard, "websocket", {"host": "localhost:8765", "origin": "http://localhost:8765"}) == [
        {"type": "passed"}]


def _http_status(port: int, request: str) -> str:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).decode("latin-1").split("\r\n", 1)[0]


@pytest.mark.slow
def test_the_running_dashboard_refuses_a_foreign_host_and_websocket_origin(tmp_path):
    """`run.py dashboard --allow-host trusted.example`: Host evil -> 400, foreign websocket Origin -> 403."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "dashboard", "--port", str(port),
                                "--allow-host", "trusted.example"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    get = "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    ws = ("GET /jupyter/api/kernels/3c5f8d5e-1b1e-4a43-9a76-2b1f6e0c9d11/channels?session_id=s1 HTTP/1.1\r\n"
          "Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: {origin}\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if " 200 " in _http_status(port, get.format(host=f"127.0.0.1:{port}")) + " ":
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read().decode()
            time.sleep(0.5)
        assert _http_status(port, get.format(host=f"localhost:{port}")).endswith(" 200 OK")
        assert _http_status(port, get.format(host=f"trusted.example:{port}")).endswith(" 200 OK")
        assert " 400 " in _http_status(port, get.format(host=f"evil.example.com:{port}")) + " "
        assert " 403 " in _http_status(port, ws.format(port=port, origin="http://evil.example.com")) + " "
        assert " 101 " in _http_status(port, ws.format(port=port, origin=f"http://127.0.0.1:{port}")) + " "
    finally:
        process.terminate()
        process.wait(timeout=30)
