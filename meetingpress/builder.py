"""The build, start to end: meeting files → validated meetings → outputs in memory → files.

Linear on purpose:
1. take the lock on `output/`;
2. skip meetings whose outputs are all current (decided from fingerprints alone);
3. load and validate every other file, collecting all problems, then failing once;
4. render every output that is not current, in memory, in worker processes
   (and the archive page here, meanwhile);
5. only then write, each file atomically, and record the fingerprints.
A failure before step 5 leaves `output/` untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import fingerprint
from .errors import ContentError, Location, Problem, display_path
from .limits import Limits
from .lock import output_lock
from .paths import ARCHIVE_PAGE
from .project import MEETING_ID, Project

if TYPE_CHECKING:
    from .runner import Runner
from .writer import write_all


@dataclass(frozen=True)
class Loaded:
    path: Path
    meeting_id: str
    source: object
    meeting: object
    inherited: object
    warnings: tuple = ()
    """What an editor should look at but need not fix (a photo that records where it was taken)."""


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


@dataclass
class Result:
    written: list[Written] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Outputs left as they were because nothing they are made of changed: "2017-sp-5/news.nl"."""


def load_all(project: Project, files: list[Path], draft: bool = False) -> list[Loaded]:
    """Every meeting validated, or one ContentError listing all problems in all files."""
    from . import images, series
    from .loader import load
    from .validate import validate

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
            meeting = validate(source, draft=draft)
            logo = ("logo", "file")
            folder = series.asset_folder(source, inherited, project.assets(meeting_id), logo)
            image_problems = images.problems(source, meeting, {logo: folder}, project.assets(meeting_id))
            if image_problems:
                raise ContentError(image_problems)
            warnings = tuple(images.privacy_warnings(source, meeting, project.assets(meeting_id)))
            loaded.append(Loaded(path, meeting_id, source, meeting, inherited, warnings))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return loaded


def inputs(project: Project, item: Loaded) -> fingerprint.Inputs:
    series_file = project.content / "series" / f"{item.inherited.name}.yaml" if item.inherited.name else None
    assets = tuple(p for p in (project.assets(item.meeting_id), item.inherited.folder) if p)
    return fingerprint.Inputs(item.path.resolve(), series_file, project.template_candidates(item.inherited.templates), assets)


def jobs(project: Project, item: Loaded, draft: bool = False):
    """(output name, Job) for every output and language the meeting asks for."""
    from .renderers import RENDERERS, Job

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
                inherited=item.inherited,
            )


def plan(project: Project, loaded: list[Loaded], draft: bool, force: bool, result: Result):
    """The outputs to render (name, job, (file-level key, content key), label) and each meeting's state entries
    so far: those of the outputs that are current by either key (see fingerprint.py)."""
    output = project.output
    planned, states, read = [], {}, {}
    for item in loaded:
        item_inputs = inputs(project, item)
        state = fingerprint.read_state(output, item.meeting_id)
        entries, seen = {}, {}
        for name, job in jobs(project, item, draft):
            label = f"{name}.{job.lang}"
            key = fingerprint.output_key(item_inputs, name, job.lang, draft, read)
            if not force and fingerprint.is_current(output, item.meeting_id, state, key, label):
                entries[label] = state["outputs"][label]
                result.skipped.append(f"{item.meeting_id}/{label}")
                continue
            if job.lang not in seen:
                seen[job.lang] = fingerprint.projection(item.meeting, job.lang)
            content = fingerprint.content_key(item_inputs, name, job.lang, draft, seen[job.lang], read)
            if not force and fingerprint.is_current(output, item.meeting_id, state, content, label, "content"):
                entries[label] = {**state["outputs"][label], "key": key}
                result.skipped.append(f"{item.meeting_id}/{label}")
            else:
                planned.append((name, job, (key, content), label))
        states[item.meeting_id] = (item_inputs, entries, item.meeting)
    return planned, states


def archive_files(project: Project, states: dict, planned: list) -> tuple[dict[str, dict], tuple | None]:
    """Each meeting's archive entry (for its state record), and the archive page (path, bytes) if it needs
    writing: after a build with nothing to do, only if there is none yet."""
    if not states and (project.output / ARCHIVE_PAGE).is_file():
        return {}, None
    from . import archive

    entries = {}
    for meeting_id, (_inputs, kept, meeting) in states.items():
        labels = [*kept, *(label for _name, job, _key, label in planned if job.meeting_id == meeting_id)]
        entries[meeting_id] = archive.entry(meeting, labels)
    page = archive.render(archive.records(project.content, project.output, entries), project.templates())
    return entries, (project.output / ARCHIVE_PAGE, page)


def collect(output: Path, planned: list, rendered: list, states: dict, entries: dict, index_page,
            force: bool = False) -> dict[Path, bytes]:
    """Every file to write: the rendered outputs, each meeting's state record (the outputs' fingerprints and the
    archive entry) and the archive page (unless it is there as it would be written, and not `force`)."""
    files_out: dict[Path, bytes] = {}
    for (_name, job, (key, content), label), produced in zip(planned, rendered, strict=True):
        for filename, data in produced.items():
            files_out[output / job.meeting_id / filename] = data
        states[job.meeting_id][1][label] = {
            "key": key,
            "content": content,
            "files": {filename: fingerprint.file_hash(data) for filename, data in produced.items()},
        }
    for meeting_id, (item_inputs, kept, _meeting) in states.items():
        files_out[fingerprint.state_path(output, meeting_id)] = fingerprint.state_bytes(
            item_inputs, kept, entries[meeting_id]
        )
    if index_page is not None and (force or not _holds(index_page[0], index_page[1])):
        files_out[index_page[0]] = index_page[1]
    return files_out


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def build(
    project: Project,
    files: list[Path],
    draft: bool = False,
    force: bool = False,
    runner: Runner | None = None,
    limits: Limits = Limits(),
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Result:
    result = Result()
    output = project.output
    with output_lock(output, wait, on_wait):
        todo, read = [], {}
        for path in files:
            meeting_id = project.meeting_id(path)
            if not force and fingerprint.all_current(output, meeting_id, draft, read):
                result.skipped.append(f"{meeting_id}/*")
            else:
                todo.append(path)
        own = runner is None and bool(todo)
        if own:  # the workers import WeasyPrint while this process loads and validates
            from .runner import Runner

            runner = Runner.split(limits) if len(todo) == 1 else Runner(limits, preload=("weasyprint",))
            runner.start()
        try:
            loaded = load_all(project, todo, draft) if todo else []
            planned, states = plan(project, loaded, draft, force, result)
            if planned:  # what the archive page needs, imported before the workers that share it are forked
                from . import templating, theme  # noqa: F401
            archive: list = []  # made while the workers render: the archive needs the outputs' names only
            rendered = runner.run(
                [(name, job) for name, job, _key, _label in planned], progress,
                meanwhile=lambda: archive.append(archive_files(project, states, planned)),
            ) if planned else []
            entries, index_page = archive[0] if archive else archive_files(project, states, planned)
            files_out = collect(output, planned, rendered, states, entries, index_page, force)
            write_all(files_out, shown=lambda path: display_path(path, project.root))
        except BaseException:
            if own:
                runner.close(kill=True)  # don't wait for warming workers when the build has failed
            raise
        if own:
            runner.close()
        result.written = [Written(path, len(data)) for path, data in files_out.items() if fingerprint.STATE_DIR not in path.parts]
    return result
