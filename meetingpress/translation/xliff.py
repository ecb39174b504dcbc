"""XLIFF 1.2 for export and import: an .xlf file → its root element; a unit → its workflow state; a text → its hash.

A `<trans-unit>`'s `<target state="…">` says how far its translation is.
Only `translated`, `final` and `signed-off` (or no state at all), and not
`approved="no"` on the unit, mean the translator marked it final
(`unit_state`).  `extradata` holds a hash of the source text as exported
(`source_hash`), so import can tell that the source changed since.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from meetingpress.errors import ContentError, Location, Problem, UsageError, display_path

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
          "needs-review-adaptation", "needs-review-l10n", "translated", "signed-off", "final")
"""Every `state` XLIFF 1.2 allows on a `<target>`."""
FINAL_STATES = ("translated", "final", "signed-off")


def q(name: str) -> str:
    """An XLIFF element's qualified name: "target" → "{urn:oasis:…:1.2}target"."""
    return f"{{{NS}}}{name}"


def source_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def valid_state(state: str) -> str:
    """A draft's state as XLIFF 1.2 allows it (a state we wrote down as `…, approved="no"` is under review)."""
    return state if state in STATES else "needs-review-translation"


def local(element: etree._Element) -> str:
    """An element's name without its namespace ("" for a comment or processing instruction)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local(c) == name), None)


def text(element: etree._Element | None) -> str | None:
    """An element's text, inline markup included, without surrounding white space; None without the element."""
    return None if element is None else "".join(element.itertext()).strip()


def read(xlf: Path) -> etree._Element:
    """The root of an XLIFF 1.x file; a problem at its line when it is not one."""
    shown = display_path(xlf)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(xlf), parser).getroot()
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it ({exc})") from None
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 1
        raise ContentError([Problem(Location(shown, line), "", f"not valid XML: {exc.msg}")]) from None
    if local(root) != "xliff" or not root.get("version", "").startswith("1."):
        raise ContentError([Problem(Location(shown, root.sourceline or 1), "", "not an XLIFF 1.2 file")])
    return root


def unit_state(unit: etree._Element, target: etree._Element | None) -> str | None:
    """None when the translator marked the unit final; else its state (`needs-translation`, `fuzzy`, …)."""
    state = target.get("state") if target is not None else None
    if unit.get("approved") == "no":
        return state if state and state not in FINAL_STATES else f'{state or "no state"}, approved="no"'
    if state is None or state in FINAL_STATES:
        return None
    return state
