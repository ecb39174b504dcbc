"""The runner's temporary folder in $TMPDIR: made with the build's pid in its name, so that the folders of builds
that are gone without cleaning up (`kill -9`, a power cut) can be recognised and removed by the next build.

    $TMPDIR/meetingpress-<pid>-<random>/    fonts and other files the workers' libraries write while rendering

A build that ends, fails or is stopped (Ctrl+C, SIGTERM: see cli.py) removes its own folder (Runner.close).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile

PREFIX = "meetingpress-"
_NAME = re.compile(r"^meetingpress-(\d+)-[a-z0-9_]+$")


def make() -> str:
    """A new temporary folder for this process, after removing those that dead builds left."""
    remove_stale()
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")


def remove_stale() -> None:
    """Remove the folders of builds that are gone: ours (same user), named with the pid of no running process."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        match = _NAME.match(entry.name)
        try:
            if not match or not entry.is_dir(follow_symlinks=False) or _alive(int(match.group(1))):
                continue
            if entry.stat(follow_symlinks=False).st_uid == os.geteuid():
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
