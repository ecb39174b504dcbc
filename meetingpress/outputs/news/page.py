"""The news item: a Job → `news.<lang>.html` (a standalone page), `news.<lang>.fragment.html` (a CMS body) and
`news.<lang>.json` (what a CMS asks for beside the body).

The body is rendered once from `news/body.html`: alone it is the fragment an
editor pastes into WordPress or Drupal (only tags both keep, no classes);
inside `news/article.html` (title and category over it) and `news/page.html`
(the `<head>` with description and Open Graph, the theme's colours and
`news/news.css` inlined) it is the standalone page.  No scripts, no external
resources.  The JSON's fields are described by `news.schema.json` beside the
templates, which the tests check it against.
"""

from __future__ import annotations

import json
import re
import unicodedata

from markupsafe import Markup

from meetingpress import i18n, registry
from meetingpress.errors import RenderError
from meetingpress.loading.theme import theme
from meetingpress.outputs import closing, phrases, templating
from meetingpress.outputs.context import context as template_context
from meetingpress.outputs.phrases import ENDS_SENTENCE
from meetingpress.outputs.view import folder_url, link_resolver
from meetingpress.registry import file_name

NAME = "news"
DESCRIPTION_LIMIT = 200
SCHEMA = "news.schema.json"


def summary(sentences, limit: int = DESCRIPTION_LIMIT) -> str:
    """Whole sentences, on one line, as many as fit in `limit` characters; the first cut at a word if it is longer."""
    out = ""
    for sentence in sentences:
        sentence = " ".join(str(sentence).split())
        if not sentence:
            continue
        longer = f"{out} {sentence}".strip()
        if len(longer) > limit:
            if not out:
                out = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
            break
        out = longer
    return out


def opening(m, lang: str, templates) -> tuple[Markup, str]:
    """The lead quotation in the language's marks, with a full stop after it unless it ends a sentence itself:
    “…vergroot”. but “…geteld.” (HTML and plain text)."""
    (start, end), inner = theme(templates).quotes.marks(lang)
    quote = m.lead.quote.quoted(inner)
    plain = quote.plain.rstrip()
    ends = plain.rstrip(inner[1] + "”’\"')")[-1:] in ENDS_SENTENCE if plain else False
    stop = "" if ends else "."
    return Markup("%s%s%s%s") % (start, quote, end, stop), f"{start}{plain}{end}{stop}"


def layout(group) -> str:
    """How the news item shows a group (schema.Group.layout): prose, list, lead-ins or sections."""
    return group.layout()


def slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "news"


def stylesheet(templates) -> Markup:
    """The theme's CSS variables and the news stylesheet, safe to put inside <style>."""
    css = theme(templates).css() + templating.find("news/news.css", templates).read_text(encoding="utf-8")
    if "<" in css:
        raise RenderError("news/news.css or theme.yaml: the stylesheet may not contain '<'")
    return Markup(css)


def one_line_paragraphs(html: str) -> str:
    """Blank lines out; no newline inside an element's text (a CMS would turn it into a line break)."""
    lines = [line.strip() for line in html.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def document(job, description: str, url: str | None, downloads) -> dict:
    """news.<lang>.json: the fields a CMS asks for beside the body."""
    m = job.view
    return {
        "title": str(m.title),
        "summary": description,
        "date": job.meeting.date.isoformat(),
        "category": str(m.category),
        "slug": slug(str(m.title)),
        "language": job.lang,
        "canonical_url": url,
        "body": file_name(NAME, job.lang).replace(".html", ".fragment.html"),
        "meeting": {
            "date": job.meeting.date.isoformat(),
            "start": job.meeting.start.strftime("%H:%M") if job.meeting.start else None,
            "end": job.meeting.end.strftime("%H:%M") if job.meeting.end else None,
            "place": str(m.place),
            "when": str(phrases.when(m, job.lang, sep=", ")),  # in running text, as news/body.html writes it
        },
        "downloads": [
            {"output": link.output, "label": link.label, "url": link.url, "language": link.lang,
             "format": link.format, "media_type": link.media_type, "size": link.size, "details": link.details}
            for link in downloads
        ],
        "open_graph": {
            "og:type": "article",
            "og:title": str(m.title),
            "og:description": description,
            "og:locale": i18n.LOCALE_OF[job.lang],
            "og:url": url,
        },
    }


def render(job) -> dict[str, bytes]:
    from meetingpress.outputs import media

    m = job.view
    env = templating.environment(job.lang, job.templates)
    quote, quote_text = opening(m, job.lang, job.templates)
    description = summary([quote_text, m.lead.source or "", m.lead.question])
    url = link_resolver(job.meeting, job.meeting_id, job.lang)("@news") if job.meeting.base_url else None
    downloads = closing.links(job, tuple(name for name in registry.names() if name != NAME))
    placed = media.placed(job, NAME)
    images, image_files = media.web_images(placed, folder_url(job.meeting, job.meeting_id) or "")
    context = {
        **template_context(job),
        "description": description,
        "og_locale": i18n.LOCALE_OF[job.lang],
        "url": url,
        "quote": quote,
        "layouts": {key: layout(group) for key, group in m.findings.items()},
        "closing": closing.news_lines(job),
        "downloads": downloads,
        "media": placed,
        "images": images,
    }
    # the page shows a poll as an SVG chart, the CMS body (which keeps no SVG) as a list of shares
    body = one_line_paragraphs(env.get_template("news/body.html").render(context, cms=True))
    shown = one_line_paragraphs(env.get_template("news/body.html").render(context, cms=False))
    article = env.get_template("news/article.html").render(context, body=Markup(shown)).strip()
    page = env.get_template("news/page.html").render(
        context, article=Markup(article), css=stylesheet(job.templates)
    )
    name = file_name(NAME, job.lang)
    data = json.dumps(document(job, description, url, downloads), ensure_ascii=False, indent=2)
    return {
        name: page.encode("utf-8"),
        name.replace(".html", ".fragment.html"): body.encode("utf-8"),
        name.replace(".html", ".json"): (data + "\n").encode("utf-8"),
        **image_files,
    }
