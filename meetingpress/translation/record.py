"""The sync record of a meeting or series file: `content/.sync/<id>.yaml` ↔ what was confirmed and what is draft.

`fields:` holds, per bilingual field, what the Dutch and the English said when
a person confirmed that they match (`sync confirm`, or an import of a final
translation), and on which day.  `drafts:` holds, per field, a translation an
import wrote that the translator had not marked final (its XLIFF state, such
as `needs-review-translation`): it is "not yet approved" for as long as the
text reads the same, and it is never a confirmation.

The record is meant to be committed; the build never reads it as a meeting
(meetings are `content/*.yaml`, and dot-folders are skipped).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from meetingpress.errors import ContentError, Location, Problem, display_path

SYNC_DIR = ".sync"
HEADER = (
    "# Confirmed translations, written by meetingpress's `sync confirm` and `import`.\n"
    "# Per field: what the Dutch and the English said when someone confirmed that they match,\n"
    "# and (under drafts:) translations imported but not yet approved by the translator.\n"
    "# Commit this file together with the meeting file; do not edit it by hand.\n"
)


@dataclass(frozen=True)
class Confirmed:
    """One field as it was confirmed."""

    nl: str
    en: str
    date: dt.date

    def get(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Draft:
    """A translation imported with a state that is not final: `text` in `lang`, as the translator left it."""

    lang: str
    text: str
    state: str
    date: dt.date


Record = dict[str, Confirmed]  # dotted field path → confirmation
Drafts = dict[str, Draft]  # dotted field path → draft translation
Write = Callable[[Path, bytes], None]
"""Writes one file whole or not at all, or raises `errors.WriteError` naming it: what `sync` and `import` write
their files with (the commands pass the build's atomic writer, which keeps the file's permissions)."""


def record_path(folder: Path, file_id: str) -> Path:
    """The record of `<folder>/<file_id>.yaml`: `<folder>/.sync/<file_id>.yaml`."""
    return folder / SYNC_DIR / f"{file_id}.yaml"


def _order(name: str) -> list:
    """Natural order: items[2] before items[10]."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _load(path: Path, root: Path | None) -> dict | None:
    if not path.is_file():
        return None
    shown = display_path(path, root)
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(Location(shown), "", _damaged(type(exc).__name__))]) from None
    except RecursionError:  # the YAML library builds nested values recursively
        raise ContentError([Problem(Location(shown), "", _damaged("nested too deeply"))]) from None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ContentError([Problem(Location(shown), "", _damaged("no `fields:` mapping"))])
    return data


def _damaged(why: str) -> str:
    return f"this sync record is damaged; delete it and confirm again with meetingpress's `sync confirm` ({why})"


def read_record(path: Path, root: Path | None = None) -> Record | None:
    """The confirmations in `path`, or None when the file was never confirmed."""
    return _record(_load(path, root), path, root)


def read_drafts(path: Path, root: Path | None = None) -> Drafts:
    """The translations imported as drafts (not yet approved), by field."""
    return _drafts(_load(path, root), path, root)


def read_both(path: Path, root: Path | None = None) -> tuple[Record | None, Drafts]:
    """The confirmations and the drafts in `path`, the file read once."""
    data = _load(path, root)
    return _record(data, path, root), _drafts(data, path, root)


def _record(data: dict | None, path: Path, root: Path | None) -> Record | None:
    if data is None:
        return None
    record: Record = {}
    for name, entry in data["fields"].items():
        try:
            record[str(name)] = Confirmed(str(entry["nl"]), str(entry["en"]), _date(entry["confirmed"]))
        except (KeyError, TypeError, ValueError):
            shown = display_path(path, root)
            raise ContentError([Problem(Location(shown), str(name), _damaged("incomplete entry"))]) from None
    return record


def _drafts(data: dict | None, path: Path, root: Path | None) -> Drafts:
    entries = (data or {}).get("drafts") or {}
    drafts: Drafts = {}
    for name, entry in entries.items() if isinstance(entries, dict) else ():
        try:
            lang = str(entry["lang"])
            drafts[str(name)] = Draft(lang, str(entry[lang]), str(entry["state"]), _date(entry["imported"]))
        except (KeyError, TypeError, ValueError):
            shown = display_path(path, root)
            raise ContentError([Problem(Location(shown), str(name), _damaged("incomplete draft entry"))]) from None
    return drafts


def dump_record(record: Record, drafts: Drafts | None = None) -> str:
    """The record as YAML: fields in natural order, keys sorted; same record, same bytes."""
    yaml = YAML()
    yaml.width = 10**9
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda data: True  # the same date twice is written twice, not as &id001
    data: dict = {"fields": {
        name: {"confirmed": record[name].date, "en": record[name].en, "nl": record[name].nl}
        for name in sorted(record, key=_order)
    }}
    if drafts:
        data["drafts"] = {
            name: {"imported": d.date, "lang": d.lang, d.lang: d.text, "state": d.state}
            for name, d in sorted(drafts.items(), key=lambda pair: _order(pair[0]))
        }
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER + buffer.getvalue()


def write_record(write: Write, path: Path, record: Record, drafts: Drafts | None = None) -> None:
    write(path, dump_record(record, drafts).encode("utf-8"))
