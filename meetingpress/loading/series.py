"""Series defaults: a meeting's `Source` + `content/series/<name>.yaml` → one merged `Source`.

A meeting that says `series: strategic-partnerships` inherits every field of
that series file: the programme's `name` (which becomes the meeting's
`series`), organisers, logo, base URL, output languages, recurring group
headings, and a `templates` override folder.  Anything the meeting writes
itself wins; mappings merge key by key, lists are replaced whole.  Under
`findings`, the series only fills in groups the meeting has.  Every merged
value keeps the location of the file it came from, so errors point at the
right file and line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from meetingpress.errors import ContentError, Location, Problem
from meetingpress.loading.read import Source, load, nodes
from meetingpress.paths import inside

SERIES_DIR = "series"
SERIES_ONLY = ("name", "templates")
SERIES_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A series is named by its file in content/series/, without `.yaml`: a plain name, never a path."""


@dataclass(frozen=True)
class Inherited:
    """What a meeting gets from its series besides data."""

    name: str | None = None
    """The series file's name (without .yaml), or None for a meeting without a series."""
    templates: Path | None = None
    """The series' templates override folder, if it names one."""
    folder: Path | None = None
    """The series' own asset folder, `content/series/<name>/` (for its logo)."""


def series_names(content: Path) -> list[str]:
    return sorted(p.stem for p in (content / SERIES_DIR).glob("*.yaml") if not p.name.startswith("."))


def template_folders(content: Path) -> list[Path]:
    """The existing templates folders the series files name (only those inside the project)."""
    found = []
    for name in series_names(content):
        path = content / SERIES_DIR / f"{name}.yaml"
        try:
            templates = load(path).data.get("templates")
        except (ContentError, OSError, AttributeError):
            continue  # a broken series file is the build's to report
        folder = path.parent / templates if isinstance(templates, str) else None
        if folder and folder.is_dir() and organisation_folder(folder, content):
            found.append(folder.resolve())
    return sorted(set(found))


def organisation_folder(folder: Path, content: Path, root: Path | None = None) -> bool:
    """Whether `folder` may hold templates: inside the project, but not in content/ (where the meetings' own
    folders are) unless in content/series/; links followed."""
    return inside(folder, root or content.parent) and (not inside(folder, content) or inside(folder, content / SERIES_DIR))


def series_file(meeting: Source, ref: str, content: Path) -> Path:
    """`content/series/<ref>.yaml`, or ContentError at the meeting's `series:` line: the name must be a plain
    name (no folder, no `..`, no absolute path) of a series file that exists inside content/series/."""
    known = series_names(content)
    close = difflib.get_close_matches(Path(ref.replace("\\", "/")).stem, known, n=1)
    plain = bool(SERIES_NAME.fullmatch(ref))
    hint = f"did you mean `{close[0]}`?" if close else (
        f"known series: {', '.join(known)}" if known
        else f"create content/{SERIES_DIR}/{ref if plain else '<name>'}.yaml"
    )
    folder = content / SERIES_DIR
    path = folder / f"{ref}.yaml"
    if not plain:
        shown = ref if ref.isprintable() and len(ref) <= 60 else ref[:60].encode("unicode_escape").decode("ascii")
        message = (f"`{shown}` is not a series name: write the plain name of a file in content/{SERIES_DIR}/ "
                   f"(without .yaml, no folders); {hint}")
    elif not path.is_file():
        message = f"no series called `{ref}`; {hint}"
    elif not inside(path, folder):
        message = f"content/{SERIES_DIR}/{ref}.yaml is a link to a file outside content/{SERIES_DIR}/; copy the file in"
    else:
        return path
    raise ContentError([Problem(meeting.locate(("series",)), "series", message)])


def _merge(base, over, path: tuple):
    if isinstance(base, dict) and isinstance(over, dict):
        merged = {}
        if path == ("findings",):
            keys = list(over)  # the series only adds headings to groups the meeting has
        else:
            keys = list(over) + [k for k in base if k not in over and path + (k,) != ("findings",)]
        for key in keys:
            if key in over and key in base:
                merged[key] = _merge(base[key], over[key], path + (key,))
            else:
                merged[key] = over[key] if key in over else base[key]
        return merged
    return over


def apply(meeting: Source, content: Path, root: Path | None = None) -> tuple[Source, Inherited]:
    """The meeting with its series' defaults filled in, and what else the series gives."""
    ref = meeting.data.get("series") if isinstance(meeting.data, dict) else None
    if not isinstance(ref, str):
        return meeting, Inherited()
    path = series_file(meeting, ref, content)
    series = load(path, root)
    if not isinstance(series.data.get("name"), dict):
        raise ContentError(
            [Problem(series.locate(("name",)), "name",
                     "a series file needs `name:` with nl and en (the series as it reads after an ordinal)")]
        )
    defaults = {k: v for k, v in series.data.items() if k not in SERIES_ONLY}
    defaults["series"] = series.data["name"]
    own = {k: v for k, v in meeting.data.items() if k != "series"}
    data = _merge(defaults, own, ())
    locations: dict[tuple, Location] = {}
    for field_path, _value in nodes(data):
        if field_path and field_path[0] == "series":
            series_path = ("name",) + field_path[1:]
            locations[field_path] = series.locations.get(series_path, meeting.locate(("series",)))
        elif field_path in meeting.locations:
            locations[field_path] = meeting.locations[field_path]
        elif field_path in series.locations:
            locations[field_path] = series.locations[field_path]
    locations[()] = meeting.locate(())
    templates = series.data.get("templates")
    if templates is not None and not (isinstance(templates, str) and (path.parent / templates).is_dir()):
        raise ContentError(
            [Problem(series.locate(("templates",)), "templates",
                     "must name a folder of templates, relative to this file (e.g. `templates: ../../templates-partos`)")]
        )
    if templates is not None and not organisation_folder(path.parent / templates, content, root):
        raise ContentError(
            [Problem(series.locate(("templates",)), "templates",
                     f"`{templates}` lies outside the project folder or inside a meeting's folder (links followed); "
                     "keep the templates folder in the project, e.g. `templates: ../../templates-partos`")]
        )
    inherited = Inherited(
        name=ref,
        templates=(path.parent / templates).resolve() if isinstance(templates, str) else None,
        folder=path.parent / ref,
    )
    return Source(meeting.file, data, locations, meeting.todo), inherited


def asset_folder(source: Source, inherited: Inherited, meeting_folder: Path, path: tuple) -> Path:
    """The folder a file named at `path` is relative to: the series' folder when the series file names it."""
    if inherited.folder and source.locate(path).file != source.file:
        return inherited.folder
    return meeting_folder
