"""Every key path ``--set`` accepts, with its default, allowed range and meaning, read from the schema."""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel

BOUNDS = (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<"))


class KeyRow(NamedTuple):
    """One settable key path of a scenario."""

    path: str
    default: Any
    allowed: str
    meaning: str


def allowed_range(field) -> str:
    """``>= 0, <= 1`` style bounds of a pydantic field ('' if unbounded)."""
    parts = []
    for meta in field.metadata:
        for attr, sign in BOUNDS:
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{sign} {value:g}" if isinstance(value, float) else f"{sign} {value}")
    return ", ".join(parts)


def _walk(model: BaseModel, prefix: str) -> list[KeyRow]:
    rows = []
    for name, field in type(model).model_fields.items():
        value, path = getattr(model, name), f"{prefix}{name}"
        if isinstance(value, BaseModel):
            rows += _walk(value, f"{path}.")
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            for i, item in enumerate(value):
                rows += _walk(item, f"{path}.{i}.")
        elif isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()):
            rows += [KeyRow(f"{path}.{k}", v, allowed_range(field), field.description or "") for k, v in value.items()]
        elif not (isinstance(value, list) and value and isinstance(value[0], BaseModel)):
            rows.append(KeyRow(path, value, allowed_range(field), field.description or ""))
    return rows


def key_rows(scenario: BaseModel, prefix: str = "") -> list[KeyRow]:
    """Settable key paths of a resolved scenario (list items by index, e.g. ``size_classes.0.mean_workers``).

    Args:
        scenario: A validated scenario; its values are the defaults shown.
        prefix: Keep only key paths starting with this text.

    Returns:
        One row per leaf value, in schema order.
    """
    return [row for row in _walk(scenario, "") if row.path.startswith(prefix)]
