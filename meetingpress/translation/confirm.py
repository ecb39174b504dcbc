"""`sync confirm`: a meeting (or series) file (+ field names) → its sync record, confirming both languages as they read now.

Without field names every complete field is confirmed and fields with a
missing text are left out (and named).  With names, only those fields (or
every field under a group such as `findings.recommendations`) are confirmed;
naming a field whose translation is missing is an error at its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from meetingpress.errors import ContentError, Problem, UsageError, display_path
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.sync import confirm, fields, read_drafts, read_record, record_path, write_record


@dataclass(frozen=True)
class Confirmation:
    record: Path
    confirmed: int
    skipped: list[str]
    date: dt.date


def confirm_file(project, file: Path, names: list[str], today: dt.date) -> Confirmation:
    """Record what both languages of `file` say now; the sidecar is written only if all is well."""
    from meetingpress.translation.translatable import load

    [item] = load(project, [file])
    current = fields(item.source, item.meeting)
    target = record_path(item.path.parent, item.meeting_id)
    record = read_record(target, project.root)
    try:
        new, done, skipped = confirm(current, record, names, today)
    except KeyError as exc:
        name = exc.args[0]
        close = difflib.get_close_matches(name, list(current), n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else f"; run `{project.command} status` to see the field names"
        raise UsageError(f"{item.source.file}: no bilingual field `{name}`{hint}") from None
    if names and skipped:
        problems = []
        for name in skipped:
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
    drafts = {name: draft for name, draft in read_drafts(target, project.root).items() if name not in done}
    write_record(target, new, drafts)  # a confirmed draft is approved
    return Confirmation(Path(display_path(target, project.root)), len(done), skipped, today)
