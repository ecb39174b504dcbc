"""The field types the schema's models are made of: a value as written in a meeting file → a typed value.

Prose is bilingual (`Localized`: `nl:` and `en:` side by side); a name may be one
plain string for both languages (`Name`).  An empty text, or one still starting
with "TODO", is a missing text (`None`) in every command.  Times are HH:MM or
HH.MM, web addresses http(s) or mailto.  `Model` is the base of every model:
unknown fields are refused, values are frozen, texts stripped.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Dutch", "en": "English"}
Lang = Literal["nl", "en"]


def unwrap(annotation):
    """A field's type without its Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


class Model(BaseModel):
    # Each field's docstring is its documentation, read only where it is shown (schema/docstrings.py), not at
    # every import; a model's validator is built when it first validates (most models never do on their own).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


PLACEHOLDER = re.compile(r"^\s*TODO\b")
"""A text still starting with "TODO" (as `python build.py new` writes them) is a placeholder, not a text."""


def is_placeholder(value) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.match(value))


def _blank_to_none(value):
    """An empty text and a placeholder are both a missing text, in every command."""
    if isinstance(value, str) and (not value.strip() or is_placeholder(value)):
        return None
    return value


Prose = Annotated[str | None, BeforeValidator(_blank_to_none)]


class Localized(Model):
    """One text in Dutch and English side by side; inline Markdown allowed."""

    nl: Prose = None
    """The Dutch text."""
    en: Prose = None
    """The English text."""

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)


def _name(value):
    """A plain string is a name that is the same in both languages."""
    if isinstance(value, str):
        return {"nl": value, "en": value}
    return value


Name = Annotated[Localized, BeforeValidator(_name)]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_ALLOWED_URL = re.compile(r"^(https?://|mailto:)[^\s]+$", re.IGNORECASE)


def _time(value):
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
    return value


Time = Annotated[dt.time, BeforeValidator(_time)]


def _url(value):
    if isinstance(value, str) and not _ALLOWED_URL.match(value.strip()):
        raise ValueError("must be an http://, https:// or mailto: address")
    return value.strip() if isinstance(value, str) else value


Url = Annotated[str, BeforeValidator(_url)]
