"""Read scenario files: safe YAML, ``extends:``, ``--set`` overrides, clear errors.

Every problem becomes one :class:`~model.errors.ScenarioError` naming the file,
the key path, the line where known, what is valid and, for a misspelt key, the
closest valid one.
"""

from __future__ import annotations

import copy
import difflib
import math
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from model.config import Scenario
from model.errors import ScenarioError
from model.files import MAX_INPUT_BYTES, check_input_file, read_input_file

MAX_FILE_BYTES = MAX_INPUT_BYTES
MAX_NODES = 50_000  # a full scenario with 200 levers has a few thousand
MAX_EXTENDS_DEPTH = 16
MAX_DEPTH = 40
SET_ORIGIN = "--set"

SourceMap = dict[tuple, tuple[str, int | None]]
#: YAML's standard scalar types, built by PyYAML's safe constructors only (never Python objects).
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in
                         ("null", "bool", "int", "float", "str", "binary", "timestamp"))
_SCALAR_LOADER = yaml.SafeLoader("")


# -- YAML with positions ------------------------------------------------------
def _read_text(path: Path, what: str = "scenario file") -> str:
    raw = read_input_file(path, what, error=ScenarioError)
    if b"\x00" in raw:
        raise ScenarioError(f"{path}: not a text file (it contains NUL bytes); a {what} is a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{path}: not UTF-8 text (byte {exc.start}); save the {what} as UTF-8") from None


def _compose(text: str, origin: str):
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f": line {mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(f"{origin}{where}: malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{origin}: malformed YAML: {exc}") from None
    except RecursionError:
        raise ScenarioError(f"{origin}: malformed scenario: brackets or lists nested far too deep "
                            f"(a scenario nests at most {MAX_DEPTH} levels)") from None


def _where(origin: str, node, path: tuple = ()) -> str:
    """``file: line N: key.path`` for a message (an override has no line)."""
    parts = [origin] if origin.startswith(SET_ORIGIN) else [origin, f"line {node.start_mark.line + 1}"]
    return ": ".join(parts + ([_dotted(path)] if path else []))


def _construct(node, origin: str, smap: SourceMap, path: tuple = (), budget: list | None = None) -> Any:
    """Build plain data from a composed node, recording each key's line.

    Aliases are expanded with a node budget so alias bombs fail fast; tags other
    than YAML's standard scalars, sequences and maps are refused.
    """
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise ScenarioError(f"{origin}: document too large or too many aliases (over {MAX_NODES} nodes)")
    if len(path) > MAX_DEPTH:
        raise ScenarioError(f"{_where(origin, node)}: nesting deeper than {MAX_DEPTH} levels")
    smap.setdefault(path, (origin, node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise ScenarioError(f"{_where(origin, node, path)}: tag {_short(node.tag)} is not allowed (plain YAML only)")
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ScenarioError(f"{_where(origin, key_node, path)}: '<<' merge keys are not supported")
            key = _construct(key_node, origin, {}, path, budget)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise ScenarioError(f"{_where(origin, key_node, path)}: key {_short(key)} must be a name")
            if key in out:
                raise ScenarioError(f"{_where(origin, key_node, path)}: key {_short(key)} appears twice")
            smap[path + (key,)] = (origin, key_node.start_mark.line + 1)
            out[key] = _construct(value_node, origin, smap, path + (key,), budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise ScenarioError(f"{_where(origin, node, path)}: tag {_short(node.tag)} is not allowed (plain YAML only)")
        return [_construct(item, origin, smap, path + (i,), budget) for i, item in enumerate(node.value)]
    construct = yaml.SafeLoader.yaml_constructors.get(node.tag) if node.tag in _SCALAR_TAGS else None
    if construct is None:
        raise ScenarioError(f"{_where(origin, node, path)}: tag {_short(node.tag)} is not allowed (plain YAML only)")
    try:
        value = construct(_SCALAR_LOADER, node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise ScenarioError(f"{_where(origin, node, path)}: {_short(str(exc), 200)}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(f"{_where(origin, node, path)}: {_short(node.value)} is not a finite number")
    if isinstance(value, (bytes, bytearray)) or type(value).__name__ in {"date", "datetime", "set"}:
        value = str(node.value)
    return value


def load_yaml_file(path: str | Path, smap: SourceMap | None = None, what: str = "scenario file") -> dict:
    """Read one YAML mapping with a safe loader (no ``extends`` handling).

    Args:
        path: A regular file of at most :data:`MAX_FILE_BYTES` bytes (a FIFO, device or folder is refused).
        smap: Filled with the line of every key.
        what: What the file is, for messages ("scenario file", "sweep spec").
    """
    path = Path(path)
    text = _read_text(path, what)
    node = _compose(text, str(path))
    if node is None:
        return {}
    data = _construct(node, str(path), smap if smap is not None else {})
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a {what} is a mapping of keys (name:, ...), not a {type(data).__name__}")
    return data


# -- extends and overrides ----------------------------------------------------
def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    return over


def _load_chain(path: Path, smap: SourceMap, seen: tuple = ()) -> dict:
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(str(p) for p in seen + (resolved,))
        raise ScenarioError(f"{path}: extends: cycle ({chain})")
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise ScenarioError(f"{path}: extends: chain deeper than {MAX_EXTENDS_DEPTH} files (from {seen[0]})")
    own_map: SourceMap = {}
    data = load_yaml_file(path, own_map)
    parent = data.pop("extends", None)
    if parent is None:
        smap.update(own_map)
        return data
    if not isinstance(parent, str) or not parent.strip():
        line = own_map.get(("extends",), (str(path), None))[1]
        raise ScenarioError(f"{path}: line {line}: extends: must be the path of another scenario file")
    parent_path = (path.parent / parent).resolve() if not Path(parent).is_absolute() else Path(parent)
    try:
        check_input_file(parent_path, "scenario file", error=ScenarioError)
    except ScenarioError as exc:
        line = own_map.get(("extends",), (str(path), None))[1]
        raise ScenarioError(f"{path}: line {line}: extends: {parent}: {exc.message.removeprefix(f'{parent_path}: ')} "
                            f"(looked at {parent_path})") from None
    base = _load_chain(parent_path, smap, seen + (resolved,))
    smap.update(own_map)
    return _merge(base, data)


def parse_override(text: str) -> tuple[list, Any]:
    """Split ``key.path=value``; the value is read as a YAML scalar or list, never code."""
    if "=" not in text:
        raise ScenarioError(f"--set {_short(text)}: write it as key.path=value, e.g. population.firms=500")
    key, _, raw = text.partition("=")
    parts = [p.strip() for p in key.strip().split(".")]
    if not key.strip() or any(not p for p in parts):
        raise ScenarioError(f"--set {_short(text)}: empty key path; write it as key.path=value")
    path = [int(p) if p.isdigit() else p for p in parts]
    smap: SourceMap = {}
    node = _compose(raw, f"{SET_ORIGIN} {_short(key.strip(), 80, quote=False)}")
    value = None if node is None else _construct(node, SET_ORIGIN, smap, tuple(path))
    return path, value


def _items(target: list) -> str:
    return f"valid: 0..{len(target) - 1}" if target else "it is empty"


def _default_list(path: list) -> list:
    """The default value of a list the file does not set (e.g. ``regions``), so ``--set regions.0.x`` works."""
    node: Any = Scenario().model_dump(mode="json")
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return []
    return copy.deepcopy(node) if isinstance(node, list) else []


def apply_override(data: dict, path: list, value: Any, smap: SourceMap) -> None:
    """Set ``value`` at ``path`` inside ``data`` (lists indexed by number)."""
    target = data
    for depth, part in enumerate(path[:-1]):
        nxt = path[depth + 1]
        if isinstance(target, list):
            if not isinstance(part, int) or not 0 <= part < len(target):
                raise ScenarioError(f"--set {_dotted(path)}: {_dotted(path[:depth])} has no item {part} "
                                    f"({_items(target)})")
            target = target[part]
            continue
        if not isinstance(target, dict):
            raise ScenarioError(f"--set {_dotted(path)}: {_dotted(path[:depth])} is not a section")
        if part not in target or target[part] is None:
            target[part] = _default_list(path[:depth + 1]) if isinstance(nxt, int) else {}
            smap[tuple(path[:depth + 1])] = (SET_ORIGIN, None)
        target = target[part]
    last = path[-1]
    if isinstance(target, list):
        if not isinstance(last, int) or not 0 <= last <= len(target):
            raise ScenarioError(f"--set {_dotted(path)}: {_dotted(path[:-1])} has no item {last} "
                                f"({_items(target)}; {len(target)} adds one)")
        if last == len(target):
            target.append(value)
        else:
            target[last] = value
    elif isinstance(target, dict):
        target[last] = value
    else:
        raise ScenarioError(f"--set {_dotted(path)}: {_dotted(path[:-1])} is not a section")
    for key in [k for k in smap if k[:len(path)] == tuple(path)]:
        del smap[key]
    smap[tuple(path)] = (SET_ORIGIN, None)


# -- validation errors --------------------------------------------------------
def _dotted(path) -> str:
    return ".".join(_short(p, 60, quote=False) for p in path) or "(top level)"


def _short(value: Any, limit: int = 80, quote: bool = True) -> str:
    """``repr`` (or ``str``) of a value from the user, cut to ``limit`` characters."""
    text = repr(value) if quote else str(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _schema_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the last key of ``loc`` (for suggestions)."""
    from model.policies import LEVERS

    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if model is Scenario and part == "policies":
            model = "policies"
            continue
        if model == "policies":
            model = LEVERS.get(part)
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        args = getattr(ann, "__args__", ()) or ()
        candidates = [ann, *args]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _locate(loc: tuple, smap: SourceMap, default: str) -> str:
    for cut in range(len(loc), -1, -1):
        hit = smap.get(tuple(loc[:cut]))
        if hit:
            origin, line = hit
            return f"{origin}: line {line}" if line else origin
    return default


def _clean_loc(loc: tuple, data: dict) -> tuple:
    """Drop pydantic's union tags (the lever name) from an error location."""
    out: list = []
    node: Any = data
    for part in loc:
        if isinstance(node, dict) and part not in node and isinstance(part, str) and node.get("lever") == part:
            continue
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out)


def _explain(err: dict, loc: tuple) -> str:
    kind = err["type"]
    key = _dotted(loc)
    if kind == "extra_forbidden":
        owner = _schema_at(tuple(err["loc"]))  # the raw location still names the lever
        valid = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listing = f" Valid keys here: {', '.join(valid)}." if valid else ""
        return f"{key}: unknown key{hint}{listing}"
    if kind == "union_tag_invalid":
        from model.policies import LEVERS

        given = err.get("ctx", {}).get("tag", "?")
        close = difflib.get_close_matches(str(given), sorted(LEVERS), n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{key}.lever: unknown lever {_short(given)}{hint} Valid levers: {', '.join(sorted(LEVERS))}."
    if kind == "union_tag_not_found":
        from model.policies import LEVERS

        return f"{key}: each policy needs 'lever:' naming one of: {', '.join(sorted(LEVERS))}"
    if kind == "missing":
        return f"{key}: required key is missing"
    given = err.get("input")
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "value_error" and isinstance(given, dict):  # a check across a section's keys
        return f"{key}: {msg}"
    shown = _short(given) if not isinstance(given, (dict, list)) else type(given).__name__
    return f"{key}: {msg} (got {shown})"


def _scenario_check(err: dict) -> tuple[tuple, str] | None:
    """A scenario-wide check's error ``key.path: problem`` as (location, message)."""
    msg = str(err.get("ctx", {}).get("error", err["msg"]))
    head, sep, _ = msg.partition(": ")
    if err["type"] != "value_error" or err["loc"] or not sep or not re.fullmatch(r"\w+(\.\w+)*", head):
        return None
    return tuple(int(p) if p.isdigit() else p for p in head.split(".")), msg


def validate(data: dict, smap: SourceMap, origin: str) -> Scenario:
    """Validate plain data into a :class:`Scenario` or raise one clear error."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        lines = []
        for err in errors[:5]:
            loc = _clean_loc(tuple(err["loc"]), data)
            loc, text = _scenario_check(err) or (loc, _explain(err, loc))
            lines.append(f"{_locate(loc, smap, origin)}: {text}")
        more = f"\n  (and {len(errors) - 5} more problems)" if len(errors) > 5 else ""
        raise ScenarioError("\n  ".join(lines) + more) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise ScenarioError(f"{origin}: invalid scenario: {exc}") from None


def load_scenario_data(path: str | Path, overrides: list[str] | tuple = ()) -> tuple[dict, SourceMap]:
    """Merged plain data of a scenario file, its ``extends`` chain and overrides."""
    smap: SourceMap = {}
    data = _load_chain(Path(path), smap)
    for text in overrides:
        key_path, value = parse_override(text)
        apply_override(data, key_path, value, smap)
    return data, smap


def load_scenario(path: str | Path, overrides: list[str] | tuple = ()) -> Scenario:
    """Read, merge and validate a scenario file.

    Args:
        path: The scenario YAML file.
        overrides: ``key.path=value`` strings applied after ``extends`` merging.

    Returns:
        The validated ``Scenario`` with every default filled in.

    Raises:
        ScenarioError: with the file, key path, line and what is valid.
    """
    from model.schedules import check_schedules

    data, smap = load_scenario_data(path, overrides)
    scenario = validate(data, smap, str(path))
    check_schedules(scenario, str(path))
    return scenario


def scenario_from_dict(data: dict, origin: str = "<scenario>") -> Scenario:
    """Validate a scenario given as a Python mapping (e.g. from a sweep).

    Args:
        data: The scenario as plain data, as it would be read from YAML (no ``extends``).
        origin: The name to give the scenario's source in error messages.

    Returns:
        The validated ``Scenario`` with every default filled in.

    Raises:
        ScenarioError: with the key path and what is valid.
    """
    return validate(data, {}, origin)


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of the fully resolved scenario (reproduces the run)."""
    data = scenario.model_dump(mode="json", exclude_none=False)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
