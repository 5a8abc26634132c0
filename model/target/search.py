"""The search: optuna's NSGA-II over lever mixes, each candidate run in every future through the sweep runner.

Objectives: the cost (minimised), the robustness (the share of futures in
which every target holds, maximised) and the main outcome (its direction from
the spec). The study lives in ``OUT/study.sqlite3``.

Resumable with the same front: trials are asked one at a time, and before each
ask the sampler is a new ``NSGAIISampler(seed=search.seed + n)`` with ``n`` the
number of finished trials, so it proposes from the stored trials and its seed
alone. A trial left *running* by a kill is evaluated again with the parameters
it was given (its finished runs are kept by the sweep store), so the resumed
sequence of trials is the uninterrupted one. A candidate whose parameters equal
an earlier trial's is scored from that trial (same futures, same numbers).

A folder lock (``OUT/.lock``) keeps a second search out of the folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from model.errors import Interrupted, UserError
from model.target.problem import Problem, distributions, mix_label, score_futures, summarise, write_candidate

MANIFEST = "target.json"
STUDY_FILE = "study.sqlite3"
#: Test hook: the process exits at once (as if killed) after asking this trial number.
EXIT_ENV = "DTABM_TARGET_EXIT_AT"
#: Every name a search folder may hold (anything else makes it someone else's folder).
OWN = {".lock", MANIFEST, STUDY_FILE, "candidates", "runs", "trials.csv", "front.csv", "futures.csv",
       "chosen_mix.yaml", "chosen_futures.csv", "front.png", "report.md", "report.html"}


@dataclass
class SearchOutcome:
    """What a search invocation did: trials in all, trials run this time, failed trials."""

    total: int
    ran: int = 0
    failed: int = 0


def require_optuna() -> None:
    """Refuse to start without optuna, in one line."""
    try:
        import optuna  # noqa: F401
    except ImportError:
        raise UserError("target: optuna is not installed; pip install -e '.[target]'") from None


def _directions(problem: Problem) -> list[str]:
    return ["minimize", "maximize", problem.spec.outcome.direction]


def check_folder(out: Path, problem: Problem, *, force: bool = False) -> None:
    """Refuse a folder holding another spec's search, or files that are not a search's (unless ``force``)."""
    from model.files import read_input_file

    if not out.exists():
        return
    if not out.is_dir():
        raise UserError(f"--out {out}: not a folder")
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(read_input_file(manifest, "search manifest", limit=1_000_000))
        except (UserError, ValueError):
            raise UserError(f"--out {out}: {MANIFEST} is damaged; choose a new folder") from None
        if data.get("fingerprint") != problem.fingerprint:
            raise UserError(f"--out {out}: holds the search of another spec ({data.get('spec')}), or of this spec "
                            f"before it or its base scenario changed (anything but description, robustness and "
                            f"trials); choose a new --out folder")
        return
    others = sorted(e for e in os.listdir(out) if e not in OWN)
    if others and not force:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise UserError(f"--out {out}: the folder holds files that are not a target search's ({shown}); choose a "
                        f"new or empty folder, or pass --force")


class TargetSearch:
    """A search folder, locked while open: ``with TargetSearch(problem, out) as s: s.run(...)``."""

    def __init__(self, problem: Problem, out: str | Path, *, force: bool = False):
        self.problem, self.out = problem, Path(out)
        check_folder(self.out, problem, force=force)
        self._lock = None
        self.study = None

    def __enter__(self) -> TargetSearch:
        import optuna

        from model.sweep.atomic import atomic_write, take_lock

        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"--out {self.out}: cannot create folder ({exc.strerror})") from None
        self._lock = take_lock(self.out, "another target search is writing to this folder right now")
        manifest = {"spec": str(self.problem.spec_path), "name": self.problem.spec.name,
                    "fingerprint": self.problem.fingerprint, "optuna": optuna.__version__}
        atomic_write(self.out / MANIFEST, lambda tmp: tmp.write_text(json.dumps(manifest, indent=2) + "\n"))
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        self.study = optuna.create_study(study_name=self.problem.spec.name,
                                         storage=f"sqlite:///{self.out / STUDY_FILE}", load_if_exists=True,
                                         directions=_directions(self.problem))
        return self

    def __exit__(self, *_) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _sampler(self, finished: int):
        import optuna

        search = self.problem.spec.search
        return optuna.samplers.NSGAIISampler(population_size=search.population, seed=search.seed + finished)

    def _next(self, trials: int):
        """The next trial to evaluate (a stale running one first), or None when ``trials`` are finished."""
        from optuna.trial import TrialState

        stored = self.study.get_trials(deepcopy=False)
        dists = distributions(self.problem)
        for trial in stored:
            if trial.state == TrialState.RUNNING:
                if set(trial.params) == set(dists):
                    return trial.number, dict(trial.params)
                self.study.tell(trial.number, state=TrialState.FAIL)  # killed while being asked: never scored
                return self._next(trials)
        finished = sum(t.state.is_finished() for t in stored)
        if finished >= trials:
            return None
        self.study.sampler = self._sampler(finished)
        trial = self.study.ask(dists)
        if os.environ.get(EXIT_ENV) == str(trial.number):
            os._exit(137)  # test hook: die as a kill would, the trial left running
        return trial.number, dict(trial.params)

    def run(self, *, trials: int, executor: str = "local", workers: int | None = None,
            scheduler: str | None = None, progress: bool = True) -> SearchOutcome:
        """Evaluate trials until ``trials`` are finished (a rerun continues; finished trials are kept).

        Raises:
            Interrupted: Ctrl-C; the finished trials and runs are kept and the same command resumes.
        """
        from model.interrupts import InterruptGuard
        from model.sweep.executors import make_executor

        outcome = SearchOutcome(total=trials)
        pool, done = None, False
        with InterruptGuard() as guard:
            try:
                while (step := self._next(trials)) is not None:
                    number, params = step
                    if pool is None:
                        pool = make_executor(executor, workers, scheduler)
                    result = self._evaluate(number, params, pool, guard)
                    outcome.ran += 1
                    outcome.failed += result is None
                    if progress:
                        shown = "failed (every future's run failed)" if result is None else \
                            f"cost {result['cost']:.4g}, robustness {result['robustness']:.0%}, outcome " \
                            f"{result['outcome']:.4g}" + (f", {result['failed']} runs failed" if result['failed']
                                                         else "")
                        print(f"trial {number}: {mix_label(self.problem, params)}: {shown}", flush=True)
                    guard.check()
                done = True
            except KeyboardInterrupt:
                raise Interrupted(f"the finished trials are saved in {self.out}; run the same command again to "
                                  f"resume") from None
            finally:
                if pool is not None:
                    pool.close(cancel=not done)
        return outcome

    def _same_as(self, params: dict, number: int):
        from optuna.trial import TrialState

        for trial in self.study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)):
            if trial.number < number and trial.params == params:
                return trial
        return None

    def _evaluate(self, number: int, params: dict, pool, guard) -> dict | None:
        """Run (or reuse) one candidate in every future, score it and tell the study."""
        import optuna
        from optuna.trial import TrialState

        twin = self._same_as(params, number)
        if twin is not None:
            result = {k: twin.user_attrs[k] for k in ("cost", "robustness", "outcome", "failed")}
            attrs = {**twin.user_attrs, "same_as": twin.number}
        else:
            folder = self.runs_folder(number)
            _, outcome = self._run_candidate(number, params, pool, guard, folder)
            scores = score_futures(self.problem, folder)
            result = summarise(scores)
            attrs = {**(result or {}), "failed": int((scores["status"] != "ok").sum())}
            if outcome.failed:
                attrs["error"] = str(scores.loc[scores["status"] != "ok", "error"].iloc[0])[:500]
        trial = optuna.trial.Trial(self.study, self.study.get_trials(deepcopy=False)[number]._trial_id)
        for key, value in attrs.items():
            trial.set_user_attr(key, value)
        if result is None:
            self.study.tell(number, state=TrialState.FAIL)
        else:
            self.study.tell(number, [result["cost"], result["robustness"], result["outcome"]])
        return result

    def runs_folder(self, number: int) -> Path:
        """The sweep folder of trial ``number``'s runs."""
        return self.out / "runs" / f"trial-{number:04d}"

    def candidate_file(self, number: int) -> Path:
        """Trial ``number``'s scenario file."""
        return self.out / "candidates" / f"trial-{number:04d}.yaml"

    def _run_candidate(self, number: int, params: dict, pool, guard, folder: Path):
        from model.sweep.plan import build_plan
        from model.sweep.runner import run_plan
        from model.sweep.store import SweepStore

        sweep_file = write_candidate(self.problem, params, number, self.out / "candidates")
        plan = build_plan(sweep_file, crn_default=True)
        store = SweepStore(folder)
        try:
            store.check(plan)
            store.scan(plan)
            store.open(plan)
            outcome = run_plan(plan, store, pool, progress=False, guard=guard)
            store.finish(plan, complete=outcome.complete, csv=False)
        finally:
            store.close()
        return plan, outcome
