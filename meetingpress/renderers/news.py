"""The news item: a Job → `news.<lang>.html` (a standalone page) and `news.<lang>.fragment.html` (its article).

The article is rendered once from `news/article.html` and used twice: alone as
the fragment an editor pastes into a CMS, and inside `news/page.html`, which
adds the `<head>` (description, Open Graph) and inlines the theme's colours
(`theme.css()`) with `news/news.css`.  No scripts, no external resources.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import i18n, templating
from ..errors import RenderError
from ..theme import theme
from ..view import link_resolver, output_name

NAME = "news"
DESCRIPTION_LIMIT = 200


def summary(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def stylesheet(templates) -> Markup:
    """The theme's CSS variables and the news stylesheet, safe to put inside <style>."""
    css = theme(templates).css() + templating.find("news/news.css", templates).read_text(encoding="utf-8")
    if "<" in css:
        raise RenderError("news/news.css or theme.yaml: the stylesheet may not contain '<'")
    return Markup(css)


@dataclass(frozen=True)
class WebImage:
    src: str
    srcset: str
    width: int
    height: int


def web_images(placed: dict) -> tuple[dict[int, WebImage], dict[str, bytes]]:
    """Each figure's photo for the web, without metadata: {figure number: WebImage} and the files beside the page
    (`figure-<n>-<width>.jpg`, at `photos.WEB_WIDTHS`, the larger only when the photo has the pixels)."""
    from .. import photos

    images, files = {}, {}
    for item in (item for items in placed.values() for item in items if item.kind == "figure"):
        sizes = []
        for width in photos.WEB_WIDTHS:
            clean = photos.clean(item.path, width)
            if sizes and clean.width <= sizes[-1][1].width:
                break
            name = f"figure-{item.number}-{clean.width}{clean.suffix}"
            files[name] = clean.data
            sizes.append((name, clean))
        first = sizes[0][1]
        srcset = ", ".join(f"{name} {clean.width}w" for name, clean in sizes) if len(sizes) > 1 else ""
        images[item.number] = WebImage(sizes[0][0], srcset, first.width, first.height)
    return images, files


def render(job) -> dict[str, bytes]:
    from .. import media

    m = job.view
    env = templating.environment(job.lang, job.templates)
    lead = m.lead
    opening = f'"{lead.quote}". {lead.source or ""} {lead.question}'
    url = link_resolver(job.meeting, job.meeting_id, job.lang)("@news") if job.meeting.base_url else None
    context = {
        "m": m,
        "draft": job.draft,
        "description": summary(opening),
        "og_locale": i18n.LOCALE_OF[job.lang],
        "url": url,
        "media": media.placed(job, NAME),
    }
    images, image_files = web_images(context["media"])
    context["images"] = images
    article = env.get_template("news/article.html").render(context, cms=False).strip()
    body = env.get_template("news/article.html").render(context, cms=True).strip()
    page = env.get_template("news/page.html").render(
        context, article=Markup(article), css=stylesheet(job.templates)
    )
    name = output_name(NAME, job.lang)
    return {
        name: page.encode("utf-8"),
        name.replace(".html", ".fragment.html"): (body + "\n").encode("utf-8"),
        **image_files,
    }
