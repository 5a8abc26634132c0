"""Write a run's results: timeseries.csv, accounts.csv, summary.json, scenario.resolved.yaml, overview.png.

Everything is written to temporary files first and moved into place only when
all of them are ready, so a failed run leaves nothing half-written.

Every command that writes results (``run``, ``compare``, ``validate``,
``facts``, ``sweep``, ``sensitivity``, ``discover``) writes only into a folder that is new, empty, or
holds an earlier output of the same command, recognised by its summary or
manifest (:func:`prepare_output_dir`); anything else is refused unless
``--force`` is given. The root folder ``/`` is always refused, and an
``--out`` that goes through a symbolic link is named on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from model.errors import UserError, storage_error
from model.scenario_io import dump_scenario

#: The file that marks each command's output folder, and the start of its first line (CSV header) or JSON keys.
MARKERS = {
    "run": ("summary.json", ("scenario", "seed", "final")),
    "compare": ("comparison.csv", "scenario,metric,"),
    "validate": ("validation.csv", "target,"),
    "facts": ("facts.csv", "fact,measured,"),
    "sweep": ("sweep.json", ("fingerprint", "runs", "status")),
    "discover": ("boxes.csv", "method,box,parameter,"),
    "decompose": ("decomposition.csv", "technology,measure,horizon,"),
}
MAX_MARKER_BYTES = 1_000_000


def _read_marker(path: Path) -> str | None:
    """The text of a marker file if it is a small regular file (never a FIFO or device), else None."""
    from model.files import read_input_file

    try:
        return read_input_file(path, "marker", limit=MAX_MARKER_BYTES).decode("utf-8", errors="replace")
    except UserError:
        return None


def output_of(folder: Path, command: str) -> bool:
    """Whether ``folder`` holds an earlier output of ``command`` (its marker file, well formed)."""
    name, expected = MARKERS[command]
    text = _read_marker(folder / name)
    if text is None:
        return False
    if isinstance(expected, str):
        return text.startswith(expected)
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and all(key in data for key in expected)


def announce_link(out: Path) -> None:
    """Say so on stderr when ``out`` (or a folder above it) is a symbolic link leading elsewhere."""
    named = Path(os.path.abspath(out))
    real = named.resolve()
    if real != named:
        print(f"note: --out {out} goes through a symbolic link; the results are written to {real}", file=sys.stderr)


def check_output_target(out: str | Path) -> Path:
    """Refuse an ``out`` that is a file, the root folder, or not writable; return it as a Path (not created)."""
    out = Path(out)
    if Path(os.path.abspath(out)).resolve() == Path(os.path.abspath(os.sep)):
        raise UserError(f"--out {out}: refusing to write into the root folder; name a folder for the results")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a folder")
    parent = out if out.exists() else next((p for p in out.parents if p.exists()), Path("."))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"--out {out}: folder {parent} is not writable; choose another --out")
    return out


def prepare_output_dir(out: str | Path, *, command: str = "run", force: bool = False) -> Path:
    """Check that ``command`` may write its results into ``out``; return it as a Path (not yet created).

    Args:
        out: The output folder.
        command: ``run``, ``compare``, ``validate``, ``facts``, ``sweep`` or ``discover`` (see :data:`MARKERS`).
        force: Write even into a folder that holds other files.

    Raises:
        UserError: ``out`` is ``/``, a file or not writable; or it holds files that are not an earlier output of
            ``command`` and ``force`` is not given.
    """
    out = check_output_target(out)
    announce_link(out)
    if force or not out.exists() or output_of(out, command):
        return out
    try:
        entries = sorted(os.listdir(out))
    except OSError as exc:
        raise UserError(f"--out {out}: cannot read folder ({exc.strerror})") from None
    if entries:
        shown = ", ".join(entries[:3]) + (f" and {len(entries) - 3} more" if len(entries) > 3 else "")
        raise UserError(f"--out {out}: the folder holds files that are not an earlier output of `{command}` "
                        f"({shown}); choose a new or empty folder, or pass --force to write into it anyway")
    return out


@contextmanager
def staged_output(out: str | Path):
    """Yield a staging folder inside ``out``; on success move its files into ``out``.

    Nothing reaches ``out`` unless the whole block succeeds; an OS error (disk
    full, permissions) becomes one clear :class:`UserError` and the staging
    folder is always removed.
    """
    out = check_output_target(out)
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
        raise storage_error(exc, f"--out {out}: cannot write results", "nothing was written") from None
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
    """Write the five standard files of a run into ``out`` atomically (all or nothing)."""
    import matplotlib.pyplot as plt

    from model.plots import overview_figure

    with staged_output(out) as staging:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False, float_format="%.10g")
        result.accounts.to_csv(staging / "accounts.csv", index=False, float_format="%.10g")
        (staging / "summary.json").write_text(json.dumps(result.summary, indent=2, default=float) + "\n")
        resolved = scenario.model_copy(update={"seed": result.summary["seed"], "steps": result.summary["steps"]})
        (staging / "scenario.resolved.yaml").write_text(
            f"# Fully resolved scenario of run {scenario.name!r} (seed {result.summary['seed']}).\n"
            f"# Pass it back to `python run.py run` to reproduce the run.\n" + dump_scenario(resolved))
        figure = overview_figure(result.timeseries, scenario)
        figure.savefig(staging / "overview.png", dpi=110)
        plt.close(figure)
    return Path(out)
