"""The PDF's objects as WeasyPrint writes them → the same objects, finished: links described in words and
printed, file links relative to the report, fixed attachment dates, the bookmarks shown on opening, and the
structure tree of PDF/UA-1 (tags.py).

WeasyPrint calls `finisher(...)` once the document is laid out and before it writes the bytes
(`write_pdf(finisher=...)`), so nothing is parsed again.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from urllib.parse import urlsplit

# Links to these files are described with the kind of file: "presentation (PPTX)".
FILE_KINDS = frozenset({".pdf", ".pptx", ".ppt", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".odp", ".ods", ".csv", ".zip"})


def described(document, link_to_page: str) -> dict[int, str]:
    """{id of a link annotation: its description in words}: the link's title or text, and for a link within
    the report the page it goes to ("Success factors, page 4"), never its address or an anchor."""
    page_of = {name: number for number, page in enumerate(document.pages, start=1) for name in page.anchors}
    words = {}
    for page in document.pages:
        for _kind, _target, _area, box in page.links:  # (WeasyPrint's `Page.links`: every link box of the page)
            annotation = box.link_annotation
            if annotation is None or box.element is None or id(annotation) in words:
                continue
            text = " ".join((box.element.get("title") or "".join(box.element.itertext())).split())
            href = box.element.get("href", "")
            if href.startswith("#") and href[1:] in page_of:
                text = link_to_page % {"title": text, "page": page_of[href[1:]]}
            elif (kind := posixpath.splitext(urlsplit(href).path)[1].lower()) in FILE_KINDS:
                text = f"{text} ({kind[1:].upper()})"
            words[id(annotation)] = text
    return words


def finisher(base_url: str, date: dt.date, link_to_page: str, embedded: list[str] | None = None):
    """Post-process the PDF objects: file links relative to the template folder, fixed attachment dates,
    links described in words and printed, the bookmarks shown when the document opens, the tags (tags.py); the
    name of every embedded font goes into `embedded`."""
    import pydyf

    from meetingpress.outputs.report import tags

    base = urlsplit(base_url).path
    stamp = pydyf.String(f"D:{date:%Y%m%d}")

    def relative(uri: str) -> str:
        parts = urlsplit(uri)
        if parts.scheme != "file":
            return uri
        path = posixpath.relpath(parts.path, base)
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    def finish(document, pdf) -> None:
        words = described(document, link_to_page)
        pdf.catalog["PageMode"] = "/UseOutlines"
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Link":
                obj["F"] = 4  # printed, like the text it covers
                if id(obj) in words:
                    obj["Contents"] = pydyf.String(words[id(obj)])
            if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Link" and "A" in obj:
                uri = obj["A"].get("URI")
                if isinstance(uri, pydyf.String):
                    obj["A"]["URI"] = pydyf.String(relative(uri.string))
            elif isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/EmbeddedFile":
                obj.extra["Params"]["CreationDate"] = obj.extra["Params"]["ModDate"] = stamp
            elif isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/FontDescriptor" and embedded is not None:
                name = obj.get("FontName", b"")
                embedded.append((name.decode("latin-1") if isinstance(name, bytes) else str(name)).lstrip("/"))
        tags.tidy(pdf)

    return finish
