#!/usr/bin/env python3
"""Build the meetings in content/ into output/. See `python build.py --help`."""

from pathlib import Path

from meetingpress.cli import run

if __name__ == "__main__":
    run(root=Path(__file__).resolve().parent, prog="python build.py")
