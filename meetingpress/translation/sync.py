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
from dataclasses import dataclass

from meetingpress.errors import Problem
from meetingpress.loading.read import Source, dotted
from meetingpress.loading.validate import localized_fields
from meetingpress.schema import LANG_NAMES, LANGS, Localized, Meeting
from meetingpress.translation.record import (
    Confirmed,
    Draft,
    Drafts,
    Record,
    dump_record,  # noqa: F401  (the record's own functions, also reached from here)
    read_drafts,
    read_record,
    record_path,
    write_record,  # noqa: F401
)


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


def fields(source: Source, meeting: Meeting | None = None) -> dict[str, Field]:
    """Every field written with `nl:`/`en:` keys in this file, by dotted name, in document order.

    A plain name such as `- Partos` stands for both languages at once, so it
    can neither be missing nor go stale; it is left out.  So are the texts a
    meeting inherits from its series file: they belong to that file's own
    status.  Without a `meeting` (a series file), the texts are read from the
    file's data: every mapping of only `nl:` and `en:`.
    """
    if meeting is None:
        return {dotted(path): Field(path, dotted(path), text) for path, text in _raw_texts(source.data, ())}
    result = {}
    for path, text in localized_fields(meeting):
        if isinstance(_raw(source.data, path), dict) and source.locate(path).file == source.file:
            result[dotted(path)] = Field(path, dotted(path), text)
    return result


def _raw_texts(value, path: tuple):
    if isinstance(value, dict) and value and set(value) <= set(LANGS):
        texts = {lang: value[lang] for lang in LANGS if isinstance(value.get(lang), str)}
        yield path, Localized.model_validate(texts)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _raw_texts(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _raw_texts(child, path + (index,))


def _raw(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def confirm(
    current: dict[str, Field], record: Record | None, names: list[str], today: dt.date
) -> tuple[Record, list[str], list[str]]:  # the drafts of the names confirmed are approved: see translation/confirm.py
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
class Unapproved:
    """A field whose text in `draft.lang` is a translation imported with a state that is not final."""

    field: Field
    draft: Draft

    def message(self) -> str:
        return (
            f"{LANG_NAMES[self.draft.lang]} text not yet approved: the translator left it as "
            f"\u201c{self.draft.state}\u201d (imported on {self.draft.date.isoformat()}); approve it in the "
            "translation tool and import it again, or confirm it with `sync confirm`"
        )


@dataclass(frozen=True)
class Comparison:
    stale: list[Change]
    both_changed: list[Field]
    unconfirmed: list[Field]
    unapproved: list[Unapproved] = ()


def active_drafts(current: dict[str, Field], drafts: Drafts | None) -> dict[str, Draft]:
    """The drafts whose text still reads as imported (a text edited since is the editor's own)."""
    return {
        name: draft for name, draft in (drafts or {}).items()
        if name in current and current[name].get(draft.lang) == draft.text
    }


def compare(current: dict[str, Field], record: Record | None, drafts: Drafts | None = None) -> Comparison:
    """Which complete fields are not yet approved, went stale, changed on both sides, or were never confirmed."""
    stale, both, unconfirmed, unapproved = [], [], [], []
    waiting = active_drafts(current, drafts)
    for name, field in current.items():
        if not field.complete:
            continue  # a missing text is reported as missing, not as stale
        if name in waiting:
            unapproved.append(Unapproved(field, waiting[name]))
            continue
        confirmed = (record or {}).get(name)
        if confirmed is None:
            unconfirmed.append(field)
            continue
        changed = [lang for lang in LANGS if field.get(lang) != confirmed.get(lang)]
        if len(changed) == 1:
            stale.append(Change(field, changed[0], confirmed))
        elif len(changed) == 2:
            both.append(field)
    return Comparison(stale, both, unconfirmed, unapproved)


def stale_problems(source: Source, comparison: Comparison, record: Record | None, warn: bool = True) -> list[Problem]:
    """`file:line:col: field: Dutch changed since …` for each stale field, at the lagging text; `… not yet
    approved` at each draft translation; and (with `warn`) a warning for each field changed on both sides."""
    problems = [
        Problem(source.locate(change.field.path + (change.stale,)), change.field.name, change.message())
        for change in comparison.stale
    ]
    problems += [
        Problem(source.locate(u.field.path + (u.draft.lang,)), u.field.name, u.message())
        for u in comparison.unapproved
    ]
    for field in comparison.both_changed if warn else ():
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


def counts(comparison: Comparison) -> str:
    """"2 stale texts, 1 text not yet approved", or "" when there is neither."""
    parts = []
    if comparison.stale:
        parts.append(f"{len(comparison.stale)} stale text{'s' * (len(comparison.stale) != 1)}")
    if comparison.unapproved:
        n = len(comparison.unapproved)
        parts.append(f"{n} text{'s' * (n != 1)} not yet approved")
    return ", ".join(parts)


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


@dataclass(frozen=True)
class State:
    """The translation state of one loaded meeting (`load.Loaded`) or series file."""

    fields: dict[str, Field]
    record: Record | None
    drafts: Drafts
    comparison: Comparison


def state_of(item, root=None) -> State:
    """Read the record beside `item.path` and compare it with the texts as they read now."""
    current = fields(item.source, item.meeting)
    path = record_path(item.path.parent, item.meeting_id)
    record, drafts = read_record(path, root), read_drafts(path, root)
    return State(current, record, drafts, compare(current, record, drafts))


def pending_line(comparisons: list, files: list[str] | None = None, program: str = "meetingpress") -> str:
    """One line: how many texts are stale or not yet approved, and the command that shows them ("" if none)."""
    stale = sum(len(c.stale) for c in comparisons)
    unapproved = sum(len(c.unapproved) for c in comparisons)
    if not stale and not unapproved:
        return ""
    parts = []
    if stale:
        parts.append(f"{stale} text{'s are' if stale != 1 else ' is'} stale")
    if unapproved:
        parts.append(f"{unapproved} text{'s are' if unapproved != 1 else ' is'} not yet approved")
    command = f"{program} status" + "".join(f" {f}" for f in files or [])
    return f"{' and '.join(parts)}; `{command}` shows them"
