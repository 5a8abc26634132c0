"""What the dashboard's controls are, and the model they drive.

Every registered lever (:data:`model.policies.LEVERS`) has one :class:`LeverControl` in :data:`CONTROLS`: an
on/off switch and a slider for its main parameter, with a range that means something and a unit to show.
A lesson preset is a scenario file (:data:`model.dashboard.lessons.PRESETS`); the dashboard runs its economy
with the classroom's population and the levers its controls say, so it is exactly the model the command
line runs. Switching a lever or moving its slider takes effect at the next step, as a lever scheduled in a
scenario would; the population, the horizon, the seed and the preset need a new economy (Reset).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.dashboard.i18n import check_lang
from model.economy import EconomyModel
from model.errors import UserError
from model.policies import LEVERS
from model.runner import check_memory
from model.scenario_io import load_scenario_data, scenario_from_dict

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

#: Population and run controls: name -> (default, min, max, step). Defaults are the classroom population.
POPULATION = {
    "firms": (2000, 200, 6000, 200),
    "workers": (20000, 2000, 60000, 2000),
    "quarters": (40, 8, 80, 4),
    "seed": (42, 1, 100, 1),
}


@dataclass(frozen=True)
class LeverControl:
    """An on/off switch and a slider for one lever's main parameter.

    Attributes:
        lever: The lever's registered name.
        parameter: The parameter the slider moves.
        low: Lowest slider value (within the parameter's valid range).
        high: Highest slider value.
        step: Slider step.
        unit: How the value is shown: ``percent`` (0.25 -> 25%), ``points`` (0.25 -> +25 points),
            ``wage`` (a share of the low-skill wage) or ``quarters``.
    """

    lever: str
    parameter: str
    low: float
    high: float
    step: float
    unit: str = "percent"

    @property
    def switch(self) -> str:
        return f"{self.lever}_on"

    @property
    def slider(self) -> str:
        return f"{self.lever}_{self.parameter}"

    @property
    def default(self) -> float:
        """The lever's own default for the parameter."""
        return float(LEVERS[self.lever].model_fields[self.parameter].default)

    @property
    def integer(self) -> bool:
        return LEVERS[self.lever].model_fields[self.parameter].annotation is int


#: One control per lever, in the order the page lists them.
CONTROLS = {c.lever: c for c in (
    LeverControl("sme_subsidy", "rate", 0.0, 0.95, 0.05),
    LeverControl("cloud_onboarding", "quarters", 4, 40, 4, "quarters"),
    LeverControl("skills_training", "share", 0.0, 0.2, 0.01),
    LeverControl("robot_tax", "rate", -0.9, 1.0, 0.05),
    LeverControl("rd_credit", "rate", 0.0, 0.9, 0.05),
    LeverControl("digital_infrastructure", "boost", 0.0, 1.0, 0.05, "points"),
    LeverControl("public_data", "share", 0.0, 1.0, 0.05),
    LeverControl("data_sharing", "pool_boost", 0.0, 1.0, 0.05, "points"),
    LeverControl("platform_membership", "rate", 0.0, 0.95, 0.05),
    LeverControl("compute_voucher", "rate", 0.0, 0.95, 0.05),
    LeverControl("platform_regulation", "commission_cap", 0.05, 0.3, 0.01),
    LeverControl("income_support", "level", 0.0, 1.5, 0.05, "wage"),
    LeverControl("unified_market", "mobility_cost_cut", 0.0, 1.0, 0.05),
    LeverControl("compute_west", "share", 0.0, 1.0, 0.05),
    LeverControl("green_compute", "green_boost", 0.0, 1.0, 0.05, "points"),
)}


def lever_controls() -> list[LeverControl]:
    """The lever controls in page order."""
    return list(CONTROLS.values())


def format_value(control: LeverControl, value: float, lang: str = "en") -> str:
    """A slider value with its unit, as the page shows it (``25%``, ``+25 points``, ``16 quarters``)."""
    from model.dashboard.i18n import label

    if control.unit == "quarters":
        return label("n_quarters", lang, n=int(round(value)))
    if control.unit == "points":
        return label("n_points", lang, n=f"{value * 100:+.0f}")
    if control.unit == "wage":
        return label("of_wage", lang, n=f"{value:.0%}")
    return f"{value:.0%}"


def _within(name: str, value, low: float, high: float) -> float:
    """``value`` as a number if it is one within its control's range, else a :class:`UserError`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise UserError(f"dashboard: {name}={value!r} is outside its control's range {low:g}..{high:g}")
    return value


def _whole(name: str, value) -> int:
    """A population or run control's value: a whole number within its slider's range (:data:`POPULATION`)."""
    _, low, high, _ = POPULATION[name]
    _within(name, value, low, high)
    if value != int(value):
        raise UserError(f"dashboard: {name}={value!r} must be a whole number ({low}..{high})")
    return int(value)


def _switch(name: str, value) -> bool:
    if not isinstance(value, (bool, int)) or value not in (0, 1):
        raise UserError(f"dashboard: {name}={value!r} must be on or off (true or false)")
    return bool(value)


def preset_data(preset: str) -> dict:
    """The scenario mapping of a lesson preset (``scenarios/<preset>.yaml``, ``extends`` resolved)."""
    from model.dashboard.lessons import PRESETS

    if preset not in PRESETS:
        raise UserError(f"dashboard: preset={preset!r} is not a lesson; valid: {', '.join(PRESETS)}")
    return load_scenario_data(SCENARIOS / f"{preset}.yaml")[0]


def preset_controls(preset: str) -> dict:
    """The control values a preset starts from: its levers switched on with their parameter, the rest off."""
    levers: dict[str, dict] = {}
    for policy in preset_data(preset).get("policies") or []:
        levers.setdefault(policy["lever"], policy)  # the first of a lever the preset has twice
    values = {}
    for c in lever_controls():
        values[c.switch] = c.lever in levers
        values[c.slider] = float(levers.get(c.lever, {}).get(c.parameter, c.default))
    return values


class DashboardModel(EconomyModel):
    """A lesson preset's economy with the classroom's population and levers under the page's control.

    Every value is checked here, on the server, whatever the browser sent: population and run controls must be
    whole numbers within their slider's range (:data:`POPULATION`), lever sliders within their control's range
    (:data:`CONTROLS`), switches on or off; the population must fit in memory
    (:func:`model.runner.check_memory`). Anything else raises :class:`~model.errors.UserError` naming the
    control and its range.

    Every lever is in the scenario (so each has its spending account); only those switched on are active.
    A lever the preset schedules keeps its window while its switch is untouched; one switched on during the
    run starts at the next step (:meth:`set_levers`). Where a preset has a lever twice (two target groups,
    two phases), the slider moves the first and the switch turns all of them on or off.

    Args:
        firms: Number of firm agents.
        workers: Number of worker agents.
        quarters: Steps after which the model stops (``running`` turns False).
        seed: Random seed.
        lang: Label language ("en" or "zh").
        preset: The lesson (a scenario file in ``scenarios/``) whose economy and levers to start from.
        **kwargs: ``<lever>_on`` switches and ``<lever>_<parameter>`` slider values (default: the preset's).
    """

    def __init__(self, firms: int = 2000, workers: int = 20000, quarters: int = 40, seed: int = 42,
                 lang: str = "en", preset: str = "baseline", **kwargs):
        self.lang = check_lang(lang)
        self.preset = preset
        firms, workers, quarters, seed = (_whole(name, value) for name, value in
                                          (("firms", firms), ("workers", workers), ("quarters", quarters),
                                           ("seed", seed)))
        data = preset_data(preset)
        controls = {**preset_controls(preset), **self._checked(kwargs)}
        scheduled: dict[str, list[dict]] = {}
        for policy in data.get("policies") or []:
            scheduled.setdefault(policy["lever"], []).append(policy)
        policies = []
        for c in lever_controls():
            first, *more = scheduled.get(c.lever) or [{"lever": c.lever}]
            policies += [{**first, c.parameter: int(round(controls[c.slider])) if c.integer else controls[c.slider]},
                         *more]
        data.update(name=f"dashboard-{preset}", steps=quarters, policies=policies)
        data["population"] = {**data.get("population", {}), "firms": firms, "workers": workers}
        scenario = scenario_from_dict(data, origin=f"scenarios/{preset}.yaml")
        check_memory(scenario, agents=True, fix="choose fewer firms and workers")
        super().__init__(scenario, seed=seed)
        self.windows: dict[str, list] = {}
        for window in self.lever_windows:
            self.windows.setdefault(window[0].lever, []).append(window)
        self.scheduled = set(scheduled)
        self.controls: dict = {}
        self.set_levers(**controls)

    @staticmethod
    def _checked(values: dict) -> dict:
        known = {c.switch: c for c in lever_controls()} | {c.slider: c for c in lever_controls()}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise TypeError(f"unknown dashboard parameter {unknown[0]!r}; valid: {', '.join(sorted(known))}")
        for name, value in values.items():
            c = known[name]
            _switch(name, value) if name == c.switch else _within(name, value, c.low, c.high)
        return {name: bool(v) if name.endswith("_on") else float(v) for name, v in values.items()}

    def set_levers(self, **values) -> None:
        """Switch levers and move their sliders; what changed applies from the next step.

        Args:
            **values: ``<lever>_on`` and ``<lever>_<parameter>`` values (others keep theirs).
        """
        new = {**self.controls, **self._checked(values)}
        windows = []
        for c in lever_controls():
            if not new.get(c.switch):
                continue
            value = int(round(new[c.slider])) if c.integer else new[c.slider]
            (lever, start, end), *more = self.windows[c.lever]  # the slider moves the first instance
            if not (c.lever in self.scheduled and self.controls.get(c.switch, True)):
                start, end = self.steps + 1 if self.steps else 0, None  # switched on now: from the next step
                more = [(other, start, end) for other, _, _ in more]
            self.windows[c.lever] = [(lever.model_copy(update={c.parameter: value}), start, end), *more]
            windows += self.windows[c.lever]
        self.controls = new
        self.lever_windows = windows

    def levers_on(self) -> list[str]:
        """The levers switched on (active now or scheduled later)."""
        return [c.lever for c in lever_controls() if self.controls.get(c.switch)]

    def step(self) -> None:
        super().step()
        self.running = self.steps < self.cfg.steps
