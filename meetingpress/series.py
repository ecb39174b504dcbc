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
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Location, Problem
from .loader import Source, load, nodes

SERIES_DIR = "series"
SERIES_ONLY = ("name", "templates")


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
    """The existing templates folders the series files name (one may lie outside the project)."""
    found = []
    for name in series_names(content):
        path = content / SERIES_DIR / f"{name}.yaml"
        try:
            templates = load(path).data.get("templates")
        except (ContentError, OSError, AttributeError):
            continue  # a broken series file is the build's to report
        if isinstance(templates, str) and (path.parent / templates).is_dir():
            found.append((path.parent / templates).resolve())
    return sorted(set(found))


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
    path = content / SERIES_DIR / f"{ref}.yaml"
    if not path.is_file():
        known = series_names(content)
        close = difflib.get_close_matches(ref, known, n=1)
        hint = f"did you mean `{close[0]}`?" if close else (
            f"known series: {', '.join(known)}" if known else f"create content/{SERIES_DIR}/{ref}.yaml"
        )
        raise ContentError([Problem(meeting.locate(("series",)), "series", f"no series called `{ref}`; {hint}")])
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
