"""Where meetingpress keeps its own files (the built-in templates, the catalogs), and the archive page's name.

Kept free of heavy imports: a no-op build needs these paths and nothing else.
"""

from __future__ import annotations

from pathlib import Path

HOME = Path(__file__).resolve().parent.parent
BUILTIN_TEMPLATES = HOME / "templates"
LOCALES = HOME / "locales"
ARCHIVE_PAGE = "index.html"
"""The archive of every meeting, in output/."""


def search_path(overrides: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """Existing override folders first, then the built-in templates; no duplicates."""
    seen: list[Path] = []
    for folder in (*overrides, BUILTIN_TEMPLATES):
        folder = Path(folder).resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return tuple(seen)


def inside(path: Path, *folders: Path) -> bool:
    """Whether `path`, with every link in it followed, lies in one of `folders` (also with links followed)."""
    try:
        real = Path(path).resolve()
        return any(real.is_relative_to(Path(folder).resolve()) for folder in folders)
    except (OSError, RuntimeError, ValueError):
        return False
