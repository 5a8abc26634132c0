"""Classroom dashboard: a Mesa SolaraViz app of the economy (``python run.py dashboard``).

- :mod:`model.dashboard.params`: sliders and switches, and the model they build;
- :mod:`model.dashboard.components`: live plots and the view of the firms;
- :mod:`model.dashboard.i18n`: English and Chinese labels, a CJK font for matplotlib;
- :mod:`model.dashboard.app`: the Solara page (needs the ``dashboard`` extra);
- :mod:`model.dashboard.serve`: the server, answering only requests addressed to it (Host and Origin checked).
"""
