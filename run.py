#!/usr/bin/env python
"""Command line of the digital-transformation model: ``python run.py --help``."""
import sys

if __name__ == "__main__":
    try:  # Ctrl-C while the model's libraries load ends quietly too
        from model.cli import main
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())
