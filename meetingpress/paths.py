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
DRAFTS = "_drafts"
"""Where `--draft` builds write, `output/_drafts/<id>/`: never over a published output, never in the archive."""


def search_path(overrides: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """Existing override folders first, then the built-in templates; no duplicates."""
    seen: list[Path] = []
    for folder in (*overrides, BUILTIN_TEMPLATES):
        folder = Path(folder).resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return tuple(seen)
