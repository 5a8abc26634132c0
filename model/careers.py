"""Careers: workers' skill levels rise with experience and digital skill, and fall in long unemployment.

Skill levels (low, mid, high) are no longer fixed for life (seed 004: 提升劳动者
数字素养与技能; the digital-talent gap). Each quarter, with the model's
``careers`` stream:

* **Experience.** An employee with at least ``careers.experience_quarters``
  quarters in her job moves up one level with probability
  ``careers.upgrade_rate``: low to mid on experience alone, mid to high only
  if she is digitally skilled (digital skill at least
  ``workforce.digital_threshold``): high-skill work is the work digital
  technology augments, so training, which raises digital skill, opens it.
* **Training.** A worker who completes a course successfully this quarter
  (:mod:`model.training`; employer courses or the skills-training lever)
  moves up one level with probability ``careers.training_promotion``, on the
  same conditions (to high only if digitally skilled), employed or not.
* **Scarring.** A worker unemployed for at least ``careers.scarring_quarters``
  quarters moves down one level with probability ``careers.downgrade_rate``
  (skills unused decay; Pissarides 1992, Edin & Gustavsson 2008).
* **Cohorts.** Young entrants (who replace retiring workers,
  :func:`model.entry_exit.turnover_workers`) arrive with the digital skill and
  the schooling of their time: ``workforce.entrant_digital_skill`` plus
  ``careers.entrant_digital_growth`` a year since the start
  (:func:`entrant_digital_skill`), and skill levels drawn from
  ``workforce.entrant_skills`` moved by ``careers.entrant_high_growth`` and
  ``careers.entrant_low_decline`` a year (:func:`entrant_skill_mix`; the
  shares follow China's tertiary and senior-secondary enrolment ratios).

A promoted employee keeps her job and is paid the wage of her new level from
the next quarter; firms' staff by skill are recounted at once. Frozen in the
burn-in, like the other trends.
"""

from __future__ import annotations

import numpy as np

from model.labour_market import refresh_headcount
from model.state import EMPLOYED, UNEMPLOYED

HIGH = 2


def cohort_years(model) -> float:
    """Years since the start for this quarter's cohort of entrants (0 in the burn-in)."""
    return 0.0 if model.burning_in else max(model.steps, 0) / 4.0


def entrant_digital_skill(model) -> float:
    """Mean digital skill of this quarter's young entrants (rises with the years since the start)."""
    return float(min(model.cfg.workforce.entrant_digital_skill
                     + model.cfg.careers.entrant_digital_growth * cohort_years(model), 1.0))


def entrant_skill_mix(model) -> np.ndarray:
    """Shares of low-, mid- and high-skill workers among this quarter's young entrants.

    The start's mix (``workforce.entrant_skills``) moves with schooling: the
    high-skill share by ``careers.entrant_high_growth`` a year, the low-skill
    share by minus ``careers.entrant_low_decline``; mid-skill is the rest. The
    low share stays in [0, 1]; a rising high share stops at
    ``careers.entrant_high_ceiling`` (or where it starts, if above) and never
    exceeds 1 - low.
    """
    low0, mid0, high0 = model.cfg.workforce.entrant_skills.shares()
    car, years = model.cfg.careers, cohort_years(model)
    low = min(max(low0 - car.entrant_low_decline * years, 0.0), 1.0)
    high = max(high0 + car.entrant_high_growth * years, 0.0)
    if car.entrant_high_growth > 0:
        high = min(high, max(car.entrant_high_ceiling, high0))
    high = min(high, 1.0 - low)
    return np.array([low, 1.0 - low - high, high])


def change_skills(model) -> None:
    """Promote experienced employees and demote the long-term unemployed, one level each."""
    workers, cfg, rng = model.workers, model.cfg, model.stream("careers")
    car = cfg.careers
    draw = rng.random(workers.n)
    employed = workers.status == EMPLOYED
    can_rise = (workers.skill < HIGH) & ((workers.skill == 0) | (workers.digital >= cfg.workforce.digital_threshold))
    experienced = can_rise & employed & (workers.spell >= car.experience_quarters)
    up = (experienced & (draw < car.upgrade_rate)) | (can_rise & workers.trained & (draw < car.training_promotion))
    down = ((workers.status == UNEMPLOYED) & (workers.spell >= car.scarring_quarters) & (workers.skill > 0)
            & (draw < car.downgrade_rate))
    workers.skill += up  # one level up or down (faster than masked updates)
    workers.skill -= down
    model.flows["promoted"] += np.count_nonzero(up)
    model.flows["demoted"] += np.count_nonzero(down)
    if up.any():
        refresh_headcount(model)
