"""The report output: a `Job` → {"report.<lang>.pdf": bytes}, an accessible A4 PDF made with WeasyPrint.

`templates/report/report.html` (found on the template search path, so a
project can override it) is filled with the meeting's view.  The renderer
styles it, not the template: the print stylesheet `report/report.css` (also
found on the search path) and a stylesheet generated here from `theme.yaml`
(colours, the bundled fonts' `@font-face` rules, the translated footer).  WeasyPrint lays it
out as PDF/UA-1: tagged, with the document language, title, authors (the
organisers), subject, keywords and dates taken from the meeting, and a
document ID derived from the meeting and language, so two builds are
byte-identical.  Resources come only through `fetch.ConfinedFetcher`; a
refused URL, a missing image or anything WeasyPrint logs fails the build.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from meetingpress import i18n
from meetingpress.errors import ContentError, Problem, RenderError
from meetingpress.loading import images
from meetingpress.loading.read import dotted, strings
from meetingpress.loading.theme import theme as load_theme
from meetingpress.outputs import closing, media, photos, phrases, templating
from meetingpress.outputs.context import context
from meetingpress.outputs.report import pdf as report_pdf
from meetingpress.outputs.report.pdf import PDF_VARIANT, Logo, Page, Text  # noqa: F401  (PDF_VARIANT: the tests read it here)
from meetingpress.paths import BUILTIN_TEMPLATES
from meetingpress.registry import file_name
from meetingpress.schema import LANGS

NAME = "report"
ENTRY = "report/report.html"
STYLESHEET = "report/report.css"
GENERATOR = "meetingpress"
# (theme font style, CSS font-weight, CSS font-style) for every face the stylesheet may use.
FACES = (
    ("light", 300, "normal"),
    ("regular", 400, "normal"),
    ("italic", 400, "italic"),
    ("bold", 700, "normal"),
    ("bold_italic", 700, "italic"),
)


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
            f"{job.source.file}: {file_name(NAME, job.lang)}: the theme's {what} `{name}` is in none of the "
            f"template folders ({folders})"
        ) from None


def font_files(job, theme) -> tuple[Path, ...]:
    """The bundled font file of every face in FACES, in that order."""
    return tuple(theme_file(job, getattr(theme.fonts, style), "font") for style, _weight, _slant in FACES)


def generated_css(job, theme, fonts: tuple[Path, ...]) -> str:
    """Theme colours, the bundled font faces and the translated page footer."""
    gettext = i18n.translations(job.lang).gettext
    family = css_string(font_family(theme))
    rules = [theme.css()]
    for (_style, weight, slant), path in zip(FACES, fonts, strict=True):
        url = css_string(path.as_uri())
        rules.append(f"@font-face {{ font-family: {family}; src: url({url}); font-weight: {weight}; font-style: {slant}; }}")
    rules.append(f"html {{ font-family: {family}; }}")
    outer, inner = theme.quotes.marks(job.lang)  # the theme's quotation marks (more specific than report.css's)
    rules.append(f"html q {{ quotes: {' '.join(css_string(mark) for mark in (*outer, *inner))}; }}")
    rules.append(f"@page {{ @bottom-right {{ content: {page_counter(gettext('Page %(page)s of %(pages)s'))}; }} }}")
    return "\n".join(rules) + "\n"


def find_logo(job, theme) -> Logo | None:
    """The meeting's own logo (an existing file inside its folder), else the theme's, else None."""
    if job.meeting.logo is not None:
        field = ("logo", "file")
        try:
            path = images.check(job.folder_for(*field), job.meeting.logo.file)
        except images.ImageProblem as exc:
            raise ContentError([Problem(job.locate(*field), "logo.file", str(exc))]) from None
        return Logo(path.as_uri(), str(job.view.logo.alt), path, field)
    if theme.logo:
        theme_file(job, theme.logo, "logo")  # in none of the folders: say so
        try:
            path = theme.image(theme.logo)
        except images.ImageProblem as exc:
            raise RenderError(f"{job.source.file}: {file_name(NAME, job.lang)}: the theme's logo: {exc}") from None
        return Logo(path.as_uri(), i18n.translations(job.lang).gettext("Logo"), path, None)
    return None


def metadata(job) -> dict:
    """Title, authors, subject, keywords and date for the PDF's document information and XMP."""
    view, filters = job.view, i18n.filters(job.lang)
    gettext = i18n.translations(job.lang).gettext
    subject = gettext("Report of the %(meeting)s, %(place)s, %(date)s") % {
        "meeting": phrases.nth_meeting(view, job.lang),
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


# A contents page pays its way only in a long report: from about four pages of text.  The length is estimated
# from the content before rendering (no second render): characters of text, plus a line's worth for every
# heading, against what a page of the 118 mm column holds.
CONTENTS_FROM_PAGES = 4
CHARACTERS_PER_PAGE = 2200
CHARACTERS_PER_HEADING = 260


def text_length(view, closing_lines: list) -> int:
    """The characters of the report's body text (`closing_lines`: the report's own closing), and an allowance for
    each heading and section."""
    texts = [view.lead.quote, view.lead.source, view.lead.question, view.outcome, *view.questions, *view.intro]
    headings = 6
    for group in view.findings.values():
        texts += [group.heading, group.intro]
        headings += 1 + len(group.items)
        for item in group.items:
            texts += [item.title, item.text, item.details]
    texts += [view.participants.who, *view.participants.organisations, *closing_lines]
    texts += [resource.title for resource in view.resources]
    return sum(len(str(text)) for text in texts if text) + headings * CHARACTERS_PER_HEADING


def needs_contents(view, closing_lines: list) -> bool:
    """Whether the report is long enough for a contents page (decided before rendering)."""
    return text_length(view, closing_lines) >= CONTENTS_FROM_PAGES * CHARACTERS_PER_PAGE


def print_photos(placed: dict) -> dict[int, str]:
    """{figure number: the photo at print resolution, without metadata, as a data: URL}."""
    found = {}
    for item in (item for items in placed.values() for item in items if item.kind == "figure"):
        clean = photos.clean(item.path, photos.PRINT_WIDTH)
        found[item.number] = f"data:{clean.media_type};base64," + base64.b64encode(clean.data).decode("ascii")
    return found


def prepare(job) -> Page:
    """The report's HTML for one job; raises ContentError for a logo that cannot be used."""
    theme = load_theme(job.templates)
    env = templating.environment(job.lang, job.templates)
    template = env.get_template(ENTRY)
    logo = find_logo(job, theme)
    closing_lines = closing.report_lines(job)
    placed = media.placed(job, NAME)
    html = template.render(
        context(job),
        media=placed,
        photos=print_photos(placed),
        meta=metadata(job),
        logo=logo,
        contents=needs_contents(job.view, closing_lines),
        closing=closing_lines,
    )
    fonts = font_files(job, theme)
    base_url = Path(template.filename).resolve().parent.as_uri() + "/"
    texts = tuple(
        Text(dotted(path), job.locate(*path), text)
        for path, text in strings(job.source.data)
        if path and (path[-1] == job.lang or path[-1] not in LANGS)
    )
    return Page(
        html, base_url, logo, job.meeting.date,
        file=job.source.file,
        output=file_name(NAME, job.lang),
        meeting_id=job.meeting_id,
        folders=(*job.templates, job.assets),
        within=(job.root, BUILTIN_TEMPLATES),
        texts=texts,
        logo_location=job.locate(*logo.field) if logo and logo.field else None,
        css=generated_css(job, theme, fonts),
        stylesheet=templating.find(STYLESHEET, job.templates).resolve(),
        fonts=fonts,
        family=font_family(theme),
        link_to_page=i18n.translations(job.lang).gettext("%(title)s, page %(page)s"),
    )


def render(job) -> dict[str, bytes]:
    return finish(job, prepare(job))


def finish(job, page: Page) -> dict[str, bytes]:
    """The PDF of a prepared page (pdf.py; the runner's PDF worker calls that module directly)."""
    return report_pdf.finish(page)
