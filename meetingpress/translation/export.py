"""`export`: meetings and series files → XLIFF 1.2 of the texts that need translating, for a CAT tool (`import_`
brings it back).

Export writes one `<trans-unit>` per field that needs the target language
(missing, a "TODO" placeholder, stale since the last confirmation, or a draft
not yet approved; `--all`: every field with a source text).  Its id is the
field path, `<source>` the text in the source language, `<target>` the
current translation if there is one, with a state that says how far it is:
`translated` when confirmed, `needs-translation` when stale, the translator's
own state for a draft, `needs-review-translation` when never confirmed.  So
an untouched export, imported, changes nothing.  `<note>`s give the field
path and, for a stale text, what changed.  `extradata` holds a hash of the
source, so import can refuse a unit whose source changed since.  Matches
from the project's other meetings follow as `<alt-trans>` (see `memory.py`):
`match-quality`, `origin` (the file it came from) and a note saying whether
the pair was confirmed.  `output_path` decides which file `-o` may name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from meetingpress import __version__
from meetingpress.errors import UsageError
from meetingpress.loading.series import template_folders
from meetingpress.schema import LANG_NAMES
from meetingpress.translation.compare import state_of
from meetingpress.translation.memory import Match, Memory
from meetingpress.translation.translatable import other
from meetingpress.translation.xliff import NS, XML_LANG, XML_SPACE, q, source_hash, valid_state

if TYPE_CHECKING:
    from meetingpress.project import Project
    from meetingpress.translation.translatable import Translatable

MARKDOWN_NOTE = (
    "Texts use inline Markdown: keep *emphasis*, **bold**, `code` and the link marks [text](address) "
    "as they are and translate only the words inside them."
)


def output_path(project: Project, name: str, files: list[Path], force: bool) -> Path:
    """The file `-o` names, if export may write it: never a folder, a file in content/ (meetings, series, sync
    records, images), one of the `files` exported or a template file; anything else existing only with `force`."""
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"-o {name} is a folder; name the file to write, such as {Path(name) / 'to-translate.xlf'}")
    if not path.exists() and not path.is_symlink():
        return path
    real = path.resolve()
    kept = [(folder, "a template file") for folder in (*project.template_candidates(), *template_folders(project.content))]
    for folder, what in [(project.content, "a file of content/ (a meeting, series or image)"), *kept]:
        if real.is_relative_to(folder.resolve()):
            raise UsageError(f"-o {name} is {what}; export never overwrites it: name another file, such as to-translate.xlf")
    if real in {Path(file).resolve() for file in files}:
        raise UsageError(f"-o {name} is a meeting file; export never overwrites it: name another file, such as to-translate.xlf")
    if not force:
        raise UsageError(f"-o {name} already exists; add --force to overwrite it, or name another file")
    return path


@dataclass(frozen=True)
class Export:
    """The XLIFF document, how many units it holds and how many of them have a match from other files."""

    data: bytes
    count: int
    matched: int


def export(project: Project, loaded: list[Translatable], lang: str, everything: bool = False,
           memory: Memory | None = None) -> Export:
    """The XLIFF document for `loaded` meetings (and series files) into `lang`, with the matches from a
    translation `memory` of the project's other files."""
    src = other(lang)
    root = etree.Element(q("xliff"), nsmap={None: NS}, version="1.2")
    count = matched = 0
    for item in loaded:
        state = state_of(item, project.root)
        current, comparison = state.fields, state.comparison
        stale = {c.field.name: c for c in comparison.stale if c.stale == lang}
        drafts = {u.field.name: u.draft for u in comparison.unapproved if u.draft.lang == lang}
        record = state.record or {}
        confirmed = {name for name, f in current.items()
                     if name in record and (record[name].nl, record[name].en) == (f.get("nl"), f.get("en"))}
        attributes = {"original": item.source.file, "datatype": "plaintext"}
        file = etree.SubElement(root, q("file"), attributes, **{"source-language": src, "target-language": lang})
        header = etree.SubElement(file, q("header"))
        etree.SubElement(header, q("tool"), {"tool-id": "meetingpress", "tool-name": "meetingpress",
                                             "tool-version": __version__})
        etree.SubElement(header, q("note")).text = MARKDOWN_NOTE
        body = etree.SubElement(file, q("body"))
        for name, bilingual in current.items():
            text = bilingual.get(src)
            if not text:
                continue
            if not everything and bilingual.get(lang) and name not in stale and name not in drafts:
                continue
            unit = etree.SubElement(body, q("trans-unit"), {"id": name, "resname": name, XML_SPACE: "preserve",
                                                            "extradata": source_hash(text)})
            etree.SubElement(unit, q("source")).text = text
            if bilingual.get(lang):
                state = ("needs-translation" if name in stale else valid_state(drafts[name].state) if name in drafts
                         else "translated" if name in confirmed else "needs-review-translation")
                etree.SubElement(unit, q("target"), state=state).text = bilingual.get(lang)
            etree.SubElement(unit, q("note"), {"from": "meetingpress"}).text = f"Field: {name}"
            if name in stale:
                change = stale[name]
                etree.SubElement(unit, q("note"), {"from": "meetingpress"}).text = (
                    f"The {LANG_NAMES[src]} changed since the {LANG_NAMES[lang]} was confirmed on "
                    f"{change.confirmed.date.isoformat()}: {change.diff}"
                )
            if name in drafts:
                etree.SubElement(unit, q("note"), {"from": "meetingpress"}).text = (
                    f"Not yet approved: imported on {drafts[name].date.isoformat()} as \u201c{drafts[name].state}\u201d"
                )
            if memory is not None:
                found = memory.matches(text, src, lang, item.source.file)
                _offer(unit, found, src, lang)
                matched += bool(found)
            count += 1
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return Export(declaration + etree.tostring(root, encoding="UTF-8", pretty_print=True), count, matched)


def _offer(unit: etree._Element, found: list[Match], src: str, lang: str) -> None:
    """An `<alt-trans>` in `unit` for each match."""
    for match in found:
        pair = match.pair
        alt = etree.SubElement(unit, q("alt-trans"), {"match-quality": f"{match.quality}%", "origin": pair.origin,
                                                      "tool-id": "meetingpress"})
        etree.SubElement(alt, q("source"), {XML_LANG: src}).text = pair.texts[src]
        etree.SubElement(alt, q("target"), {XML_LANG: lang}).text = pair.texts[lang]
        how = f"confirmed on {pair.confirmed}" if pair.confirmed else "never confirmed"
        etree.SubElement(alt, q("note"), {"from": "meetingpress"}).text = f"From {pair.origin}, {how}"
