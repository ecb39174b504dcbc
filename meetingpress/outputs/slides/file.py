"""The deck as a file: python-pptx `Presentation` + facts → clean, language-tagged, repeatable .pptx bytes.

- `clean_package` removes what a master brings along that is not ours:
  its slides, thumbnail, printer settings, comment authors, custom properties
  and (via `set_properties`) every core and app property.
- `set_properties` writes the core properties from the meeting (title,
  author = organisers, subject, language, created and modified = the meeting's
  date) and minimal app properties.
- `to_bytes` tags every part with the language (`xml.tag_language`), saves,
  and re-zips with a fixed timestamp, fixed file attributes and a fixed entry
  order, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from meetingpress.outputs.slides import xml

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


def clean_package(prs) -> None:
    """Remove a master's slides and the package parts that describe the master, not the deck."""
    xml.drop_slides(prs)
    xml.drop_relationships(prs, _PACKAGE_RELS_DROPPED, _PRESENTATION_RELS_DROPPED)


def set_properties(prs, *, title: str, author: str, subject: str, language: str, when: dt.datetime,
                   status: str = "") -> None:
    """Core properties from the meeting, replacing every value a master carried; app properties ours."""
    xml.clear_core_properties(prs)
    core = prs.core_properties
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
    size = (prs.slide_width, prs.slide_height)
    xml.set_app_properties(prs, _APP_XML.format(
        format="Widescreen" if size == WIDESCREEN else "Custom",
        slides=len(prs.slides),
        notes=sum(1 for slide in prs.slides if slide.has_notes_slide),
    ).encode("utf-8"))


def to_bytes(prs, tag: str) -> bytes:
    """Tag every part with the language, save, then re-zip: [Content_Types].xml first, the rest by name, all with
    one fixed timestamp."""
    xml.tag_language(prs, tag)
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
