"""``list``: the bundled scenarios, every policy lever with its parameters, and every metric."""

from __future__ import annotations

import textwrap
from pathlib import Path

SECTIONS = ("scenarios", "levers", "metrics")
COMMON = ("label", "start", "end")


def add_parser(subparsers):
    parser = subparsers.add_parser("list", help="list scenarios, policy levers and metrics",
                                   description="Print the scenarios in DIR, the policy levers (parameters, defaults, "
                                               "meaning) and the metrics (definitions, units).")
    parser.add_argument("section", nargs="?", choices=SECTIONS, help="print only this section")
    parser.add_argument("--dir", default="scenarios", help="scenario folder (default: scenarios/)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown (used for docs/levers.md, "
                                                                 "docs/metrics.md)")
    parser.add_argument("--keys", nargs="?", const="", metavar="PREFIX",
                        help="print every key path --set accepts (optionally only those starting with PREFIX), "
                             "with its default, allowed range and meaning")
    parser.add_argument("--scenario", default="scenarios/baseline.yaml",
                        help="scenario whose resolved values --keys shows as defaults (default: scenarios/baseline.yaml)")
    parser.set_defaults(func=list_command)
    return parser


def _default(field) -> object:
    if field.default_factory is not None:
        return field.default_factory()
    return field.default


def _type_name(annotation) -> str:
    text = getattr(annotation, "__name__", None) if not getattr(annotation, "__args__", None) else None
    return text or str(annotation).replace("typing.", "").replace("NoneType", "None")


def lever_parameters(cls) -> list[tuple[str, str, object, str]]:
    """(name, type, default, meaning) of a lever's own parameters, then the common schedule fields."""
    own = [n for n in cls.model_fields if n != "lever" and n not in COMMON]
    return [(n, _type_name(cls.model_fields[n].annotation), _default(cls.model_fields[n]),
             cls.model_fields[n].description or "") for n in [*own, *COMMON]]


def scenario_rows(folder: str | Path) -> list[tuple[str, str, str]]:
    """(file, name, description) of every scenario in ``folder`` that loads; errors are shown as descriptions."""
    from model.errors import UserError
    from model.scenario_io import load_scenario

    rows = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            scenario = load_scenario(path)
            rows.append((str(path), scenario.name, " ".join(scenario.description.split())))
        except UserError as exc:
            rows.append((str(path), "?", f"(does not load: {exc.message})"))
    return rows


def levers_text(markdown: bool) -> str:
    from model.policies import LEVERS

    out = []
    for name, cls in sorted(LEVERS.items()):
        params = lever_parameters(cls)
        if markdown:
            out += [f"### `{name}`", "", cls.summary, "", "| parameter | type | default | meaning |", "|---|---|---|---|"]
            out += [f"| `{p}` | {t.replace('|', 'or')} | `{d!r}` | {m} |" for p, t, d, m in params] + [""]
        else:
            out.append(f"{name}: {cls.summary}")
            out += [f"    {p} = {d!r}  ({t})\n" + textwrap.indent(textwrap.fill(m, 90), " " * 8)
                    for p, t, d, m in params]
    return "\n".join(out)


def metrics_text(markdown: bool) -> str:
    from model.metric_catalogue import METRICS

    if markdown:
        rows = ["| metric | unit | definition |", "|---|---|---|"]
        rows += [f"| `{n}` | {u} | {d.replace('|', '/')} |" for n, (d, u) in METRICS.items()]
        return "\n".join(rows)
    width = max(map(len, METRICS))
    return "\n".join(f"{n.ljust(width)}  [{u}]\n{textwrap.indent(textwrap.fill(d, 90), ' ' * 4)}"
                     for n, (d, u) in METRICS.items())


POLICY_NOTE = ("policies.N.<parameter>: the N-th lever of the scenario (0 first); its parameters are those of "
               "`list levers` plus label, start, end. Use --scenario with a file that has levers to list them.")


def keys_text(scenario_path: str, prefix: str) -> str:
    """Every settable key path of ``scenario_path`` (resolved) starting with ``prefix``, one per line."""
    from model.scenario_io import load_scenario
    from model.scenario_keys import key_rows

    rows = key_rows(load_scenario(scenario_path), prefix)
    out = [f"Key paths for --set (defaults: {scenario_path} resolved; list items by index)"]
    for row in rows:
        default = repr(row.default)
        default = default if len(default) <= 60 else default[:57] + "..."
        allowed = f"  [{row.allowed}]" if row.allowed else ""
        out.append(f"{row.path} = {default}{allowed}" + (f"\n    {row.meaning}" if row.meaning else ""))
    if "policies".startswith(prefix) or prefix.startswith("policies"):
        out.append(POLICY_NOTE)
    return "\n".join(out)


def list_command(args) -> int:
    from model.errors import UserError

    if args.keys is not None:
        print(keys_text(args.scenario, args.keys))
        return 0

    sections = [args.section] if args.section else list(SECTIONS)
    if "scenarios" in sections and not Path(args.dir).is_dir():
        raise UserError(f"--dir {args.dir}: no such folder")
    h = (lambda t: f"## {t}\n") if args.markdown else (lambda t: f"{t.upper()}\n{'=' * len(t)}")
    for section in sections:
        if section == "scenarios":
            print(h("Scenarios"))
            for path, name, description in scenario_rows(args.dir):
                print(f"- `{path}` ({name}): {description}" if args.markdown
                      else f"{path}  [{name}]\n{textwrap.indent(textwrap.fill(description, 90), ' ' * 4)}")
        elif section == "levers":
            print(h("Policy levers (every lever also takes label, start, end)"))
            print(levers_text(args.markdown))
        else:
            print(h("Metrics (<tech>, <sector>, <size>, <region>, <lever> expand per group)"))
            print(metrics_text(args.markdown))
        print()
    return 0
