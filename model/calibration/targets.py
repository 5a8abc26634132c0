"""Calibration targets: the figures the model is held to, where each comes from, and how the model measures it.

Every :class:`Target` reads a run's ``timeseries`` (and, for AI's lift to GDP,
the same scenario run with AI switched off) and returns one number, compared
with a pass band ``[lo, hi]``. Bands are justified in ``docs/calibration.md``.
Periods are a quarter (``2023Q4``: that quarter's value), a year (``2021``: the
mean of its quarters) or a span (``2016-2022``: yearly growth between the two
years' totals, or the mean over the span where the measure says so).

Each target has a role: ``fitted`` (the fitting script, ``model/calibration/fit.py``,
uses it), ``held_out`` (no parameter was set with it in view: a plausibility or
out-of-sample check; ``validate`` fails only on these) or ``implied`` (the
scenario's starting state or the fitted targets all but set it: shown, never
counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from model.decompose import cumulative_share, share_series


#: What a target is for: fitted to, held out from the fit, or set by the starting state.
ROLES = ("fitted", "held_out", "implied")


@dataclass(frozen=True)
class Runs:
    """The runs of one seed a target can read: the scenario, its AI-off twin and its twin with no digital technology."""

    main: pd.DataFrame
    ai_off: pd.DataFrame | None = None
    digital_off: pd.DataFrame | None = None


@dataclass(frozen=True)
class Target:
    """One figure from the seeds and how the model speaks to it.

    Attributes:
        key: Short identifier (a row of ``validation.csv``).
        label: What the figure is.
        source: Where it comes from (seed document).
        period: When it applies, as written in the table.
        value: The figure itself (shares as fractions).
        lo: Lowest model value that passes.
        hi: Highest model value that passes.
        measure: Reads the runs of one seed and returns the model's value.
        series: Column plotted in the figure (the targeted series).
        panel: Figure panel the target is drawn in.
        fmt: Format of values in the printed table.
        needs_ai_off: Also run the scenario with AI switched off.
        needs_digital_off: Also run the scenario with all digital technology unavailable (model/decompose.py).
        until: Last period the measure reads (validation extends the run to it).
        role: ``fitted``, ``held_out`` or ``implied`` (see the module docstring).
        plot: How the figure draws the target: ``level`` (a band over its period), ``growth`` (a cone of
            yearly growth from the model's level at the first year) or ``note`` (a line of text).
    """

    key: str
    label: str
    source: str
    period: str
    value: float
    lo: float
    hi: float
    measure: Callable[[Runs], float]
    series: str
    panel: str
    fmt: str = "{:.1%}"
    needs_ai_off: bool = False
    needs_digital_off: bool = False
    until: str = ""
    role: str = "fitted"
    plot: str = "level"

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"target {self.key}: role {self.role!r} is not one of {ROLES}")

    def passes(self, value: float) -> bool:
        return bool(np.isfinite(value) and self.lo <= value <= self.hi)


# -- reading a timeseries -------------------------------------------------------------------------
def rows_of(frame: pd.DataFrame, year: int | str) -> pd.DataFrame:
    """Rows of the quarters of ``year``."""
    return frame[frame["period"].str.startswith(str(year))]


def level(frame: pd.DataFrame, column: str, period: str) -> float:
    """Value of ``column`` in a quarter (``2023Q4``) or mean over a year (``2021``); NaN if not covered."""
    rows = frame[frame["period"] == period] if "Q" in period else rows_of(frame, period)
    return float(rows[column].mean()) if len(rows) else float("nan")


def yearly_growth(values: pd.Series, periods: pd.Series, first: int, last: int) -> float:
    """Compound yearly growth between the yearly totals of ``first`` and ``last`` (full years only); NaN if it is
    not defined (a year missing or short, a first total that is not positive, or a last one that is negative: the
    model's digital value added, a difference against a twin, can change sign)."""
    years = periods.str[:4].astype(int)
    totals = values.groupby(years).sum()
    counts = values.groupby(years).size()
    if first not in totals or last not in totals or counts[first] < 4 or counts[last] < 4 or totals[first] <= 0 \
            or totals[last] < 0:
        return float("nan")
    return float((totals[last] / totals[first]) ** (1.0 / (last - first)) - 1.0)


SECTORS = ("agriculture", "industry", "services")


def at_prices_of(main: pd.DataFrame, twin: pd.DataFrame) -> pd.DataFrame:
    """The twin's real series valued at the scenario's base-year prices (the same rows as ``twin``).

    Each run values its real output, value added, platform services and GDP at its own step-0 sector prices
    (``base_price_<sector>``), and a scenario and its twin leave the burn-in at different prices (the history's
    digital economy about 3-9% dearer by sector than its twin without digital technology, the baseline's 12-24%).
    A level compared between them must use one set of prices, or a difference of price levels reads as one of
    quantities. Digital services and gig services are valued at the services sector's price."""
    factor = {s: float(main[f"base_price_{s}"].iloc[0]) / float(twin[f"base_price_{s}"].iloc[0]) for s in SECTORS}
    out = twin.copy()
    services = factor["services"]
    for s in SECTORS:
        digital = twin[f"real_output_{s}"] - twin[f"real_value_added_{s}"]
        out[f"real_output_{s}"] = twin[f"real_output_{s}"] * factor[s]
        out[f"real_value_added_{s}"] = out[f"real_output_{s}"] - digital * services
    out["platform_services_real"] = twin["platform_services_real"] * services
    out["gdp"] = sum(out[f"real_value_added_{s}"] for s in SECTORS) + out["platform_services_real"]
    return out


def ai_lift_series(runs: Runs) -> pd.Series:
    """GDP with AI over GDP with AI switched off (at the scenario's base-year prices), minus one, step by step
    (common random numbers)."""
    n = min(len(runs.main), len(runs.ai_off))
    off = at_prices_of(runs.main, runs.ai_off)
    return runs.main["gdp"].iloc[:n] / off["gdp"].iloc[:n].to_numpy() - 1.0


def digital_share_series(runs: Runs) -> pd.Series:
    """Quarter by quarter: the share of TFP growth since step 0 due to digital technology (the twin without it)."""
    main, off = _paired(runs)
    return pd.Series(share_series(main, off, "tfp_index").to_numpy())


def ai_lift(runs: Runs, year: str) -> float:
    """Mean over ``year`` of AI's lift to GDP."""
    n = min(len(runs.main), len(runs.ai_off))
    frame = pd.DataFrame({"period": runs.main["period"].iloc[:n], "lift": ai_lift_series(runs)})
    return level(frame, "lift", year)


def _paired(runs: Runs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scenario and its twin without digital technology, the same rows, the twin at the scenario's prices."""
    n = min(len(runs.main), len(runs.digital_off))
    main = runs.main.iloc[:n].reset_index(drop=True)
    return main, at_prices_of(main, runs.digital_off.iloc[:n].reset_index(drop=True))


def penetration_series(runs: Runs, sector: str) -> pd.Series:
    """Quarter by quarter: the part of a sector's real value added digital technology adds, 1 - V_s^off / V_s.

    CAICT's industrial digitalisation: the value added due to digital technology in a sector, here
    against the twin with data, robots and AI unavailable (same seed; model/decompose.py), both at the
    scenario's base-year prices (:func:`at_prices_of`). Value added is net of the digital services firms buy
    (services' includes the digital producers' own).
    """
    main, off = _paired(runs)
    column = f"real_value_added_{sector}"
    return 1.0 - off[column] / main[column].where(main[column] > 0)


def digital_value_added(runs: Runs) -> pd.Series:
    """Real digital value added: platform services plus what digital technology adds to every sector's value
    added (services' includes the digital producers', who sell firms the running services of their technology)."""
    main, off = _paired(runs)
    added = sum(main[f"real_value_added_{s}"] - off[f"real_value_added_{s}"] for s in SECTORS)
    return main["platform_services_real"] + added


def digital_share_of_gdp(runs: Runs) -> pd.Series:
    """Digital value added over real GDP, quarter by quarter."""
    main, _ = _paired(runs)
    return digital_value_added(runs) / main["gdp"]


def _over(series_of: Callable[[Runs], pd.Series], period: str) -> Callable[[Runs], float]:
    """A target measure: the mean of a twin-based series over a quarter or a year."""
    def measure(runs: Runs) -> float:
        main, _ = _paired(runs)
        return level(pd.DataFrame({"period": main["period"], "x": series_of(runs)}), "x", period)
    return measure


def penetration_order(runs: Runs, year: str) -> float:
    """Smallest step in 'agriculture < industry < services' digital penetration (positive: ordered)."""
    ag, ind, serv = (_over(lambda r, s=s: penetration_series(r, s), year)(runs) for s in SECTORS)
    return min(ind - ag, serv - ind)


def digital_growth(runs: Runs, first: int, last: int) -> float:
    """Yearly growth of real digital value added between two years."""
    main, _ = _paired(runs)
    return yearly_growth(digital_value_added(runs), main["period"], first, last)


#: Series the figure draws for targets that read twins (by the target's ``series`` key).
TWIN_SERIES: dict[str, Callable[[Runs], pd.Series]] = {}


def _level(column: str, period: str) -> Callable[[Runs], float]:
    return lambda runs: level(runs.main, column, period)


def mean_over(column: str, first: int, last: int) -> Callable[[Runs], float]:
    """Mean of ``column`` over the quarters of years ``first``..``last`` (NaN unless every year is covered)."""
    def measure(runs: Runs) -> float:
        years = runs.main["period"].str[:4].astype(int)
        rows = runs.main[years.between(first, last)]
        covered = set(years[years.between(first, last)])
        return float(rows[column].mean()) if covered == set(range(first, last + 1)) else float("nan")
    return measure


def growth_over(column: str, first: int, last: int) -> Callable[[Runs], float]:
    """Compound yearly growth of ``column``'s yearly mean (a level: TFP, GDP, prices) from ``first`` to ``last``."""
    return lambda runs: yearly_growth(runs.main[column], runs.main["period"], first, last)


CAICT = "CAICT 2024 report (seed 004)"
IFR = "IFR World Robotics"
NBS = "NBS China Statistical Yearbook"
LI = "Li Haijian 2024, citing CAICT (seed 001)"
WANG = "Wang Jinping, Information China 2024 (seed 000)"

# -- the targets: the seeds' figures (MODEL.md's table), then held-out facts of China's economy ----------------
TARGETS: tuple[Target, ...] = (
    Target("data_2021", "surveyed firms storing data", CAICT, "2021Q4", 0.496, 0.376, 0.616,
           _level("adoption_data", "2021Q4"), "adoption_data", "Firms using data"),
    Target("data_2022", "surveyed firms storing data", CAICT, "2022Q4", 0.792, 0.672, 0.912,
           _level("adoption_data", "2022Q4"), "adoption_data", "Firms using data"),
    Target("cnc_2023", "industrial key-process CNC rate", CAICT, "2023Q4", 0.629, 0.529, 0.729,
           _level("industry_cnc_rate", "2023Q4"), "industry_cnc_rate", "Industrial firms (output-weighted)"),
    Target("robot_density_2015", "manufacturing robots per 10,000 workers", f"{IFR} via {CAICT}", "2015", 49.0,
           34.0, 64.0, _level("robot_density", "2015"), "robot_density", "Robot density", fmt="{:.0f}"),
    Target("robot_density_2022", "manufacturing robots per 10,000 workers", f"{IFR} via {CAICT}", "2022", 392.0,
           274.0, 510.0, _level("robot_density", "2022"), "robot_density", "Robot density", fmt="{:.0f}"),
    Target("robot_sales_growth", "industrial robot sales, yearly growth", f"{IFR} via {CAICT}", "2016-2023", 0.207,
           0.127, 0.287, lambda r: yearly_growth(r.main["robot_sales"], r.main["period"], 2016, 2023),
           "robot_sales", "Robot sales (per quarter)", plot="growth"),
    Target("flexible_2021", "flexible employment (200 of 740 million)", CAICT, "2021", 0.27, 0.22, 0.32,
           _level("flexible_employment_share", "2021"), "flexible_employment_share", "Employment shares"),
    Target("talent_gap", "digital-talent gap (25-30 of 740 million)", CAICT, "2021-2025", 0.0375,
           0.0225, 0.0525, mean_over("digital_talent_gap", 2021, 2025), "digital_talent_gap", "Employment shares"),
    # penetration and the digital economy from the twin without digital technology (docs/calibration.md): held
    # out, since no parameter of the fit (model/calibration/fit.py PARAMS) is meant for them and none of its range
    # brings them near their bands (the loss was mostly these six rows: docs/calibration.md, "The eighth stop")
    *(Target(f"penetration_{s}", f"digital penetration, {s}", LI, "2022", value, value - 0.05, value + 0.05,
             _over(lambda r, s=s: penetration_series(r, s), "2022"), f"penetration_{s}",
             "Digital penetration by sector", role="held_out", needs_digital_off=True)
      for s, value in zip(SECTORS, (0.105, 0.240, 0.447))),
    Target("penetration_order", "penetration agriculture < industry < services (smallest step)", LI,
           "2022", 0.135, 0.0, 1.0, lambda r: penetration_order(r, "2022"), "penetration_services",
           "Digital penetration by sector", plot="note", role="held_out", needs_digital_off=True),
    Target("digital_share_2023", "digital economy's share of GDP", LI, "2023", 0.445, 0.395, 0.495,
           _over(digital_share_of_gdp, "2023"), "digital_share", "Digital economy share of GDP",
           role="held_out", needs_digital_off=True),
    # 14.3% nominal deflated by China's GDP deflator (2.7% a year 2016-2022, NBS) = 11.3% real; see docs
    Target("digital_growth", "digital economy growth (real, yearly; 14.3% nominal)", CAICT, "2016-2022",
           0.113, 0.073, 0.153, lambda r: digital_growth(r, 2016, 2022), "digital_share",
           "Digital economy share of GDP", plot="note", role="held_out", needs_digital_off=True),
    # the counterfactual share: the scenario against its twin without data, robots and AI (python run.py decompose)
    Target("digital_tfp_share", "digital share of TFP growth (since 2015)", CAICT, "2023Q4", 0.527, 0.3,
           0.75, lambda r: cumulative_share(r.main, r.digital_off, "tfp_index", "2023Q4"), "digital_tfp_share",
           "Digital share of TFP growth", role="held_out", needs_digital_off=True),
    Target("sme_gap", "SMEs lag large firms (adoption index gap)", WANG, "2015-2025", 0.10, 0.03, 0.5,
           lambda r: float(r.main["adoption_gap_size"].iloc[1:].mean()), "adoption_gap_size",
           "Adoption gap, large - SME", role="implied"),
    Target("ai_gdp_lift", "AI's long-run lift to GDP (vs AI switched off)", f"Goldman Sachs via {CAICT}", "2035",
           0.07, 0.035, 0.105, lambda r: ai_lift(r, "2035"), "ai_gdp_lift", "AI's lift to GDP", needs_ai_off=True,
           until="2035Q4"),
    # -- held out: facts no parameter was fitted to (sources and bands in docs/calibration.md) --------------------
    Target("tfp_growth", "TFP growth, yearly", "Penn World Table 11.0; Conference Board TED", "2015-2024", 0.005,
           -0.01, 0.02, growth_over("tfp_index", 2015, 2024), "tfp_index", "TFP and prices (index)",
           plot="growth", role="held_out"),
    Target("gdp_growth", "real GDP growth, yearly", NBS, "2015-2019", 0.066, 0.05, 0.08,
           growth_over("gdp", 2015, 2019), "gdp", "Real GDP", plot="growth", role="held_out"),
    Target("cpi_inflation", "consumer price inflation, yearly", NBS, "2015-2024", 0.016, 0.0, 0.03,
           growth_over("price_level", 2015, 2024), "price_level", "TFP and prices (index)", plot="growth",
           role="held_out"),
    Target("unemployment", "surveyed urban unemployment rate", NBS, "2018-2024", 0.052, 0.04, 0.065,
           mean_over("unemployment_rate", 2018, 2024), "unemployment_rate", "Unemployment", role="held_out"),
    Target("labour_share", "labour compensation over GDP", "NBS flow of funds; income-approach provincial sums",
           "2015-2022", 0.52, 0.45,
           0.58, mean_over("labour_share", 2015, 2022), "labour_share", "Shares of GDP", role="held_out"),
    Target("consumption_share", "household consumption over GDP", f"{NBS} (expenditure approach)", "2015-2022",
           0.385, 0.33, 0.45, mean_over("consumption_to_gdp", 2015, 2022), "consumption_to_gdp", "Shares of GDP",
           role="held_out"),
    Target("investment_share", "gross capital formation over GDP", f"{NBS} (expenditure approach)", "2015-2022",
           0.43, 0.35, 0.50, mean_over("capital_formation_to_gdp", 2015, 2022), "capital_formation_to_gdp",
           "Shares of GDP",
           role="held_out"),
    Target("gini", "income Gini coefficient", NBS, "2015-2022", 0.466, 0.42, 0.50,
           mean_over("gini_income", 2015, 2022), "gini_income", "Income Gini", fmt="{:.2f}", role="held_out"),
    # 50 million (2015) to 84 million (2020): 10.9% a year; band: 30% to 110% growth over the five years.
    # Implied: gig work starts at the fitted initial_gig_share and is fitted to the flexible share of 2021.
    Target("gig_growth", "platform service providers, yearly growth (50 to 84 million)",
           "State Information Center, China Sharing Economy Reports 2016 and 2021", "2015-2020", 0.109, 0.054,
           0.160, growth_over("gig_workers", 2015, 2020), "gig_workers", "Gig workers", plot="growth",
           role="implied"),
    Target("robot_density_2019", "manufacturing robots per 10,000 workers", IFR, "2019", 187.0, 131.0, 243.0,
           _level("robot_density", "2019"), "robot_density", "Robot density", fmt="{:.0f}", role="implied"),
    Target("robot_density_2023", "manufacturing robots per 10,000 workers", IFR, "2023", 470.0, 329.0, 611.0,
           _level("robot_density", "2023"), "robot_density", "Robot density", fmt="{:.0f}", role="implied"),
)

def target_keys() -> list[str]:
    return [t.key for t in TARGETS]


TWIN_SERIES.update({f"penetration_{s}": (lambda r, s=s: penetration_series(r, s)) for s in SECTORS})
TWIN_SERIES.update({"digital_share": digital_share_of_gdp, "digital_tfp_share": digital_share_series,
                    "ai_gdp_lift": ai_lift_series})


def targets_of(role: str, targets=TARGETS) -> tuple[Target, ...]:
    """The targets with ``role`` (``fitted``, ``held_out`` or ``implied``)."""
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {ROLES}")
    return tuple(t for t in targets if t.role == role)
