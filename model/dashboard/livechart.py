"""A chart that takes each step's numbers apart from its layout.

:class:`LiveChartWidget` is Solara's ECharts widget (``solara/components/echarts.py``, MIT) with its Vue
template changed (``livechart.vue``): the layout (``option``: titles, axes, legends, series styles) is sent
when it changes, at Reset; each step sends only ``series_data`` (one list of numbers per series), which the
browser merges into the chart. A step of a class of students moves a few hundred numbers, not their charts.
"""

from __future__ import annotations

import traitlets
from solara.components.echarts import EchartsWidget


class LiveChartWidget(EchartsWidget):
    """ECharts with ``series_data`` (each series' values) updated apart from ``option``."""

    template_file = (__file__, "livechart.vue")
    series_data = traitlets.List([]).tag(sync=True)


def LiveChart(option: dict, series_data: list, height: int = 340):
    """A chart of ``option``'s layout showing ``series_data``; only the data travel on a step.

    A plain function, not a component: the element joins its caller's render (one component fewer per chart
    to reconcile on every step of every session).

    Args:
        option: The ECharts option without the series' data (it changes at Reset, not on a step).
        series_data: One list of values per series of ``option``, in its order.
        height: Height in pixels.
    """
    return LiveChartWidget.element(option=option, series_data=series_data,
                                   attributes={"style": f"height: {height}px; width: 100%"}, responsive=True)
