"""`import`: a translated XLIFF 1.2 file → its translations written into the meeting (or series) files, by state.

Only a target the translator marked final counts as a translation
(`xliff.unit_state`).  It is written into the file in place (`yamledit`:
comments, key order and every untouched line stay byte for byte) and the pair
is confirmed in the sync record; a final unit whose target is unchanged
confirms the text it holds (which clears a stale mark).

A target in any other state (`new`, `needs-translation`, `needs-review-…`, a
fuzzy match marked `approved="no"`) is written as a draft: the record keeps
it under `drafts:` with the translator's state, builds refuse it and `status`
reports it as "not yet approved" until it comes back final or someone
confirms it.  It is never recorded as confirmed.  An empty target, a
placeholder ("TODO: …"), a draft target that only repeats the source or the
text already there, and a unit whose source changed since the export are
skipped.

A translation comes from outside (a translator's CAT tool), so it is held to
what the loader and the schema demand of every text: a target holding
characters no meeting file may hold (U+0085, a lone carriage return) is
refused at its unit, and so is an edit that would make the meeting file fail
the steps of `check --draft` (`load.load_one`: load, series, schema, images,
fonts; as a draft, since texts still to translate are no reason to refuse the
others).  Import writes nothing that fails them, and nothing into a file made
read-only.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from meetingpress.errors import ContentError, Location, Problem, WriteError, display_path
from meetingpress.loading.read import dotted, refused_characters
from meetingpress.schema import LANG_NAMES, LANGS, is_placeholder
from meetingpress.translation.compare import word_diff
from meetingpress.translation.ready import load_files
from meetingpress.translation.record import Confirmed, Draft, Write, read_both, read_record, record_path, write_record
from meetingpress.translation.translatable import Field, SeriesFile, fields, other
from meetingpress.translation.xliff import child, local, read, source_hash, text, unit_state
from meetingpress.translation.yamledit import EditError, set_texts

if TYPE_CHECKING:
    from meetingpress.project import Project
    from meetingpress.translation.translatable import Translatable


@dataclass
class Imported:
    """What one import did to one file."""

    file: str
    written: list[str] = field(default_factory=list)
    """Final translations written and confirmed."""
    confirmed: list[str] = field(default_factory=list)
    """Final units whose target was already in the file: confirmed as they read (a stale mark cleared)."""
    drafts: Counter[str] = field(default_factory=Counter)
    """Draft translations written, by the translator's state."""
    unchanged: int = 0
    untranslated: int = 0

    def summary(self) -> str:
        parts = [f"{len(self.written)} written and confirmed (final)"]
        if self.confirmed:
            parts.append(f"{len(self.confirmed)} final and unchanged: confirmed as they read, which clears a stale or draft mark")
        total = sum(self.drafts.values())
        states = ", ".join(f"{n} {state}" for state, n in sorted(self.drafts.items()))
        parts.append(f"{total} written as draft{'s' * (total != 1)}, not yet approved" + (f" ({states})" if total else ""))
        parts.append(f"{self.unchanged + self.untranslated} skipped ({self.untranslated} untranslated, "
                     f"{self.unchanged} unchanged)")
        return f"{self.file}: " + "; ".join(parts)


@dataclass(frozen=True)
class Import:
    """What an import did: each file's result, and every unit (or `<file>`) refused, in the order of the XLIFF."""

    files: list[Imported]
    problems: list[Problem]


@dataclass
class _Units:
    """What the units of one `<file>` ask for."""

    edits: dict[tuple, str] = field(default_factory=dict)
    """Text path (the field's path + the language) → the translation to write."""
    where: dict[tuple, Location] = field(default_factory=dict)
    """Text path → the unit that asks for it."""
    states: dict[str, str | None] = field(default_factory=dict)
    """Field name → the translator's state of its edit (None: final)."""
    confirms: list[str] = field(default_factory=list)
    """Final units whose target the file already holds."""


def import_file(project: Project, xlf: Path, today: dt.date, write: Write) -> Import:
    """Write the translations in `xlf` into their files (and their sync records) with `write`."""
    shown = display_path(xlf)
    results, problems = [], []
    for file in (c for c in read(xlf) if local(c) == "file"):
        here = Location(shown, file.sourceline or 1)
        original, lang = file.get("original") or "", file.get("target-language", "").split("-")[0].lower()
        path = (project.root / original).resolve()
        if not original or not path.is_file() or path.suffix != ".yaml" or not path.is_relative_to(project.root):
            problems.append(Problem(here, "", f"`original=\"{original}\"` is not a meeting file of this project"))
            continue
        if lang not in LANGS or file.get("source-language", "").split("-")[0].lower() != other(lang):
            problems.append(Problem(here, "", "languages must be source-language nl with target-language en, or the reverse"))
            continue
        [item] = load_files(project, [path])
        current = fields(item.source, item.meeting)
        result = Imported(item.source.file)
        units = _units(item, current, file, lang, shown, result, problems)
        _apply(project, item, current, lang, units, today, write, result, problems)
        results.append(result)
    return Import(results, problems)


def _units(item: Translatable, current: dict[str, Field], file: etree._Element, lang: str, shown: str,
           result: Imported, problems: list[Problem]) -> _Units:
    """Go through the units of one `<file>`: count the skipped ones in `result`, add the refused ones to `problems`."""
    src = other(lang)
    units = _Units()
    for unit in (u for u in file.iter() if local(u) == "trans-unit"):
        name, target_element = unit.get("id", ""), child(unit, "target")
        target = text(target_element)
        bilingual = current.get(name)
        if bilingual is None:
            problems.append(Problem(Location(shown, unit.sourceline or 1), name,
                                    f"no such text in {item.source.file}; was the field renamed or removed?"))
            continue
        now = bilingual.get(src) or ""
        state = unit_state(unit, target_element)
        if _source_changed(unit, now):
            then = text(child(unit, "source")) or ""
            problems.append(Problem(
                item.source.locate(bilingual.path + (src,)), name,
                f"not imported: the {LANG_NAMES[src]} text changed since the export "
                f"({word_diff(then, now)}); export it again",
            ))
        elif not target or is_placeholder(target):  # "TODO: …" marks a text still to write, as in a meeting file
            result.untranslated += 1
        elif target == (bilingual.get(lang) or ""):
            if state is None:
                units.confirms.append(name)
            else:
                result.unchanged += 1
        elif state is not None and target == now:
            result.untranslated += 1  # the source copied into the target (state "new"): not a translation
        elif refused_characters(target):
            problems.append(Problem(Location(shown, unit.sourceline or 1), name, (
                f"not imported: the translation holds {refused_characters(target)[0]}, which a meeting file "
                "cannot hold; remove it and import again")))
        else:
            units.edits[bilingual.path + (lang,)] = target
            units.where[bilingual.path + (lang,)] = Location(shown, unit.sourceline or 1)
            units.states[name] = state
    return units


def _apply(project: Project, item: Translatable, current: dict[str, Field], lang: str, units: _Units, today: dt.date,
           write: Write, result: Imported, problems: list[Problem]) -> None:
    """Write the edits `units` ask for into the file, then confirm or keep as drafts in its sync record."""
    record_file = record_path(item.path.parent, item.meeting_id)
    read_record(record_file, project.root)  # a damaged record stops the import before anything is written
    written = _write(project, item, units, write, problems) if units.edits else {}
    by_path = {bilingual.path: bilingual for bilingual in current.values()}
    texts = {by_path[path[:-1]].name: value for path, value in written.items()}
    for name in texts:
        if units.states[name] is None:
            result.written.append(name)
        else:
            result.drafts[units.states[name]] += 1
    try:
        _record(project, item, current, lang, texts, units, today, write, result)
    except WriteError as exc:  # the file is written: say so, and what is left to do
        problems.append(Problem(Location(display_path(record_file, project.root)), "", (
            f"the sync record could not be written ({exc}). The translations were written into {item.source.file} "
            f"but not recorded; confirm them with `{project.command} sync confirm {item.source.file} "
            + " ".join(texts) + "`")))


def _record(project: Project, item: Translatable, current: dict[str, Field], lang: str, texts: dict[str, str],
            units: _Units, today: dt.date, write: Write, result: Imported) -> None:
    """Confirm the final translations `texts` (and final units that came back unchanged); keep the drafts as drafts."""
    target = record_path(item.path.parent, item.meeting_id)
    record, drafts = read_both(target, project.root)
    before = (dict(record or {}), dict(drafts))
    record = dict(record or {})
    for name in [*texts, *units.confirms]:
        pair = {lang_: current[name].get(lang_) for lang_ in LANGS} | ({lang: texts[name]} if name in texts else {})
        if name in texts and units.states[name] is not None:
            drafts[name] = Draft(lang, texts[name], units.states[name], today)
            continue
        drafts.pop(name, None)
        old = record.get(name)
        if old is None or (old.nl, old.en) != (pair["nl"], pair["en"]):
            record[name] = Confirmed(pair["nl"], pair["en"], today)
            if name in units.confirms:
                result.confirmed.append(name)
        elif name in units.confirms:
            result.unchanged += 1
    if (record, drafts) != before:
        write_record(write, target, record, drafts)


def _source_changed(unit: etree._Element, now: str) -> bool:
    exported = unit.get("extradata") or ""
    if exported.startswith("sha256:"):
        return exported != source_hash(now)
    return (text(child(unit, "source")) or "") != now  # a tool dropped the hash: compare the text itself


def _write(project: Project, item: Translatable, units: _Units, write: Write,
           problems: list[Problem]) -> dict[tuple, str]:
    """Write the edits into the file; the edits written.  An edit that would make a meeting file fail `check` is
    refused at its unit; a read-only file is not written at all."""
    shown = Location(item.source.file)
    if _read_only(item.path):
        problems.append(Problem(shown, "", "not imported: the file is read-only; make it writable and import again"))
        return {}
    raw = item.path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    edits = dict(units.edits)
    while edits:
        try:
            data = (b"\xef\xbb\xbf" if bom else b"") + set_texts(raw.decode("utf-8-sig"), edits).encode("utf-8")
        except EditError as exc:
            problems.append(Problem(item.source.locate(exc.path), dotted(exc.path[:-1]), f"not imported: {exc}"))
            del edits[exc.path]
            continue
        refused = [] if isinstance(item, SeriesFile) else _would_refuse(project, item.path, data)
        if not refused:
            break
        mine = {path for path in edits for problem in refused if problem.field == dotted(path)}
        for problem in refused:
            path = next((path for path in mine if problem.field == dotted(path)), None)
            if path or not mine:  # a problem no one edit causes refuses them all
                where = units.where[path] if path else units.where[next(iter(edits))]
                problems.append(Problem(where, dotted(path[:-1]) if path else problem.field,
                                        f"not imported: {problem.message}"))
        for path in mine or list(edits):
            del edits[path]
    if not edits:
        return edits
    try:
        write(item.path, data)
    except WriteError as exc:  # reported with the other files' results, which were written
        problems.append(Problem(shown, "", f"not imported: {exc}"))
        return {}
    return edits


def _would_refuse(project: Project, path: Path, data: bytes) -> list[Problem]:
    """The problems `check --draft` would report if the meeting file at `path` held `data`."""
    from meetingpress.loading.load import load_one

    try:
        load_one(project, path, draft=True, raw=data)
    except ContentError as exc:
        return exc.problems
    return []


def _read_only(path: Path) -> bool:
    """Has the file been made read-only (no write permission for anyone, or none for us)?"""
    return not stat.S_IMODE(os.stat(path).st_mode) & 0o222 or not os.access(path, os.W_OK)
