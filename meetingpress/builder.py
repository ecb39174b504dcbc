"""The build, start to end: meeting files → validated meetings → outputs in memory → files.

Linear on purpose: load and validate every file (collecting all problems, then
failing once), render every output in memory, and only then write, each file
atomically.  A failure anywhere before the writing leaves `output/` untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import series
from .errors import ContentError, Location, MeetingpressError, Problem, RenderError
from .loader import Source, load
from .project import MEETING_ID, Project
from .renderers import RENDERERS, Job
from .schema import Meeting
from .series import Inherited
from .validate import validate
from .writer import write_atomic


@dataclass(frozen=True)
class Loaded:
    path: Path
    meeting_id: str
    source: Source
    meeting: Meeting
    inherited: Inherited = Inherited()


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


def load_all(project: Project, files: list[Path], draft: bool = False) -> list[Loaded]:
    """Every meeting validated, or one ContentError listing all problems in all files."""
    problems: list[Problem] = []
    loaded = []
    for path in files:
        meeting_id = project.meeting_id(path)
        if not MEETING_ID.match(meeting_id):
            problems.append(
                Problem(Location(str(path)), "", "file name must be lower-case letters, digits, '-', '_' or '.'")
            )
            continue
        try:
            source, inherited = series.apply(load(path, project.root), project.content, project.root)
            loaded.append(Loaded(path, meeting_id, source, validate(source, draft=draft), inherited))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return loaded


def jobs(project: Project, item: Loaded, draft: bool = False):
    """(output name, Job) for every output and language the meeting asks for."""
    templates = project.templates(item.inherited.templates)
    for name in RENDERERS:
        for lang in getattr(item.meeting.outputs, name):
            yield name, Job(
                meeting=item.meeting,
                meeting_id=item.meeting_id,
                source=item.source,
                lang=lang,
                templates=templates,
                assets=project.assets(item.meeting_id),
                draft=draft,
            )


def render_all(
    project: Project, loaded: list[Loaded], draft: bool = False, progress: Callable[[str], None] | None = None
) -> dict[Path, bytes]:
    """Every output in memory, keyed by the path it will be written to."""
    files: dict[Path, bytes] = {}
    for item in loaded:
        for name, job in jobs(project, item, draft):
            if progress:
                progress(f"{item.meeting_id}: {name}.{job.lang}")
            try:
                produced = RENDERERS[name].render(job)
            except MeetingpressError:
                raise
            except Exception as exc:  # a renderer bug or a library failure: name what failed
                raise RenderError(
                    f"{item.source.file}: {name}.{job.lang}: could not be built: {type(exc).__name__}: {exc}"
                ) from exc
            for filename, data in produced.items():
                files[project.output / item.meeting_id / filename] = data
    return files


def write_all(files: dict[Path, bytes]) -> list[Written]:
    written = []
    for path, data in files.items():
        write_atomic(path, data)
        written.append(Written(path, len(data)))
    return written


def build(
    project: Project, files: list[Path], draft: bool = False, progress: Callable[[str], None] | None = None
) -> list[Written]:
    loaded = load_all(project, files, draft)
    return write_all(render_all(project, loaded, draft, progress))
