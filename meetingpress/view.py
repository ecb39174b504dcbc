"""A meeting seen in one language: `Meeting` + language → read-only view for templates.

Attribute access on a view returns bilingual fields as `Text` in that
language (safe HTML in templates, plain text elsewhere), nested models as
views, and facts unchanged.  In a draft, a missing translation becomes a
visible marker such as "[English text missing]", and a text that is stale or
not yet approved (`flags`, from the sync record) starts with "[out of date]" or
"[not yet approved]".  `@slides`/`@report` links
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

    def __init__(self, model: BaseModel, lang: str, resolve, missing_marker: str, flags: dict | None = None,
                 path: tuple = ()):
        self._model = model
        self._lang = lang
        self._resolve = resolve
        self._marker = missing_marker
        self._flags = flags or {}
        """Field path → the marker that goes before its text in this language."""
        self._path = path

    def _wrap(self, value, path: tuple):
        if isinstance(value, Localized):
            text = value.get(self._lang)
            if text and path in self._flags:
                return Text(f"{self._flags[path]} {text}", self._resolve)
            if text:
                return Text(text, self._resolve)
            return Text(self._marker, missing=True)
        if isinstance(value, BaseModel):
            return View(value, self._lang, self._resolve, self._marker, self._flags, path)
        if isinstance(value, dict):
            return {key: self._wrap(child, path + (key,)) for key, child in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._wrap(child, path + (index,)) for index, child in enumerate(value)]
        return value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._wrap(getattr(self._model, name), self._path + (name,))

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


def view(meeting: Meeting, meeting_id: str, lang: str, flags: tuple = ()) -> View:
    """`flags`: (field path, language, "stale" | "unapproved") for each text a draft marks as such."""
    words = i18n.translations(lang)
    marks = {"stale": words.gettext("[stale]"), "unapproved": words.gettext("[not yet approved]")}
    marked = {path: marks[kind] for path, flag_lang, kind in flags if flag_lang == lang}
    return View(meeting, lang, link_resolver(meeting, meeting_id, lang), words.gettext("[text missing]"), marked)
