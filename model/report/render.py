"""Render the HTML and Markdown reports of ``compare`` and ``validate`` from the package's jinja2 templates.

Templates live in ``model/report/templates``: ``<name>.html.j2`` (autoescaped)
and ``<name>.md.j2`` (plain text), sharing the table macros of ``tables.*.j2``.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import jinja2


def md_cell(value: object) -> str:
    """A Markdown table cell: pipes and line breaks would end the cell."""
    return " ".join(str(value).replace("|", "/").split())


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: package templates, autoescape for ``*.html.j2``, strict undefined."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("model.report", "templates"),
                             autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                                                 default_for_string=False),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["md_cell"] = md_cell
    return env


def render(template: str, **context) -> str:
    """Render ``templates/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)


def embed_png(path: str | Path) -> str:
    """A ``data:`` URL of a PNG file, so the HTML report is one self-contained file."""
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode()


def write_reports(folder: Path, stem: str, template: str, context: dict) -> None:
    """Write ``<stem>.md`` and ``<stem>.html`` into ``folder`` from ``<template>.md.j2`` and ``.html.j2``."""
    (folder / f"{stem}.md").write_text(render(f"{template}.md.j2", **context), encoding="utf-8")
    (folder / f"{stem}.html").write_text(render(f"{template}.html.j2", **context), encoding="utf-8")
