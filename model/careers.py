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
  :func:`model.entry_exit.turnover_workers`) arrive with the digital skill of
  their time: ``workforce.entrant_digital_skill`` plus
  ``careers.entrant_digital_growth`` a year since the start
  (:func:`entrant_digital_skill`).

A promoted employee keeps her job and is paid the wage of her new level from
the next quarter; firms' staff by skill are recounted at once. Frozen in the
burn-in, like the other trends.
"""

from __future__ import annotations

import numpy as np

from model.labour_market import refresh_headcount
from model.state import EMPLOYED, UNEMPLOYED

HIGH = 2


def entrant_digital_skill(model) -> float:
    """Mean digital skill of this quarter's young entrants (rises with the years since the start)."""
    years = 0.0 if model.burning_in else max(model.steps, 0) / 4.0
    return float(min(model.cfg.workforce.entrant_digital_skill + model.cfg.careers.entrant_digital_growth * years,
                     1.0))


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
    workers.skill[up] += 1
    workers.skill[down] -= 1
    model.flows["promoted"] += int(up.sum())
    model.flows["demoted"] += int(down.sum())
    if up.any():
        refresh_headcount(model)
