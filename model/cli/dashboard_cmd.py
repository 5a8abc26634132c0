"""``run.py dashboard``: start the classroom dashboard (a Solara page) on this computer.

It serves on 127.0.0.1 unless ``--host`` says otherwise, answers only requests
addressed to that address (``--allow-host`` adds names; see
:mod:`model.dashboard.serve`), needs no internet (the
page's scripts and styles come from the installed ``solara-assets`` package)
and gives every browser session its own model.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from model.dashboard.i18n import LANGS
from model.errors import UserError



def add_parser(subparsers):
    parser = subparsers.add_parser(
        "dashboard", help="start the classroom dashboard in the browser",
        description="Start the live dashboard (lessons, levers that act from the next step, charts against "
                    "a dashed baseline, the agents, play/step/reset). Open the printed address in a browser; "
                    "each browser tab runs its own economy.")
    parser.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only; "
                             "0.0.0.0 serves the classroom network)")
    parser.add_argument("--allow-host", dest="allow_hosts", action="append", default=[], metavar="NAME",
                        help="also answer requests addressed to NAME (a host name or address the browser uses, "
                             "e.g. behind a proxy; repeatable; * allows any). By default only the address served "
                             "is answered (127.0.0.1 and localhost for the default --host)")
    parser.add_argument("--lang", default="en", choices=LANGS, help="label language: en or zh (default en)")
    parser.set_defaults(func=run)
    return parser


def server_command(host: str, port: int, allow_hosts: list[str] | tuple = ()) -> list[str]:
    """The command line that runs the Solara server for the dashboard app, behind the Host and Origin check."""
    command = [sys.executable, "-m", "model.dashboard.serve", "--host", host, "--port", str(port)]
    for name in allow_hosts:
        command += ["--allow-host", name]
    return command


def server_env(lang: str, base: dict | None = None) -> dict:
    """Environment for the server: label language, no telemetry, no CDN look-ups by the browser."""
    env = dict(os.environ if base is None else base)
    env.update({"DTABM_DASHBOARD_LANG": lang, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
                "SOLARA_ASSETS_PROXY": "True", "SOLARA_THEME_SHOW_BANNER": "False"})
    return env


def run(args) -> int:
    if not 0 < args.port < 65536:
        raise UserError(f"--port: {args.port} is not a port; valid: 1..65535")
    missing = [m for m in ("solara", "solara_assets") if importlib.util.find_spec(m) is None]
    if missing:
        raise UserError(f"dashboard: {missing[0]} is not installed; install the dashboard extra: "
                        "pip install -e '.[dashboard]'")
    from model.dashboard.serve import AllowedHosts

    command = server_command(args.host, args.port, args.allow_hosts)
    allowed = AllowedHosts(args.host, args.allow_hosts).describe()
    print(f"dashboard: http://{args.host}:{args.port}  (language {args.lang}; answers requests for {allowed}; "
          f"Ctrl+C to stop)", flush=True)
    env = server_env(args.lang)
    if os.name == "posix":
        os.execvpe(command[0], command, env)  # the server replaces this process: one pid to stop
    return subprocess.call(command, env=env)
