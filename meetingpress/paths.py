"""Where meetingpress keeps its own files: the built-in templates and the catalogs.

Kept free of heavy imports: a no-op build needs these paths and nothing else.
"""

from __future__ import annotations

from pathlib import Path

HOME = Path(__file__).resolve().parent.parent
BUILTIN_TEMPLATES = HOME / "templates"
LOCALES = HOME / "locales"


def search_path(overrides: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """Existing override folders first, then the built-in templates; no duplicates."""
    seen: list[Path] = []
    for folder in (*overrides, BUILTIN_TEMPLATES):
        folder = Path(folder).resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return tuple(seen)
