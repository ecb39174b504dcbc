"""Staleness: a meeting or series file + its sync record → stale, unapproved and unconfirmed fields, with word diffs.

The record (`record.py`) holds, per bilingual field, what the Dutch and the
English said when a person confirmed that they match.  A field is stale when
one language changed since its confirmation and the other did not: the
unchanged side needs updating.  When both changed, nobody has confirmed the
new pair yet, which is worth a warning but is not stale.  A draft translation
that still reads as imported is not yet approved.  A build refuses stale and
unapproved texts (`unpublishable`, which ready.py asks); `status`, `export` and the drafts' marks
read the same comparison (`state_of`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress.errors import Problem
from meetingpress.loading.read import Source
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.record import Confirmed, Draft, Drafts, Record, read_both, record_path
from meetingpress.translation.translatable import Field, SeriesFile, fields, inherited_from, other

if TYPE_CHECKING:
    from meetingpress.project import Project
    from meetingpress.translation.translatable import Translatable


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
    """The complete fields of one file, by how they stand against its record."""

    stale: list[Change]
    both_changed: list[Field]
    unconfirmed: list[Field]
    unapproved: list[Unapproved]


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
    comparison: Comparison


def state_of(item: Translatable, root: Path | None = None) -> State:
    """Read the record beside `item.path` and compare it with the texts as they read now."""
    current = fields(item.source, item.meeting)
    path = record_path(item.path.parent, item.meeting_id)
    record, drafts = read_both(path, root)
    return State(current, record, compare(current, record, drafts))


def unpublishable(project: Project, item: Translatable) -> tuple[list[Problem], list[Comparison]]:
    """What keeps a meeting from being published besides missing texts: (problems, comparisons: the meeting's,
    then those of the series files it inherits texts from).  (A pair, as `loading/load.py` unpacks it.)

    Stale and not yet approved texts of the meeting and of the series files it
    inherits texts from, each at its `file:line`; texts changed on both sides
    or never confirmed do not count (see docs/sync.md)."""
    owners = [item, *(SeriesFile.read(project, project.root / shown) for shown in inherited_from(item))]
    problems, comparisons = [], []
    for owner in owners:
        state = state_of(owner, project.root)
        problems += stale_problems(owner.source, state.comparison, state.record, warn=False)
        comparisons.append(state.comparison)
    return problems, comparisons


def pending_line(comparisons: list[Comparison], files: list[str] | None = None, program: str = "meetingpress") -> str:
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
