"""What one output's render may take: `--timeout` and `--memory-limit` → `Limits`, which the runner enforces.

Kept apart from `build/runner.py` so that the command line and a build with
nothing to do need not import the worker processes.  `seconds` and `megabytes`
check the options as argparse reads them: a value out of range is a usage
error (exit code 2) that says what is allowed.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass

DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY_MB = 2048
TIMEOUT_RANGE = (0.1, 86_400.0)
"""Seconds: from a tenth of a second to a day."""
MEMORY_RANGE = (200, 1_000_000)
"""MB: below about 200 MB a worker cannot even import WeasyPrint; the top is a terabyte."""


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one output may take to render."""
    memory_mb: int = DEFAULT_MEMORY_MB
    """Memory (MB) a worker may allocate for its data."""


def seconds(text: str) -> float:
    """`--timeout`: a number of seconds within TIMEOUT_RANGE (not inf, nan, 0 or below)."""
    low, high = TIMEOUT_RANGE
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time limit; give a number of seconds from {low:g} to {high:g}, such as "
            f"{DEFAULT_TIMEOUT:g}"
        )
    return value


def megabytes(text: str) -> int:
    """`--memory-limit`: a whole number of megabytes within MEMORY_RANGE (0 or a negative number is no limit)."""
    low, high = MEMORY_RANGE
    try:
        value = int(text.strip(), 10)
    except ValueError:
        value = 0
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a memory limit; give a whole number of megabytes from {low} to {high:,}, such as "
            f"{DEFAULT_MEMORY_MB}"
        )
    return value
