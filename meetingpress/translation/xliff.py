"""Translator round-trips, out: meetings and series files → XLIFF 1.2 for a CAT tool (`xliff_import` brings it back).

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
from the project's other meetings follow as `<alt-trans>` (see `translation/memory.py`).
"""

from __future__ import annotations

import hashlib

from lxml import etree

from meetingpress import __version__
from meetingpress.schema import LANG_NAMES
from meetingpress.translation.sync import other, state_of

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MARKDOWN_NOTE = (
    "Texts use inline Markdown: keep *emphasis*, **bold**, `code` and the link marks [text](address) "
    "as they are and translate only the words inside them."
)


def source_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
          "needs-review-adaptation", "needs-review-l10n", "translated", "signed-off", "final")


def _valid(state: str) -> str:
    """A draft's state as XLIFF 1.2 allows it (a state we wrote down as `…, approved="no"` is under review)."""
    return state if state in STATES else "needs-review-translation"


def export(project, loaded: list, lang: str, everything: bool = False, memory=None) -> tuple[bytes, int, int]:
    """The XLIFF document for `loaded` meetings (and series files) into `lang`, how many units it holds and how
    many of them have a match from a translation `memory` (`memory.Memory`: the project's other files)."""
    src = other(lang)
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
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
        file = etree.SubElement(root, _q("file"), attributes, **{"source-language": src, "target-language": lang})
        header = etree.SubElement(file, _q("header"))
        etree.SubElement(header, _q("tool"), {"tool-id": "meetingpress", "tool-name": "meetingpress",
                                               "tool-version": __version__})
        etree.SubElement(header, _q("note")).text = MARKDOWN_NOTE
        body = etree.SubElement(file, _q("body"))
        for name, bilingual in current.items():
            text = bilingual.get(src)
            if not text:
                continue
            if not everything and bilingual.get(lang) and name not in stale and name not in drafts:
                continue
            unit = etree.SubElement(body, _q("trans-unit"), {"id": name, "resname": name, XML_SPACE: "preserve",
                                                             "extradata": source_hash(text)})
            etree.SubElement(unit, _q("source")).text = text
            if bilingual.get(lang):
                state = ("needs-translation" if name in stale else _valid(drafts[name].state) if name in drafts
                         else "translated" if name in confirmed else "needs-review-translation")
                etree.SubElement(unit, _q("target"), state=state).text = bilingual.get(lang)
            etree.SubElement(unit, _q("note"), {"from": "meetingpress"}).text = f"Field: {name}"
            if name in stale:
                change = stale[name]
                etree.SubElement(unit, _q("note"), {"from": "meetingpress"}).text = (
                    f"The {LANG_NAMES[src]} changed since the {LANG_NAMES[lang]} was confirmed on "
                    f"{change.confirmed.date.isoformat()}: {change.diff}"
                )
            if name in drafts:
                etree.SubElement(unit, _q("note"), {"from": "meetingpress"}).text = (
                    f"Not yet approved: imported on {drafts[name].date.isoformat()} as \u201c{drafts[name].state}\u201d"
                )
            if memory is not None:
                matched += bool(memory.offer(unit, text, src, lang, item.source.file, _q))
            count += 1
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(root, encoding="UTF-8", pretty_print=True), count, matched


