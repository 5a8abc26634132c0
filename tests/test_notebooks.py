"""The classroom notebooks: committed without outputs, in step with notebooks/build.py, and each runs
top to bottom from a clean kernel without error (English and Chinese)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
spec = importlib.util.spec_from_file_location("notebook_build", NOTEBOOKS / "build.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


def test_four_notebooks_in_two_languages_without_outputs_and_up_to_date():
    paths = build.paths()
    assert len(paths) >= 8
    for (name, cells), lang in [(item, lang) for item in build.NOTEBOOKS.items() for lang in ("en", "zh")]:
        path = NOTEBOOKS / f"{name}{'' if lang == 'en' else '_zh'}.ipynb"
        assert path.exists(), f"{path.name} missing: run python notebooks/build.py"
        nb = nbformat.read(path, as_version=4)
        assert nb == build.build(name, cells, lang), f"{path.name} differs from build.py: rebuild it"
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name} has outputs"
        assert "Question" in nb.cells[-1].source or "问题" in nb.cells[-1].source


@pytest.mark.slow
@pytest.mark.parametrize("path", build.paths(), ids=lambda p: p.stem)
def test_notebook_runs_from_a_clean_kernel(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    print(f"{path.name}: {time.monotonic() - started:.1f}s")
