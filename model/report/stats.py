"""Statistics across seeds: means, 95% t-intervals, paired differences and cost per unit of TFP gained.

``runs`` everywhere is an ordered ``{scenario name: [timeseries per seed]}``
with the same seeds in the same order for every scenario (common random
numbers); the first scenario is the reference for differences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from model.report.i18n import metric_info

#: Quarters at the end of a run whose mean is a run's value of a metric.
FINAL_QUARTERS = 4


def mean_ci(values: np.ndarray, axis: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and 95% t-interval along ``axis`` (the seeds); the interval is NaN with a single seed."""
    values = np.asarray(values, float)
    n = values.shape[axis]
    mean = values.mean(axis=axis)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    half = stats.t.ppf(0.975, n - 1) * values.std(axis=axis, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def align(runs: dict[str, list[pd.DataFrame]]) -> dict[str, list[pd.DataFrame]]:
    """Give every run every spending column (0 where a scenario lacks the lever), numeric columns only."""
    spending = sorted({c for frames in runs.values() for f in frames for c in f.columns if c.startswith("spending_")})
    out = {}
    for name, frames in runs.items():
        fixed = []
        for frame in frames:
            frame = frame.drop(columns=["period"], errors="ignore").copy()
            for column in spending:
                frame[column] = frame[column].fillna(0.0) if column in frame else 0.0
            fixed.append(frame)
        out[name] = fixed
    return out


def run_values(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per seed: each metric's mean over the final year of the run."""
    rows = []
    for frame in frames:
        tail = frame.iloc[1:] if len(frame) > 1 else frame
        rows.append(tail.iloc[-FINAL_QUARTERS:].mean(numeric_only=True))
    return pd.DataFrame(rows).drop(columns=["step"], errors="ignore")


def comparison_table(runs: dict[str, list[pd.DataFrame]]) -> pd.DataFrame:
    """One row per scenario and metric: mean, 95% CI, and paired difference from the first scenario with its CI.

    Args:
        runs: ``{scenario name: [timeseries per seed]}``, the same seeds in the same order for every
            scenario (as [run_all][model.report.runs.run_all] returns); the first is the reference.

    Returns:
        Columns ``scenario``, ``metric``, ``unit``, ``seeds``, ``mean``, ``ci_low``, ``ci_high``,
            ``diff``, ``diff_ci_low``, ``diff_ci_high`` and ``reference``; a run's value of a metric
            is its mean over the final year (``FINAL_QUARTERS``).
    """
    runs = align(runs)
    values = {name: run_values(frames) for name, frames in runs.items()}
    ref_name = next(iter(values))
    ref = values[ref_name]
    rows = []
    for name, table in values.items():
        for metric in table.columns:
            if metric not in ref.columns:
                continue
            x = table[metric].to_numpy()
            mean, lo, hi = mean_ci(x)
            d_mean, d_lo, d_hi = mean_ci(x - ref[metric].to_numpy())
            rows.append({"scenario": name, "metric": metric, "unit": metric_info(metric)[1], "seeds": x.size,
                         "mean": float(mean), "ci_low": float(lo), "ci_high": float(hi),
                         "diff": float(d_mean), "diff_ci_low": float(d_lo), "diff_ci_high": float(d_hi),
                         "reference": ref_name})
    return pd.DataFrame(rows)


def band(frames: list[pd.DataFrame], metric: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per step: mean and 95% interval of ``metric`` across seeds."""
    matrix = np.vstack([frame[metric].to_numpy(float) for frame in frames])
    return mean_ci(matrix)


def _verdict(net: float, gain: tuple[float, float, float], share: float) -> tuple[str, float | None]:
    mean, lo, _ = gain  # percentage points
    if not np.isfinite(mean) or mean <= 0:
        return "no_gain", None
    if not np.isfinite(lo) or lo <= 0:
        return "not_significant", None
    if abs(net) < 1e-12:
        return "no_spending", None
    if net < 0:
        return "raises_revenue", None
    return "ratio", share / mean


def lever_costs(runs: dict[str, list[pd.DataFrame]], scenarios: dict) -> pd.DataFrame:
    """Per scenario and lever instance: gross, revenue and net spending, and cost per TFP point gained.

    Net spending is summed over the run (steps 1..T) and averaged over seeds.
    ``share_gdp`` is net spending as a percentage of initial annual GDP (4 x gdp
    at step 0). ``tfp_gain`` is the paired final-year difference of tfp_index
    from the first scenario, in percentage points. ``cost_per_point`` =
    share_gdp / tfp_gain, given only when the gain's whole 95% interval is
    above zero and the lever spends; otherwise ``verdict`` says why not.

    Args:
        runs: ``{scenario name: [timeseries per seed]}`` (common random numbers; first: reference).
        scenarios: ``{scenario name: Scenario}``, for each scenario's levers.

    Returns:
        One row per scenario and lever instance, plus an ``(all levers)`` row where a scenario
            has several.
    """
    runs = align(runs)
    ref_name = next(iter(runs))
    gdp0 = float(np.mean([frame["gdp"].iloc[0] for frame in runs[ref_name]]))
    ref_tfp = run_values(runs[ref_name])["tfp_index"].to_numpy()
    rows = []
    for name, frames in runs.items():
        tfp = run_values(frames)["tfp_index"].to_numpy()
        gain = tuple(float(v) * 100 for v in mean_ci(tfp - ref_tfp))
        instances = {}
        for lever in scenarios[name].policies:
            instances.setdefault(lever.key, (lever.lever, lever.accounts))
        entries = [(key, lever, accounts) for key, (lever, accounts) in instances.items()]
        if len(entries) > 1:
            entries.append(("(all levers)", "", tuple(a for _, _, accs in entries for a in accs)))
        for key, lever, accounts in entries:
            per_seed = [np.array([frame[f"spending_{a}"].iloc[1:].to_numpy() for a in accounts]) for frame in frames]
            gross = float(np.mean([np.clip(s, 0, None).sum() for s in per_seed]))
            revenue = float(np.mean([np.clip(s, None, 0).sum() for s in per_seed]))
            net = gross + revenue
            share = 100.0 * net / (4.0 * gdp0) if gdp0 > 0 else float("nan")
            verdict, ratio = ("reference", None) if name == ref_name else _verdict(net, gain, share)
            rows.append({"scenario": name, "lever_key": key, "lever": lever, "gross": gross, "revenue": revenue,
                         "net": net, "share_gdp": share, "tfp_gain": gain[0], "tfp_gain_ci_low": gain[1],
                         "tfp_gain_ci_high": gain[2], "cost_per_point": ratio, "verdict": verdict})
    return pd.DataFrame(rows)
