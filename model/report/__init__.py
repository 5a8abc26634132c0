"""Comparison reports: statistics across seeds, figures with uncertainty bands, HTML/Markdown, en/zh labels.

``python run.py compare`` builds on :func:`model.report.stats.comparison_table`,
:func:`model.report.figures.series_figure` and :func:`model.report.document.write_report`.
"""
