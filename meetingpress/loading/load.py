"""Loading, for every command: meeting files → validated meetings (`Loaded`), or every problem in them.

A meeting file is read (loading/read.py: YAML 1.2, line numbers), merged with its
series (loading/series.py), validated (loading/validate.py: the schema, missing and
placeholder texts, links), and its images and the theme's fonts are checked
(loading/images.py, loading/theme.py).  `load_each` decides per meeting, so one unfinished
meeting does not hold the others back; `load_all` fails once with every
problem; `load_one` is the same steps for one file, or for the bytes it would
hold (what `import` is about to write).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress.errors import ContentError, Problem, display_path
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


def load_all(project: Project, files: list[Path], draft: bool = False) -> list[Loaded]:
    """Every meeting validated, or one ContentError listing all problems in all files."""
    loaded, refused, _comparisons = load_each(project, files, draft)
    if refused:
        # a theme's problems once, however many meetings use it
        raise ContentError(list(dict.fromkeys(problem for problems in refused.values() for problem in problems)))
    return loaded


def load_each(project: Project, files: list[Path], draft: bool = False,
              misnamed: dict | None = None) -> tuple[list[Loaded], dict, list]:
    """The meetings ready to build, each file that is not with its problems, and every meeting's translation state.

    Ready means valid and, unless `draft`, with no text missing, stale or not yet approved."""
    from meetingpress.translation.compare import unpublishable

    loaded, refused, comparisons = [], {}, []
    misnamed = project.name_problems(files) if misnamed is None else misnamed  # the build's: of every file named
    for path in files:
        if path in misnamed:
            refused[display_path(path, project.root)] = [misnamed[path]]
            continue
        problems = []
        try:
            item = load_one(project, path, draft)
        except ContentError as exc:
            problems, item = exc.problems, None
            if not draft:  # valid as a draft? Then its stale and unapproved texts are named as well
                try:
                    item = load_one(project, path, draft=True)
                except ContentError:
                    pass
        try:
            if item is not None:
                blocking, states = unpublishable(project, item)
                comparisons += states
                problems += [] if draft else blocking
        except ContentError as exc:
            problems += exc.problems
        if problems:
            refused[display_path(path, project.root)] = ContentError(problems).problems  # in file order
        else:
            loaded.append(item)
    return loaded, refused, comparisons


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
