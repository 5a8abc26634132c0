"""The classroom notebooks: committed without outputs, in step with notebooks/build.py, a teacher's version with
an answer after every question, and each runs top to bottom from a clean kernel without error, every cell tagged
``figure`` showing an image (English and Chinese; the teacher's versions run the students' code unchanged, then
the answers, so running them covers both)."""

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

VARIANTS = [(name, cells, lang, teacher) for name, cells in build.NOTEBOOKS.items() for lang, teacher in build.VARIANTS]


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def missing_figures(nb) -> list[int]:
    """Indices of cells tagged ``figure`` whose outputs hold no PNG image."""
    return [i for i, cell in enumerate(nb.cells) if "figure" in tags(cell)
            and not any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))]


def bare_figures(nb) -> list[int]:
    """Indices of cells that printed a figure's text (``<Figure size ...>``) without drawing it."""
    return [i for i, cell in enumerate(nb.cells) for out in cell.get("outputs", [])
            if "data" in out and "image/png" not in out["data"]
            and str(out["data"].get("text/plain", "")).startswith("<Figure size")]


def run(nb):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


@pytest.mark.parametrize("name, cells, lang, teacher", VARIANTS, ids=lambda v: v if isinstance(v, str) else None)
def test_notebook_committed_without_outputs_and_up_to_date(name, cells, lang, teacher):
    path = NOTEBOOKS / build.filename(name, lang, teacher)
    assert path.exists(), f"{path.name} missing: run python notebooks/build.py"
    nb = nbformat.read(path, as_version=4)
    assert nb == build.build(name, cells, lang, teacher), f"{path.name} differs from build.py: rebuild it"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name} has outputs"


@pytest.mark.parametrize("name, cells, lang, teacher", VARIANTS, ids=lambda v: v if isinstance(v, str) else None)
def test_questions_figures_and_answers(name, cells, lang, teacher):
    nb = build.build(name, cells, lang, teacher)
    kinds = ["question" if "question" in tags(c) else "teacher" if "teacher" in tags(c) else "other" for c in nb.cells]
    assert kinds.count("question") >= 3
    assert any("figure" in tags(c) for c in nb.cells)
    if not teacher:
        assert "teacher" not in kinds, "a students' notebook shows answers"
        assert kinds[-1] == "question"
        return
    for i, kind in enumerate(kinds):
        if kind == "question":
            assert i + 1 < len(kinds) and kinds[i + 1] == "teacher", f"question in cell {i} has no answer"
    # every question's notes end with a text answer, not only a code cell
    answers = [c for c in nb.cells if "teacher" in tags(c) and c.cell_type == "markdown"]
    assert len(answers) >= kinds.count("question")
    # the students' code runs first and unchanged in the teacher's version: running that one runs both
    student = build.build(name, cells, lang, teacher=False)
    student_code = [c.source for c in student.cells if c.cell_type == "code"]
    last = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "teacher" not in tags(c))
    assert [c.source for c in nb.cells[:last + 1] if c.cell_type == "code" and "teacher" not in tags(c)] == student_code
    assert not any("teacher" in tags(c) and c.cell_type == "code" for c in nb.cells[:last])


def test_a_figure_cell_without_an_image_is_caught():
    """The check the notebook runs rely on: a figure lost to a file-only backend, or a bare Figure, is reported."""
    lost = nbformat.v4.new_notebook()
    lost.cells = [nbformat.v4.new_code_cell("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt"),
                  nbformat.v4.new_code_cell("fig, ax = plt.subplots(); ax.plot([1, 2])", metadata={"tags": ["figure"]}),
                  nbformat.v4.new_code_cell("from matplotlib.figure import Figure\nFigure()")]
    run(lost)
    assert missing_figures(lost) == [1]
    assert bare_figures(lost) == [2]
    shown = nbformat.v4.new_notebook()
    shown.cells = [nbformat.v4.new_code_cell("import matplotlib\nmatplotlib.use('Agg')\n%matplotlib inline\n"
                                             "import matplotlib.pyplot as plt"),
                   nbformat.v4.new_code_cell("fig, ax = plt.subplots(); ax.plot([1, 2])", metadata={"tags": ["figure"]}),
                   nbformat.v4.new_code_cell("from matplotlib.figure import Figure\nf = Figure(); f.subplots(); f",
                                             metadata={"tags": ["figure"]})]
    run(shown)
    assert missing_figures(shown) == [] and bare_figures(shown) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in build.paths() if "_teacher" in p.stem], ids=lambda p: p.stem)
def test_notebook_runs_from_a_clean_kernel_and_shows_its_figures(path):
    """Runs the teacher's versions: the students' code runs in them first and unchanged (checked above)."""
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    run(nb)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert missing_figures(nb) == [], f"{path.name}: figure cells that showed no image"
    assert bare_figures(nb) == [], f"{path.name}: cells that printed a Figure without drawing it"
    print(f"{path.name}: {time.monotonic() - started:.1f}s")
