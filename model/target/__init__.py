"""Target-seeking under uncertainty: ``python run.py target SPEC.yaml`` (see docs/discovery.md).

:mod:`~model.target.spec` reads the spec, :mod:`~model.target.problem` draws the futures and scores a
candidate, :mod:`~model.target.search` runs the optuna study, :mod:`~model.target.outputs` writes the fronts,
the chosen mix and the report.
"""
