"""A translated XLIFF 1.2 file → its translations written into the meeting (or series) files, by workflow state.

Only a target the translator marked final counts as a translation: state
`translated`, `final` or `signed-off` (or no state at all), and not
`approved="no"`.  It is written into the file in place (`yamledit`: comments,
key order and every untouched line stay byte for byte) and the pair is
confirmed in the sync record; a final unit whose target is unchanged confirms
the text it holds (which clears a stale mark).

A target in any other state (`new`, `needs-translation`, `needs-review-…`, a
fuzzy match marked `approved="no"`) is written as a draft: the record keeps
it under `drafts:` with the translator's state, builds refuse it and `status`
reports it as "not yet approved" until it comes back final or someone
confirms it.  It is never recorded as confirmed.  An empty target, a draft
target that only repeats the source or the text already there, and a unit
whose source changed since the export are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from meetingpress.build.writer import write_atomic
from meetingpress.errors import ContentError, Location, Problem, UsageError, WriteError, display_path
from meetingpress.loading.read import dotted
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.sync import (
    Confirmed,
    Draft,
    fields,
    other,
    read_drafts,
    read_record,
    record_path,
    word_diff,
    write_record,
)
from meetingpress.translation.targets import placeholder, read_only, refused_target, would_refuse
from meetingpress.translation.xliff import source_hash
from meetingpress.translation.yamledit import EditError, set_texts

FINAL_STATES = ("translated", "final", "signed-off")


@dataclass
class Imported:
    """What one import did to one file."""

    file: str
    written: list[str] = field(default_factory=list)
    """Final translations written and confirmed."""
    confirmed: list[str] = field(default_factory=list)
    """Final units whose target was already in the file: confirmed as they read (a stale mark cleared)."""
    drafts: Counter = field(default_factory=Counter)
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


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None)


def _text(element) -> str | None:
    return None if element is None else "".join(element.itertext()).strip()


def read(xlf: Path) -> etree._Element:
    shown = display_path(xlf)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(xlf), parser).getroot()
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it ({exc})") from None
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 1
        raise ContentError([Problem(Location(shown, line), "", f"not valid XML: {exc.msg}")]) from None
    if _local(root) != "xliff" or not root.get("version", "").startswith("1."):
        raise ContentError([Problem(Location(shown, root.sourceline or 1), "", "not an XLIFF 1.2 file")])
    return root


def state_of(unit, target) -> str | None:
    """None when the translator marked the unit final; else its state (`needs-translation`, `fuzzy`, …)."""
    state = target.get("state") if target is not None else None
    if unit.get("approved") == "no":
        return state if state and state not in FINAL_STATES else f'{state or "no state"}, approved="no"'
    if state is None or state in FINAL_STATES:
        return None
    return state


def import_file(project, xlf: Path, today: dt.date) -> tuple[list[Imported], list[Problem]]:
    """Write the translations in `xlf` into their files; the problems of units refused."""
    from meetingpress.translation.translatable import load

    shown = display_path(xlf)
    results, problems = [], []
    for file in (c for c in read(xlf) if _local(c) == "file"):
        here = Location(shown, file.sourceline or 1)
        original, lang = file.get("original") or "", file.get("target-language", "").split("-")[0].lower()
        path = (project.root / original).resolve()
        if not original or not path.is_file() or path.suffix != ".yaml" or not path.is_relative_to(project.root):
            problems.append(Problem(here, "", f"`original=\"{original}\"` is not a meeting file of this project"))
            continue
        if lang not in LANGS or file.get("source-language", "").split("-")[0].lower() != other(lang):
            problems.append(Problem(here, "", "languages must be source-language nl with target-language en, or the reverse"))
            continue
        [item] = load(project, [path])
        result, refused = _import_units(project, item, file, lang, shown, today)
        results.append(result)
        problems += refused
    return results, problems


def _import_units(project, item, file, lang: str, shown: str, today: dt.date) -> tuple[Imported, list[Problem]]:
    src = other(lang)
    current = fields(item.source, item.meeting)
    result, problems, edits, states, confirms, units = Imported(item.source.file), [], {}, {}, [], {}
    for unit in (u for u in file.iter() if _local(u) == "trans-unit"):
        name, target_element = unit.get("id", ""), _child(unit, "target")
        target = _text(target_element)
        bilingual = current.get(name)
        if bilingual is None:
            problems.append(Problem(Location(shown, unit.sourceline or 1), name,
                                    f"no such text in {item.source.file}; was the field renamed or removed?"))
            continue
        now = bilingual.get(src) or ""
        state = state_of(unit, target_element)
        if _source_changed(unit, now):
            then = _text(_child(unit, "source")) or ""
            problems.append(Problem(
                item.source.locate(bilingual.path + (src,)), name,
                f"not imported: the {LANG_NAMES[src]} text changed since the export "
                f"({word_diff(then, now)}); export it again",
            ))
        elif not target or placeholder(target):  # "TODO: …" marks a text still to write, as in a meeting file
            result.untranslated += 1
        elif target == (bilingual.get(lang) or ""):
            if state is None:
                confirms.append(name)
            else:
                result.unchanged += 1
        elif state is not None and target == now:
            result.untranslated += 1  # the source copied into the target (state "new"): not a translation
        elif refused_target(target):
            problems.append(Problem(Location(shown, unit.sourceline or 1), name, f"not imported: {refused_target(target)}"))
        else:
            edits[bilingual.path + (lang,)] = target
            units[bilingual.path + (lang,)] = Location(shown, unit.sourceline or 1)
            states[name] = state
    record_file = record_path(item.path.parent, item.meeting_id)
    read_record(record_file, project.root)  # a damaged record stops the import before anything is written
    written = _write(project, item, edits, problems, units) if edits else {}
    by_path = {bilingual.path: bilingual for bilingual in current.values()}
    texts = {by_path[path[:-1]].name: value for path, value in written.items()}
    for name in texts:
        if states[name] is None:
            result.written.append(name)
        else:
            result.drafts[states[name]] += 1
    try:
        _record(project, item, current, lang, texts, states, confirms, today, result)
    except WriteError as exc:  # the file is written: say so, and what is left to do
        problems.append(Problem(Location(display_path(record_file, project.root)), "", (
            f"the sync record could not be written ({exc}). The translations were written into {item.source.file} "
            f"but not recorded; confirm them with `{project.command} sync confirm {item.source.file} "
            + " ".join(texts) + "`")))
    return result, problems


def _record(project, item, current, lang, texts, states, confirms, today, result) -> None:
    """Confirm the final translations (and final units that came back unchanged); keep the drafts as drafts."""
    target = record_path(item.path.parent, item.meeting_id)
    record, drafts = read_record(target, project.root), read_drafts(target, project.root)
    before = (dict(record or {}), dict(drafts))
    record = dict(record or {})
    for name in [*texts, *confirms]:
        pair = {lang_: current[name].get(lang_) for lang_ in LANGS} | ({lang: texts[name]} if name in texts else {})
        if name in texts and states[name] is not None:
            drafts[name] = Draft(lang, texts[name], states[name], today)
            continue
        drafts.pop(name, None)
        old = record.get(name)
        if old is None or (old.nl, old.en) != (pair["nl"], pair["en"]):
            record[name] = Confirmed(pair["nl"], pair["en"], today)
            if name in confirms:
                result.confirmed.append(name)
        elif name in confirms:
            result.unchanged += 1
    if (record, drafts) != before:
        write_record(target, record, drafts)


def _source_changed(unit, now: str) -> bool:
    exported = unit.get("extradata") or ""
    if exported.startswith("sha256:"):
        return exported != source_hash(now)
    return (_text(_child(unit, "source")) or "") != now  # a tool dropped the hash: compare the text itself


def _write(project, item, edits: dict[tuple, str], problems: list[Problem],
           units: dict[tuple, Location]) -> dict[tuple, str]:
    """Write `edits` into the file; the edits written.  An edit that would make a meeting file fail `check` is
    refused at its unit (`units`: where each edit's unit is); a read-only file is not written at all."""
    from meetingpress.translation.translatable import SeriesFile

    shown = Location(item.source.file)
    if read_only(item.path):
        problems.append(Problem(shown, "", "not imported: the file is read-only; make it writable and import again"))
        return {}
    raw = item.path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    edits = dict(edits)
    while edits:
        try:
            data = (b"\xef\xbb\xbf" if bom else b"") + set_texts(raw.decode("utf-8-sig"), edits).encode("utf-8")
        except EditError as exc:
            problems.append(Problem(item.source.locate(exc.path), dotted(exc.path[:-1]), f"not imported: {exc}"))
            del edits[exc.path]
            continue
        refused = [] if isinstance(item, SeriesFile) else would_refuse(project, item, data)
        if not refused:
            break
        mine = {path for path in edits for problem in refused if problem.field == dotted(path)}
        for problem in refused:
            path = next((path for path in mine if problem.field == dotted(path)), None)
            if path or not mine:  # a problem no one edit causes refuses them all
                where = units[path] if path else units[next(iter(edits))]
                problems.append(Problem(where, dotted(path[:-1]) if path else problem.field,
                                        f"not imported: {problem.message}"))
        for path in mine or list(edits):
            del edits[path]
    if not edits:
        return edits
    try:
        write_atomic(item.path, data, shown=display_path, keep_mode=True)
    except WriteError as exc:  # reported with the other files' results, which were written
        problems.append(Problem(shown, "", f"not imported: {exc}"))
        return {}
    return edits
