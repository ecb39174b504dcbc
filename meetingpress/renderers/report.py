"""The report output: a `Job` → {"report.<lang>.pdf": bytes}, an accessible A4 PDF made with WeasyPrint.

`templates/report/report.html` (found on the template search path, so a
project can override it) is filled with the meeting's view; the print
stylesheet `report/report.css`, the theme colours and the bundled fonts
(`@font-face`, generated here from `theme.yaml`) style it.  WeasyPrint lays it
out as PDF/UA-1: tagged, with the document language, title, authors (the
organisers), subject, keywords and dates taken from the meeting, and a
document ID derived from the meeting and language, so two builds are
byte-identical.  Resources come only through `pdf_fetch.ConfinedFetcher`; a
refused URL, a missing image or anything WeasyPrint logs fails the build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import i18n, images, templating
from ..errors import ContentError, Problem, RenderError
from ..loader import dotted
from ..schema import LANGS
from ..theme import theme as load_theme
from ..view import output_name

NAME = "report"
ENTRY = "report/report.html"
STYLESHEET = "report/report.css"
PDF_VARIANT = "pdf/ua-1"
GENERATOR = "meetingpress"
# (theme font style, CSS font-weight, CSS font-style) for every face the stylesheet may use.
FACES = (
    ("light", 300, "normal"),
    ("regular", 400, "normal"),
    ("italic", 400, "italic"),
    ("bold", 700, "normal"),
    ("bold_italic", 700, "italic"),
)


@dataclass(frozen=True)
class Logo:
    url: str
    alt: str
    path: Path
    field: tuple | None
    """The meeting field it comes from (`("logo", "file")`), or None for the theme's logo."""


@dataclass(frozen=True)
class Page:
    """The HTML handed to WeasyPrint, and what it needs besides."""

    html: str
    base_url: str
    logo: Logo | None
    date: dt.date


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that is also safe inside an HTML <style> element."""
    out = []
    for char in str(text):
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def page_counter(template: str) -> str:
    """ "Page %(page)s of %(pages)s" → a CSS `content` value with counters."""
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    parts = re.split(r"(%\(pages?\)s)", template)
    return " ".join(counters.get(part) or css_string(part) for part in parts if part)


def font_family(theme) -> str:
    """A family name no system font carries, so only the bundled files can match."""
    return f"{theme.fonts.family} meetingpress"


def theme_file(job, name: str, what: str) -> Path:
    """A file named in theme.yaml, looked up along the template search path (overrides first)."""
    try:
        return load_theme(job.templates).file(name)
    except FileNotFoundError:
        folders = ", ".join(str(folder) for folder in job.templates)
        raise RenderError(
            f"{job.source.file}: {output_name(NAME, job.lang)}: the theme's {what} `{name}` is in none of the "
            f"template folders ({folders})"
        ) from None


def generated_css(job, theme) -> Markup:
    """Theme colours, the bundled font faces and the translated page footer."""
    gettext = i18n.translations(job.lang).gettext
    family = css_string(font_family(theme))
    rules = [theme.css()]
    for style, weight, slant in FACES:
        url = css_string(theme_file(job, getattr(theme.fonts, style), "font").as_uri())
        rules.append(f"@font-face {{ font-family: {family}; src: url({url}); font-weight: {weight}; font-style: {slant}; }}")
    rules.append(f"html {{ font-family: {family}; }}")
    rules.append(f"@page {{ @bottom-right {{ content: {page_counter(gettext('Page %(page)s of %(pages)s'))}; }} }}")
    return Markup("\n".join(rules) + "\n")


def find_logo(job, theme) -> Logo | None:
    """The meeting's own logo (an existing file inside its folder), else the theme's, else None."""
    if job.meeting.logo is not None:
        field = ("logo", "file")
        try:
            path = images.resolve(job.folder_for(*field), job.meeting.logo.file)
        except images.ImageProblem as exc:
            raise ContentError([Problem(job.locate(*field), "logo.file", str(exc))]) from None
        return Logo(path.as_uri(), str(job.view.logo.alt), path, field)
    if theme.logo:
        path = theme_file(job, theme.logo, "logo")
        return Logo(path.as_uri(), i18n.translations(job.lang).gettext("Logo"), path, None)
    return None


def metadata(job) -> dict:
    """Title, authors, subject, keywords and date for the PDF's document information and XMP."""
    view, filters = job.view, i18n.filters(job.lang)
    gettext = i18n.translations(job.lang).gettext
    subject = gettext("Report of the %(ordinal)s %(series)s, %(place)s, %(date)s") % {
        "ordinal": filters["ordinal"](job.meeting.number),
        "series": view.series,
        "place": view.place,
        "date": filters["date"](job.meeting.date),
    }
    keywords = [str(view.series), str(view.place), *(str(g.heading) for g in view.findings.values())]
    return {
        "title": str(view.title),
        "authors": [str(name) for name in view.organisers],
        "subject": subject,
        "keywords": list(dict.fromkeys(k.replace(",", " ").strip() for k in keywords if str(k).strip())),
        "created": job.meeting.date.isoformat(),
        "generator": GENERATOR,
    }


def prepare(job) -> Page:
    """The report's HTML for one job; raises ContentError for a logo that cannot be used."""
    theme = load_theme(job.templates)
    env = templating.environment(job.lang, job.templates)
    template = env.get_template(ENTRY)
    logo = find_logo(job, theme)
    html = template.render(
        meeting=job.view,
        meeting_id=job.meeting_id,
        meta=metadata(job),
        logo=logo,
        draft=job.draft,
        head_css=generated_css(job, theme),
        stylesheets=[templating.find(STYLESHEET, job.templates).resolve().as_uri()],
    )
    base_url = Path(template.filename).resolve().parent.as_uri() + "/"
    return Page(html, base_url, logo, job.meeting.date)


def identifier(job) -> bytes:
    """The permanent half of the PDF's /ID: the same for every build of this meeting and language."""
    return hashlib.md5(f"meetingpress:{job.meeting_id}:{output_name(NAME, job.lang)}".encode()).hexdigest().encode()


def finisher(base_url: str, date: dt.date):
    """Post-process the PDF objects: file links relative to the template folder, fixed attachment dates."""
    import pydyf

    base = urlsplit(base_url).path
    stamp = pydyf.String(f"D:{date:%Y%m%d}")

    def relative(uri: str) -> str:
        parts = urlsplit(uri)
        if parts.scheme != "file":
            return uri
        path = posixpath.relpath(parts.path, base)
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    def finish(document, pdf) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Link" and "A" in obj:
                uri = obj["A"].get("URI")
                if isinstance(uri, pydyf.String):
                    obj["A"]["URI"] = pydyf.String(relative(uri.string))
                    if "Contents" in obj:
                        obj["Contents"] = pydyf.String(relative(uri.string))
            elif isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/EmbeddedFile":
                obj.extra["Params"]["CreationDate"] = obj.extra["Params"]["ModDate"] = stamp

    return finish


# WeasyPrint's complaints about the meeting's own text: (pattern, the text it is about, what to tell the editor).
ABOUT_TEXT = (
    (re.compile(r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.)"', re.DOTALL),
     "the report's font has no “{0}” (U+{1:04X}), so it would print as an empty box; write it another way, "
     "or choose a font that has it in theme.yaml"),
    (re.compile(r"^No anchor (#.*) for internal URI reference$", re.DOTALL),
     "the link `{0}` points to no place in the report; link to a web address instead"),
)


def strings(data, path: tuple = ()):
    """(path, text) for every string in the meeting's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def about_text(job, logged: list[str]) -> tuple[list[Problem], list[str]]:
    """Complaints about the meeting's text, at the fields that hold it; the other messages as they were."""
    fields = [(p, text) for p, text in strings(job.source.data) if p and (p[-1] == job.lang or p[-1] not in LANGS)]
    problems: dict[tuple, Problem] = {}
    rest = []
    for message in logged:
        found = next(((match.group(1), advice) for pattern, advice in ABOUT_TEXT if (match := pattern.match(message))),
                     None)
        holders = [p for p, text in fields if found and found[0] in text]
        if not holders:
            rest.append(message)
        for p in holders:
            what, advice = found
            problems.setdefault((p, what), Problem(job.locate(*p), dotted(p), advice.format(what, ord(what[0]))))
    return list(problems.values()), rest


def check(job, page: Page, refusals, logged: list[str]) -> None:
    """Raise for every refused URL and every logged complaint: at the line of the logo or the text it is about."""
    output = output_name(NAME, job.lang)
    in_text, logged = about_text(job, logged)
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
        logo = [Problem(job.locate(*page.logo.field), "logo.file", "; ".join(at_logo))] if at_logo else []
        raise ContentError([*logo, *in_text])
    if other:
        lines = "\n".join(f"  {line}" for line in [*at_logo, *other, *map(str, in_text)])
        raise RenderError(f"{job.source.file}: {output}: could not be built:\n{lines}")


def render(job) -> dict[str, bytes]:
    return finish(job, prepare(job))


def finish(job, page: Page) -> dict[str, bytes]:
    """The PDF of a prepared page; the only step that needs WeasyPrint."""
    from weasyprint import HTML

    from .pdf_fetch import ConfinedFetcher, captured_log

    logo_folders = (page.logo.path.parent,) if page.logo and page.logo.field else ()
    fetcher = ConfinedFetcher((*job.templates, job.assets, *logo_folders))
    with captured_log() as logged:
        document = HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher).render()
        data = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_identifier=identifier(job),
            finisher=finisher(page.base_url, page.date),
        )
    check(job, page, fetcher.refusals, logged)
    return {output_name(NAME, job.lang): data}
