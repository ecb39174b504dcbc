"""Write files atomically, all or nothing: {path: bytes} → the files, complete, or none changed.

1. Every target is checked first: it must not be a folder, its folder must be
   writable, and in a shared folder (one with the sticky bit, like /tmp) an
   old file that someone else owns cannot be replaced.
2. Every file is written to a temporary file in its own folder and flushed to
   disk.
3. Only when all of them are safely on disk are they moved over the old ones
   with `os.replace` (which cannot half-happen), each old file kept meanwhile
   under a temporary name (a hard link when the file system allows, so the old
   file stays in place until the new one replaces it).  If a move still fails
   (a file made immutable, say), the files already replaced get their old
   contents back.
Whatever fails, no temporary file remains and a WriteError names the file.  A
process killed between staging and renaming (SIGKILL, power loss) cannot clean
up; `remove_leftovers` does it later, for the one who holds the folder's lock.
"""

from __future__ import annotations

import os
import re
import signal
import stat
from pathlib import Path

from meetingpress.errors import WriteError

STOPS = {signal.SIGINT, signal.SIGTERM}
"""Held back while files are written and moved into place, so that a stop cannot leave half of them."""
LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The name of a temporary file (`_stage`) or of a kept old file (`_keep`): `.<name>.<8 characters>.tmp`."""


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


def _obstacle(path: Path, shown) -> str | None:
    """Why a new file cannot take `path`'s place, or None."""
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists() or p.is_symlink()), None)
    if folder is not None and folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {shown(folder)} is not writable for you"
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a path through a file, say: staging would fail the same way
        return exc.strerror or str(exc)
    if stat.S_ISDIR(old.st_mode):
        return "there is a folder of that name; move it out of the way"
    here, me = os.stat(path.parent), os.geteuid()
    if here.st_mode & stat.S_ISVTX and me not in (0, old.st_uid, here.st_uid):
        return (f"it belongs to {_user(old.st_uid)}, and in this shared folder only they may replace it; "
                "ask them to delete it, or write elsewhere")
    return None


def _missing_folders(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet, outermost first."""
    return [p for p in reversed(path.parents) if not p.exists() and not p.is_symlink()]


def _stage(path: Path, data: bytes, mode: int) -> str:
    import tempfile  # here: a build with nothing to write needs no temporary files

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _keep(path: Path) -> str | None:
    """Keep the old file at `path` under a temporary name, for putting it back; None if there is none."""
    import secrets

    kept = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(path, kept, follow_symlinks=False)  # the old file stays in place meanwhile
    except FileNotFoundError:
        return None
    except OSError:  # no hard links here (or not allowed): move it aside instead
        os.replace(path, kept)
    return kept


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _mode(path: Path, keep_mode: bool) -> int:
    if keep_mode:
        try:
            return stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            pass
    return 0o644


def write_all(files: dict[Path, bytes], shown=str, keep_mode: bool = False) -> None:
    """Write every file or none; `shown(path)` names a path in messages. With `keep_mode`, a file that is
    replaced keeps its permissions (a new one gets rw-r--r--, as every output does)."""
    files = {Path(path): data for path, data in files.items()}
    obstacles = [(path, _obstacle(path, shown)) for path in files]
    obstacles = [f"cannot replace {shown(path)}: {why}" for path, why in obstacles if why]
    if obstacles:
        raise WriteError("\n".join(obstacles) + "\nnothing was changed")
    made = sorted({folder for path in files for folder in _missing_folders(path)}, key=lambda p: len(p.parts))
    staged: list[tuple[str, Path]] = []
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)  # Ctrl+C or SIGTERM wait until this is over
    try:
        for path, data in files.items():
            staged.append((_stage(path, data, _mode(path, keep_mode)), path))
    except OSError as exc:
        for temp, _path in staged:
            _remove(temp)
        _remove_folders(made)
        raise WriteError(f"could not write {shown(path)}: {exc.strerror or exc}; nothing was changed") from None
    else:
        _replace_all(staged, shown, made)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _replace_all(staged: list[tuple[str, Path]], shown, made: list[Path]) -> None:
    """Move every staged file into place; if one move fails, put back what the others replaced."""
    done: list[tuple[Path, str | None]] = []
    for index, (temp, path) in enumerate(staged):
        kept = None
        try:
            kept = _keep(path)
            os.replace(temp, path)
        except OSError as exc:
            if kept:
                done.append((path, kept))  # its old file is put back with the others
            lost = _restore(done)
            for other, _path in staged[index:]:
                _remove(other)
            _remove_folders(made)
            what = f"could not replace {shown(path)}: {exc.strerror or exc}"
            if lost:
                raise WriteError(f"{what}; could not put back the old {', '.join(shown(p) for p in lost)}") from None
            raise WriteError(f"{what}; nothing was changed") from None
        done.append((path, kept))
    for _path, kept in done:
        if kept:
            _remove(kept)


def _restore(done: list[tuple[Path, str | None]]) -> list[Path]:
    """Put back the old files (or remove the new ones that had none), last first; the paths that failed."""
    lost = []
    for path, kept in reversed(done):
        try:
            if kept:
                os.replace(kept, path)
            else:
                os.unlink(path)
        except OSError:
            lost.append(path)
    return lost


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders staging made, innermost first, if they are empty again."""
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass


def write_atomic(path: Path, data: bytes, shown=str, keep_mode: bool = False) -> None:
    write_all({Path(path): data}, shown, keep_mode)


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
