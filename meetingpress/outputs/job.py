"""What a renderer gets: one meeting in one output language, and where to find things → `Job`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from meetingpress.errors import Location

if TYPE_CHECKING:  # kept out of the import: the PDF worker imports this package and needs none of them
    from meetingpress.loading.read import Source
    from meetingpress.loading.series import Inherited
    from meetingpress.schema import Meeting


@dataclass(frozen=True)
class Flag:
    """A text a draft marks: stale (the other language changed since both were confirmed) or not yet approved."""

    path: tuple
    """Its field path: ("findings", "challenges", "items", 0, "text")."""
    lang: str
    """The language whose text is marked."""
    kind: Literal["stale", "unapproved"]


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
    flags: tuple[Flag, ...] = ()
    """In a draft: (field path, language, "stale" | "unapproved") for each text the output marks as such."""

    @property
    def root(self) -> Path:
        """The project folder (`assets` is its `content/<id>/`)."""
        return self.assets.parent.parent
    output: str | None = None
    """The output being made (a name in the registry, `outputs/__init__.py`): no output links to itself."""
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
