"""Jinja environments: (language, template search path) → a strict, autoescaping Environment.

Every template is autoescaped whatever its suffix, undefined names fail
loudly (`StrictUndefined`), and the search path puts the user's override
folders before the built-in `templates/`.  The templates' own words come from
the language's gettext catalog (`{% trans %}`, `_()`), the formatting filters
from `i18n.filters`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from . import i18n
from .paths import BUILTIN_TEMPLATES, search_path  # noqa: F401  (re-exported)


@cache
def environment(lang: str, path: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in path]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
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
