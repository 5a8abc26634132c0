"""Write the classroom notebooks, in English and Chinese, for students and for teachers, without outputs.

Run ``python notebooks/build.py`` after editing the cells in ``notebooks/content/``; it rewrites
``notebooks/NN_name.ipynb`` (English), ``NN_name_zh.ipynb`` (Chinese) and the teacher's versions
``NN_name_teacher.ipynb`` and ``NN_name_teacher_zh.ipynb`` (the same cells, plus answers and notes after each
question). The code is the same in both languages: only the text cells and the ``LANG`` setting differ, and
figure labels follow ``LANG``. Cells that draw a figure are tagged ``figure``: tests/test_notebooks.py fails if
one shows no image.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from content import nb01, nb02, nb03, nb04, nb05  # noqa: E402
from content.cells import SETUP  # noqa: E402

NOTEBOOKS = {
    "01_quick_start": nb01.CELLS,
    "02_what_if": nb02.CELLS,
    "03_inside_the_agents": nb03.CELLS,
    "04_sweeps_and_sensitivity": nb04.CELLS,
    "05_discovery": nb05.CELLS,
}
#: (language, teacher's version) of every notebook written
VARIANTS = [("en", False), ("zh", False), ("en", True), ("zh", True)]
TEACHER_BANNER = ("> **Teacher's version.** The same notebook as the students' one, with answers and notes after "
                  "each question (cells marked *Teacher*). The answers read the numbers this run prints.",
                  "> **教师版。**与学生版相同，只是在每个问题之后附有参考答案和教学说明（标有“教师”的单元格）。"
                  "答案解读的是本次运行打印出的数字。")
TEACHER_MARK = ("**Teacher.** ", "**教师：**")


def filename(name: str, lang: str, teacher: bool = False) -> str:
    """File name of one variant: ``01_quick_start.ipynb``, ``01_quick_start_teacher_zh.ipynb``, ..."""
    return f"{name}{'_teacher' if teacher else ''}{'_zh' if lang == 'zh' else ''}.ipynb"


def build(name: str, cells: list, lang: str, teacher: bool = False) -> nbformat.NotebookNode:
    """One notebook in ``lang`` from the cell list; ``teacher`` keeps the answer cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    zh = lang == "zh"
    for cell in cells:
        kind = cell[0]
        if kind in ("answer", "answer_code") and not teacher:
            continue
        if kind in ("md", "question"):
            new = nbformat.v4.new_markdown_cell(cell[2] if zh else cell[1])
        elif kind == "answer":
            new = nbformat.v4.new_markdown_cell(TEACHER_MARK[zh] + (cell[2] if zh else cell[1]))
        else:
            new = nbformat.v4.new_code_cell(cell[1].replace("{lang}", lang) if cell[1] is SETUP else cell[1])
        tags = {"figure": ["figure"], "question": ["question"], "answer": ["teacher"],
                "answer_code": ["teacher"]}.get(kind)
        if tags:
            new.metadata["tags"] = tags
        nb.cells.append(new)
        if teacher and len(nb.cells) == 1:
            nb.cells.append(nbformat.v4.new_markdown_cell(TEACHER_BANNER[zh], metadata={"tags": ["teacher"]}))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{lang}{'-t' if teacher else ''}-{i:02d}"  # stable ids: rebuilding does not churn
    return nb


def paths() -> list[Path]:
    """Every notebook this script writes."""
    return [HERE / filename(name, lang, teacher) for name in NOTEBOOKS for lang, teacher in VARIANTS]


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        for lang, teacher in VARIANTS:
            path = HERE / filename(name, lang, teacher)
            nbformat.write(build(name, cells, lang, teacher), path)
            print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
