"""The next meeting of a series: (project, series name, date) → `content/<series>-<number>.yaml`, never overwritten.

The number is one more than the highest `number` among the meetings that name
the series (files that cannot be read, or have no whole number, are skipped).
The file holds `series:`, `number` and `date`, and every field the series
file does not provide, walked from the schema in order:

- every bilingual text gets `nl: "TODO: …"` / `en: "TODO: …"` (lists get one
  entry), under a comment taken from the field's docstring in `schema/`;
- `findings` gets one group with one item, or, when the series has recurring
  group headings, one item per series group;
- optional facts (times, a logo, links for further reading) are only named in
  a comment, since there is nothing sensible to guess for them.

So the file passes `check --draft` at once, and a strict `check` lists every
TODO until each is written.  Its first line points editors to the project's
copy of the meeting schema (`schemas/`, see schema/editor.py).
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from meetingpress.errors import ContentError, UsageError, display_path
from meetingpress.loading.read import load, strings
from meetingpress.loading.series import SERIES_DIR, series_names
from meetingpress.project import MEETING_ID, Project
from meetingpress.schema import LANG_NAMES, LANGS, Group, Localized, Meeting, is_placeholder, unwrap
from meetingpress.schema.docstrings import documented
from meetingpress.schema.editor import FILES, PROJECT_FOLDER, modeline

TODO = {lang: f"TODO: write the {LANG_NAMES[lang]} text" for lang in LANGS}
EXAMPLE_GROUP = "example"


@dataclass(frozen=True)
class Scaffold:
    path: Path
    number: int
    text: str

    @property
    def todos(self) -> int:
        """How many texts are still to write."""
        return sum(self.text.count(f'"{todo}"') for todo in TODO.values())


def _kind(info: FieldInfo) -> tuple[str, typing.Any]:
    """("text" | "texts" | "model" | "models" | "groups" | "fact", the inner model if any)."""
    annotation = unwrap(info.annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        inner = unwrap(args[0])
        if inner is Localized:
            return "texts", None
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "models", inner
    if origin is dict:
        return "groups", None
    if annotation is Localized:
        return "text", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "fact", None


def _comment(info: FieldInfo, pad: str, note: str = "") -> list[str]:
    text = (info.description or "").strip() + note
    return [f"{pad}# {line}".rstrip() for line in text.splitlines()]


def _todo(pad: str, first: str = "") -> list[str]:
    """`nl: "TODO: …"` and `en: "TODO: …"`, the first line optionally prefixed (`- ` in a list)."""
    lines = [f'{pad}{lang}: "{TODO[lang]}"' for lang in LANGS]
    if first:
        lines[0] = pad[: -len(first)] + first + lines[0][len(pad):]
    return lines


def _needs_guess(model: type[BaseModel]) -> bool:
    """A model with a required fact (a file name, an address) the scaffold cannot write."""
    return any(info.is_required() and _kind(info)[0] == "fact" for info in model.model_fields.values())


def _item(model: type[BaseModel], pad: str) -> list[str]:
    """One list entry of `model`: its lines with `- ` before the first key."""
    lines = _fields(model, {}, pad + "  ")
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    lines[first] = pad + "- " + lines[first][len(pad) + 2:]
    return [pad + line.lstrip() for line in lines[:first]] + lines[first:]


def _fields(model: type[BaseModel], provided: dict, pad: str, skip: tuple = ()) -> list[str]:
    """The YAML lines for every field of `model` not in `provided` (what the series gives)."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        kind, inner = _kind(info)
        if name in skip or (name in provided and kind != "model"):
            continue
        optional = "" if info.is_required() else " Optional: delete it if there is none."
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("scaffold") == "named":
            lines.append(f"{pad}# {name}: {(info.description or '').splitlines()[0]}")  # what a meeting may add
            continue
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("generated"):
            lines.append(f"{pad}# {name}: Optional. {(info.description or '').splitlines()[0]}")  # made when left out
            continue
        own = provided.get(name) if isinstance(provided.get(name), dict) else {}
        if name in provided:  # a model the series gives in part: only the rest
            body = _fields(inner, own, pad + "  ") if own else []
            if any(not line.lstrip().startswith("#") for line in body):
                lines += _comment(info, pad) + [f"{pad}{name}:"] + body
        elif kind == "text":
            lines += _comment(info, pad, optional) + [f"{pad}{name}:"] + _todo(pad + "  ")
        elif kind == "texts":
            lines += _comment(info, pad, optional) + [f"{pad}{name}:"] + _todo(pad + "    ", "- ")
        elif kind == "model" and info.is_required():
            lines += _comment(info, pad) + [f"{pad}{name}:"] + _fields(inner, own, pad + "  ")
        elif kind == "models" and (info.is_required() or not _needs_guess(inner)):
            lines += _comment(info, pad, optional) + [f"{pad}{name}:"] + _item(inner, pad + "  ")
        elif kind == "fact" and info.is_required() and isinstance(_minimum(info), int):
            value = _minimum(info)
            lines += _comment(info, pad, f" TODO: replace {value} with the real number.") + [f"{pad}{name}: {value}"]
        elif kind != "groups":  # optional facts: named, not guessed
            what = (info.description or "").splitlines()[0]
            lines.append(f"{pad}# {name}: {what if what.startswith('Optional') else 'Optional. ' + what}")
    return lines


def _minimum(info: FieldInfo):
    return next((m.ge for m in info.metadata if hasattr(m, "ge")), None)


def _findings(series_groups: dict) -> list[str]:
    info = Meeting.model_fields["findings"]
    lines = _comment(info, "") + ["findings:"]
    if not series_groups:
        lines.append(f"  # Rename `{EXAMPLE_GROUP}` to a short key of your own, such as `challenges`.")
        series_groups = {EXAMPLE_GROUP: {}}
    for key, given in series_groups.items():
        given = given if isinstance(given, dict) else {}
        body = _fields(Group, given, "    ")
        lines += [f"  {key}:"] + body if body else [f"  {key}: {{}}"]
    return lines


def _inherited_note(series_file: str, provided: dict) -> list[str]:
    names = [n for n in Meeting.model_fields if n in provided and n != "findings"]
    if isinstance(provided.get("findings"), dict):
        names.append("the findings' group headings")
    lines = [f"# Inherited from {series_file}, so not repeated here: {', '.join(names) or 'only the series name'}."]
    return lines + ["# Write any of those fields below to change it for this meeting only."]


def series_meetings(project: Project, name: str) -> list[tuple[Path, int, dict]]:
    """(file, number, data) of every readable meeting naming series `name` with a whole number."""
    found = []
    for path in project.meetings():
        try:
            data = load(path, project.root).data
        except ContentError:
            continue
        number = data.get("number") if data.get("series") == name else None
        if isinstance(number, str) and number.strip().isdigit():
            found.append((path, int(number), data))
    return found


def next_number(project: Project, name: str) -> int:
    """One more than the highest readable `number` among the meetings naming series `name`."""
    return max([0] + [number for _path, number, _data in series_meetings(project, name)]) + 1


def untouched(data) -> bool:
    """Is every text in this meeting data still a "TODO" placeholder (a scaffold nobody has written in yet)?"""
    texts = [value for _path, value in strings(data) if _path and _path[-1] in LANGS]
    return bool(texts) and all(is_placeholder(text) for text in texts)


def check_new(project: Project, name: str, date: dt.date, number: int | None) -> list[str]:
    """Refuse (UsageError) a second scaffold while an earlier one is untouched, unless `number` is given;
    the warnings worth printing (a date before an earlier meeting's)."""
    meetings = series_meetings(project, name)
    if number is None:
        for path, n, data in meetings:
            if untouched(data):
                raise UsageError(
                    f"{display_path(path, project.root)} (meeting {n}) is still untouched: every text is a TODO. "
                    f"Write that one, or start meeting {next_number(project, name)} anyway with "
                    f"`{project.command} new {name} --number {next_number(project, name)}`"
                )
    warnings = []
    earlier = [(n, data.get("date"), path) for path, n, data in meetings if number is None or n < number]
    for n, when, path in sorted(earlier, key=lambda entry: entry[0]):
        try:
            later = dt.date.fromisoformat(str(when).strip()) > date
        except ValueError:
            continue
        if later:
            warnings.append(f"warning: the date {date.isoformat()} is before that of meeting {n} ({when}, "
                            f"{display_path(path, project.root)}); check --date")
    return warnings


def scaffold(project: Project, name: str, date: dt.date, number: int | None = None) -> Scaffold:
    """The file for the next meeting of series `name` (or meeting `number`), not yet written."""
    documented(Meeting)  # its comments are the fields' docstrings
    series_path = project.content / SERIES_DIR / f"{name}.yaml"
    if not series_path.is_file():
        known = series_names(project.content) if project.content.is_dir() else []
        hint = f"known series: {', '.join(known)}" if known else f"create {SERIES_DIR}/{name}.yaml in content/ first"
        raise UsageError(f"no series called `{name}`; {hint}")
    series = load(series_path, project.root)
    number = number or next_number(project, name)
    meeting_id = f"{name}-{number}"
    if not MEETING_ID.match(meeting_id):
        raise UsageError(f"`{meeting_id}` cannot be a file name: name the series with lower-case letters, digits and '-'")
    provided = {k: v for k, v in series.data.items() if k not in ("name", "templates")}
    path = project.content / f"{meeting_id}.yaml"
    lines = [
        modeline(project.root / PROJECT_FOLDER / FILES["meeting"], path),
        f"# Meeting {number} of the series `{name}`.",
        *_inherited_note(display_path(series_path, project.root), provided),
        f'# Replace every "TODO: …" text; `{project.command} check` lists the ones left.',
        "",
        f"series: {name}",  # a plain word: the file name checks above allow nothing else
        *_comment(Meeting.model_fields["number"], ""),
        f"number: {number}",
        *_comment(Meeting.model_fields["date"], ""),
        f"date: {date.isoformat()}",
        *_fields(Meeting, provided, "", skip=("series", "number", "date", "findings")),
    ]
    if "findings" not in provided or isinstance(provided["findings"], dict):
        lines += _findings(provided.get("findings") or {})
    return Scaffold(path, number, "\n".join(lines) + "\n")


def write_new(scaffold: Scaffold, root: Path | None = None) -> None:
    """Create the file; refuse (UsageError, exit 2) if it exists, whatever it holds."""
    try:
        with scaffold.path.open("x", encoding="utf-8") as handle:
            handle.write(scaffold.text)
    except FileExistsError:
        raise UsageError(
            f"{display_path(scaffold.path, root)} already exists; `new` never overwrites a file. "
            "Rename or move it, or give it the right `number`, then run `new` again"
        ) from None
