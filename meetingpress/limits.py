"""What one output's render may take: `--timeout` and `--memory-limit` → `Limits`, which the runner enforces.

Kept apart from `runner.py` so that the command line and a build with
nothing to do need not import the process pools.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one output may take to render."""
    memory_mb: int = DEFAULT_MEMORY_MB
    """Memory (MB) a worker may allocate for its data."""
