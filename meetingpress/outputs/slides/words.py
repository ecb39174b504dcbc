"""The deck's own words: language + template search path → `Words`, each a plain string from `slides/words.j2`.

Slide titles such as "Central questions", the closing slide's "Read more",
the speaker notes' prompts and the draft mark are macros in the template
`slides/words.j2`, found on the template search path like every template, so
a project or a series can override them; their gettext message ids are
extracted from it (babel.cfg) into locales/.  The words are plain text:
rendered in the templates' sandbox (`templating.Sandbox`) without
autoescaping, in the language of the deck, with the same filters and `lang`
as the other templates.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from meetingpress.errors import RenderError, display_path

TEMPLATE = "slides/words.j2"


@cache
def _environment(lang: str, path: tuple[Path, ...]):
    import jinja2

    from meetingpress import i18n
    from meetingpress.outputs.templating import NEWSTYLE_GETTEXT, OPTIONS, Sandbox

    env = Sandbox(loader=jinja2.FileSystemLoader([str(p) for p in path]), undefined=jinja2.StrictUndefined,
                  **{**OPTIONS, "autoescape": False})
    env.install_gettext_translations(i18n.translations(lang), newstyle=NEWSTYLE_GETTEXT)
    env.filters.update(i18n.filters(lang))
    env.globals["lang"] = lang
    return env


class Words:
    """`words("paged", title=…, page=2, pages=3)` → "Recommendations (2 of 3)" in the deck's language."""

    def __init__(self, lang: str, templates: tuple[Path, ...]):
        template = _environment(lang, tuple(templates)).get_template(TEMPLATE)
        self.file = Path(template.filename)
        self.module = template.module

    def __call__(self, name: str, **values) -> str:
        macro = getattr(self.module, name, None)
        if macro is None:
            raise RenderError(f"{display_path(self.file)}: no macro `{name}`, which the deck needs; "
                              f"see the built-in {TEMPLATE}")
        return str(macro(**values)).strip("\n")  # a macro written over several lines
