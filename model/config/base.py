"""The schema's building blocks: a section forbids unknown keys, a mix is weights that must not all be zero."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator


SKILLS = ("low", "mid", "high")
AGES = ("young", "prime", "older")
TASKS = ("routine_manual", "routine_cognitive", "non_routine")


def _dump(value: Any) -> Any:
    return value.model_dump() if isinstance(value, BaseModel) else value


def with_defaults(default: Any, given: Any) -> Any:
    """``given`` (plain data from a file or ``--set``) filled in from ``default``, key by key.

    A mapping fills the keys it does not write from the default's (a section, or a mapping), recursively; a list
    of named items (regions, sectors, size classes) fills each item from the default item of the same name
    (an item with a new name starts from its class's defaults). Anything else is taken as given.
    """
    default = _dump(default)
    if isinstance(given, dict) and isinstance(default, dict):
        out = dict(default)
        for key, value in given.items():
            out[key] = with_defaults(default[key], value) if key in default else value
        return out
    if isinstance(given, list) and isinstance(default, list):
        named = {item.get("name"): item for item in map(_dump, default) if isinstance(item, dict)}
        return [with_defaults(named[item["name"]], item)
                if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"] in named else item
                for item in given]
    return given


class Section(BaseModel):
    """A block of the scenario: unknown keys are errors; keys not written take their defaults.

    A nested section's defaults are those of the field that holds it, not of its class: writing
    ``technology.ai.fixed_cost`` keeps AI's own gain, skill threshold and uncertainty (before, it reset them
    to the generic ``TechnologyParams`` values, e.g. AI's gain 0.5 to 0.1), and a listed size class keeps the
    default values of the class of the same name for the keys it does not write.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _unwritten_keys_take_their_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, field in cls.model_fields.items():
            if isinstance(out.get(name), (dict, list)):
                default = field.get_default(call_default_factory=True)
                if isinstance(default, (BaseModel, dict, list)):
                    out[name] = with_defaults(default, out[name])
        return out


class Mix(Section):
    """Relative weights or shares (``what``) that must not all be zero."""

    what: ClassVar[str] = "weights"

    @model_validator(mode="after")
    def _positive(self):
        if sum(getattr(self, name) for name in type(self).model_fields) <= 0:
            raise ValueError(f"{self.what} must not all be zero")
        return self


def _f(default, lo=None, hi=None, desc="", gt=None, lt=None):
    return Field(default, ge=lo, le=hi, gt=gt, lt=lt, description=desc, allow_inf_nan=False)
