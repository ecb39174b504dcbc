"""The report's second step: a prepared `Page` → {"report.<lang>.pdf": bytes}, made by WeasyPrint.

Runs in the worker that has WeasyPrint imported; it needs nothing of the
meeting but what `report.prepare` put into the `Page` (the HTML, the folders
the fetcher may serve, the texts and locations to name in errors), so that
worker imports none of the schema, Jinja or Babel.  Resources come only
through `fetch.ConfinedFetcher`; a refused URL, a missing image or
anything WeasyPrint logs fails the build, at the field it is about when it
can be told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from meetingpress.errors import ContentError, Location, Problem, RenderError
from meetingpress.outputs.report.objects import finisher

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Logo:
    url: str
    alt: str
    path: Path
    field: tuple | None
    """The meeting field it comes from (`("logo", "file")`), or None for the theme's logo."""


@dataclass(frozen=True)
class Text:
    """One text of the meeting, for naming the field WeasyPrint complains about."""

    field: str
    location: Location
    text: str


@dataclass(frozen=True)
class Page:
    """The HTML handed to WeasyPrint, and what it needs besides."""

    html: str
    base_url: str
    logo: Logo | None
    date: dt.date
    file: str
    """The meeting file, as errors name it."""
    output: str
    """The output's file name, `report.<lang>.pdf`."""
    meeting_id: str
    folders: tuple[Path, ...]
    """What the fetcher may serve: the template folders and the meeting's own."""
    within: tuple[Path, ...] | None = None
    """The project folder and the built-in templates: a folder of `folders` outside them is never served."""
    texts: tuple[Text, ...] = ()
    logo_location: Location | None = None
    css: str = ""
    """The generated stylesheet: theme colours, the bundled fonts' `@font-face` rules, the translated footer."""
    stylesheet: Path | None = None
    """The print stylesheet, `report/report.css` as found on the template search path."""
    fonts: tuple[Path, ...] = ()
    """The font files `css` loads."""
    family: str = ""
    """The family name `css` gives the bundled fonts: the only fonts the PDF may embed."""
    link_to_page: str = "%(title)s, page %(page)s"
    """How a link within the report is described to assistive technology, translated."""


def identifier(page: Page) -> bytes:
    """The permanent half of the PDF's /ID: the same for every build of this meeting and language."""
    return hashlib.md5(f"meetingpress:{page.meeting_id}:{page.output}".encode()).hexdigest().encode()


# WeasyPrint's complaints about the meeting's own text: (pattern, the text it is about, what to tell the editor).
ABOUT_TEXT = (
    (re.compile(r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.)"', re.DOTALL),
     "the report's font has no “{0}” (U+{1:04X}), so it would print as an empty box; write it another way, "
     "or choose a font that has it in theme.yaml"),
    (re.compile(r"^No anchor (#.*) for internal URI reference$", re.DOTALL),
     "the link `{0}` points to no place in the report; link to a web address instead"),
)


def about_text(page: Page, logged: list[str]) -> tuple[list[Problem], list[str]]:
    """Complaints about the meeting's text, at the fields that hold it; the other messages as they were."""
    problems: dict[tuple, Problem] = {}
    rest = []
    for message in logged:
        found = next(((match.group(1), advice) for pattern, advice in ABOUT_TEXT if (match := pattern.match(message))),
                     None)
        holders = [t for t in page.texts if found and found[0] in t.text]
        if not holders:
            rest.append(message)
        for t in holders:
            what, advice = found
            problems.setdefault((t.field, what), Problem(t.location, t.field, advice.format(what, ord(what[0]))))
    return list(problems.values()), rest


def check(page: Page, refusals, logged: list[str]) -> None:
    """Raise for every refused URL and every logged complaint: at the line of the logo or the text it is about."""
    in_text, logged = about_text(page, logged)
    at_logo: list[str] = []
    other: list[str] = []
    for refusal in refusals:
        ours = page.logo and page.logo.field and refusal.path and refusal.path.resolve() == page.logo.path
        (at_logo if ours else other).append(str(refusal))
    for message in logged:
        if any(str(refusal) in message for refusal in refusals):
            continue  # WeasyPrint's echo of a refusal already listed
        ours = page.logo and page.logo.field and page.logo.url in message
        (at_logo if ours else other).append(f"WeasyPrint: {message}")
    if not other and (at_logo or in_text):
        logo = [Problem(page.logo_location, "logo.file", "; ".join(at_logo))] if at_logo else []
        raise ContentError([*logo, *in_text])
    if other:
        lines = "\n".join(f"  {line}" for line in [*at_logo, *other, *map(str, in_text)])
        raise RenderError(f"{page.file}: {page.output}: could not be built:\n{lines}")


def styles(page: Page, fetcher) -> tuple | None:
    """(font configuration, [generated CSS, print CSS]) for the page, every file read through `fetcher`; None if
    the stylesheet was refused."""
    from meetingpress.outputs.report.engine import weasyprint
    from meetingpress.outputs.report.fetch import Refused

    url = page.stylesheet.as_uri()
    try:
        sheet = fetcher.fetch(url).read()
    except Refused:
        return None
    font_config = weasyprint.text.fonts.FontConfiguration()
    generated = weasyprint.CSS(string=page.css, base_url=page.base_url, url_fetcher=fetcher, font_config=font_config)
    printed = weasyprint.CSS(string=sheet.decode("utf-8-sig"), base_url=url, url_fetcher=fetcher, font_config=font_config)
    return font_config, [generated, printed]


def system_fonts(page: Page, embedded: list[str]) -> list[str]:
    """The embedded fonts that are not the theme's (named `ABCDEF+<family with hyphens>[-style]` in the PDF)."""
    ours = page.family.replace(" ", "-")
    names = (name.split("+", 1)[-1] for name in embedded)
    return sorted({name for name in names if page.family and not (name == ours or name.startswith(ours + "-"))})


def finish(page: Page) -> dict[str, bytes]:
    """The PDF of a prepared page."""
    from meetingpress.outputs.report.engine import weasyprint
    from meetingpress.outputs.report.fetch import ConfinedFetcher, captured_log

    logo_folders = (page.logo.path.parent,) if page.logo and page.logo.field else ()
    fetcher = ConfinedFetcher((*page.folders, *logo_folders), within=page.within)
    data, embedded = b"", []
    with captured_log() as logged:
        made = styles(page, fetcher)
        if made:
            font_config, stylesheets = made
            document = weasyprint.HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher).render(
                stylesheets=stylesheets, font_config=font_config
            )
            data = document.write_pdf(
                pdf_variant=PDF_VARIANT,
                pdf_identifier=identifier(page),
                finisher=finisher(page.base_url, page.date, page.link_to_page, embedded),
            )
    check(page, fetcher.refusals, logged)
    foreign = system_fonts(page, embedded)
    if foreign:
        raise RenderError(f"{page.file}: {page.output}: could not be built: it would embed fonts of this computer "
                          f"({', '.join(foreign)}) for characters the theme's fonts lack; use the theme's fonts only")
    if not made:  # check() has raised for the refusal; this is a guard, not a path
        raise RenderError(f"{page.file}: {page.output}: the print stylesheet {page.stylesheet} could not be read")
    return {page.output: data}
