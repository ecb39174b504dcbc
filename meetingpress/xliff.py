"""Translator round-trips: meetings → XLIFF 1.2 for a CAT tool, and its translations → the YAML.

Export writes one `<trans-unit>` per field that needs the target language
(missing, or stale since the last confirmation; `--all`: every field with a
source text).  Its id is the field path, `<source>` the text in the source
language, `<target>` the current translation if there is one, and `<note>`s
the field path and, for a stale text, what changed.  `extradata` holds a hash
of the source, so import can refuse a unit whose source changed since.

Import writes each new target back into the meeting file in place
(`yamledit`), so comments, key order and every untouched line stay byte for
byte, and confirms each pair it wrote in the sync record: the translation was
made from exactly this source.  An untouched export changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import __version__
from .errors import ContentError, Location, Problem, UsageError, WriteError, display_path
from .loader import dotted
from .schema import LANG_NAMES, LANGS
from .sync import Confirmed, compare, fields, other, read_record, record_path, word_diff, write_record
from .targets import placeholder, read_only, refused_target, would_refuse
from .writer import write_atomic
from .yamledit import EditError, set_texts

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MARKDOWN_NOTE = (
    "Texts use inline Markdown: keep *emphasis*, **bold**, `code` and the link marks [text](address) "
    "as they are and translate only the words inside them."
)


def source_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _in_file(source, path: tuple) -> bool:
    """Is this text written in the meeting file itself (not inherited from its series)?"""
    return source.locate(path).file == source.file


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def export(project, loaded: list, lang: str, everything: bool = False) -> tuple[bytes, int]:
    """The XLIFF document for `loaded` meetings into `lang`, and how many units it holds."""
    src = other(lang)
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
    count = 0
    for item in loaded:
        current = fields(item.source, item.meeting)
        record = read_record(record_path(item.path.parent, item.meeting_id), project.root)
        stale = {c.field.name: c for c in compare(current, record).stale if c.stale == lang}
        attributes = {"original": item.source.file, "datatype": "plaintext"}
        file = etree.SubElement(root, _q("file"), attributes, **{"source-language": src, "target-language": lang})
        header = etree.SubElement(file, _q("header"))
        etree.SubElement(header, _q("tool"), {"tool-id": "meetingpress", "tool-name": "meetingpress",
                                               "tool-version": __version__})
        etree.SubElement(header, _q("note")).text = MARKDOWN_NOTE
        body = etree.SubElement(file, _q("body"))
        for name, bilingual in current.items():
            text = bilingual.get(src)
            if not text or not _in_file(item.source, bilingual.path + (src,)):
                continue
            if not everything and bilingual.get(lang) and name not in stale:
                continue
            unit = etree.SubElement(body, _q("trans-unit"), {"id": name, "resname": name, XML_SPACE: "preserve",
                                                             "extradata": source_hash(text)})
            etree.SubElement(unit, _q("source")).text = text
            if bilingual.get(lang):
                state = "needs-translation" if name in stale else "translated"
                etree.SubElement(unit, _q("target"), state=state).text = bilingual.get(lang)
            etree.SubElement(unit, _q("note"), {"from": "meetingpress"}).text = f"Field: {name}"
            if name in stale:
                change = stale[name]
                etree.SubElement(unit, _q("note"), {"from": "meetingpress"}).text = (
                    f"The {LANG_NAMES[src]} changed since the {LANG_NAMES[lang]} was confirmed on "
                    f"{change.confirmed.date.isoformat()}: {change.diff}"
                )
            count += 1
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(root, encoding="UTF-8", pretty_print=True), count


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None)


def _text(element) -> str | None:
    return None if element is None else "".join(element.itertext()).strip()


@dataclass
class Imported:
    """What one import did to one meeting file."""

    file: str
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    untranslated: int = 0


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


def import_file(project, xlf: Path, today: dt.date) -> tuple[list[Imported], list[Problem]]:
    """Write the translations in `xlf` into their meeting files; the problems of units refused."""
    from .builder import load_all

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
        [item] = load_all(project, [path], draft=True)
        result, refused = _import_units(project, item, file, lang, shown, today)
        results.append(result)
        problems += refused
    return results, problems


def _import_units(project, item, file, lang: str, shown: str, today: dt.date) -> tuple[Imported, list[Problem]]:
    src = other(lang)
    current = fields(item.source, item.meeting)
    result, problems, edits, units = Imported(item.source.file), [], {}, {}
    for unit in (u for u in file.iter() if _local(u) == "trans-unit"):
        name, target = unit.get("id", ""), _text(_child(unit, "target"))
        bilingual = current.get(name)
        if bilingual is None or not _in_file(item.source, bilingual.path + (src,)):
            problems.append(Problem(Location(shown, unit.sourceline or 1), name,
                                    f"no such text in {item.source.file}; was the field renamed or removed?"))
            continue
        now = bilingual.get(src) or ""
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
            result.unchanged += 1
        elif refused_target(target):
            problems.append(Problem(Location(shown, unit.sourceline or 1), name, f"not imported: {refused_target(target)}"))
        else:
            edits[bilingual.path + (lang,)] = target
            units[bilingual.path + (lang,)] = Location(shown, unit.sourceline or 1)
            result.written.append(name)
    if edits:
        written = _write(project, item, edits, today, problems, units)
        result.written = [name for name in result.written if current[name].path + (lang,) in written]
    return result, problems


def _source_changed(unit, now: str) -> bool:
    exported = unit.get("extradata") or ""
    if exported.startswith("sha256:"):
        return exported != source_hash(now)
    return (_text(_child(unit, "source")) or "") != now  # a tool dropped the hash: compare the text itself


def _write(project, item, edits: dict[tuple, str], today: dt.date, problems: list[Problem],
           units: dict[tuple, Location]) -> dict[tuple, str]:
    """Write `edits` into the meeting file and confirm them in its sync record; the edits written. An edit that
    would make the file fail `check` is refused at its unit (`units`: where each edit's unit is)."""
    shown = Location(item.source.file)
    if read_only(item.path):
        problems.append(Problem(shown, "", "not imported: the file is read-only; make it writable and import again"))
        return {}
    raw = item.path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    target = record_path(item.path.parent, item.meeting_id)
    record = read_record(target, project.root) or {}  # a damaged record stops the import before anything is written
    edits = dict(edits)
    while edits:
        try:
            data = (b"\xef\xbb\xbf" if bom else b"") + set_texts(raw.decode("utf-8-sig"), edits).encode("utf-8")
        except EditError as exc:
            problems.append(Problem(item.source.locate(exc.path), dotted(exc.path[:-1]), f"not imported: {exc}"))
            del edits[exc.path]
            continue
        refused = would_refuse(project, item, data)
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
    by_path = {bilingual.path: bilingual for bilingual in fields(item.source, item.meeting).values()}
    for path, value in edits.items():
        bilingual = by_path[path[:-1]]
        texts = {lang: bilingual.get(lang) for lang in LANGS} | {path[-1]: value}
        record[bilingual.name] = Confirmed(texts["nl"], texts["en"], today)
    try:
        write_record(target, record)
    except WriteError as exc:  # the meeting file is written: say so, and what is left to do
        names = " ".join(dotted(path[:-1]) for path in edits)
        problems.append(Problem(Location(display_path(target, project.root)), "", (
            f"the sync record could not be written ({exc}). The translations were written into {item.source.file} "
            "but not confirmed; "
            f"run `python build.py sync --confirm {item.source.file} {names}`")))
    return edits
