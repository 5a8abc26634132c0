"""Does a run start on its path? The check of issue 15, item 5, over seeds.

    python bench/start.py [SCENARIO] [--seeds 10] [--first-seed 42] [--set KEY.PATH=VALUE ...]

For each of the first four reported quarters it prints, as the mean over seeds
with its standard error, the gap between

* unemployment and its step-0 value,
* annualised quarterly inflation and its step-0 value,
* annualised quarterly real GDP growth and its mean over the first three years,

and whether the gap is within 1 percentage point (the issue's criterion). The
standard error says whether a gap above 1 point is a property of the start or
the noise of the mean (``~noise``: within two standard errors of zero). Runs
12 quarters per seed; about half a second per seed for the baseline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.runner import simulate  # noqa: E402
from model.scenario_io import load_scenario  # noqa: E402

QUARTERS = 4
YEARS = 3
TOLERANCE = 1.0  # percentage points


def annualised(log_change: np.ndarray) -> np.ndarray:
    """Quarterly log changes as yearly percentage rates."""
    return (np.exp(4.0 * log_change) - 1.0) * 100.0


def gaps(frame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One run's gaps in quarters 1-4 (percentage points): unemployment, inflation, GDP growth."""
    unemployment = frame["unemployment_rate"].to_numpy() * 100.0
    inflation = frame["inflation"].to_numpy() * 100.0  # the metric is already a yearly rate (metric_catalogue.py)
    growth = annualised(np.diff(np.log(frame["gdp"].to_numpy())))  # growth[k] is quarter k + 1
    first = slice(1, QUARTERS + 1)
    return (unemployment[first] - unemployment[0], inflation[first] - inflation[0],
            growth[:QUARTERS] - growth[:4 * YEARS].mean())


def seed_gaps(scenario, seeds) -> np.ndarray:
    """Every seed's gaps (:func:`gaps`), each seed run for the first three years: [seed, measure, quarter]."""
    return np.array([gaps(simulate(scenario, seed=seed, steps=4 * YEARS, agents=False).timeseries)
                     for seed in seeds])


def verdict(mean: np.ndarray, se: np.ndarray) -> str:
    """'met' within 1 point; '~noise' when a larger gap is within two standard errors of zero; else 'missed'."""
    if np.all(np.abs(mean) <= TOLERANCE):
        return "met"
    return "~noise" if np.all(np.abs(mean) <= np.maximum(TOLERANCE, 2.0 * se)) else "missed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", nargs="?", default="scenarios/baseline.yaml")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=42)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario, args.overrides)
    runs = seed_gaps(scenario, range(args.first_seed, args.first_seed + args.seeds))
    print(f"{args.scenario}: seeds {args.first_seed}..{args.first_seed + args.seeds - 1}; gaps in percentage points, "
          f"mean over seeds (standard error)")
    print(f"{'':38s}" + "".join(f"{'quarter ' + str(q):>17s}" for q in range(1, QUARTERS + 1)) + "  within 1 point?")
    labels = ("unemployment - step 0", "inflation (yearly) - step 0", f"GDP growth (yearly) - {YEARS}-year mean")
    for k, label in enumerate(labels):
        values = runs[:, k]
        mean = values.mean(axis=0)
        se = values.std(axis=0, ddof=1) / np.sqrt(len(runs)) if len(runs) > 1 else np.zeros(QUARTERS)
        cells = "".join(f"{m:+9.2f} ({s:5.2f})" for m, s in zip(mean, se))
        print(f"{label:38s}{cells}  {verdict(mean, se)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
