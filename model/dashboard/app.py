"""The Solara page: a Mesa SolaraViz of the economy, one model per browser session.

Run it with ``python run.py dashboard [--port N] [--lang en|zh]``; the label
language comes from the ``DTABM_DASHBOARD_LANG`` environment variable that
command sets (``DTABM_DASHBOARD_FONT``: the ``--font`` file for the figures). The model is created inside the page component, so every
browser session (every student) steps its own economy.
"""

from __future__ import annotations

import os

import solara
from mesa.visualization import SolaraViz

from model.dashboard.components import COMPONENTS
from model.dashboard.i18n import check_lang, label, use_cjk_font
from model.dashboard.params import DashboardModel, defaults, model_params

LANG = check_lang(os.environ.get("DTABM_DASHBOARD_LANG", "en"))  # labels; figures in English if no font
FONT = os.environ.get("DTABM_DASHBOARD_FONT") or None
use_cjk_font(LANG, FONT)


@solara.component
def Page():
    """One session's dashboard: its own model, sliders, controls and live views."""
    solara.use_memo(lambda: use_cjk_font(LANG, FONT), dependencies=[])  # Solara keeps matplotlib settings per session
    model = solara.use_memo(lambda: DashboardModel(**defaults(LANG)), dependencies=[])
    solara.Title(label("title", LANG))
    return SolaraViz(model, components=[(c, 0) for c in COMPONENTS], model_params=model_params(LANG),
                     name=label("title", LANG), play_interval=150)
