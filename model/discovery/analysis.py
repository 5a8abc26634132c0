"""PRIM and CART boxes and extra-trees feature scores, computed with the ema_workbench analysis package.

PRIM (Friedman and Fisher 1999, as used for scenario discovery by Bryant and Lempert 2010) peels the parameter
space a little at a time, keeping at each step the box where the target holds most often: the *peeling
trajectory* trades coverage (the share of all target runs inside the box) against density (the share of runs
in the box that meet the target). The chosen box is the one of largest coverage whose density reaches
``min_density``; each of its limits gets a quasi-p-value (a one-sided binomial test of whether the limit raises
the density). CART fits a classification tree; each leaf is a box. The feature scores are the impurity
importances of an extra-trees forest (Jaxa-Rozen and Kwakkel 2018) classifying the runs by the target.

Every random draw is seeded: the forest by its ``random_state``, the tree (which shuffles features when it
breaks ties) by a seeded NumPy global state that is restored afterwards.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

METHODS = ("prim", "cart")
TREES = 100
PEEL_ALPHA = 0.05
MASS_MIN = 0.05
KEEP_ALL = 1e-9
PAD = "(constant)"
BOX_COLUMNS = ["method", "box", "parameter", "restricted", "lower", "upper", "values", "range_lower",
               "range_upper", "qp_lower", "qp_upper", "coverage", "density", "mass", "runs_in_box",
               "target_runs_in_box", "chosen"]


@dataclass
class Discovery:
    """The result of one discovery.

    Attributes:
        method: ``prim`` or ``cart``.
        boxes: one row per box and parameter (columns :data:`BOX_COLUMNS`).
        scores: ``parameter``, ``score``, ``rank`` (extra-trees importance, largest first).
        trajectory: PRIM's peeling trajectory (``box``, coverage, density, mass, res_dim, n, k, chosen), or
            CART's leaves with the same statistics.
        chosen: the chosen box's number (a row of ``trajectory``), None when no box can be found.
        rules: CART's tree as text rules (None for PRIM).
        n: runs analysed; ``n_target`` of them meet the target.
    """

    method: str
    boxes: pd.DataFrame
    scores: pd.DataFrame
    trajectory: pd.DataFrame
    chosen: int | None
    rules: str | None
    n: int
    n_target: int

    def limits(self) -> pd.DataFrame:
        """The chosen box's rows of :attr:`boxes` (empty when there is none)."""
        return self.boxes[self.boxes["chosen"]] if len(self.boxes) else self.boxes


@contextlib.contextmanager
def _quiet_import():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "ipyparallel not installed": not used here
        yield


@contextlib.contextmanager
def seeded_numpy(seed: int):
    """Seed NumPy's global generator for a library that draws from it; restore its state afterwards."""
    state = np.random.get_state()
    np.random.seed(seed % 2**32)
    try:
        yield
    finally:
        np.random.set_state(state)


def _range(x: pd.DataFrame) -> dict:
    return {c: (x[c].min(), x[c].max()) if pd.api.types.is_numeric_dtype(x[c]) else set(x[c]) for c in x}


def box_rows(method: str, number: int, lims: pd.DataFrame, x: pd.DataFrame, y: np.ndarray, *,
             qp: dict | None = None, chosen: bool = False) -> list[dict]:
    """One row per parameter of a box (``lims``: row 0 lower limits, row 1 upper, sets for categories)."""
    inside = np.ones(len(x), dtype=bool)
    full = _range(x)
    rows = []
    for name in x.columns:
        lower, upper = lims.loc[0, name], lims.loc[1, name]
        row = {"method": method, "box": number, "parameter": name}
        if isinstance(full[name], set):
            kept = set(lower)
            inside &= x[name].isin(kept).to_numpy()
            row.update(restricted=kept != full[name], lower=np.nan, upper=np.nan,
                       values=";".join(sorted(map(str, kept))), range_lower=np.nan, range_upper=np.nan)
        else:
            inside &= ((x[name] >= lower) & (x[name] <= upper)).to_numpy()
            lo, hi = full[name]
            row.update(restricted=bool(lower > lo or upper < hi), lower=float(lower), upper=float(upper), values="",
                       range_lower=float(lo), range_upper=float(hi))
        qps = (qp or {}).get(name, [-1, -1])
        row.update(qp_lower=qps[0] if qps[0] >= 0 else np.nan, qp_upper=qps[1] if qps[1] >= 0 else np.nan)
        rows.append(row)
    n, k = int(inside.sum()), int(y[inside].sum())
    stats = {"coverage": k / max(int(y.sum()), 1), "density": k / n if n else np.nan, "mass": n / len(x),
             "runs_in_box": n, "target_runs_in_box": k, "chosen": chosen}
    return [{**row, **stats} for row in rows]


def choose(trajectory: pd.DataFrame, min_density: float) -> int:
    """The box of largest coverage with density >= ``min_density`` (on a tie the densest, then the one with
    fewest restrictions); if none reaches it, the densest box."""
    good = trajectory[trajectory["density"] >= min_density - 1e-12]
    if good.empty:
        return int(trajectory.sort_values(["density", "coverage"], ascending=False, kind="stable").index[0])
    order = good.sort_values(["coverage", "density", "res_dim"], ascending=[False, False, True], kind="stable")
    return int(order.index[0])


def run_prim(x: pd.DataFrame, y: np.ndarray, *, min_density: float) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """PRIM's first box: the peeling trajectory, the chosen box's rows and its number."""
    with _quiet_import():
        from ema_workbench.analysis import prim

    # ema's threshold both marks the cases of interest (y >= threshold) and is the density a box must reach to
    # be kept: just above 0, every run meeting the target is of interest and the whole trajectory is kept
    finder = prim.Prim(x, y.astype(int), threshold=KEEP_ALL, peel_alpha=PEEL_ALPHA, paste_alpha=PEEL_ALPHA,
                       mass_min=MASS_MIN)
    box = finder.find_box()
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]].copy()
    trajectory.index.name = "box"
    chosen = choose(trajectory, min_density)
    trajectory["chosen"] = trajectory.index == chosen
    rows = box_rows("prim", chosen, box.box_lims[chosen], x, y, qp=box.qp[chosen], chosen=True)
    return trajectory.reset_index(), pd.DataFrame(rows, columns=BOX_COLUMNS), chosen


def run_cart(x: pd.DataFrame, y: np.ndarray, *, seed: int, min_density: float) -> tuple:
    """CART's leaves as boxes: their statistics, every leaf's rows, the chosen leaf and the tree's rules."""
    with _quiet_import():
        from ema_workbench.analysis import cart
    from sklearn.tree import export_text

    # ema reads a leaf's feature (-2) as a name too: with one parameter that fails; a constant column is never split
    padded = x.assign(**{PAD: 0.0}) if x.shape[1] == 1 else x
    tree = cart.CART(padded, y.astype(int), mass_min=max(MASS_MIN, 1 / len(x)))
    with seeded_numpy(seed):
        tree.build_tree()
    rows = []
    for number, lims in enumerate(tree.boxes):
        rows += box_rows("cart", number, lims, x, y)
    boxes = pd.DataFrame(rows, columns=BOX_COLUMNS)
    stats = boxes.groupby("box").first()
    res_dim = boxes.groupby("box")["restricted"].sum()
    trajectory = pd.DataFrame({"coverage": stats["coverage"], "density": stats["density"], "mass": stats["mass"],
                               "res_dim": res_dim, "n": stats["runs_in_box"], "k": stats["target_runs_in_box"]})
    chosen = choose(trajectory, min_density)
    trajectory["chosen"] = trajectory.index == chosen
    boxes["chosen"] = boxes["box"] == chosen
    rules = export_text(tree.clf, feature_names=list(tree.feature_names), class_names=["miss", "target"],
                        show_weights=True, decimals=4)
    return trajectory.reset_index(), boxes, chosen, rules


def feature_scores(x: pd.DataFrame, y: np.ndarray, *, seed: int) -> pd.DataFrame:
    """Extra-trees importance of each parameter for the target (largest first; all 0 if the target is
    constant)."""
    if y.all() or not y.any():
        scores = pd.DataFrame({"parameter": list(x.columns), "score": 0.0})
    else:
        with _quiet_import():
            from ema_workbench.analysis import feature_scoring
            from ema_workbench.analysis.scenario_discovery_util import RuleInductionType

        table, _ = feature_scoring.get_ex_feature_scores(
            x, y.astype(int), mode=RuleInductionType.CLASSIFICATION, nr_trees=TREES,
            max_features=max(1, round(x.shape[1] / 3)), oob_score=False, random_state=seed % 2**32)
        scores = pd.DataFrame({"parameter": [str(p) for p in table.index], "score": table.iloc[:, 0].to_numpy()})
    scores = scores.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    scores["rank"] = np.arange(1, len(scores) + 1)
    return scores


def discover(x: pd.DataFrame, y: np.ndarray, *, method: str = "prim", seed: int = 0,
             min_density: float = 0.8) -> Discovery:
    """Find where the target holds.

    Args:
        x: the varied parameters, one row per run.
        y: whether the target holds in each run.
        method: ``prim`` or ``cart``.
        seed: seeds the forest and the tree.
        min_density: the chosen box is the one of largest coverage with at least this density.

    Returns:
        The boxes, feature scores and trajectory; no box (``chosen`` None) when every run or no run meets the
        target.
    """
    y = np.asarray(y, dtype=bool)
    scores = feature_scores(x, y, seed=seed)
    if y.all() or not y.any():
        empty = pd.DataFrame(columns=["box", "coverage", "density", "mass", "res_dim", "n", "k", "chosen"])
        return Discovery(method, pd.DataFrame(columns=BOX_COLUMNS), scores, empty, None, None, len(y), int(y.sum()))
    with warnings.catch_warnings():
        for category in (FutureWarning, DeprecationWarning, RuntimeWarning):  # pandas deprecations inside ema
            warnings.simplefilter("ignore", category)
        if method == "prim":
            trajectory, boxes, chosen = run_prim(x, y, min_density=min_density)
            rules = None
        else:
            trajectory, boxes, chosen, rules = run_cart(x, y, seed=seed, min_density=min_density)
    return Discovery(method, boxes, scores, trajectory, chosen, rules, len(y), int(y.sum()))
