"""Jinja environments: (language, template search path) → a strict, autoescaping Environment.

Every template is autoescaped whatever its suffix, undefined names fail
loudly (`StrictUndefined`), and the search path puts the user's override
folders before the built-in `templates/`.  The templates' own words come from
the language's gettext catalog (`{% trans %}`, `_()`), the formatting filters
from `i18n.filters`.  Compiled templates are kept between runs in the user's
cache folder (`$XDG_CACHE_HOME/meetingpress/`, else `~/.cache/meetingpress/`);
Jinja compiles a template again whenever its source changes.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import jinja2

from . import __version__, i18n
from .paths import BUILTIN_TEMPLATES, search_path  # noqa: F401  (re-exported)

# What decides how a template compiles (the gettext style too); the cache folder is named after it.
OPTIONS = dict(autoescape=True, extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
               keep_trailing_newline=True)
NEWSTYLE_GETTEXT = True


class _Cache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a cache it cannot read or write is no error: the template is compiled."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's file cache of compiled templates, one folder per meetingpress version and Jinja options (Jinja
    itself checks the template's source, and its own and Python's version); None if it cannot be made."""
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    options = hashlib.sha256(repr((sorted(OPTIONS.items()), NEWSTYLE_GETTEXT)).encode()).hexdigest()[:12]
    folder = Path(home) / "meetingpress" / f"templates-{__version__}-{options}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))


@cache
def environment(lang: str, path: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in path]),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=bytecode_cache(),
        **OPTIONS,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=NEWSTYLE_GETTEXT)
    env.filters.update(i18n.filters(lang))
    env.globals["lang"] = lang
    env.globals["language_tag"] = i18n.LANGUAGE_TAG[lang]
    return env


def find(name: str, path: tuple[Path, ...]) -> Path:
    """The first file called `name` on the search path (fonts, stylesheets, pptx masters)."""
    for folder in path:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)
