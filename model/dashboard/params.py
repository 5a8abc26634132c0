"""What the dashboard's sliders and switches are, and the model they build.

The lever controls come from the lever registry (:data:`model.policies.LEVERS`):
each lever gets an on/off switch and a slider for its main parameter. Slider
values become a :class:`~model.config.Scenario` through ``scenario_from_dict``,
so the dashboard runs exactly the model the command line runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.dashboard.i18n import check_lang, label
from model.economy import EconomyModel
from model.errors import UserError
from model.policies import LEVERS
from model.runner import check_memory
from model.scenario_io import scenario_from_dict

#: The parameter each lever's slider moves, in the order the sidebar shows them. Levers not listed
#: here follow, with their first bounded float parameter.
MAIN_PARAMETER = {
    "sme_subsidy": "rate", "skills_training": "share", "robot_tax": "rate", "digital_infrastructure": "boost",
    "public_data": "share", "platform_membership": "rate", "platform_regulation": "commission_cap",
    "income_support": "level", "unified_market": "mobility_cost_cut", "data_sharing": "pool_boost",
    "compute_voucher": "rate", "compute_west": "share", "green_compute": "green_boost",
}

#: Population and run controls: name -> (default, min, max, step). Defaults are the classroom population.
POPULATION = {
    "firms": (2000, 200, 6000, 200),
    "workers": (20000, 2000, 60000, 2000),
    "quarters": (40, 8, 80, 4),
    "seed": (42, 1, 100, 1),
}


@dataclass(frozen=True)
class LeverControl:
    """An on/off switch and a slider for one lever's main parameter."""

    lever: str
    parameter: str
    default: float
    low: float
    high: float

    @property
    def switch(self) -> str:
        return f"{self.lever}_on"

    @property
    def slider(self) -> str:
        return f"{self.lever}_{self.parameter}"


def _bounds(info) -> tuple[float | None, float | None]:
    low = high = None
    for meta in info.metadata:
        low = getattr(meta, "ge", getattr(meta, "gt", low))
        high = getattr(meta, "le", getattr(meta, "lt", high))
    return low, high


def lever_controls() -> list[LeverControl]:
    """One control per registered lever that has a bounded numeric parameter."""
    controls = []
    order = [name for name in MAIN_PARAMETER if name in LEVERS] + sorted(set(LEVERS) - set(MAIN_PARAMETER))
    for name in order:
        cls = LEVERS[name]
        fields = cls.model_fields
        candidates = [MAIN_PARAMETER[name]] if MAIN_PARAMETER.get(name) in fields else [
            key for key, info in fields.items() if info.annotation is float]
        for key in candidates:
            low, high = _bounds(fields[key])
            if low is not None and high is not None and isinstance(fields[key].default, (int, float)):
                controls.append(LeverControl(name, key, float(fields[key].default), float(low), float(high)))
                break
    return controls


def _lever_label(control: LeverControl, lang: str) -> str:
    key = f"{control.lever}.{control.parameter}"
    text = label(key, lang)
    return text if text != key else f"{control.lever}: {control.parameter}"


def model_params(lang: str = "en") -> dict:
    """SolaraViz ``model_params``: population sliders, then a switch and a slider per lever."""
    params: dict = {}
    for name, (default, low, high, step) in POPULATION.items():
        params[name] = {"type": "SliderInt", "value": default, "min": low, "max": high, "step": step,
                        "label": label(name, lang)}
    for control in lever_controls():
        params[control.switch] = {"type": "Checkbox", "value": False,
                                  "label": label("lever_on", lang, name=label(control.lever, lang))}
        span = control.high - control.low
        params[control.slider] = {"type": "SliderFloat", "value": control.default, "min": control.low,
                                  "max": control.high, "step": 0.01 if span <= 3 else 0.05,
                                  "label": _lever_label(control, lang)}
    params["lang"] = lang
    return params


def defaults(lang: str = "en") -> dict:
    """The keyword arguments of :class:`DashboardModel` that ``model_params`` starts from."""
    return {k: (v["value"] if isinstance(v, dict) else v) for k, v in model_params(lang).items()}


def scenario_dict(firms: int = 2000, workers: int = 20000, quarters: int = 40, levers: dict | None = None) -> dict:
    """A scenario mapping for the given population and active levers ({lever: {param: value}})."""
    policies = [{"lever": name, **values} for name, values in (levers or {}).items()]
    return {"name": "dashboard", "steps": int(quarters),
            "population": {"firms": int(firms), "workers": int(workers)}, "policies": policies}


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


class DashboardModel(EconomyModel):
    """The economy with flat keyword parameters, as SolaraViz creates it on Reset.

    Every value is checked here, on the server, whatever the browser sent: population and run controls must be
    whole numbers within their slider's range (:data:`POPULATION`), lever sliders within their lever's range,
    switches on or off; the population must fit in memory (:func:`model.runner.check_memory`). Anything else
    raises :class:`~model.errors.UserError` naming the control and its range.

    Args:
        firms: Number of firm agents.
        workers: Number of worker agents.
        quarters: Steps after which the model stops (``running`` turns False).
        seed: Random seed.
        lang: Label language of the plots ("en" or "zh").
        **kwargs: ``<lever>_on`` switches and ``<lever>_<parameter>`` slider values (named ``kwargs``:
            Mesa's parameter check accepts only that name for extra keywords).
    """

    def __init__(self, firms: int = 2000, workers: int = 20000, quarters: int = 40, seed: int = 42,
                 lang: str = "en", **kwargs):
        self.lang = check_lang(lang)
        controls = {c.lever: c for c in lever_controls()}
        known = {c.switch for c in controls.values()} | {c.slider for c in controls.values()}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise TypeError(f"unknown dashboard parameter {unknown[0]!r}; valid: {', '.join(sorted(known))}")
        firms, workers, quarters, seed = (_whole(name, value) for name, value in
                                          (("firms", firms), ("workers", workers), ("quarters", quarters),
                                           ("seed", seed)))
        for control in controls.values():
            _switch(control.switch, kwargs.get(control.switch, False))
            _within(control.slider, kwargs.get(control.slider, control.default), control.low, control.high)
        active = {name: {c.parameter: float(kwargs.get(c.slider, c.default))}
                  for name, c in controls.items() if kwargs.get(c.switch)}
        scenario = scenario_from_dict(scenario_dict(firms, workers, quarters, active))
        check_memory(scenario, agents=True, fix="choose fewer firms and workers")
        super().__init__(scenario, seed=seed)

    def step(self) -> None:
        super().step()
        self.running = self.steps < self.cfg.steps
