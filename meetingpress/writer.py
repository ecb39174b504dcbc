"""Write files atomically, all or nothing: {path: bytes} → the files, complete, or none changed.

Every file is first written to a temporary file in its own folder and flushed
to disk; only when all of them are safely on disk are they moved over the old
ones with `os.replace` (which cannot half-happen).  If any write fails (a full
disk, a read-only folder), the temporary files are removed and every old
output stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WriteError


def _stage(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def write_all(files: dict[Path, bytes], shown=str) -> None:
    """Write every file or none; `shown(path)` names a path in messages."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
    except OSError as exc:
        for temp, _path in staged:
            _remove(temp)
        target = Path(path)
        raise WriteError(
            f"could not write {shown(target)}: {exc.strerror or exc}; nothing was changed in the outputs"
        ) from None
    except BaseException:
        for temp, _path in staged:
            _remove(temp)
        raise
    for temp, path in staged:
        os.replace(temp, path)


def write_atomic(path: Path, data: bytes) -> None:
    write_all({Path(path): data})
