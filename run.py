#!/usr/bin/env python
"""Command line of the digital-transformation model: ``python run.py --help``."""
import sys

from model.cli import main

if __name__ == "__main__":
    sys.exit(main())
