"""Write files atomically, all or nothing: {path: bytes} → the files, complete, or none changed.

Every file is first written to a temporary file in its own folder and flushed
to disk; only when all of them are safely on disk are they moved over the old
ones with `os.replace` (which cannot half-happen).  If any write fails (a full
disk, a read-only folder), the temporary files are removed and every old
output stays as it was.  A process killed between staging and renaming
(SIGKILL, power loss) cannot clean up; `remove_leftovers` does it later, for
the one who holds the folder's lock.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import WriteError

LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The name `_stage` gives a temporary file: `.<name>.<8 random characters>.tmp`."""


def _stage(path: Path, data: bytes) -> str:
    import tempfile  # here: a build with nothing to write needs no temporary files

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


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files a killed writer left in `folder` and its subfolders (one level deep).

    Only call this while no one else can be writing there (holding the folder's lock)."""
    folder = Path(folder)
    inside = [folder, *(sub for sub in folder.iterdir() if sub.is_dir() and not sub.is_symlink())] if folder.is_dir() else []
    for candidate in (path for sub in inside for path in sub.glob(".*.tmp")):  # never in a folder a link leads to
        if LEFTOVER.match(candidate.name) and candidate.is_file() and not candidate.is_symlink():
            _remove(str(candidate))


def refuse_links(folder: Path, paths) -> None:
    """Raise WriteError if a folder between `folder` and one of `paths` is a symbolic link: writing there would
    write wherever it leads, outside `folder`."""
    folder = Path(folder)
    for path in paths:
        for parent in reversed(Path(path).relative_to(folder).parents[:-1]):
            link = folder / parent
            if link.is_symlink():
                raise WriteError(
                    f"{folder.name}/{parent.as_posix()} is a symbolic link (to {os.readlink(link)}); meetingpress "
                    f"writes only inside {folder.name}/ and does not follow links out of it. Remove the link and build again; "
                    "nothing was changed in the outputs"
                )
