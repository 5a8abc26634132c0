"""Every model-level attribute is declared, typed, in one place (:mod:`model.economy_state`).

The rules set attributes on ``model`` from many modules; this reads every module under ``model/`` and fails on
any ``model.NAME = / += / -= / *= ...`` (or ``self.NAME = ...`` inside ``EconomyModel``, or
``setattr(model, "NAME", ...)``) whose NAME is not in EconomyModel's annotations, and on any declaration
nothing sets.
"""

import ast
import typing
from collections import defaultdict
from pathlib import Path

from model.economy import EconomyModel
from model.economy_state import EconomyState

ROOT = Path(__file__).resolve().parents[1]

#: Calls that make the economy a local ``model`` is bound to (anything else bound to a local ``model``, such as
#: the dashboard's ``solara.use_reactive``, is not the economy).
ECONOMY_CLASSES = {"EconomyModel", "DashboardModel"}


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        return [node.target]
    return []


def _flat(target: ast.expr):
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _flat(element)
    elif isinstance(target, ast.Starred):
        yield from _flat(target.value)
    else:
        yield target


def _binding(function: ast.AST, name: str) -> str | None:
    """How ``function`` binds ``name``: ``"economy"`` (a parameter, or a call of an economy class), ``"other"``
    (another local value), or None (not bound there)."""
    args = function.args
    if name in {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg] if a}:
        return "economy"
    found = None
    todo = list(function.body) if isinstance(function.body, list) else [function.body]  # a lambda's
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue  # their own scope
        for target in _targets(node):
            if any(isinstance(e, ast.Name) and e.id == name for e in _flat(target)):
                value = getattr(node, "value", None)
                call = isinstance(value, ast.Call) and ast.unparse(value.func).split(".")[-1] in ECONOMY_CLASSES
                found = "economy" if call and found != "other" else "other"
        todo.extend(ast.iter_child_nodes(node))
    return found


def _set_attributes(tree: ast.Module):
    """(name, line) of every attribute the module sets on the economy."""

    def visit(node: ast.AST, scopes: list, in_economy: bool):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            scopes = [*scopes, node]
        in_economy = in_economy or (isinstance(node, ast.ClassDef) and node.name == "EconomyModel")
        owners = {"model"} | ({"self"} if in_economy else set())
        for target in _targets(node):
            for e in _flat(target):
                if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in owners:
                    if economy(e.value.id, scopes):
                        yield e.attr, e.lineno
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id in owners
                and economy(node.args[0].id, scopes)):
            name = node.args[1]
            yield (name.value if isinstance(name, ast.Constant) else f"<setattr {ast.unparse(name)}>"), node.lineno
        for child in ast.iter_child_nodes(node):
            yield from visit(child, scopes, in_economy)

    def economy(name: str, scopes: list) -> bool:
        if name == "self":
            return True
        for scope in reversed(scopes):
            bound = _binding(scope, name)
            if bound:
                return bound == "economy"
        return True  # a module-level name: taken as the economy

    yield from visit(tree, [], False)


def assigned_attributes() -> dict[str, set[str]]:
    """Every attribute set on the economy under ``model/``, with the files (``path:line``) that set it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "model").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, line in _set_attributes(tree):
            found[name].add(f"{path.relative_to(ROOT).as_posix()}:{line}")
    return found


def declared_attributes() -> set[str]:
    return {name for cls in EconomyModel.__mro__ for name in vars(cls).get("__annotations__", {})}


def test_every_model_attribute_is_declared():
    declared = declared_attributes()
    missing = {name: places for name, places in assigned_attributes().items() if name not in declared}
    assert not missing, ("model-level attributes set without a declaration in model/economy_state.py (add each, "
                         "typed and documented, to the group it belongs to):\n"
                         + "\n".join(f"  {name}: set in {', '.join(sorted(places))}"
                                     for name, places in sorted(missing.items())))


def test_every_declaration_is_set_somewhere():
    stale = declared_attributes() - set(assigned_attributes())
    assert not stale, f"declared in model/economy_state.py but set by no module under model/: {sorted(stale)}"


def test_declarations_are_annotations_only_and_resolve():
    hints = typing.get_type_hints(EconomyModel)  # every annotation names a real type
    assert declared_attributes() <= set(hints)
    for cls in EconomyState.__mro__[:-1]:
        assert "__init__" not in vars(cls), cls  # nothing changes how the model sets its attributes
        defaults = set(vars(cls).get("__annotations__", {})) & set(vars(cls))
        assert not defaults, f"{cls.__name__} gives class-level values to {sorted(defaults)}: declare them only"
    names = [name for cls in EconomyState.__mro__[1:-1] for name in vars(cls)["__annotations__"]]
    assert len(names) == len(set(names)), "an attribute is declared in two groups"


def test_the_scan_sees_what_it_must():
    tree = ast.parse("def rule(model):\n    model.a = 1\n    model.b, model.c = 2, 3\n    model.d += 1\n"
                     "    setattr(model, 'e', 1)\n    (lambda: setattr(model, 'i', 1))()\n"
                     "def page():\n    model = use_reactive(None)\n    def go():\n        model.value = 2\n"
                     "def run():\n    model = EconomyModel()\n    model.f = 1\n"
                     "class EconomyModel:\n    def __init__(self):\n        self.g = 1\n"
                     "class Other:\n    def __init__(self):\n        self.h = 1\n")
    assert sorted(name for name, _ in _set_attributes(tree)) == ["a", "b", "c", "d", "e", "f", "g", "i"]
