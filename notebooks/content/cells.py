"""Cell constructors shared by the notebooks, and the first code cell of every notebook.

A notebook is a list of cells: ``md`` (text), ``code``, ``figure`` (code that must
show an image: tagged ``figure``, checked by tests/test_notebooks.py), ``question``
(a question for students) and, in the teacher's versions only, ``answer`` (notes)
and ``answer_code`` (a cell that computes the numbers an answer reads).
"""

from __future__ import annotations

SETUP = '''LANG = "{lang}"  # "en" or "zh": language of figure labels
import time
from pathlib import Path
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from matplotlib.ticker import PercentFormatter
from model import load_scenario, scenario_from_dict, simulate, EconomyModel
from model.metric_catalogue import METRICS
from model.classroom import use_font, table, effect_table

%matplotlib inline
# (after the imports: some of the model's modules switch matplotlib to a backend that only writes files)
LANG = use_font(LANG)  # falls back to English labels if no Chinese font is installed
T = lambda en, zh: zh if LANG == "zh" else en  # pick a label in the notebook's language
ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
SMALL = ["population.firms=300", "population.workers=3000"]  # a classroom-sized economy: runs in a blink'''


def md(en: str, zh: str) -> tuple:
    """A text cell."""
    return ("md", en, zh)


def code(src: str) -> tuple:
    """A code cell."""
    return ("code", src)


def figure(src: str) -> tuple:
    """A code cell that must show a figure (tagged ``figure``; the tests fail if it shows no image)."""
    return ("figure", src)


def question(en: str, zh: str) -> tuple:
    """A question for students (one per cell, so that the teacher's answer can follow it)."""
    return ("question", en, zh)


def answer(en: str, zh: str) -> tuple:
    """Teacher's notes on the question before it (teacher's versions only)."""
    return ("answer", en, zh)


def answer_code(src: str) -> tuple:
    """A cell computing the numbers the teacher's answer reads (teacher's versions only)."""
    return ("answer_code", src)


QUESTIONS = md("## Questions for students", "## 课堂问题")
