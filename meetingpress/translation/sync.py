"""`sync confirm`: a meeting (or series) file (+ field names) → its sync record, confirming both languages as they read now.

Without field names every complete field is confirmed and fields with a
missing text are left out (and named).  With names, only those fields (or
every field under a group such as `findings.recommendations`) are confirmed;
naming a field whose translation is missing is an error at its line.  A pair
confirmed earlier and unchanged since keeps its date, and a draft translation
that is confirmed is approved (it leaves the record's `drafts:`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress.errors import ContentError, Problem, UsageError, display_path
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.ready import load_files
from meetingpress.translation.record import (
    Confirmed,
    Record,
    Write,
    read_drafts,
    read_record,
    record_path,
    write_record,
)
from meetingpress.translation.translatable import Field, fields

if TYPE_CHECKING:
    from meetingpress.project import Project


@dataclass(frozen=True)
class Confirming:
    """The record after confirming, and which fields were confirmed and which were left out."""

    record: Record
    done: list[str]
    """The fields confirmed (a pair unchanged since its confirmation keeps its date)."""
    skipped: list[str]
    """The fields left out because a language is missing."""


def confirm(current: dict[str, Field], record: Record | None, names: list[str], today: dt.date) -> Confirming:
    """The record with the named fields (all when `names` is empty) confirmed as they read now.

    A name may be a group (`findings.recommendations`) and stands for every
    field under it.  Raises KeyError(name) for a name that matches nothing.
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
    return Confirming(new, done, skipped)


@dataclass(frozen=True)
class Confirmation:
    """What `sync confirm` did, for its message."""

    record: Path
    """The sync record written, as shown."""
    confirmed: int
    skipped: list[str]
    date: dt.date


def confirm_file(project: Project, file: Path, names: list[str], today: dt.date, write: Write) -> Confirmation:
    """Record what both languages of `file` say now; the record is written (with `write`) only if all is well."""
    [item] = load_files(project, [file])
    current = fields(item.source, item.meeting)
    target = record_path(item.path.parent, item.meeting_id)
    record = read_record(target, project.root)
    try:
        confirming = confirm(current, record, names, today)
    except KeyError as exc:
        name = exc.args[0]
        close = difflib.get_close_matches(name, list(current), n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else f"; run `{project.command} status` to see the field names"
        raise UsageError(f"{item.source.file}: no bilingual field `{name}`{hint}") from None
    if names and confirming.skipped:
        problems = []
        for name in confirming.skipped:
            field = current[name]
            for lang in LANGS:
                if not field.get(lang):
                    problems.append(
                        Problem(
                            item.source.locate(field.path + (lang,)),
                            name,
                            f"cannot confirm: {LANG_NAMES[lang]} text missing",
                        )
                    )
        raise ContentError(problems)
    drafts = {name: draft for name, draft in read_drafts(target, project.root).items() if name not in confirming.done}
    write_record(write, target, confirming.record, drafts)  # a confirmed draft is approved
    shown = Path(display_path(target, project.root))
    return Confirmation(shown, len(confirming.done), confirming.skipped, today)
