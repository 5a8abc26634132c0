"""A target such as ``unemployment_rate <= 0.06 and adoption_gap_size <= 0.10``, parsed without ``eval``.

The text is parsed with Python's :mod:`ast` and only these nodes are accepted: comparisons (``<``, ``<=``,
``>``, ``>=``, chained like ``0.02 <= unemployment_rate <= 0.06``) of metric names with numbers, joined by
``and``, ``or`` and ``not``, with parentheses. Anything else (calls, attributes, arithmetic, strings) is
refused with a message naming the offending part. Evaluation is vectorised over a table of runs.
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.errors import UserError

MAX_LENGTH = 2000
EXAMPLE = '"unemployment_rate <= 0.06 and adoption_gap_size <= 0.10"'
OPERATORS = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}


@dataclass(frozen=True)
class Target:
    """A parsed target.

    Attributes:
        text: the expression as given.
        tree: its syntax tree (only the accepted nodes).
        metrics: the metric names it uses, in order of first appearance.
    """

    text: str
    tree: ast.Expression
    metrics: tuple[str, ...]

    def holds(self, values: pd.DataFrame) -> np.ndarray:
        """Whether the target holds for each row of ``values`` (a NaN metric makes a comparison false)."""
        return np.asarray(_evaluate(self.tree.body, values), dtype=bool)


def _fail(text: str, why: str) -> UserError:
    return UserError(f"--target {text!r}: {why}; write comparisons of metric names with numbers joined by "
                     f"and/or, e.g. {EXAMPLE}")


def _number(node: ast.AST) -> float | None:
    """The value of a numeric literal (optionally signed), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    return None


def _check(node: ast.AST, text: str, names: list[str]) -> None:
    """Refuse every node but the accepted ones; collect the metric names."""
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, text, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check(node.operand, text, names)
    elif isinstance(node, ast.Compare):
        bad = [op for op in node.ops if type(op) not in OPERATORS]
        if bad:
            raise _fail(text, f"operator {type(bad[0]).__name__} is not allowed (use <, <=, > or >=)")
        sides = [node.left, *node.comparators]
        for side in sides:
            if isinstance(side, ast.Name):
                names.append(side.id)
            elif _number(side) is None or not math.isfinite(_number(side)):
                raise _fail(text, f"{ast.get_source_segment(text, side)!r} is neither a metric name nor a number")
        if not any(isinstance(side, ast.Name) for side in sides):
            raise _fail(text, f"{ast.get_source_segment(text, node)!r} compares no metric")
    else:
        raise _fail(text, f"{ast.get_source_segment(text, node)!r} is not a comparison")


def parse_target(text: str, *, known: list[str] | None = None) -> Target:
    """Parse ``text`` into a :class:`Target`.

    Args:
        text: the target expression.
        known: metric names the sweep recorded; a name outside them is refused (None: any name of
            :data:`model.metric_catalogue.METRICS`, group names expanded).

    Raises:
        UserError: the text is not such an expression, or names an unknown metric (the message names it and
            suggests a close match).
    """
    text = str(text).strip()
    if not text:
        raise _fail(text, "it is empty")
    if len(text) > MAX_LENGTH:
        raise _fail(text[:40] + "...", f"it is {len(text)} characters long (at most {MAX_LENGTH})")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError) as exc:
        where = f" at character {exc.offset}" if getattr(exc, "offset", None) else ""
        raise _fail(text, f"not a valid expression{where}") from None
    except RecursionError:
        raise _fail(text, "nested too deeply") from None
    names: list[str] = []
    _check(tree.body, text, names)
    names = list(dict.fromkeys(names))
    for name in names:
        check_metric(name, text, known)
    return Target(text, tree, tuple(names))


def _is_model_metric(name: str) -> bool:
    from model.metric_catalogue import METRICS

    if name in ("step", "period"):
        return False
    patterns = [re.sub(r"<[a-z]+>", "[A-Za-z0-9_]+", re.escape(m)) for m in METRICS]
    return any(re.fullmatch(p, name) for p in patterns)


def check_metric(name: str, text: str, known: list[str] | None) -> None:
    """Refuse a name that is not a metric of the model, or not one of ``known``."""
    from model.metric_catalogue import METRICS

    choices = [m for m in (known if known is not None else METRICS) if "<" not in m and m not in ("step", "period")]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    if not _is_model_metric(name):
        raise UserError(f"--target {text!r}: unknown metric {name!r}{hint} (see `python run.py list` for every "
                        f"metric)")
    if known is not None and name not in known:
        raise UserError(f"--target {text!r}: metric {name!r} was not recorded by this sweep{hint}")


def _evaluate(node: ast.AST, values: pd.DataFrame):
    if isinstance(node, ast.BoolOp):
        parts = [_evaluate(v, values) for v in node.values]
        combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        result = parts[0]
        for part in parts[1:]:
            result = combine(result, part)
        return result
    if isinstance(node, ast.UnaryOp):  # not
        return np.logical_not(_evaluate(node.operand, values))
    sides = [node.left, *node.comparators]
    arrays = [values[s.id].to_numpy(float) if isinstance(s, ast.Name) else _number(s) for s in sides]
    result = np.ones(len(values), dtype=bool)
    for op, left, right in zip(node.ops, arrays, arrays[1:]):
        with np.errstate(invalid="ignore"):
            result &= OPERATORS[type(op)](left, right)
    return result

