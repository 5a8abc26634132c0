"""The schema's building blocks: a section forbids unknown keys, a mix is weights that must not all be zero."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator


SKILLS = ("low", "mid", "high")
AGES = ("young", "prime", "older")
TASKS = ("routine_manual", "routine_cognitive", "non_routine")


class Section(BaseModel):
    """A block of the scenario: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


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
