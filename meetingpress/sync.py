"""Confirmed translations: a meeting + its sync record → stale fields, with word diffs.

`content/.sync/<id>.yaml` records, per bilingual field, what the Dutch and
the English said when a person confirmed that they match (`sync --confirm`)
and on which day.  It is meant to be committed; the build never reads it as
a meeting (meetings are `content/*.yaml`, and dot-folders are skipped).

A field is stale when one language changed since its confirmation and the
other did not: the unchanged side needs updating.  When both changed, nobody
has confirmed the new pair yet, which is worth a warning but is not stale.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import ContentError, Location, Problem, display_path
from .loader import Source, dotted
from .schema import LANG_NAMES, LANGS, Localized, Meeting
from .validate import localized_fields
from .writer import write_atomic

SYNC_DIR = ".sync"
HEADER = (
    "# Confirmed translations, written by `python build.py sync --confirm` and `import`.\n"
    "# Per field: what the Dutch and the English said when someone confirmed that they match.\n"
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


Record = dict[str, Confirmed]  # dotted field path → confirmation


@dataclass(frozen=True)
class Field:
    """A bilingual field of a meeting: its path, its dotted name and its texts."""

    path: tuple
    name: str
    text: Localized

    def get(self, lang: str) -> str | None:
        return self.text.get(lang)

    @property
    def complete(self) -> bool:
        return all(self.text.get(lang) for lang in LANGS)


def other(lang: str) -> str:
    return "en" if lang == "nl" else "nl"


def fields(source: Source, meeting: Meeting) -> dict[str, Field]:
    """Every field written with `nl:`/`en:` keys, by dotted name, in document order.

    A plain name such as `- Partos` stands for both languages at once, so it
    can neither be missing nor go stale; it is left out.
    """
    result = {}
    for path, text in localized_fields(meeting):
        if isinstance(_raw(source.data, path), dict):
            result[dotted(path)] = Field(path, dotted(path), text)
    return result


def _raw(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def record_path(content: Path, meeting_id: str) -> Path:
    return content / SYNC_DIR / f"{meeting_id}.yaml"


def _order(name: str) -> list:
    """Natural order: items[2] before items[10]."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def read_record(path: Path, root: Path | None = None) -> Record | None:
    """The record in `path`, or None when the meeting was never confirmed."""
    if not path.is_file():
        return None
    shown = display_path(path, root)
    damaged = "this sync record is damaged; delete it and run `python build.py sync --confirm` again ({})"
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(Location(shown), "", damaged.format(type(exc).__name__))]) from None
    except RecursionError:  # the YAML library builds nested values recursively
        raise ContentError([Problem(Location(shown), "", damaged.format("nested too deeply"))]) from None
    record: Record = {}
    entries = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ContentError([Problem(Location(shown), "", damaged.format("no `fields:` mapping"))])
    for name, entry in entries.items():
        try:
            date = entry["confirmed"]
            if not isinstance(date, dt.date):
                date = dt.date.fromisoformat(str(date))
            record[str(name)] = Confirmed(str(entry["nl"]), str(entry["en"]), date)
        except (KeyError, TypeError, ValueError):
            raise ContentError([Problem(Location(shown), str(name), damaged.format("incomplete entry"))]) from None
    return record


def dump_record(record: Record) -> str:
    """The record as YAML: fields in natural order, keys sorted; same record, same bytes."""
    yaml = YAML()
    yaml.width = 10**9
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda data: True  # the same date twice is written twice, not as &id001
    entries = {
        name: {"confirmed": record[name].date, "en": record[name].en, "nl": record[name].nl}
        for name in sorted(record, key=_order)
    }
    buffer = io.StringIO()
    yaml.dump({"fields": entries}, buffer)
    return HEADER + buffer.getvalue()


def write_record(path: Path, record: Record) -> None:
    write_atomic(path, dump_record(record).encode("utf-8"), shown=display_path, keep_mode=True)


def confirm(
    current: dict[str, Field], record: Record | None, names: list[str], today: dt.date
) -> tuple[Record, list[str], list[str]]:
    """The record with the named fields (all when `names` is empty) confirmed as they read now.

    Returns the new record, the names confirmed, and the names left out because
    a language is missing.  A pair confirmed earlier and unchanged since keeps
    its date.  A name may be a group (`findings.recommendations`) and stands
    for every field under it.  Raises KeyError(name) for a name that matches nothing.
    """
    chosen = []
    for name in names:
        matches = [f for f in current if f == name or f.startswith(name + ".") or f.startswith(name + "[")]
        if not matches:
            raise KeyError(name)
        chosen.extend(m for m in matches if m not in chosen)
    new = {} if not names or record is None else dict(record)
    if not names:
        chosen = list(current)
    done, skipped = [], []
    for name in chosen:
        field = current[name]
        if not field.complete:
            skipped.append(name)
            continue
        before = (record or {}).get(name)
        unchanged = before and (before.nl, before.en) == (field.get("nl"), field.get("en"))
        new[name] = before if unchanged else Confirmed(field.get("nl"), field.get("en"), today)
        done.append(name)
    return new, done, skipped


@dataclass(frozen=True)
class Change:
    """A field whose text changed in `changed` since it was confirmed."""

    field: Field
    changed: str
    confirmed: Confirmed

    @property
    def stale(self) -> str:
        """The language that now lags behind."""
        return other(self.changed)

    @property
    def diff(self) -> str:
        return word_diff(self.confirmed.get(self.changed), self.field.get(self.changed) or "")

    def message(self) -> str:
        return (
            f"{LANG_NAMES[self.changed]} changed since the {LANG_NAMES[self.stale]} "
            f"was confirmed on {self.confirmed.date.isoformat()}"
        )


@dataclass(frozen=True)
class Comparison:
    stale: list[Change]
    both_changed: list[Field]
    unconfirmed: list[Field]


def compare(current: dict[str, Field], record: Record | None) -> Comparison:
    """Which complete fields went stale, changed on both sides, or were never confirmed."""
    stale, both, unconfirmed = [], [], []
    for name, field in current.items():
        if not field.complete:
            continue  # a missing text is reported as missing, not as stale
        confirmed = (record or {}).get(name)
        if confirmed is None:
            unconfirmed.append(field)
            continue
        changed = [lang for lang in LANGS if field.get(lang) != confirmed.get(lang)]
        if len(changed) == 1:
            stale.append(Change(field, changed[0], confirmed))
        elif len(changed) == 2:
            both.append(field)
    return Comparison(stale, both, unconfirmed)


def stale_problems(source: Source, comparison: Comparison, record: Record | None) -> list[Problem]:
    """`file:line:col: field: Dutch changed since …` for each stale field, at the lagging text."""
    problems = [
        Problem(source.locate(change.field.path + (change.stale,)), change.field.name, change.message())
        for change in comparison.stale
    ]
    for field in comparison.both_changed:
        date = record[field.name].date.isoformat() if record else ""
        problems.append(
            Problem(
                source.locate(field.path),
                field.name,
                f"Dutch and English both changed since they were confirmed on {date}; "
                "confirm them again once they match",
                warning=True,
            )
        )
    return problems


def word_diff(old: str, new: str, context: int = 8) -> str:
    """`old` → `new` word by word: `[-removed-]{+added+}`, long unchanged stretches shortened."""
    a, b = old.split(), new.split()
    pieces = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            keep_head = 0 if first else context
            keep_tail = 0 if last else context
            if len(words) > keep_head + keep_tail + 1:
                words = words[:keep_head] + ["…"] + (words[len(words) - keep_tail :] if keep_tail else [])
            pieces.append(" ".join(words))
            continue
        removed = "[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else ""
        added = "{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""
        pieces.append(removed + added)
    return " ".join(piece for piece in pieces if piece)
