"""Rule 7: training raises digital skill.

Courses (employer-funded at digital firms, or policy-funded through the
skills-training lever) last some quarters and succeed with a probability; a
success adds the course's skill gain. Work at digital firms and on platforms
teaches on the job; skill otherwise decays slowly.
"""

from __future__ import annotations

import numpy as np

from model.numerics import row_any
from model.state import EMPLOYED, GIG, INTEGRATED


def enrol(model, rows: np.ndarray, gain: float, duration: int) -> np.ndarray:
    """Start a course for workers ``rows`` not already in one; returns who was enrolled."""
    workers = model.workers
    rows = rows[workers.training[rows] == 0]
    workers.training[rows] = duration
    workers.training_gain[rows] = gain
    model.flows["trainees"] += rows.size
    return rows


def train(model) -> None:
    """Rule 7: employer training, course completion, on-the-job learning and decay."""
    workers, firms, cfg, rng = model.workers, model.firms, model.cfg, model.stream("training")
    tr = cfg.training
    digital_firm = row_any(firms.stage == INTEGRATED)
    employed = np.flatnonzero(workers.status == EMPLOYED)  # rows, not a mask: taking rows is several times faster
    at_digital = np.zeros(workers.n, bool)
    at_digital[employed] = digital_firm.take(workers.employer[employed])  # take: int32 rows, faster
    needs = at_digital & (workers.digital < cfg.workforce.digital_threshold)
    chosen = np.flatnonzero(needs & (rng.random(workers.n) < tr.employer_rate))
    enrolled = enrol(model, chosen, tr.skill_gain, tr.duration_quarters)
    model.flows["employer_training_cost"] += enrolled.size * 0.1 * model.output_per_worker0

    learning = workers.training > 0
    workers.training -= learning  # one less quarter for those in a course (faster than a masked update)
    done = np.flatnonzero(learning & (workers.training == 0))
    success = done[rng.random(done.size) < tr.success_rate]
    workers.digital[success] += workers.training_gain[success]
    workers.trained[:] = False
    workers.trained[success] = True
    model.flows["trained"] += success.size
    on_job = at_digital | (workers.status == GIG)
    workers.digital += np.where(on_job, tr.on_the_job, -tr.decay)
    np.clip(workers.digital, 0.0, 1.0, out=workers.digital)
