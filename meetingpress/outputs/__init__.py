"""The renderer interface: one `Job` (a meeting in one language) → {file name: bytes}.

Each output is one module with a `NAME` and a `render(job)` function; they
are listed here explicitly, in build order, and imported only where they
render (in the worker processes), so the build process itself stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress.errors import Location

if TYPE_CHECKING:  # kept out of the import: the PDF worker imports this package and needs none of them
    from meetingpress.loading.read import Source
    from meetingpress.loading.series import Inherited
    from meetingpress.schema import Meeting

RENDERERS = ("news", "report", "slides")
SECOND_STEPS = {"report": "report.pdf"}
"""Outputs made in two steps: `prepare(job)` in the renderer, then `finish(prepared)` in this light module,
which a worker of its own can import without the schema, Jinja or Babel."""


MODULES = {"news": "news", "report": "report.page", "slides": "slides.content"}


def renderer(name: str):
    """The module that renders output `name` (one of RENDERERS)."""
    if name not in RENDERERS:
        raise KeyError(name)
    return import_module(f"{__package__}.{MODULES[name]}")


def second_step(name: str):
    """The module that finishes a two-step output `name` (one of SECOND_STEPS)."""
    return import_module(f"{__package__}.{SECOND_STEPS[name]}")


@dataclass(frozen=True)
class Job:
    """What a renderer gets: one meeting, one output language, where to find things."""

    meeting: Meeting
    meeting_id: str
    source: Source
    lang: str
    templates: tuple[Path, ...]
    """The template search path: override folders first, built-ins last."""
    assets: Path
    """The meeting's own folder, `content/<id>/`, for images."""
    draft: bool = False
    inherited: Inherited | None = None
    """What the meeting's series gives besides data (its name and folder), if it has a series."""
    flags: tuple = ()
    """In a draft: (field path, language, "stale" | "unapproved") for each text the output marks as such."""

    @property
    def root(self) -> Path:
        """The project folder (`assets` is its `content/<id>/`)."""
        return self.assets.parent.parent
    output: str | None = None
    """The output being made (one of RENDERERS): links to it are left out, no output links to itself."""
    sizes: tuple[tuple[str, int], ...] = ()
    """(file name, size in bytes) of the meeting's other outputs, when known (the news item lists them)."""

    @cached_property
    def view(self):
        """The meeting in this job's language (see outputs/view.py), its quotation's inner marks as the theme has them."""
        from meetingpress.loading.theme import theme
        from meetingpress.outputs.view import view

        _outer, inner = theme(self.templates).quotes.marks(self.lang)
        return view(self.meeting, self.meeting_id, self.lang, self.flags, self.output, inner)

    def folder_for(self, *path) -> Path:
        """The folder a file named at `path` (e.g. "logo", "file") is relative to."""
        from meetingpress.loading.series import Inherited, asset_folder

        return asset_folder(self.source, self.inherited or Inherited(), self.assets, path)

    def locate(self, *path) -> Location:
        """Where a field stands in the meeting file, for error messages."""
        return self.source.locate(tuple(path))
