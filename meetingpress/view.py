"""A meeting seen in one language: `Meeting` + language → read-only view for templates.

Attribute access on a view returns bilingual fields as `Text` in that
language (safe HTML in templates, plain text elsewhere), nested models as
views, and facts unchanged.  In a draft, a missing translation becomes a
visible marker such as "[English text missing]".  `@slides`/`@report`/`@news`
links resolve to the outputs built beside the page, or under `base_url`, where
relative links become absolute too; a link to the output being made is no link
(no output links to itself).
"""

from __future__ import annotations

from urllib.parse import urljoin

from pydantic import BaseModel

from . import i18n
from .schema import Localized, Meeting
from .text import Text

OUTPUT_FILES = {"news": "news.{lang}.html", "report": "report.{lang}.pdf", "slides": "slides.{lang}.pptx"}


def output_name(output: str, lang: str) -> str:
    return OUTPUT_FILES[output].format(lang=lang)


class View:
    """`meeting.title` → Text; `meeting.findings` → {key: View}; `meeting.date` → date."""

    def __init__(self, model: BaseModel, lang: str, resolve, missing_marker: str, inner: tuple[str, str] | None = None):
        self._model = model
        self._lang = lang
        self._resolve = resolve
        self._marker = missing_marker
        self._inner = inner
        """The marks of a quotation inside a quotation: a `quote` field's own quotes and apostrophes become them."""

    def _wrap(self, value):
        if isinstance(value, Localized):
            text = value.get(self._lang)
            if text:
                return Text(text, self._resolve)
            return Text(self._marker, missing=True)
        if isinstance(value, BaseModel):
            return View(value, self._lang, self._resolve, self._marker, self._inner)
        if isinstance(value, dict):
            return {key: self._wrap(child) for key, child in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._wrap(child) for child in value]
        return value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._wrap(getattr(self._model, name))
        if name == "quote" and self._inner and isinstance(value, Text):
            return value.quoted(self._inner)
        return value

    def __iter__(self):
        raise TypeError("a View is not iterable")


def folder_url(meeting: Meeting, meeting_id: str) -> str | None:
    """Where the meeting's outputs are published ("https://example.org/meetings/2017-sp-5/"), if known."""
    return f"{meeting.base_url.rstrip('/')}/{meeting_id}/" if meeting.base_url else None


def linked_lang(meeting: Meeting, output: str, lang: str) -> str:
    """The language of `output` a link from a `lang` text goes to: the same language if it is built, else the first."""
    langs = getattr(meeting.outputs, output)
    return lang if lang in langs else langs[0]


def link_resolver(meeting: Meeting, meeting_id: str, lang: str, current: str | None = None):
    """`@slides` → "slides.en.pptx" (or an absolute URL under base_url, like every relative link); a link to
    the `current` output → None (shown as plain text)."""
    folder = folder_url(meeting, meeting_id)

    def resolve(url: str) -> str | None:
        if not url.startswith("@"):
            return urljoin(folder, url) if folder and not url.startswith("#") else url
        output = url[1:]
        if output == current:
            return None
        name = output_name(output, linked_lang(meeting, output, lang))
        return folder + name if folder else name

    return resolve


def view(meeting: Meeting, meeting_id: str, lang: str, current: str | None = None,
         inner: tuple[str, str] | None = None) -> View:
    marker = i18n.translations(lang).gettext("[text missing]")
    return View(meeting, lang, link_resolver(meeting, meeting_id, lang, current), marker, inner)


def closing(m: View, output: str) -> list | None:
    """The closing lines the meeting writes for `output`, or None when the output makes its own."""
    lines = m.closing
    if isinstance(lines, list):
        return lines if output == "news" and lines else None
    return getattr(lines, output)
