"""Runs, figure and files of ``python run.py facts`` (the measurement itself is :mod:`model.facts`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from model.config import Scenario
from model.facts import facts_frame
from model.facts_base import Fact, FirmPanel, NotMeasured, hp_cycle
from model.facts_macro import beveridge_points, okun_points, phillips_points
from model.facts_micro import firm_growth_rates, firm_sizes


def _snapshot(model) -> dict:
    firms = model.firms
    invested = getattr(firms, "invested", None)
    return {"output": firms.output.astype(float), "headcount": firms.headcount.sum(axis=1),
            "capital": firms.capital.astype(float), "age": firms.age.astype(np.int64),
            "invested": None if invested is None else np.asarray(invested, dtype=float)}


def run_seed(scenario: Scenario, seed: int, steps: int, bar=None) -> tuple[pd.DataFrame, FirmPanel]:
    """Run ``scenario`` with ``seed`` for ``steps`` quarters; its time series and firm panel (step 0 first).

    Raises:
        EconomyCollapse: if the economy collapses (see :mod:`model.guards`).
    """
    from model.economy import EconomyModel
    from model.guards import check_step

    model = EconomyModel(scenario, seed=seed, agents=False)
    check_step(model, model.records[0])
    shots = [_snapshot(model)]
    for _ in range(steps):
        model.step()
        shots.append(_snapshot(model))
        if bar is not None:
            bar.update(1)
    stacked = {key: (None if shots[0][key] is None else np.vstack([s[key] for s in shots])) for key in shots[0]}
    return pd.DataFrame.from_records(model.records), FirmPanel(**stacked)


def run_seeds(scenario: Scenario, seeds: list[int], progress: bool = False):
    """Run every seed in turn; the list of time series and the list of firm panels."""
    from model.runner import check_memory

    check_memory(scenario, agents=False)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(seeds) * scenario.steps, desc=f"facts {scenario.name}", unit="quarter", leave=False)
    frames, panels = [], []
    try:
        for seed in seeds:
            frame, panel = run_seed(scenario, seed, scenario.steps, bar)
            frames.append(frame)
            panels.append(panel)
    finally:
        if bar is not None:
            bar.close()
    return frames, panels


# -- figure -------------------------------------------------------------------------------------------------
def _panel(ax, title: str, draw) -> None:
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    try:
        draw()
    except NotMeasured as exc:
        ax.text(0.5, 0.5, f"not measured\n({exc})", ha="center", va="center", fontsize=8, transform=ax.transAxes,
                wrap=True)


def _scatter(ax, xs, ys, xlabel: str, ylabel: str) -> None:
    for i, (x, y) in enumerate(zip(xs, ys)):
        ax.scatter(x, y, s=8, alpha=0.6, label=f"seed {i + 1}" if i < 5 else None)
    x, y = np.concatenate(xs), np.concatenate(ys)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() > 2 and np.std(x[ok]) > 0:
        slope, intercept = np.polyfit(x[ok], y[ok], 1)
        grid = np.linspace(x[ok].min(), x[ok].max(), 2)
        ax.plot(grid, intercept + slope * grid, color="black", lw=1.2, label=f"pooled slope {slope:.2f}")
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.legend(fontsize=7)


def facts_figure(frames: list[pd.DataFrame], panels: list[FirmPanel], facts: list[Fact], title: str, drop: int):
    """Six panels: HP cycles, Okun, Phillips, Beveridge, firm rank-size and firm growth rate distribution."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frames = [f.iloc[drop:].reset_index(drop=True) for f in frames]
    panels = [p.tail(drop) for p in panels]
    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))
    ax = axes.ravel()

    def cycles():
        frame = frames[0]
        for column, label in (("gdp", "output"), ("consumption_real", "consumption"), ("investment_real",
                                                                                      "investment")):
            try:
                ax[0].plot(frame["step"], 100 * hp_cycle(frame[column], column), label=label, lw=1.5)
            except (KeyError, NotMeasured):
                ax[0].plot([], [], label=f"{label}: not measured")
        ax[0].set_xlabel("step (first seed)", fontsize=8)
        ax[0].set_ylabel("HP cycle of log, %", fontsize=8)
        ax[0].legend(fontsize=7)

    def rank_size():
        sizes = np.sort(firm_sizes(panels))[::-1]
        sizes = sizes[sizes > 0]
        ax[4].loglog(np.arange(1, sizes.size + 1), sizes, ".", ms=3)
        ax[4].set_xlabel("rank", fontsize=8)
        ax[4].set_ylabel("firm output (final quarter)", fontsize=8)

    def growth():
        rates = firm_growth_rates(panels)
        if rates.size < 8:
            raise NotMeasured("too few growth rates")
        counts, edges = np.histogram(rates, bins=40, density=True)
        centres = (edges[1:] + edges[:-1]) / 2
        ax[5].semilogy(centres[counts > 0], counts[counts > 0], "o", ms=3, label="firms")
        sd = rates.std()
        ax[5].semilogy(centres, np.exp(-centres**2 / (2 * sd**2)) / (sd * np.sqrt(2 * np.pi)), lw=1,
                       label="normal, same std")
        ax[5].set_ylim(bottom=max(counts[counts > 0].min() / 3, 1e-6))
        ax[5].set_xlabel("quarterly log output growth, net of quarter mean", fontsize=8)
        ax[5].legend(fontsize=7)

    _panel(ax[0], "Business cycles (HP filter, lambda 1600)", cycles)
    _panel(ax[1], "Okun's law", lambda: _scatter(ax[1], *[[100 * g for g in okun_points(frames)[0]],
                                                         okun_points(frames)[1]],
                                                "real GDP growth, %", "change in unemployment rate, points"))
    _panel(ax[2], "Phillips curve", lambda: _scatter(ax[2], *phillips_points(frames), "unemployment rate, %",
                                                     "inflation, % a year"))
    _panel(ax[3], "Beveridge curve", lambda: _scatter(ax[3], *beveridge_points(frames), "unemployment rate",
                                                      "vacancy rate"))
    _panel(ax[4], "Firm size distribution (rank-size)", rank_size)
    _panel(ax[5], "Firm growth rate distribution", growth)
    passed = sum(f.passed is True for f in facts)
    measured = sum(f.passed is not None for f in facts)
    fig.suptitle(f"{title}: {passed} of {measured} measured facts pass ({len(facts)} facts)", fontsize=12)
    fig.tight_layout()
    return fig


def write_facts(facts: list[Fact], frames, panels, scenario: Scenario, out: str | Path, drop: int,
                seeds: list[int], groups: list[tuple[int, int]] | None = None) -> Path:
    """Write ``facts.csv`` (with ``groups``, see :func:`model.facts.group_passes`) and ``facts.png``, all or nothing."""
    import matplotlib.pyplot as plt

    from model.outputs import staged_output

    with staged_output(out) as staging:
        facts_frame(facts, groups).to_csv(staging / "facts.csv", index=False)
        runs = f"seeds {seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else f"seed {seeds[0]}"
        title = f"{scenario.name}, {runs}"
        figure = facts_figure(frames, panels, facts, title, drop)
        figure.savefig(staging / "facts.png", dpi=100)
        plt.close(figure)
    return Path(out)
