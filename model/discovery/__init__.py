"""Scenario discovery on a finished sweep: where in the parameter space does a target hold?

``python run.py discover SWEEP_DIR --target "..."`` (docs/discovery.md): :mod:`.target` parses the target
safely, :mod:`.sweepdata` reads the sweep's parameters and outcomes, :mod:`.analysis` runs PRIM or CART and
the feature scoring (ema_workbench), :mod:`.figures` and :mod:`.report` write the results.
"""
