"""End-of-sweep summary: each varied parameter against the key metrics, with the spread across runs.

For every parameter value (or, for sampled designs, every decile bin of the
parameter) the table gives the mean final value of each key metric and the
10th-90th percentile band over the runs at that value: replications, plus the
other parameters where several vary.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

MAX_LEVELS = 12
BINS = 10


def load_runs(out: Path, columns: list[str]) -> pd.DataFrame:
    """The ok runs of ``out/runs.parquet``, only ``columns`` (those that exist)."""
    schema = pq.read_schema(Path(out) / "runs.parquet")
    keep = [c for c in dict.fromkeys(["run_id", "status", *columns]) if c in schema.names]
    runs = pq.read_table(Path(out) / "runs.parquet", columns=keep).to_pandas()
    return runs[runs["status"] == "ok"]


def _x(series: pd.Series, kind: str) -> tuple[pd.Series, bool]:
    """The x position of every run for one parameter, and whether x is numeric."""
    if kind in ("int", "float") and series.nunique() > MAX_LEVELS:
        bins = pd.qcut(series, q=BINS, duplicates="drop")
        return series.groupby(bins, observed=True).transform("mean"), True
    if kind in ("int", "float"):
        return series, True
    return series.map(lambda v: v if isinstance(v, str) else json.dumps(v)), False


def summary_table(runs: pd.DataFrame, kinds: dict[str, str], metrics: list[str]) -> pd.DataFrame:
    """One row per (parameter, value, metric): n, mean, sd, p10, p90 of the final value over runs."""
    rows = []
    metrics = [m for m in metrics if m in runs.columns]
    for name, kind in kinds.items():
        if name not in runs.columns or runs.empty:
            continue
        x, _ = _x(runs[name], kind)
        for metric in metrics:
            grouped = runs[metric].groupby(x, sort=True)
            stats = pd.DataFrame({"n": grouped.count(), "mean": grouped.mean(), "sd": grouped.std(),
                                  "p10": grouped.quantile(0.1), "p90": grouped.quantile(0.9)})
            stats.index.name = "value"
            stats = stats.reset_index()
            stats.insert(0, "parameter", name)
            stats.insert(2, "metric", metric)
            rows.append(stats.astype({"value": str}))
    cols = ["parameter", "value", "metric", "n", "mean", "sd", "p10", "p90"]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=cols)


def panels(n: int, width: float, height: float):
    """A figure with ``n`` panels, three to a row (Agg backend); unused panels hidden."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ncols = min(3, n)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    return fig, list(axes.flat)[:n]


def parameter_figure(runs: pd.DataFrame, name: str, kind: str, metrics: list[str]):
    """Final value of each metric against ``name``: runs as dots, mean line, 10-90% band."""
    metrics = [m for m in metrics if m in runs.columns]
    fig, axes = panels(len(metrics), 4.2, 3.2)
    x, numeric = _x(runs[name], kind)
    for ax, metric in zip(axes, metrics):
        grouped = runs[metric].groupby(x, sort=True)
        mean, lo, hi = grouped.mean(), grouped.quantile(0.1), grouped.quantile(0.9)
        if numeric:
            xs, pos = mean.index.to_numpy(float), runs[name].to_numpy(float)
        else:
            xs = np.arange(len(mean))
            pos = x.map({v: i for i, v in enumerate(mean.index)}).to_numpy(float)
            ax.set_xticks(xs, [str(v)[:12] for v in mean.index], rotation=30, ha="right")
        ax.scatter(pos, runs[metric], s=6, alpha=0.25, color="grey", lw=0, label="runs")
        ax.fill_between(xs, lo.to_numpy(), hi.to_numpy(), alpha=0.25, color="C0", label="10-90% of runs")
        ax.plot(xs, mean.to_numpy(), "o-", color="C0", ms=3, label="mean")
        ax.set_title(metric, fontsize=10)
        ax.set_xlabel(name, fontsize=9)
        ax.tick_params(labelsize=8)
    axes[0].legend(fontsize=7, frameon=False)
    fig.suptitle(f"final values against {name}", fontsize=11)
    fig.tight_layout()
    return fig


def write_summary(plan, out: Path) -> list[Path]:
    """Write summary.csv and one figure per varied parameter (fig_<parameter>.png) into ``out``."""
    import matplotlib.pyplot as plt

    from model.sweep.atomic import atomic_write

    out = Path(out)
    metrics = list(plan.spec.metrics)
    runs = load_runs(out, plan.names + metrics)
    table = summary_table(runs, plan.kinds, metrics)
    atomic_write(out / "summary.csv", lambda tmp: table.to_csv(tmp, index=False, float_format="%.8g"))
    written = [out / "summary.csv"]
    if runs.empty or not any(m in runs.columns for m in metrics):
        return written
    for name, kind in plan.kinds.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            fig = parameter_figure(runs, name, kind, metrics)
        path = out / f"fig_{name.replace('.', '_')}.png"
        atomic_write(path, lambda tmp, fig=fig: fig.savefig(tmp, dpi=100, format="png"))
        plt.close(fig)
        written.append(path)
    return written
