"""Where meetingpress keeps its own files (the built-in templates, the catalogs, the editor schemas), and the
archive page's name.

One place for both ways meetingpress runs.  Installed from a wheel, they are package data in
`meetingpress/_builtin/` (the wheel's build copies the repository's top-level `templates/`, `schemas/` and
`locales/` there, the catalogs compiled to `.mo`; see setup.py), found through `importlib.resources`.  In the
repository, where there is no `_builtin/`, they are those top-level folders themselves, the catalogs as `.po`.

Kept free of heavy imports: a no-op build needs these paths and nothing else.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGED = "_builtin"
"""The folder inside the installed package that holds templates/, schemas/ and locales/."""


def _home() -> Path:
    packaged = resources.files(__package__) / PACKAGED
    if packaged.is_dir():
        if not isinstance(packaged, Path):  # a zipped install: WeasyPrint and Jinja need real files
            raise RuntimeError("meetingpress must be installed as files on disk (pip install), not from a zip file")
        return packaged.resolve()
    return Path(__file__).resolve().parent.parent


HOME = _home()
BUILTIN_TEMPLATES = HOME / "templates"
TEMPLATE_SUFFIXES = (".html", ".j2")
"""The files of a template folder that are Jinja templates (the others are served or read as they are)."""
LOCALES = HOME / "locales"
SCHEMAS = HOME / "schemas"
CATALOG = "messages"
"""The gettext domain: `locales/<lang>/LC_MESSAGES/messages.po` (`.mo` when installed)."""
ARCHIVE_PAGE = "index.html"
STATE_DIR = ".meetingpress"
"""The build records, one per meeting, in `output/` (read and written by build/records.py alone)."""
"""The archive of every meeting, in output/."""
DRAFTS = "_drafts"
"""Where `--draft` builds write, `output/_drafts/<id>/`: never over a published output, never in the archive."""


def catalog(lang: str) -> Path:
    """The catalog of `lang`: the `.po` file in the repository, the compiled `.mo` file when installed."""
    folder = LOCALES / lang / "LC_MESSAGES"
    source = folder / f"{CATALOG}.po"
    return source if source.is_file() else folder / f"{CATALOG}.mo"


def catalogs() -> list[Path]:
    """The catalog of every language there is one for, in order (the outputs' fingerprints read them)."""
    return [catalog(folder.name) for folder in sorted(LOCALES.iterdir()) if folder.is_dir()]


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


def find(name: str, path: tuple[Path, ...]) -> Path:
    """The first file called `name` on the search path (fonts, stylesheets, pptx masters)."""
    for folder in path:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)
