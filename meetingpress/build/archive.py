"""The archive: the build's per-meeting state records → `output/index.html`, every meeting newest first, per language.

Each build stores what the archive needs in the meeting's state record
(`output/.meetingpress/<id>.json`, key `index`: date, title per language and
the file name of each output), so meetings whose outputs were skipped are
listed without reading their YAML.  The builder renders the page with the
records it is about to write, and writes it with them (all or nothing).  Records whose meeting file is gone from
`content/` are left out.  The page has one section per language (`nl`, `en`),
each with the date written the way that language writes it, the title in that
language and relative links to every output; `archive/index.html` and
`archive/section.html` on the template search path, the theme's colours
inlined with `archive/archive.css`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from meetingpress.build.records import read_state, recorded
from meetingpress.paths import ARCHIVE_PAGE as INDEX


@dataclass(frozen=True)
class Record:
    """One meeting as the archive lists it."""

    meeting_id: str
    date: dt.date
    titles: dict[str, str | None]
    files: dict[str, str]
    """Output label ("report.en") → file name in `output/<id>/` ("report.en.pdf")."""


def entry(meeting, labels) -> dict:
    """The `index` entry of a meeting's state record, for the outputs `labels` ("news.nl", …)."""
    from meetingpress.registry import file_name
    from meetingpress.schema import LANGS
    from meetingpress.text import Text

    return {
        "date": meeting.date.isoformat(),
        "title": {lang: Text(meeting.title.get(lang)).plain if meeting.title.get(lang) else None for lang in LANGS},
        "files": {label: file_name(*label.split(".", 1)) for label in sorted(labels)},
    }


def _record(meeting_id: str, data) -> Record | None:
    from meetingpress.schema import LANGS

    index = data.get("index") if isinstance(data, dict) else None
    try:
        titles, files = index["title"], index["files"]
        record = Record(meeting_id, dt.date.fromisoformat(index["date"]),
                        {lang: titles.get(lang) for lang in LANGS}, dict(files))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None  # an older or damaged record: the next build rewrites it
    if not all(isinstance(v, str) for v in (*record.files, *record.files.values())):
        return None
    return record


def records(content: Path, output: Path, fresh: dict[str, dict] | None = None) -> list[Record]:
    """Every meeting with a state record and a meeting file, newest first.

    `fresh` holds the entries of the records this build is about to write; they
    win over the ones on disk.
    """
    fresh = fresh or {}
    found = []
    ids = recorded(output) | set(fresh)
    for meeting_id in sorted(ids):
        if not (content / f"{meeting_id}.yaml").is_file():
            continue
        if meeting_id in fresh:
            state = {"index": fresh[meeting_id]}
        else:
            state = read_state(output, meeting_id)
        record = _record(meeting_id, state)
        if record:
            found.append(record)
    return sorted(found, key=lambda r: (r.date, r.meeting_id), reverse=True)


def _order(label: str, lang: str) -> tuple:
    """In the registry's order (news, report, slides); within each, the section's own language first."""
    from meetingpress import registry

    output, file_lang = label.split(".", 1)
    kinds = registry.names()
    return (kinds.index(output) if output in kinds else len(kinds), file_lang != lang, label)


def _meetings(found: list[Record], lang: str) -> list[dict]:
    from meetingpress import i18n, registry
    from meetingpress.schema import LANGS

    languages = i18n.locale(lang).languages
    meetings = []
    for record in found:
        title_lang = lang if record.titles.get(lang) else next((x for x in LANGS if record.titles.get(x)), lang)
        links = []
        for label, filename in sorted(record.files.items(), key=lambda item: _order(item[0], lang)):
            output, file_lang = label.split(".", 1)
            known = registry.outputs().get(output)
            links.append({
                "href": f"{quote(record.meeting_id)}/{quote(filename)}",
                "output": output,
                "lang": file_lang,
                "language": languages.get(file_lang, file_lang),
                "file": filename,
                "label": known.label if known else None,
                "format": known.format if known else None,
            })
        meetings.append({
            "id": record.meeting_id,
            "date": record.date,
            "title": record.titles.get(title_lang) or record.meeting_id,
            "title_lang": title_lang,
            "links": links,
        })
    return meetings


def render(found: list[Record], templates: tuple[Path, ...]) -> bytes:
    """The archive page for `found` (as `records` returns them)."""
    import jinja2
    from markupsafe import Markup

    from meetingpress import i18n
    from meetingpress.errors import RenderError, template_line
    from meetingpress.loading.theme import theme
    from meetingpress.outputs import templating
    from meetingpress.schema import LANGS

    try:
        css = theme(templates).css() + templating.find("archive/archive.css", templates).read_text(encoding="utf-8")
        if "<" in css:
            raise RenderError("archive/archive.css or theme.yaml: the stylesheet may not contain '<'")
        sections = []
        for lang in LANGS:
            heading = i18n.translations(lang).gettext("All meetings")
            html = templating.environment(lang, templates).get_template("archive/section.html").render(
                heading=heading, meetings=_meetings(found, lang)
            )
            name = i18n.locale(lang).languages.get(lang, lang)
            sections.append({"lang": lang, "name": name, "heading": heading, "html": Markup(html.strip())})
        page = templating.environment(LANGS[0], templates).get_template("archive/index.html").render(
            sections=sections, css=Markup(css)
        )
    except (jinja2.TemplateError, FileNotFoundError) as exc:
        where = template_line(exc)
        raise RenderError(f"output/{INDEX} could not be built: {where}{type(exc).__name__}: {exc}") from None
    return page.encode("utf-8")
