"""The build, start to end: meeting files → validated meetings → outputs in memory → files.

Linear on purpose:
1. take the lock on `output/`;
2. skip meetings whose outputs are all current (decided from fingerprints alone);
3. load and validate every other file (loading/load.py): a meeting that is not ready is refused with all
   its problems, the others are built;
4. render every output that is not current, in memory, in worker processes
   (and the archive page here, meanwhile); the news items last, as they give
   the size of the report and the deck (so they are made again with either);
5. only then write, each file atomically, and record the fingerprints.
A failure before step 5 leaves `output/` untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from meetingpress import registry
from meetingpress.build import records as fingerprint
from meetingpress.build.limits import Limits
from meetingpress.build.lock import output_lock
from meetingpress.errors import Problem, display_path
from meetingpress.loading.load import Loaded, load_each
from meetingpress.paths import ARCHIVE_PAGE, DRAFTS
from meetingpress.project import Project

if TYPE_CHECKING:
    from meetingpress.build.runner import Runner
from meetingpress.build.writer import refuse_links, write_all


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
    """The translation state (`sync.Comparison`) of every meeting loaded, and of its series files."""
    relative: list[str] = field(default_factory=list)
    """Meetings built without a base_url: their outputs link to each other by relative names."""


def output_folder(project: Project, draft: bool) -> Path:
    """`output/` for what is published; `output/_drafts/` for a draft build, so a draft never replaces it."""
    return project.output / DRAFTS if draft else project.output


def relative_notice(ids: list[str]) -> str | None:
    """One line naming the meetings whose links stay relative (built without a base_url), or None if there are none."""
    if not ids:
        return None
    return (f"note: no base_url for {', '.join(ids)}: links stay relative (fine for a preview, or a site that "
            "publishes output/ as it is); set `base_url:` in the series file or the meeting file to publish")


def inputs(project: Project, item: Loaded, draft: bool = False) -> fingerprint.Inputs:
    from meetingpress.translation.sync import record_path

    series_file = project.content / "series" / f"{item.inherited.name}.yaml" if item.inherited.name else None
    assets = tuple(p for p in (project.assets(item.meeting_id), item.inherited.folder) if p)
    if draft:  # a draft marks stale and unapproved texts, which the sync record decides
        assets += (record_path(item.path.parent, item.meeting_id),)
    return fingerprint.Inputs(item.path.resolve(), series_file, project.template_candidates(item.inherited.templates), assets)


def jobs(project: Project, item: Loaded, draft: bool = False):
    """(output name, Job) for every output and language the meeting asks for."""
    from meetingpress.outputs.job import Job

    templates = project.templates(item.inherited.templates)
    flags = draft_flags(project, item) if draft else ()
    for name in registry.names():
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
                flags=flags,
                output=name,
            )


def draft_flags(project: Project, item: Loaded) -> tuple:
    """(field path, language, kind) for each stale ("stale") and not yet approved ("unapproved") text."""
    from meetingpress.translation.sync import state_of

    comparison = state_of(item, project.root).comparison
    return tuple(
        [(change.field.path, change.stale, "stale") for change in comparison.stale]
        + [(u.field.path, u.draft.lang, "unapproved") for u in comparison.unapproved]
    )


def plan(project: Project, loaded: list[Loaded], draft: bool, force: bool, result: Result):
    """The outputs to render (name, job, (file-level key, content key), label) and each meeting's state entries
    so far: those of the outputs that are current by either key (see build/records.py)."""
    output = output_folder(project, draft)
    planned, states, read = [], {}, {}
    for item in loaded:
        item_inputs = inputs(project, item, draft)
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
        _with_lists(project, item, item_inputs, draft, planned, entries, result, read, seen)
        states[item.meeting_id] = (item_inputs, entries, item.meeting)
    return planned, states


def _with_lists(project, item, item_inputs, draft, planned, entries, result, read, seen) -> None:
    """An output that lists the others with their sizes (the news item) is made again with any of them."""
    listing = {name for name, output in registry.outputs().items() if output.lists_others}
    if not any(job.meeting_id == item.meeting_id and name not in listing for name, job, _key, _label in planned):
        return
    for name, job in jobs(project, item, draft):
        label = f"{name}.{job.lang}"
        if name not in listing or label not in entries:
            continue
        del entries[label]
        result.skipped.remove(f"{item.meeting_id}/{label}")
        seen.setdefault(job.lang, fingerprint.projection(item.meeting, job.lang))
        key = fingerprint.output_key(item_inputs, name, job.lang, draft, read)
        content = fingerprint.content_key(item_inputs, name, job.lang, draft, seen[job.lang], read)
        planned.append((name, job, (key, content), label))


def render_all(runner, planned: list, output: Path, progress=None, meanwhile=None) -> tuple[list, list]:
    """The planned outputs, rendered: the report and the deck first, then the news items that list their sizes.
    Returns the plan in the order rendered, and what each made."""
    listing = {name for name, output in registry.outputs().items() if output.lists_others}
    first = [entry for entry in planned if entry[0] not in listing]
    later = [entry for entry in planned if entry[0] in listing]
    made = runner.run([(name, job) for name, job, _key, _label in first], progress, meanwhile=meanwhile)
    sizes: dict[str, dict[str, int]] = {}
    for (_name, job, _key, _label), produced in zip(first, made, strict=True):
        sizes.setdefault(job.meeting_id, {}).update({name: len(data) for name, data in produced.items()})
    news_jobs = []
    for name, job, _key, _label in later:
        known = sizes.setdefault(job.meeting_id, {})
        for path in (output / job.meeting_id).glob("*.*.*"):  # the outputs left as they were
            if path.name not in known and not path.name.startswith((*(f"{n}." for n in listing), ".")):
                known[path.name] = path.stat().st_size
        news_jobs.append((name, replace(job, sizes=tuple(sorted(known.items())))))
    made += runner.run(news_jobs, progress) if news_jobs else []
    return first + later, made


def archive_files(project: Project, states: dict, planned: list, output: Path) -> tuple[dict[str, dict], tuple | None]:
    """Each meeting's archive entry (for its state record), and the archive page (path, bytes) if it needs
    writing: after a build with nothing to do, only if there is none yet.  (A draft build keeps its own
    archive page in `output/_drafts/`, listing the drafts only.)"""
    if not states and (output / ARCHIVE_PAGE).is_file():
        return {}, None
    from meetingpress.build import archive

    entries = {}
    for meeting_id, (_inputs, kept, meeting) in states.items():
        labels = [*kept, *(label for _name, job, _key, label in planned if job.meeting_id == meeting_id)]
        entries[meeting_id] = archive.entry(meeting, labels)
    page = archive.render(archive.records(project.content, output, entries), project.templates())
    return entries, (output / ARCHIVE_PAGE, page)


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
    output = output_folder(project, draft)
    with output_lock(project.output, wait, on_wait):
        todo, read = [], {}
        misnamed = project.name_problems(files)  # never skipped as current: their problems are reported
        for path in files:
            meeting_id = project.meeting_id(path)
            if not force and path not in misnamed and fingerprint.all_current(output, meeting_id, draft, read):
                result.skipped.append(f"{meeting_id}/*")
            else:
                todo.append(path)
        own = runner is None and bool(todo)
        if own:  # the workers import WeasyPrint while this process loads and validates
            from meetingpress.build.runner import Runner

            runner = Runner.split(limits) if len(todo) == 1 else Runner(limits, preload=("weasyprint",))
            runner.start()
        try:
            loaded, result.refused, result.comparisons = load_each(project, todo, draft, misnamed)
            result.relative = [item.meeting_id for item in loaded if not item.meeting.base_url]
            planned, states = plan(project, loaded, draft, force, result)
            if planned:  # what the archive page needs, imported before the workers that share it are forked
                from meetingpress.loading import theme  # noqa: F401
                from meetingpress.outputs import templating  # noqa: F401
            archive: list = []  # made while the workers render: the archive needs the outputs' names only
            planned, rendered = render_all(
                runner, planned, output, progress,
                meanwhile=lambda: archive.append(archive_files(project, states, planned, output)),
            ) if planned else ([], [])
            entries, index_page = archive[0] if archive else archive_files(project, states, planned, output)
            files_out = collect(output, planned, rendered, states, entries, index_page, force)
            if todo and not loaded:  # every meeting asked for was refused: nothing changes, not even the archive
                files_out = {}
            refuse_links(output, files_out)
            write_all(files_out, shown=lambda path: display_path(path, project.root))
        except BaseException:
            if own:
                runner.close(kill=True)  # don't wait for warming workers when the build has failed
            raise
        if own:
            runner.close()
        result.written = [Written(path, len(data)) for path, data in files_out.items() if fingerprint.STATE_DIR not in path.parts]
    return result
