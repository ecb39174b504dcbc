"""The deck as a file: python-pptx `Presentation` + facts → clean, language-tagged, repeatable .pptx bytes.

- `clean_package` removes what a template brings along that is not ours:
  its slides, thumbnail, printer settings, comment authors, custom properties
  and (via `set_properties`) every core and app property.
- `set_properties` writes the core properties from the meeting (title,
  author = organisers, subject, language, created and modified = the meeting's
  date) and minimal app properties.
- `tag_language` sets the language on every run, field, end-of-paragraph and
  default run property in every part (slides, notes, layouts, masters), and
  empties the date a template's date fields still show.
- `to_bytes` saves and re-zips with a fixed timestamp, fixed file attributes
  and a fixed entry order, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WIDESCREEN = (12192000, 6858000)

_PACKAGE_RELS_DROPPED = ("metadata/thumbnail", "custom-properties")
_PRESENTATION_RELS_DROPPED = ("printerSettings", "commentAuthors")

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>meetingpress</Application><PresentationFormat>{format}</PresentationFormat>"
    "<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides></Properties>"
)


def _drop_rels(owner, endings: tuple[str, ...]) -> None:
    for rId, rel in list(owner._rels.items()):
        if rel.reltype.endswith(endings):
            owner._rels.pop(rId)


def clean_package(prs) -> None:
    """Remove a template's slides and the package parts that describe the template, not the deck."""
    slide_ids = prs.slides._sldIdLst
    for sld_id in list(slide_ids):
        rId = sld_id.rId
        slide_ids.remove(sld_id)
        prs.part.drop_rel(rId)
    from pptx.oxml.ns import qn

    ext_lst = prs.part._element.find(qn("p:extLst"))
    if ext_lst is not None:
        for ext in list(ext_lst):
            if ext.get("uri") == P14_SECTIONS:  # named sections list the removed slides
                ext_lst.remove(ext)
    _drop_rels(prs.part.package, _PACKAGE_RELS_DROPPED)
    _drop_rels(prs.part, _PRESENTATION_RELS_DROPPED)


def set_properties(prs, *, title: str, author: str, subject: str, language: str, when: dt.datetime,
                   status: str = "") -> None:
    """Core properties from the meeting, replacing every value a template carried; app properties ours."""
    from pptx.oxml.coreprops import CT_CoreProperties

    core = prs.core_properties
    core._element = CT_CoreProperties.new_coreProperties()
    core.title = title
    core.author = author
    core.last_modified_by = author
    core.subject = subject
    core.language = language
    core.created = when
    core.modified = when
    core.revision = 1
    if status:
        core.content_status = status
    package = prs.part.package
    size = (prs.slide_width, prs.slide_height)
    app = _APP_XML.format(
        format="Widescreen" if size == WIDESCREEN else "Custom",
        slides=len(prs.slides),
        notes=sum(1 for slide in prs.slides if slide.has_notes_slide),
    ).encode("utf-8")
    for rel in package._rels.values():
        if rel.reltype.endswith("extended-properties"):
            rel.target_part.blob = app


def tag_language(prs, tag: str) -> None:
    """`lang` on every run, field, line break, paragraph end and default run style, in every part."""
    from lxml import etree
    from pptx.opc.package import XmlPart

    for part in prs.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        root = part._element
        for run in root.iter(f"{{{A}}}r", f"{{{A}}}fld", f"{{{A}}}br"):
            rpr = run.find(f"{{{A}}}rPr")
            if rpr is None:
                rpr = etree.Element(f"{{{A}}}rPr")
                run.insert(0, rpr)
        for props in root.iter(f"{{{A}}}rPr", f"{{{A}}}endParaRPr", f"{{{A}}}defRPr"):
            props.set("lang", tag)
            props.attrib.pop("altLang", None)
        for field in root.iter(f"{{{A}}}fld"):
            if field.get("type", "").startswith("datetime") and field.find(f"{{{A}}}t") is not None:
                field.find(f"{{{A}}}t").text = ""  # a template's stale date; clients fill in their own


def to_bytes(prs) -> bytes:
    """Save, then re-zip: [Content_Types].xml first, the rest by name, all with one fixed timestamp."""
    raw = io.BytesIO()
    prs.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()
