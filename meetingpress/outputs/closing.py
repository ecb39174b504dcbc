"""Each output's closing: a `Job` → the links to the meeting's other outputs, and the closing lines that fit it.

The news item points to the report and the deck, the report to the deck and
the news item, the deck to the report and the news item: never to itself.
A link that is a download says what it is: its language, format and size
("Engels, PDF, 50 kB"), beside the closing sentence, never inside it.  A
meeting may write any output's closing lines itself (`closing:` with `news:`,
`report:` and `slides:`); otherwise the output's own generated lines are used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from meetingpress import i18n, registry
from meetingpress.outputs.view import closing as written_closing
from meetingpress.outputs.view import folder_url


@dataclass(frozen=True)
class Link:
    """One of the meeting's other outputs, as the output being made links to it."""

    output: str
    lang: str
    url: str
    file: str
    format: str
    media_type: str
    size: int | None
    label: str
    """What it is called in the output's language: "Verslag", "Presentatie", "Nieuwsbericht"."""
    details: str
    """Its language, format and size in the output's language: "Engels, PDF, 50 kB"."""


def shown(url: str) -> str:
    """An address as people read it: "example.org/report.pdf", "info@example.org"."""
    return re.sub(r"^(https?://(www\.)?|mailto:)", "", url, flags=re.IGNORECASE).rstrip("/") or url


def size_text(size: int, lang: str) -> str:
    """50 kB, 1,2 MB (in the language's own way of writing numbers; a no-break space keeps the unit with it)."""
    number = i18n.filters(lang)["number"]
    if size < 1000 * 1000:
        return f"{number(max(1, round(size / 1000)))}\u00a0kB"
    return f"{number(round(size / 1000 / 1000, 1))}\u00a0MB"


def language_name(code: str, lang: str) -> str:
    name = i18n.locale(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]


def links(job, names: tuple[str, ...] | None = None) -> list[Link]:
    """Every built language of each output in `names` (default: all, in the registry's order), except the output
    being made."""
    folder = folder_url(job.meeting, job.meeting_id) or ""
    sizes = dict(job.sizes)
    gettext = i18n.translations(job.lang).gettext
    found = []
    for name in names or registry.names():
        if name == job.output:
            continue
        output = registry.get(name)
        for lang in getattr(job.meeting.outputs, name):
            file = output.file_name(lang)
            size = sizes.get(file)
            details = [language_name(lang, job.lang), gettext(output.format)] + ([size_text(size, job.lang)] if size else [])
            found.append(Link(name, lang, folder + file, file, output.format, output.media_type, size,
                              gettext(output.label), ", ".join(details)))
    return found


def _anchor(link: Link) -> Markup:
    """The address as people read it, described in words for assistive technology ("Slides (English,
    PowerPoint, 35 kB)"), never by its file name."""
    return Markup('<a href="%s" title="%s">%s</a>') % (link.url, f"{link.label} ({link.details})", shown(link.url))


def report_lines(job) -> list:
    """The report's closing: the meeting's own `closing.report`, else where the slides and the news item are."""
    own = written_closing(job.view, "report")
    if own is not None:
        return own
    gettext = i18n.translations(job.lang).gettext
    lines = []
    for link in links(job, ("slides", "news")):
        words = gettext("The slides shown at the meeting: %(link)s (%(details)s).") if link.output == "slides" else (
            gettext("The news item on the meeting: %(link)s (%(details)s)."))
        lines.append(escape(words) % {"link": _anchor(link), "details": link.details})
    return lines


def news_lines(job) -> list:
    """The news item's closing lines: the meeting's own (the example's), else a lead into the list of downloads."""
    own = written_closing(job.view, "news")
    if own is not None:
        return own
    return [i18n.translations(job.lang).gettext("The report and the slides of the meeting:")]


def slides_lines(job) -> list:
    """The speaker notes' closing lines: the meeting's own `closing.slides`, else none (the slide says it all)."""
    return written_closing(job.view, "slides") or []
