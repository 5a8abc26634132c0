"""Helpers for the reliability tests: the schema's leaves, hostile and extreme-but-valid inputs.

Everything is read from the pydantic schema (:class:`model.config.Scenario` and
the registered levers), so a new parameter or lever is fuzzed without touching
these tests.
"""

from __future__ import annotations

import contextlib
import copy
import math
import signal
import types
import typing
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import annotated_types as at
import yaml
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from model.config import Scenario
from model.policies import LEVERS

GROUP_LISTS = ("regions", "sectors", "size_classes")


def _without_local_constants() -> None:
    """Make Hypothesis draw the same examples whatever the suite imported before.

    Hypothesis (6.131 and later) now and then draws a literal constant found in the source of the *local* modules
    already imported (``hypothesis.internal.conjecture.providers._get_local_constants``). Which test modules are
    loaded depends on the order pytest-xdist hands tests to its workers, so a derandomised, seeded test drew
    different scenarios in a full run than alone: the extreme-parameter test failed only in full runs. Turning
    the feature off (an internal of the pinned Hypothesis range; a no-op if it moves) keeps every example fixed.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover
        return
    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty


_without_local_constants()

#: No shrinking phase: a failing example is reported as found, not shrunk for minutes.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


def fuzz_settings(max_examples: int, deadline: float = 20.0):
    """Bounded, reproducible Hypothesis settings with no shrinking phase.

    Every ``@given`` test of the suite uses these: an explicit number of
    examples, an explicit deadline per example (seconds; generous, so a loaded
    machine is not a failure, but a hang is), derandomized (the same examples on
    every run, whatever Hypothesis version within the pinned range), no example
    database, and no shrinking, so the suite stays inside its time budget even
    when it finds a bug. The failing example is printed as drawn.
    """
    return settings(max_examples=max_examples, deadline=timedelta(seconds=deadline), derandomize=True,
                    database=None, phases=NO_SHRINK, suppress_health_check=list(HealthCheck), print_blob=False)

#: a lever parameter whose name contains the key names groups of the scenario (regions, to_region, ...)
GROUP_PARAMS = {"region": "regions", "sector": "sectors", "size_class": "size_classes"}


# -- the schema's leaves ----------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    """One scalar parameter of the schema and its documented range."""

    path: tuple
    kind: str  # int, float, bool, str, literal, other
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    choices: tuple = ()
    default: typing.Any = None

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


def _section_model(annotation):
    """The pydantic model of a section field, and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item, True
    return None, False


def _bounds(metadata) -> dict:
    out = {}
    for item in metadata:
        if isinstance(item, at.Ge):
            out["lo"] = item.ge
        elif isinstance(item, at.Gt):
            out["lo"], out["lo_open"] = item.gt, True
        elif isinstance(item, at.Le):
            out["hi"] = item.le
        elif isinstance(item, at.Lt):
            out["hi"], out["hi_open"] = item.lt, True
    return out


def _kind(annotation) -> tuple[str, tuple]:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Literal:
        return "literal", typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is float:
        return "float", ()
    if annotation is str:
        return "str", ()
    return "other", ()


def model_leaves(model: type[BaseModel], prefix: tuple = ()) -> list[Leaf]:
    """Every scalar field of ``model`` (list sections through their item 0)."""
    leaves = []
    for name, field in model.model_fields.items():
        sub, is_list = _section_model(field.annotation)
        if sub is not None:
            leaves += model_leaves(sub, prefix + ((name, 0) if is_list else (name,)))
            continue
        kind, choices = _kind(field.annotation)
        default = None if field.is_required() else field.get_default(call_default_factory=True)
        leaves.append(Leaf(prefix + (name,), kind, choices=choices, default=default, **_bounds(field.metadata)))
    return leaves


SCENARIO_LEAVES = [leaf for leaf in model_leaves(Scenario) if leaf.path[0] != "policies"]
LEVER_LEAVES = {name: model_leaves(cls) for name, cls in sorted(LEVERS.items())}
NUMERIC = [leaf for leaf in SCENARIO_LEAVES if leaf.kind in ("int", "float")]
BOUNDED = [leaf for leaf in NUMERIC if leaf.lo is not None or leaf.hi is not None]
FLOATS = [leaf for leaf in NUMERIC if leaf.kind == "float"]


def sections() -> list[tuple]:
    """Paths of every mapping in a scenario where keys are checked (lists through item 0)."""
    paths = [()]
    for leaf in SCENARIO_LEAVES:
        for cut in range(1, len(leaf.path)):
            head = leaf.path[:cut]
            if not isinstance(head[-1], str) or head[-1] in GROUP_LISTS:
                if isinstance(head[-1], int) and head not in paths:
                    paths.append(head)
                continue
            if head not in paths:
                paths.append(head)
    return paths


def valid_keys(path: tuple) -> set:
    """Keys allowed in the mapping at ``path``."""
    return {leaf.path[len(path)] for leaf in SCENARIO_LEAVES if leaf.path[:len(path)] == path
            and len(leaf.path) > len(path)} | ({"policies"} if path == () else set())


# -- building scenario data --------------------------------------------------------------
def default_item(list_name: str) -> dict:
    """Item 0 of a default group list, as plain data."""
    return getattr(Scenario(), list_name)[0].model_dump(mode="json")


def with_value(path: tuple, value, base: dict | None = None) -> dict:
    """Scenario data that sets ``value`` at ``path`` (list sections get a full valid item 0)."""
    data = dict(base or {})
    node = data
    for depth, part in enumerate(path[:-1]):
        nxt = path[depth + 1]
        if isinstance(nxt, int):
            node[part] = [default_item(part)]
            node = node[part]
        elif isinstance(part, int):
            node = node[part]
        else:
            node = node.setdefault(part, {})
    node[path[-1]] = value
    return data


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# -- hostile values ----------------------------------------------------------------------
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
NOT_NUMBER = st.one_of(
    WORDS.filter(lambda s: s.lower() not in {"nan", "inf", "infinity", "true", "false", "yes", "no", "on", "off",
                                               "null", "y", "n"} and not s.strip("_").isdigit()),
    st.lists(st.integers(), min_size=1, max_size=3),
    st.dictionaries(WORDS, st.integers(), min_size=1, max_size=2),
)
NOT_STRING = st.one_of(st.lists(WORDS, min_size=1, max_size=3), st.dictionaries(WORDS, WORDS, min_size=1, max_size=2),
                       st.integers(), st.floats(allow_nan=False, allow_infinity=False))
NON_FINITE = st.sampled_from([".nan", ".NaN", ".inf", "-.inf", ".Inf", "1e400", "-1e999"])


def wrong_value(leaf: Leaf):
    """A strategy of values of the wrong type for ``leaf``."""
    if leaf.kind in ("int", "float"):
        extra = st.floats(0.01, 0.99).map(lambda x: (leaf.lo or 0) + 1 + x) if leaf.kind == "int" else st.nothing()
        return st.one_of(NOT_NUMBER, extra)
    if leaf.kind == "bool":
        return st.one_of(st.sampled_from(["maybe", "2", "sometimes"]), st.lists(st.booleans(), min_size=1,
                                                                                   max_size=2))
    if leaf.kind == "literal":
        return st.one_of(WORDS.filter(lambda s: s not in leaf.choices), st.lists(WORDS, min_size=1, max_size=2))
    if leaf.kind == "str":
        return NOT_STRING
    return st.one_of(st.integers(), WORDS)  # dict-valued fields


def out_of_range(leaf: Leaf):
    """A strategy of numbers outside ``leaf``'s documented range."""
    options = []
    if leaf.lo is not None:
        below = [leaf.lo] if leaf.lo_open else []
        below += [leaf.lo - 1, leaf.lo - 1e6] if leaf.kind == "int" else [leaf.lo - 1e-3, leaf.lo - 1.5, -1e300]
        options += below
    if leaf.hi is not None:
        above = [leaf.hi] if leaf.hi_open else []
        above += [leaf.hi + 1, 10 ** 30] if leaf.kind == "int" else [leaf.hi * 1.001 + 1e-3, leaf.hi + 7.5, 1e300]
        options += above
    if leaf.kind == "int":
        options = [int(v) for v in options]
    return st.sampled_from(options)


def misspell(word: str):
    """A strategy of near-miss spellings of ``word`` (drop, double, swap or change a letter)."""
    def edit(args):
        kind, i, letter = args
        i %= len(word)
        if kind == 0:
            return word[:i] + word[i + 1:]
        if kind == 1:
            return word[:i] + word[i] + word[i:]
        if kind == 2 and i + 1 < len(word):
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        return word[:i] + letter + word[i + 1:]
    return st.tuples(st.integers(0, 3), st.integers(0, 60), st.sampled_from("aeioustz")).map(edit)


PYTHON_TAGS = ("!!python/object/apply:os.system", "!!python/object/apply:builtins.eval", "!!python/name:os.system",
               "!!python/object:builtins.dict", "!!python/module:os", "!!python/object/new:type",
               "!!python/tuple", "!!python/str", "!<tag:yaml.org,2002:python/object/apply:os.system>", "!custom",
               "!!set", "!!omap", "!!pairs", "!Ref", "!!python/bytes", "!!python/complex")


def alias_bomb(levels: int, fan: int, where: str = "description") -> str:
    """A 'billion laughs' document: ``fan ** levels`` strings from a few lines."""
    lines = ['a0: &a0 ["lol"]']
    for k in range(1, levels + 1):
        refs = ", ".join([f"*a{k - 1}"] * fan)
        lines.append(f"a{k}: &a{k} [{refs}]")
    lines.append(f"{where}: *a{levels}")
    return "\n".join(lines) + "\n"


# -- extreme but valid scenarios ----------------------------------------------------------
TINY = 1e-9


def _number(leaf: Leaf, lo=None, hi=None):
    """Values across a leaf's documented range, with its edges and zero drawn often."""
    lo = leaf.lo if lo is None else lo
    hi = leaf.hi if hi is None else hi
    if leaf.kind == "int":
        lo = int(lo if lo is not None else 0) + (1 if leaf.lo_open else 0)
        hi = int(hi if hi is not None else lo + 1000)
        return st.one_of(st.sampled_from([lo, hi]), st.integers(lo, hi))
    lo = float(lo if lo is not None else 0.0)
    hi = float(hi if hi is not None else max(lo, 0.0) + 1e6)
    if leaf.lo_open and lo == leaf.lo:
        lo = lo + max(abs(lo), 1.0) * TINY
    if leaf.hi_open and hi == leaf.hi:  # e.g. frontier.max_ai_share < 1: its edge is just below the bound
        hi = hi - max(abs(hi), 1.0) * TINY
    edges = [lo, hi]
    if lo < 0 < hi:
        edges.append(0.0)
    spread = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    if lo > 0 and hi / lo > 1e3:  # wide positive range: log-uniform too
        spread = st.one_of(spread, st.floats(math.log(lo), math.log(hi)).map(lambda x: min(max(math.exp(x), lo), hi)))
    return st.one_of(st.sampled_from(edges), spread)


def leaf_value(leaf: Leaf, groups: dict | None = None):
    """A valid value for ``leaf``: often its default, otherwise anywhere in its range."""
    if leaf.kind in ("int", "float"):
        drawn = _number(leaf)
    elif leaf.kind == "bool":
        drawn = st.booleans()
    elif leaf.kind == "literal":
        drawn = st.sampled_from(leaf.choices)
    else:
        return st.just(leaf.default)
    return st.one_of(st.just(leaf.default), drawn) if leaf.default is not None else drawn


@st.composite
def group_items(draw, list_name: str, max_items: int):
    """1..max_items groups with valid names and every parameter drawn across its range."""
    count = draw(st.integers(1, max_items))
    template = default_item(list_name)
    leaves = [leaf for leaf in SCENARIO_LEAVES if leaf.path[:2] == (list_name, 0) and leaf.path[2] != "name"]
    items = []
    for k in range(count):
        item = dict(copy.deepcopy(template), name=f"{list_name[:3]}{k}")
        for leaf in leaves:
            if leaf.kind == "other":
                continue
            value = draw(leaf_value(leaf))
            node = item
            for part in leaf.path[2:-1]:
                node = node.setdefault(part, {})
            node[leaf.path[-1]] = value
        if list_name == "size_classes":
            item["adoption"] = {t: draw(st.sampled_from([0.0, 1.0]) | st.floats(0, 1)) for t in ("data", "robots", "ai")}
            item["mean_workers"] = draw(st.sampled_from([1e-6, 1.0, 50.0, 1e6]) | st.floats(0.1, 200))
        if list_name == "sectors" and not any(item["tasks"].values()):
            item["tasks"]["non_routine"] = 1.0
        items.append(item)
    return items


@st.composite
def lever_items(draw, groups: dict, steps: int, max_levers: int = 4):
    """Policy levers of every registered kind, parameters across their ranges, random windows."""
    levers = []
    for k in range(draw(st.integers(0, max_levers))):
        name = draw(st.sampled_from(sorted(LEVERS)))
        item = {"lever": name, "label": f"{name}_{k}"}
        for leaf in LEVER_LEAVES[name]:
            field = leaf.path[-1]
            if field in ("lever", "label", "start", "end"):
                continue
            annotation = LEVERS[name].model_fields[field].annotation
            group = next((g for key, g in GROUP_PARAMS.items() if key in field and leaf.kind in ("str", "other")), None)
            if group is not None:
                names = groups[group]
                optional = type(None) in typing.get_args(annotation)
                pick = st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True)
                if leaf.kind == "str":
                    pick = st.sampled_from(names)
                item[field] = draw(st.one_of(st.none(), pick) if optional else pick)
            elif leaf.kind == "other":
                inner = [a for a in typing.get_args(annotation) if a is not type(None)]
                literal = next((typing.get_args(a) for a in inner if typing.get_origin(a) is typing.Literal), None)
                if typing.get_origin(annotation) is list and literal is None:
                    literal = typing.get_args(typing.get_args(annotation)[0])
                if literal:
                    item[field] = draw(st.lists(st.sampled_from(literal), min_size=1, max_size=len(literal),
                                                unique=True))
            elif field == "budget":
                item[field] = draw(st.one_of(st.none(), st.sampled_from([0.0, 1e-6, 1.0, 1e9])))
            else:
                item[field] = draw(leaf_value(leaf))
        start = draw(st.integers(0, steps + 1))
        item["start"] = start
        item["end"] = draw(st.one_of(st.none(), st.integers(start, steps + 2)))
        levers.append(item)
    return levers


@st.composite
def extreme_scenarios(draw, max_firms: int = 60, max_workers: int = 400, max_steps: int = 6):
    """Valid scenario data drawn across every documented range, with a tiny population."""
    steps = draw(st.integers(0, max_steps))
    data: dict = {"name": "extreme", "steps": steps}
    groups = {}
    for list_name, top in (("regions", 4), ("sectors", 4), ("size_classes", 3)):
        if draw(st.integers(0, 3)):
            data[list_name] = draw(group_items(list_name, top))
        groups[list_name] = [item["name"] for item in data.get(list_name)
                             or [g.model_dump() for g in getattr(Scenario(), list_name)]]
    for leaf in SCENARIO_LEAVES:
        if leaf.path[0] in GROUP_LISTS or leaf.path[0] in ("name", "description", "start", "steps", "seed") \
                or leaf.kind == "other" or draw(st.integers(0, 2)) == 0:
            continue
        node = data
        for part in leaf.path[:-1]:
            node = node.setdefault(part, {})
        node[leaf.path[-1]] = draw(leaf_value(leaf))
    for mix, middle in (("age_shares", "prime"), ("entrant_skills", "mid"), ("jobless_skills", "mid")):
        shares = data.get("workforce", {}).get(mix, {})
        if len(shares) == 3 and sum(shares.values()) <= 0:  # each share may be 0, not all three (config Mix)
            shares[middle] = 1.0
    defaults = Scenario()
    production = data.get("production", {})  # a project with an opportunity may not overshoot its target (config)
    frequency = production.get("investment_frequency", defaults.production.investment_frequency)
    if production.get("capital_adjustment", defaults.production.capital_adjustment) > frequency:
        production["capital_adjustment"] = frequency
    demand = data.get("demand", {})  # under CES buyers share_adjustment is a share of them (config)
    if demand.get("share_rule") == "ces" and demand.get("share_adjustment", 0.0) > 1:
        demand["share_adjustment"] = 1.0
    population = data.setdefault("population", {})
    population["firms"] = draw(st.sampled_from([1, 2, max_firms]) | st.integers(1, max_firms))
    population["workers"] = draw(st.sampled_from([1, 2, max_workers]) | st.integers(1, max_workers))
    population["gig_platforms"] = draw(st.sampled_from([0, 1, 3, 50]))
    population["industrial_platforms"] = draw(st.sampled_from([0, 1, 2, 50]))
    data["seed"] = draw(st.integers(0, 2 ** 32))
    data["policies"] = draw(lever_items(groups, steps))
    return data


# -- guards ------------------------------------------------------------------------------
@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise ``TimeoutError`` if the block runs longer than ``seconds`` (a hang)."""
    def _alarm(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def files_under(folder: Path) -> list[Path]:
    """Every file below ``folder`` (empty if it does not exist)."""
    return sorted(p for p in Path(folder).rglob("*") if p.is_file()) if Path(folder).exists() else []
