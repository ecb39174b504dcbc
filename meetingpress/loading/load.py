"""Loading, for every command: a meeting file → a validated meeting (`Loaded`), or every problem in it.

A meeting file is read (read.py: YAML 1.2, line numbers), merged with its
series (series.py), validated (validate.py: the schema, missing and
placeholder texts, links), and its images and the theme's fonts are checked
(images.py, theme.py).  `load_one` does it for one file, or for the bytes it
would hold (what `import` is about to write).  Whether a valid meeting may
also be published (no text stale or not yet approved) is translation/ready.py's
to say, for many meetings at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress.errors import ContentError, Problem
from meetingpress.project import Project

if TYPE_CHECKING:
    from meetingpress.loading.read import Source
    from meetingpress.loading.series import Inherited
    from meetingpress.schema import Meeting


@dataclass(frozen=True)
class Loaded:
    """One meeting file, loaded and valid."""

    path: Path
    meeting_id: str
    """The file's name without `.yaml`: its outputs go to `output/<meeting_id>/`."""
    source: Source
    """The file as read, with the location of every value (for `file:line` problems)."""
    meeting: Meeting
    inherited: Inherited
    """What its series gives besides data: the series' name, folder and templates."""
    warnings: tuple[Problem, ...] = ()
    """What an editor should look at but need not fix (a photo that records where it was taken)."""


def load_one(project: Project, path: Path, draft: bool, raw: bytes | None = None) -> Loaded:
    """One meeting file (or `raw`, the bytes it would hold) loaded, with its series, validated, its images and
    the theme's fonts checked; ContentError with every problem otherwise."""
    from meetingpress.loading import images, series, theme
    from meetingpress.loading.read import load
    from meetingpress.loading.validate import validate

    meeting_id = project.meeting_id(path)
    source, inherited = series.apply(load(path, project.root, raw=raw), project.content, project.root)
    meeting = validate(source, draft=draft)
    logo = ("logo", "file")
    folder = series.asset_folder(source, inherited, project.assets(meeting_id), logo)
    templates = project.templates(inherited.templates)
    image_problems = images.problems(source, meeting, {logo: folder}, project.assets(meeting_id)) + theme.problems(
        templates, source, meeting, project.root)
    if image_problems:
        raise ContentError(image_problems)
    warnings = tuple(images.privacy_warnings(source, meeting, project.assets(meeting_id)))
    return Loaded(path, meeting_id, source, meeting, inherited, warnings)
