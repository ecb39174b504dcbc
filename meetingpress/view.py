"""A meeting seen in one language: `Meeting` + language → read-only view for templates.

Attribute access on a view returns bilingual fields as `Text` in that
language (safe HTML in templates, plain text elsewhere), nested models as
views, and facts unchanged.  In a draft, a missing translation becomes a
visible marker such as "[English text missing]".  `@slides`/`@report` links
resolve to the outputs built beside the page, or under `base_url`.
"""

from __future__ import annotations

from pydantic import BaseModel

from . import i18n
from .schema import Localized, Meeting
from .text import Text

OUTPUT_FILES = {"news": "news.{lang}.html", "report": "report.{lang}.pdf", "slides": "slides.{lang}.pptx"}


def output_name(output: str, lang: str) -> str:
    return OUTPUT_FILES[output].format(lang=lang)


class View:
    """`meeting.title` → Text; `meeting.findings` → {key: View}; `meeting.date` → date."""

    def __init__(self, model: BaseModel, lang: str, resolve, missing_marker: str):
        self._model = model
        self._lang = lang
        self._resolve = resolve
        self._marker = missing_marker

    def _wrap(self, value):
        if isinstance(value, Localized):
            text = value.get(self._lang)
            if text:
                return Text(text, self._resolve)
            return Text(self._marker, missing=True)
        if isinstance(value, BaseModel):
            return View(value, self._lang, self._resolve, self._marker)
        if isinstance(value, dict):
            return {key: self._wrap(child) for key, child in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._wrap(child) for child in value]
        return value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._wrap(getattr(self._model, name))

    def __iter__(self):
        raise TypeError("a View is not iterable")


def link_resolver(meeting: Meeting, meeting_id: str, lang: str):
    """`@slides` → "slides.en.pptx" (or an absolute URL under base_url); other links unchanged."""

    def resolve(url: str) -> str:
        if not url.startswith("@"):
            return url
        output = url[1:]
        langs = getattr(meeting.outputs, output)
        name = output_name(output, lang if lang in langs else langs[0])
        if meeting.base_url:
            return f"{meeting.base_url.rstrip('/')}/{meeting_id}/{name}"
        return name

    return resolve


def view(meeting: Meeting, meeting_id: str, lang: str) -> View:
    marker = i18n.translations(lang).gettext("[text missing]")
    return View(meeting, lang, link_resolver(meeting, meeting_id, lang), marker)
