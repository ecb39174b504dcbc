"""The registry of outputs: output name → `Output`, what each one is, as its own package declares it.

Each output is a module or a subpackage (the built-in ones are in
`meetingpress.outputs`) whose `OUTPUT` declares what the rest of the program would otherwise guess: its
name, its files, what it reads, its default languages, its label, whether it
has a worker of its own, and its render function.  `MODULES` lists them
explicitly, in the order they are listed everywhere (the archive, the
preview, the fingerprints); there is no plugin discovery.  Adding an output is
one module, its templates and one line here.  The schema's `outputs:`, the
`@name` links, the fingerprints, the runner, the archive, the preview, the
texts no output shows (loading/shown.py) and the docs (a test compares them)
all read this registry.

A declaration is light: its functions are named as `module:function` and
imported only in the worker that calls them.  The runner hands `MODULES` to
every worker it starts, so a worker knows the same outputs as the build,
with every start method.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module

MODULES = [
    "meetingpress.outputs.news",
    "meetingpress.outputs.report",
    "meetingpress.outputs.slides",
]


@dataclass(frozen=True)
class Output:
    """What an output is: everything the build, the archive and the preview need to know of it."""

    name: str
    """What a meeting file calls it under `outputs:`, and what `[text](@name)` links to."""
    file: str
    """Its main file, `{lang}` standing for the language: "report.{lang}.pdf" (links point to it; the output
    may write more files beside it, e.g. the news item's CMS body)."""
    label: str
    """What readers call it, in English, translated per language through the catalogs: "Report"."""
    format: str
    """Its format as links to it describe it: "PDF"; in English, translated per language ("web page")."""
    media_type: str
    """The main file's media type, for links (`type=`) and the news item's list of downloads."""
    languages: tuple[str, ...]
    """The languages it is built in when a meeting's `outputs:` does not name it."""
    about: str
    """One line for the meeting file's schema (`outputs.<name>`): "Languages of the PDF report"."""
    reads: tuple[str, ...]
    """What it reads on the template search path, folders or files: a change to any of them remakes it."""
    render: str
    """`module:function`: a `Job` → {file name: bytes}."""
    prepare: str | None = None
    finish: str | None = None
    """For an output with a worker of its own (`heavy`): `prepare` (a `Job` → a picklable page) runs beside the
    other outputs, `finish` (that page → {file name: bytes}) in the output's own worker, which imports no
    schema, Jinja or Babel.  `render` does both in one process."""
    warm: tuple[str, ...] = ()
    """The modules the workers that make this output import before the first job (for the report: at once, while
    the build loads; for the others: in `watch` and `serve`)."""
    lists_others: bool = False
    """It lists the other outputs with their sizes (the news item): made after them, and again with them."""
    preview: str = "preview/file.html"
    """The preview's template for one file of it."""
    hides: str | None = None
    """`module:function`: a meeting → the field paths of the texts this output does not show (None: it shows every
    text).  A text that no output built in its language shows need not be written (`loading/shown.py`)."""
    outline: str | None = None
    """`module:function`: a built file's path → its outline in the preview (a deck's slide titles)."""

    @property
    def heavy(self) -> bool:
        """It has a worker of its own (the report: WeasyPrint's import and render are the build's long pole)."""
        return self.finish is not None

    def file_name(self, lang: str) -> str:
        return self.file.format(lang=lang)


def outputs() -> dict[str, Output]:
    """Every output, by name, in the order of `MODULES`."""
    return _declared(tuple(MODULES))


@cache
def _declared(modules: tuple[str, ...]) -> dict[str, Output]:
    found = {}
    for module in modules:
        output = import_module(module).OUTPUT
        found[output.name] = output
    return found


def N_(message: str) -> str:
    """Marks a declaration's words for the catalogs (Babel extracts `N_`); they are translated where shown."""
    return message


def names() -> list[str]:
    return list(outputs())


def get(name: str) -> Output:
    return outputs()[name]


def file_name(output: str, lang: str) -> str:
    """"report", "en" → "report.en.pdf"."""
    return get(output).file_name(lang)


def function(target: str):
    """`module:function` → the function."""
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)
