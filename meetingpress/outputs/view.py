"""A meeting seen in one language: `Meeting` + language → read-only view for templates.

Attribute access on a view returns bilingual fields as `Text` in that
language (safe HTML in templates, plain text elsewhere), nested models as
views, and facts unchanged.  In a draft, a missing translation becomes a
visible marker such as "[English text missing]", and a text that is stale or
not yet approved (`flags`, from the sync record) starts with "[out of date]" or
"[not yet approved]".  `@slides`/`@report`/`@news` links resolve to the
outputs built beside the page, or under `base_url`, where relative links
become absolute too; a link to the output being made is no link (no output
links to itself).
"""

from __future__ import annotations

from urllib.parse import urljoin

from pydantic import BaseModel

from meetingpress import i18n
from meetingpress.registry import file_name
from meetingpress.schema import Localized, Meeting
from meetingpress.text import Text


class View:
    """`meeting.title` → Text; `meeting.findings` → {key: View}; `meeting.date` → date."""

    def __init__(self, model: BaseModel, lang: str, resolve, missing_marker: str, flags: dict | None = None,
                 path: tuple = (), inner: tuple[str, str] | None = None):
        self._model = model
        self._lang = lang
        self._resolve = resolve
        self._marker = missing_marker
        self._flags = flags or {}
        """Field path → the marker that goes before its text in this language."""
        self._path = path
        self._inner = inner
        """The marks of a quotation inside a quotation: a `quote` field's own quotes and apostrophes become them."""

    def _wrap(self, value, path: tuple):
        if isinstance(value, Localized):
            text = value.get(self._lang)
            if text and path in self._flags:
                return Text(f"{self._flags[path]} {text}", self._resolve)
            if text:
                return Text(text, self._resolve)
            return Text(self._marker, missing=True)
        if isinstance(value, BaseModel):
            return View(value, self._lang, self._resolve, self._marker, self._flags, path, self._inner)
        if isinstance(value, dict):
            return {key: self._wrap(child, path + (key,)) for key, child in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._wrap(child, path + (index,)) for index, child in enumerate(value)]
        return value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._wrap(getattr(self._model, name), self._path + (name,))
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
        name = file_name(output, linked_lang(meeting, output, lang))
        return folder + name if folder else name

    return resolve


def view(meeting: Meeting, meeting_id: str, lang: str, flags: tuple = (), current: str | None = None,
         inner: tuple[str, str] | None = None) -> View:
    """`flags`: each text a draft marks as such (`job.Flag`); `current`:
    the output being made (links to it are no links); `inner`: the marks of a quotation inside a quotation."""
    words = i18n.translations(lang)
    marks = {"stale": words.gettext("[stale]"), "unapproved": words.gettext("[not yet approved]")}
    marked = {flag.path: marks[flag.kind] for flag in flags if flag.lang == lang}
    resolve = link_resolver(meeting, meeting_id, lang, current)
    return View(meeting, lang, resolve, words.gettext("[text missing]"), marked, inner=inner)


def closing(m: View, output: str) -> list | None:
    """The closing lines the meeting writes for `output`, or None when the output makes its own."""
    lines = m.closing
    if isinstance(lines, list):
        return lines if output == "news" and lines else None
    return getattr(lines, output)
