"""Discovery figures: the peeling trajectory (or CART's leaves), the chosen box's limits, and the runs on the
two most important parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.discovery.texts import dtext
from model.report.figures import font_context


def _plt():
    # the backend is Agg (model.report.figures selects it on import); a notebook may switch back to inline
    import matplotlib.pyplot as plt

    return plt


def tradeoff_figure(discovery, *, lang: str = "en", font: str | None = None):
    """Coverage against density of every box on PRIM's trajectory (or every CART leaf), the chosen one ringed."""
    plt = _plt()
    t = discovery.trajectory
    with plt.rc_context(font_context(font)):
        fig, ax = plt.subplots(figsize=(5.4, 4.2))
        dims = t["res_dim"].astype(int).to_numpy()
        top = max(int(dims.max()), 1) if dims.size else 1
        points = ax.scatter(t["coverage"], t["density"], c=dims, cmap="viridis", s=22, vmin=0, vmax=top, zorder=3)
        fig.colorbar(points, ax=ax, label=dtext("restricted_dims", lang), ticks=range(top + 1))
        chosen = t[t["chosen"]]
        ax.scatter(chosen["coverage"], chosen["density"], s=150, facecolors="none", edgecolors="C3", lw=1.6,
                   label=dtext("chosen", lang), zorder=4)
        ax.set_xlabel(dtext("coverage", lang))
        ax.set_ylabel(dtext("density", lang))
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
        ax.set_title(dtext("trajectory" if discovery.method == "prim" else "leaves", lang), fontsize=11)
        fig.tight_layout()
    return fig


def limits_figure(discovery, order: list[str], *, lang: str = "en", font: str | None = None):
    """Each parameter's box limits within the sweep's range (scaled to 0-1), most important parameter first."""
    plt = _plt()
    limits = discovery.limits().set_index("parameter").reindex(order)
    with plt.rc_context(font_context(font)):
        fig, ax = plt.subplots(figsize=(6.4, 0.5 * len(order) + 1.4))
        for i, (name, row) in enumerate(limits.iterrows()):
            ax.plot([0, 1], [i, i], color="0.8", lw=6, solid_capstyle="butt")
            if row["values"] != "" and not pd.isna(row["values"]):
                ax.text(0.5, i, str(row["values"])[:40], ha="center", va="center", fontsize=8)
                continue
            span = row["range_upper"] - row["range_lower"]
            lo, hi = ((row["lower"] - row["range_lower"]) / span, (row["upper"] - row["range_lower"]) / span) \
                if span > 0 else (0.0, 1.0)
            ax.plot([lo, hi], [i, i], color="C0", lw=6,
                    alpha=1.0 if row["restricted"] else 0.35, solid_capstyle="butt")
            ax.text(lo, i + 0.3, f"{row['lower']:.4g}", ha="center", fontsize=7)
            ax.text(hi, i + 0.3, f"{row['upper']:.4g}", ha="center", fontsize=7)
        ax.set_yticks(np.arange(len(order)), order, fontsize=8)
        ax.set_ylim(len(order) - 0.4, -0.7)
        ax.set_xlim(-0.05, 1.05)
        ax.set_xticks([0, 1], ["min", "max"])
        ax.set_title(f"{dtext('limits', lang)} ({dtext('limits_text', lang)})", fontsize=9)
        fig.tight_layout()
    return fig


def pairs_figure(discovery, x: pd.DataFrame, y: np.ndarray, outcomes: pd.DataFrame, order: list[str], *,
                 lang: str = "en", font: str | None = None):
    """Runs on the two most important parameters (meeting the target or not), the chosen box drawn; with one
    parameter, that parameter against the target's first metric."""
    plt = _plt()
    first = order[0]
    second = order[1] if len(order) > 1 else None
    with plt.rc_context(font_context(font)):
        fig, ax = plt.subplots(figsize=(5.4, 4.4))
        xs = _codes(x[first])
        ys = _codes(x[second]) if second else outcomes.iloc[:, 0].to_numpy(float)
        ax.scatter(xs[~y], ys[~y], s=14, color="0.6", label=dtext("misses", lang), lw=0)
        ax.scatter(xs[y], ys[y], s=14, color="C1", label=dtext("meets", lang), lw=0)
        limits = discovery.limits().set_index("parameter")
        if len(limits):
            lo_x, hi_x = _span(limits.loc[first], xs)
            lo_y, hi_y = _span(limits.loc[second], ys) if second else (np.nanmin(ys), np.nanmax(ys))
            ax.add_patch(plt.Rectangle((lo_x, lo_y), hi_x - lo_x, hi_y - lo_y, fill=False, ec="C3", lw=1.5,
                                       label=dtext("chosen", lang)))
        ax.set_xlabel(first, fontsize=9)
        ax.set_ylabel(second or outcomes.columns[0], fontsize=9)
        _ticks(ax, x[first], "x")
        if second:
            _ticks(ax, x[second], "y")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        ax.set_title(dtext("pairs", lang), fontsize=10)
        fig.tight_layout()
    return fig


def _codes(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(float)
    return column.to_numpy(float)


def _span(row: pd.Series, values: np.ndarray) -> tuple[float, float]:
    if pd.isna(row["lower"]):
        return float(np.nanmin(values)) - 0.5, float(np.nanmax(values)) + 0.5
    return float(row["lower"]), float(row["upper"])


def _ticks(ax, column: pd.Series, axis: str) -> None:
    if isinstance(column.dtype, pd.CategoricalDtype):
        labels = [str(c)[:14] for c in column.cat.categories]
        (ax.set_xticks if axis == "x" else ax.set_yticks)(np.arange(len(labels)), labels, fontsize=7)
