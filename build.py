#!/usr/bin/env python3
"""Build the meetings in content/ into output/. See `python build.py --help`."""

import sys
from pathlib import Path

from meetingpress.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent, prog="python build.py"))
