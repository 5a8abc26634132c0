"""Write a run's results: timeseries.csv, summary.json, scenario.resolved.yaml, overview.png.

Everything is written to temporary files first and moved into place only when
all of them are ready, so a failed run leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from model.errors import UserError
from model.scenario_io import dump_scenario


def prepare_output_dir(out: str | Path) -> Path:
    """Check that ``out`` can be created and written; return it as a Path (not yet created)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a folder")
    parent = out if out.exists() else next((p for p in out.parents if p.exists()), Path("."))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"--out {out}: folder {parent} is not writable; choose another --out")
    return out


@contextmanager
def staged_output(out: str | Path):
    """Yield a staging folder inside ``out``; on success move its files into ``out``.

    Nothing reaches ``out`` unless the whole block succeeds; an OS error (disk
    full, permissions) becomes one clear :class:`UserError` and the staging
    folder is always removed.
    """
    out = prepare_output_dir(out)
    created = [p for p in (out, *out.parents) if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    except OSError as exc:
        _remove_empty(created)
        raise UserError(f"--out {out}: cannot create folder ({exc.strerror})") from None
    done = False
    try:
        yield staging
        for item in staging.iterdir():
            os.replace(item, out / item.name)
        done = True
    except OSError as exc:
        raise UserError(f"--out {out}: cannot write results ({exc.strerror}); nothing was written") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:
            _remove_empty(created)


def _remove_empty(folders) -> None:
    """Remove the folders this write created, innermost first, if they are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            break


def write_run(result, scenario, out: str | Path) -> Path:
    """Write the four standard files of a run into ``out`` atomically (all or nothing)."""
    import matplotlib.pyplot as plt

    from model.plots import overview_figure

    with staged_output(out) as staging:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False, float_format="%.10g")
        (staging / "summary.json").write_text(json.dumps(result.summary, indent=2, default=float) + "\n")
        resolved = scenario.model_copy(update={"seed": result.summary["seed"], "steps": result.summary["steps"]})
        (staging / "scenario.resolved.yaml").write_text(
            f"# Fully resolved scenario of run {scenario.name!r} (seed {result.summary['seed']}).\n"
            f"# Pass it back to `python run.py run` to reproduce the run.\n" + dump_scenario(resolved))
        figure = overview_figure(result.timeseries, scenario)
        figure.savefig(staging / "overview.png", dpi=110)
        plt.close(figure)
    return Path(out)
