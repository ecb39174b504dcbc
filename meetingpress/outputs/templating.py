"""Jinja environments: (language, template search path) → a strict, autoescaping, sandboxed Environment.

Templates render in Jinja's `ImmutableSandboxedEnvironment`: even a template
that slipped into a template folder cannot reach Python's internals (`__class__`,
`__globals__`, `os`) or change the data it is given, and a file path among that data (a logo's, a photo's)
shows no attributes, so no template can open, read or list a file through it.  Every template is
autoescaped whatever its suffix, undefined names fail
loudly (`StrictUndefined`), and the search path puts the user's override
folders before the built-in `templates/`.  The templates' own words come from
the language's gettext catalog (`{% trans %}`, `_()`), the formatting filters
from `i18n.filters`.  Compiled templates are not kept on disk: compiling all of
them costs a few hundredths of a second, under 1 % of a cold build (measured), and
code compiled by an environment without the sandbox would skip its checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePath

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from meetingpress import i18n
from meetingpress.errors import Location, Problem, display_path
from meetingpress.paths import BUILTIN_TEMPLATES, find, search_path  # noqa: F401  (re-exported)

OPTIONS = dict(autoescape=True, extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
               keep_trailing_newline=True)
NEWSTYLE_GETTEXT = True


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, which lets a template call a `Path`'s `read_text` or `open`, minus paths."""

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        return not isinstance(obj, PurePath) and super().is_safe_attribute(obj, attr, value)


@cache
def environment(lang: str, path: tuple[Path, ...]) -> jinja2.Environment:
    env = Sandbox(
        loader=jinja2.FileSystemLoader([str(p) for p in path]),
        undefined=jinja2.StrictUndefined,
        **OPTIONS,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=NEWSTYLE_GETTEXT)
    env.filters.update(i18n.filters(lang))
    env.globals["lang"] = lang
    env.globals["language_tag"] = i18n.LANGUAGE_TAG[lang]
    return env


def unreadable(templates: Iterable[Path], root: Path) -> list[Problem]:
    """Each of the template files `templates` that Jinja cannot compile, as a problem at its line: what a build
    would stop at when it renders an output that reads it (`check`)."""
    env = Sandbox(**OPTIONS)  # (the syntax is the same in every language: no words or filters needed)
    problems = []
    for path in templates:
        shown = display_path(path, root)
        try:
            env.compile(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(Location(shown, exc.lineno or 1), "", f"this template cannot be read: "
                                    f"{exc.message}; correct it, or delete it to use the built-in one"))
        except UnicodeDecodeError:
            problems.append(Problem(Location(shown), "", "this template is not UTF-8 text; save it as UTF-8"))
    return problems
