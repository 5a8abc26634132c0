"""Global sensitivity indices with SALib from a finished sweep (Sobol' or Morris design).

The output of a design point is the final value of a metric, averaged over
its replications. Sobol' gives first-order (S1) and total (ST) indices with
95% bootstrap confidence intervals; Morris gives mu, mu* (with its interval)
and sigma.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from model.errors import UserError
from model.sweep.design import design_seed, salib_problem

RESAMPLES = 200


def outputs(plan, runs: pd.DataFrame, metric: str) -> np.ndarray:
    """Mean final value of ``metric`` per design point, in design order (all points needed)."""
    if metric not in runs.columns:
        raise UserError(f"{plan.spec_path}: metrics: {metric!r} is not a result of this model run "
                        f"(see timeseries.csv for the metric names)")
    means = runs.groupby("point")[metric].mean()
    n_points = len(plan.design.points)
    missing = n_points - means.reindex(range(n_points)).notna().sum()
    if missing:
        raise UserError(f"{metric}: {missing} of {n_points} design points have no successful run; "
                        f"sensitivity indices need them all (see runs.csv for the errors)", exit_code=1)
    return means.reindex(range(n_points)).to_numpy(float)


def analyse(plan, runs: pd.DataFrame, method: str) -> pd.DataFrame:
    """Indices of every spec metric for every parameter (one row per metric and parameter)."""
    from SALib.analyze import morris, sobol

    problem, seed = salib_problem(plan.spec), design_seed(plan.spec)
    frames = []
    for metric in plan.spec.metrics:
        y = outputs(plan, runs, metric)
        flat = not np.ptp(y) > 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if method == "sobol":
                keys = ["S1", "S1_conf", "ST", "ST_conf"]
                si = ({k: np.zeros(problem["num_vars"]) for k in keys} if flat else
                      sobol.analyze(problem, y, calc_second_order=plan.spec.design.second_order,
                                    num_resamples=RESAMPLES, conf_level=0.95, seed=seed))
            else:
                keys = ["mu", "mu_star", "mu_star_conf", "sigma"]
                si = ({k: np.zeros(problem["num_vars"]) for k in keys} if flat else
                      morris.analyze(problem, plan.design.matrix, y, num_resamples=RESAMPLES, conf_level=0.95,
                                     num_levels=plan.spec.design.levels, seed=seed))
        frame = pd.DataFrame({k: np.asarray(si[k], float) for k in keys})
        frame.insert(0, "parameter", problem["names"])
        frame.insert(0, "metric", metric)
        frame["output_constant"] = flat
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def bar_chart(indices: pd.DataFrame, method: str):
    """One panel per metric: S1 and ST (Sobol') or mu* and sigma (Morris) per parameter, with intervals."""
    from model.sweep.summary import panels

    metrics = list(dict.fromkeys(indices["metric"]))
    names = list(dict.fromkeys(indices["parameter"]))
    fig, axes = panels(len(metrics), 4.5, 0.45 * len(names) + 1.6)
    bars = ([("S1", "S1_conf", "first order"), ("ST", "ST_conf", "total")] if method == "sobol"
            else [("mu_star", "mu_star_conf", "mu*"), ("sigma", None, "sigma")])
    y = np.arange(len(names))
    for ax, metric in zip(axes, metrics):
        rows = indices[indices["metric"] == metric].set_index("parameter").reindex(names)
        for k, (col, conf, label) in enumerate(bars):
            err = rows[conf].to_numpy() if conf else None
            ax.barh(y + (k - 0.5) * 0.38, rows[col].to_numpy(), height=0.38, xerr=err, label=label,
                    color=f"C{k}", error_kw={"lw": 0.8, "capsize": 2})
        ax.set_yticks(y, names, fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="black", lw=0.6)
        ax.set_title(metric, fontsize=10)
        ax.tick_params(axis="x", labelsize=8)
    axes[0].legend(fontsize=7, frameon=False)
    title = "Sobol' indices (95% intervals)" if method == "sobol" else "Morris elementary effects (95% intervals)"
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


def write_indices(plan, out, method: str) -> pd.DataFrame:
    """Analyse ``out/runs.parquet`` and write ``sensitivity_<method>.csv`` and ``.png`` into ``out``.

    Args:
        plan (Plan): the sweep plan, built with ``kind=method``.
        out (str | Path): the results folder that [execute][model.sweep.execute] wrote.
        method: ``sobol`` or ``morris``.

    Returns:
        One row per metric and parameter: S1, S1_conf, ST and ST_conf (Sobol') or mu, mu_star,
            mu_star_conf and sigma (Morris), and ``output_constant``.

    Raises:
        UserError: if a metric is missing or a design point has no successful run.
    """
    from pathlib import Path

    import matplotlib.pyplot as plt

    from model.sweep.atomic import atomic_write
    from model.sweep.summary import load_runs

    out = Path(out)
    runs = load_runs(out, ["point", *plan.spec.metrics])
    indices = analyse(plan, runs, method)
    atomic_write(out / f"sensitivity_{method}.csv",
                 lambda tmp: indices.to_csv(tmp, index=False, float_format="%.6g"))
    fig = bar_chart(indices, method)
    atomic_write(out / f"sensitivity_{method}.png", lambda tmp: fig.savefig(tmp, dpi=100, format="png"))
    plt.close(fig)
    return indices
