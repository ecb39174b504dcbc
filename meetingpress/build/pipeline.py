"""The build, start to end: meeting files → outputs on disk.  Reads top to bottom:

1. take the lock on `output/`;
2. leave out the meetings whose outputs are all current (decided from the build records alone);
3. load and validate the others (translation/ready.py, through loading/load.py): a meeting that is not
   ready to publish is refused with all its problems, the others are built;
4. decide which outputs are out of date (plan.py);
5. make the archive page, which needs the plan only (made here, while the report's own worker finishes
   importing WeasyPrint);
6. render the outputs in memory, in worker processes (runner.py): the outputs that list the others' sizes
   (the news item) after the others;
7. write everything, each file atomically and all or nothing, the build records last (writer.py).
A failure before step 7 leaves `output/` untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress import registry
from meetingpress.build import records as fingerprint
from meetingpress.build.limits import Limits
from meetingpress.build.lock import output_lock
from meetingpress.build.plan import Plan, Planned, output_folder, plan
from meetingpress.build.writer import refuse_links, write_all
from meetingpress.errors import Problem, display_path
from meetingpress.paths import ARCHIVE_PAGE, STATE_DIR
from meetingpress.project import Project

if TYPE_CHECKING:  # (a build with nothing to do starts no worker: it imports no multiprocessing)
    from meetingpress.build.runner import Runner


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


@dataclass
class Result:
    written: list[Written] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Outputs left as they were because nothing they are made of changed: "2017-sp-5/news.nl"."""
    refused: dict[str, list[Problem]] = field(default_factory=dict)
    """Meetings not built, each (its file, as shown) with its problems; the others were built."""
    comparisons: list = field(default_factory=list)
    """The translation state (`translation.compare.Comparison`) of every meeting loaded, and of its series files."""
    relative: list[str] = field(default_factory=list)
    """Meetings built without a base_url: their outputs link to each other by relative names."""


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
    output = output_folder(project, draft)
    with output_lock(project.output, wait, on_wait):
        misnamed = project.name_problems(files)  # never skipped as current: their problems are reported
        todo = [path for path in files if not _current(project, path, output, draft, force, misnamed, result)]
        with _workers(runner, limits, todo) as workers:  # started first: they import WeasyPrint while we load
            loaded, result.refused, result.comparisons = _load(project, todo, draft, misnamed)
            result.relative = [item.meeting_id for item in loaded if not item.meeting.base_url]
            planned = plan(project, loaded, draft, force)
            result.skipped += planned.skipped
            entries, index_page = archive_files(project, planned, output)
            rendered = render_all(workers, planned.todo, output, progress) if planned.todo else []
            files_out = collect(output, planned, rendered, entries, index_page, force)
            if todo and not loaded:  # every meeting asked for was refused: nothing changes, not even the archive
                files_out = {}
            refuse_links(output, files_out)
            write_all(files_out, shown=lambda path: display_path(path, project.root))  # (the workers end after)
    result.written = [Written(path, len(data)) for path, data in files_out.items() if STATE_DIR not in path.parts]
    return result


def _current(project: Project, path: Path, output: Path, draft: bool, force: bool, misnamed, result: Result) -> bool:
    """Every output of the meeting at `path` is current (skipped without reading its YAML)."""
    meeting_id = project.meeting_id(path)
    if force or path in misnamed or not fingerprint.all_current(output, meeting_id, draft):
        return False
    result.skipped.append(f"{meeting_id}/*")
    return True


def _load(project: Project, todo: list[Path], draft: bool, misnamed: dict) -> tuple[list, dict, list]:
    """translation/ready.py's `load_each`, imported only when there is something to load (a build with nothing
    to do imports no schema)."""
    if not todo:
        return [], {}, []
    from meetingpress.translation.ready import load_each

    return load_each(project, todo, draft, misnamed)


@contextmanager
def _workers(runner: Runner | None, limits: Limits, todo: list[Path]) -> Iterator[Runner | None]:
    """The caller's runner (a warm one, in `watch` and `serve`), or one of this build's own, started now and
    ended after (the report's own workers start importing WeasyPrint at once: see `runner.default_lanes`)."""
    if runner is not None or not todo:
        yield runner
        return
    from meetingpress.build.runner import Runner

    own = Runner(limits)
    own.start()
    try:
        yield own
    except BaseException:
        own.close(kill=True)  # don't wait for warming workers when the build has failed
        raise
    own.close()


@dataclass(frozen=True)
class Rendered:
    planned: Planned
    files: dict[str, bytes]
    """File name → bytes, as the output's render function made them."""


def render_all(runner: Runner, todo: list[Planned], output: Path, progress=None) -> list[Rendered]:
    """The planned outputs, rendered: the others first, then those that list their sizes (the news items)."""
    listing = {name for name, declared in registry.outputs().items() if declared.lists_others}
    first = [p for p in todo if p.name not in listing]
    done = [Rendered(p, files) for p, files in zip(first, runner.run([(p.name, p.job) for p in first], progress),
                                                     strict=True)]
    sizes: dict[str, dict[str, int]] = {}
    for item in done:
        sizes.setdefault(item.planned.job.meeting_id, {}).update({n: len(data) for n, data in item.files.items()})
    later = []
    for p in (p for p in todo if p.name in listing):
        known = sizes.setdefault(p.job.meeting_id, {})
        for path in (output / p.job.meeting_id).glob("*.*.*"):  # the outputs left as they were
            if path.name not in known and not path.name.startswith((*(f"{n}." for n in listing), ".")):
                known[path.name] = path.stat().st_size
        later.append(replace(p, job=replace(p.job, sizes=tuple(sorted(known.items())))))
    if later:
        made = runner.run([(p.name, p.job) for p in later], progress)
        done += [Rendered(p, files) for p, files in zip(later, made, strict=True)]
    return done


def archive_files(project: Project, planned: Plan, output: Path) -> tuple[dict[str, dict], tuple | None]:
    """Each meeting's archive entry (for its build record), and the archive page (path, bytes) if it needs
    writing: after a build with nothing to do, only if there is none yet.  (A draft build keeps its own
    archive page in `output/_drafts/`, listing the drafts only.)"""
    if not planned.meetings and (output / ARCHIVE_PAGE).is_file():
        return {}, None
    from meetingpress.build import archive

    entries = {}
    for meeting_id, recorded in planned.meetings.items():
        labels = [*recorded.kept, *(p.label for p in planned.todo if p.job.meeting_id == meeting_id)]
        entries[meeting_id] = archive.entry(recorded.meeting, labels)
    page = archive.render(archive.records(project.content, output, entries), project.templates())
    return entries, (output / ARCHIVE_PAGE, page)


def collect(output: Path, planned: Plan, rendered: list[Rendered], entries: dict, index_page,
            force: bool = False) -> dict[Path, bytes]:
    """Every file to write, the build records last: the rendered outputs, the archive page (unless it is there
    as it would be written, and not `force`), and each meeting's record (the outputs' fingerprints and the
    archive entry)."""
    files_out: dict[Path, bytes] = {}
    for item in rendered:
        job = item.planned.job
        for filename, data in item.files.items():
            files_out[output / job.meeting_id / filename] = data
        planned.meetings[job.meeting_id].kept[item.planned.label] = {
            "key": item.planned.key,
            "content": item.planned.content,
            "files": {filename: fingerprint.file_hash(data) for filename, data in item.files.items()},
        }
    if index_page is not None and (force or not _holds(index_page[0], index_page[1])):
        files_out[index_page[0]] = index_page[1]
    for meeting_id, recorded in planned.meetings.items():
        files_out[fingerprint.state_path(output, meeting_id)] = fingerprint.state_bytes(
            recorded.inputs, recorded.kept, entries[meeting_id]
        )
    return files_out


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
