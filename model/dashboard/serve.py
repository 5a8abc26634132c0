"""Serve the dashboard: Solara's Starlette app behind a check of the Host and Origin headers.

A page on another site can point its own host name at 127.0.0.1 (DNS
rebinding) and then talk to a dashboard on this computer as if it were that
site. Its requests still carry the other site's name in ``Host`` (and, for the
websocket that drives the model, in ``Origin``), so the server answers only
requests addressed to the address it serves:

* served on a loopback address (the default 127.0.0.1) or ``localhost``: ``127.0.0.1``, ``localhost``, ``::1``;
* served on another address or name: that address or name;
* served on every interface (``0.0.0.0`` or ``::``): the loopback names, this computer's host name, and any IP
  address of this computer (the classroom types ``http://<teacher's IP>:8765``);
* plus every ``--allow-host`` given (``*`` allows any).

Other requests get ``400 Invalid host`` (or ``403`` for a foreign ``Origin``); a foreign websocket is refused
before it opens. Run with ``python -m model.dashboard.serve --host H --port P [--allow-host NAME ...]``; the
``dashboard`` command does that.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
from functools import lru_cache
from urllib.parse import urlsplit

APP = "model.dashboard.app"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def hostname(value: str) -> str:
    """The host name of a ``Host`` header (``name``, ``name:port``, ``[v6]:port``), lower case, no port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return name == "localhost"


@lru_cache(maxsize=256)
def is_local_address(name: str) -> bool:
    """Whether ``name`` is an IP address of this computer (a socket can be bound to it)."""
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((str(address), 0))
        return True
    except OSError:
        return False


class AllowedHosts:
    """Which ``Host`` names a dashboard served on ``host`` answers (see the module docstring).

    Args:
        host: The address the server listens on.
        extra: Host names the user allows besides (``*``: any).
    """

    def __init__(self, host: str, extra: tuple[str, ...] | list[str] = ()):
        self.host = hostname(host) if host not in WILDCARDS else host
        self.extra = frozenset(hostname(h) if h != "*" else "*" for h in extra)
        names = set(self.extra)
        if self.host in WILDCARDS or _is_loopback(self.host):
            names |= LOOPBACK_NAMES
        if self.host in WILDCARDS:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        else:
            names.add(self.host)
        self.names = frozenset(names)

    def allows(self, name: str) -> bool:
        """Whether a request whose host name is ``name`` may be answered."""
        name = hostname(name)
        if "*" in self.extra or name in self.names:
            return True
        return self.host in WILDCARDS and is_local_address(name)

    def allows_origin(self, origin: str) -> bool:
        """Whether a browser page at ``origin`` (an ``Origin`` header) may talk to the server."""
        parts = urlsplit(origin.strip())
        return parts.scheme in ("http", "https") and bool(parts.hostname) and self.allows(parts.hostname)

    def describe(self) -> str:
        """The allowed names in words, for the start-up line."""
        shown = sorted(self.names - {"*"})
        if self.host in WILDCARDS:
            shown.append("any address of this computer")
        return "any host" if "*" in self.extra else ", ".join(shown)


class HostGuard:
    """ASGI middleware: answer only requests whose ``Host`` (and ``Origin``, if sent) are allowed.

    Args:
        app: The ASGI application to protect.
        allowed: The names it may be reached by.
    """

    def __init__(self, app, allowed: AllowedHosts):
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            problem = None
            if not self.allowed.allows(headers.get("host", "")):
                problem = (400, "Invalid host: this dashboard answers only requests addressed to "
                                f"{self.allowed.describe()} (start it with --allow-host NAME to add a name)")
            elif "origin" in headers and not self.allowed.allows_origin(headers["origin"]):
                problem = (403, "Forbidden: a page from another site may not use this dashboard")
            if problem:
                await _refuse(scope, receive, send, *problem)
                return
        await self.app(scope, receive, send)


async def _refuse(scope, receive, send, status: int, text: str) -> None:
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1008})  # the server answers the handshake with 403
        return
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def build_app(host: str, port: int, allow: tuple[str, ...] | list[str] = ()):
    """Solara's app for :data:`APP` in production mode, wrapped in a :class:`HostGuard`."""
    os.environ.update({"SOLARA_APP": APP, "SERVER_NAME": host, "SERVER_PORT": str(port)})
    from solara.server import settings

    settings.main.mode = "production"
    from solara.server.starlette import app

    return HostGuard(app, AllowedHosts(host, allow))


def main(argv: list[str] | None = None) -> None:
    """Serve the dashboard (``python -m model.dashboard.serve --host H --port P [--allow-host NAME ...]``)."""
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m model.dashboard.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--allow-host", dest="allow", action="append", default=[])
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    # no per-message compression: a step's few kilobytes cost more CPU to deflate than a classroom's network
    # saves, and the server's one core is what a class of students shares (docs/classroom.md)
    uvicorn.run(build_app(args.host, args.port, args.allow), host=args.host, port=args.port,
                log_level=args.log_level, ws_per_message_deflate=False)


if __name__ == "__main__":
    main()
