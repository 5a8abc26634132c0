"""Guards against a collapsing economy: a run stops with a clear message instead of reporting nonsense.

Valid but extreme parameters (a productivity of 1e-9, wages a hundred times
output, two workers) can drive an economy to nothing: real output falls to
1e-9 of its start, nobody works, or firms pay out in wages many times what
they produce. Ratios with such denominators (the labour share, growth rates,
TFP) are then meaningless. After every step (and for the initial state) the
model calls :func:`check_step`; when a floor below is crossed, or any reported
number is not finite, it raises :class:`~model.errors.EconomyCollapse` naming
the step and the quantity. ``run`` and ``compare`` then exit with status 2 and
write nothing; a sweep records the run as failed and goes on.
"""

from __future__ import annotations

import math
import numbers

from model.errors import EconomyCollapse

#: Real output (``gdp``) must stay positive and at least this fraction of its level at step 0.
OUTPUT_FLOOR = 1e-6
#: At least this share of the workers (and at least one) must work, employed by a firm or on a gig platform.
EMPLOYMENT_FLOOR = 0.01
#: Labour income (wages and gig earnings) may be at most this multiple of nominal value added (``labour_share``)...
LABOUR_SHARE_CEILING = 1.0
#: ... for fewer than this many quarters in a row: through a slump firms can pay staff out of deposits and credit
#: while output recovers (in an 80-firm economy one quarter at 1.03 happens), but not for a year.
LABOUR_SHARE_QUARTERS = 4
#: ... and while they are, what labour income has exceeded value added by, summed over the quarters in a row
#: (``labour_share - 1`` each), must stay below this many quarters of value added: a slump a firm sector can
#: carry on its deposits and credit for a year is a small excess each quarter, not three times its output.
LABOUR_SHARE_EXCESS = 1.0
MORE = "the run is stopped (see docs/reliability.md, 'Collapsing economies')"


def _fail(record: dict, quantity: str, what: str) -> EconomyCollapse:
    step = int(record.get("step", -1))
    return EconomyCollapse(f"step {step} ({record.get('period', '?')}): {what}; {MORE}", step=step, quantity=quantity)


def _not_finite(value) -> bool:
    """A real number that is NaN or infinite (floats, nearly every metric, checked first)."""
    if type(value) is float:
        return not math.isfinite(value)
    return isinstance(value, numbers.Real) and not math.isfinite(value)


def check_step(model, record: dict) -> None:
    """Raise :class:`~model.errors.EconomyCollapse` if the economy in ``record`` has collapsed.

    Args:
        model: The model (its first record is the reference for the output floor).
        record: The metrics just collected (needs ``step``, ``gdp``, ``employees``, ``gig_workers``,
            ``unemployed`` and ``labour_share``).

    Raises:
        EconomyCollapse: a reported number is NaN or infinite; real output is not positive or below
            :data:`OUTPUT_FLOOR` times its step-0 level; fewer than :data:`EMPLOYMENT_FLOOR` of the workers (at
            least one) work; or ``labour_share`` has been above :data:`LABOUR_SHARE_CEILING` for
            :data:`LABOUR_SHARE_QUARTERS` quarters in a row, or by :data:`LABOUR_SHARE_EXCESS` quarters of value
            added summed over the quarters in a row (checks in step order keep both counts).
    """
    for key, value in record.items():
        if _not_finite(value):
            raise _fail(record, key, f"{key} is {value}, not a finite number")
    gdp, start = record["gdp"], model.records[0]["gdp"]
    if not gdp > 0 or gdp < OUTPUT_FLOOR * start:
        raise _fail(record, "gdp", f"the economy collapsed: real output (gdp) is {gdp:.3g}; it must stay above 0 "
                                   f"and at least {OUTPUT_FLOOR:g} x its level at step 0 ({start:.3g})")
    working = record["employees"] + record["gig_workers"]
    workers = working + record["unemployed"]
    if working < max(1.0, EMPLOYMENT_FLOOR * workers):
        raise _fail(record, "employment", f"the economy collapsed: {working:.0f} of {workers:.0f} workers work "
                                          f"(employed or gig); at least {EMPLOYMENT_FLOOR:.0%} of them and at "
                                          f"least one must")
    share = record["labour_share"]
    quarters, excess = _quarters_over_value_added(model, record["step"], share)
    head = f"the economy is not viable: labour income (wages and gig earnings) is {share:.3g} x nominal value added"
    if excess >= LABOUR_SHARE_EXCESS:
        raise _fail(record, "labour_share", f"{head} (labour_share), and has exceeded it by {excess:.3g} quarters "
                                            f"of value added over {quarters} quarter(s) in a row (at most "
                                            f"{LABOUR_SHARE_EXCESS:g}): firms pay out more than they produce")
    if quarters >= LABOUR_SHARE_QUARTERS:
        raise _fail(record, "labour_share", f"{head} (labour_share above {LABOUR_SHARE_CEILING:g} for {quarters} "
                                            f"quarters in a row): firms pay out more than they produce")


def _quarters_over_value_added(model, step: int, share: float) -> tuple[int, float]:
    """Quarters in a row, up to ``step``, whose labour share was above the ceiling, and the sum of their excess
    over it (a step checked twice counts once: the runner checks step 0 again)."""
    last, quarters, excess = model.labour_share_streak
    if step != last:
        over = share > LABOUR_SHARE_CEILING
        quarters, excess = (quarters + 1, excess + share - LABOUR_SHARE_CEILING) if over else (0, 0.0)
        model.labour_share_streak = (step, quarters, excess)
    return quarters, excess
