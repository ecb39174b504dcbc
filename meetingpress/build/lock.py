"""One build at a time: `output/` → an exclusive lock held for the whole build.

A second build that starts meanwhile waits for the first to finish (and says
so), or, with `--no-wait`, stops at once with exit code 2.  The lock is an
OS file lock (`flock`), so it is released even when a build is killed; the
next build, once it holds the lock, removes the temporary files a build
killed while writing left behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from meetingpress.build.writer import remove_leftovers
from meetingpress.errors import UsageError, WriteError

LOCK_NAME = ".meetingpress/lock"
_HELD: set[int] = set()


def _forget_in_child() -> None:
    """A forked worker must not keep the build's lock alive after the build lets go of it."""
    for handle in _HELD:
        try:
            os.close(handle)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_forget_in_child)


@contextmanager
def output_lock(output: Path, wait: bool = True, on_wait: Callable[[], None] | None = None):
    path = output / LOCK_NAME
    if path.parent.is_symlink():  # the lock (and the build's records) would be written wherever the link leads
        raise WriteError(f"{output.name}/{path.parent.name} is a symbolic link; remove it and build again")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot write to {output.name}/: {exc.strerror or exc}; nothing was built") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise UsageError(
                    f"another build is writing to {output.name}/ right now; try again when it has finished"
                ) from None
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        _HELD.add(handle)
        remove_leftovers(output)
        yield
    finally:
        _HELD.discard(handle)
        os.close(handle)
