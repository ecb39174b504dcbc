"""Deciding what is out of date: loaded meetings + the build records → the outputs to render (`Plan`).

Each output and language a meeting asks for is a `Job`; it is skipped when its
fingerprint (build/records.py) says nothing it is made of changed, by the key
over its files or by the key over what it reads of the meeting in its own
language.  An output that lists the others (the news item) is made again with
any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from meetingpress import registry
from meetingpress.build import records as fingerprint
from meetingpress.loading.load import Loaded
from meetingpress.outputs.job import Flag, Job
from meetingpress.paths import DRAFTS
from meetingpress.project import Project

if TYPE_CHECKING:
    from meetingpress.schema import Meeting


@dataclass(frozen=True)
class Planned:
    """One output in one language to render, and the two keys its record will hold."""

    name: str
    job: Job
    key: str
    """The key over the input files (build/records.py `output_key`)."""
    content: str
    """The key over what the output reads of the meeting in its language (`content_key`)."""

    @property
    def label(self) -> str:
        """"news.nl": how the records and the messages name it."""
        return f"{self.name}.{self.job.lang}"


@dataclass
class Recorded:
    """What a meeting's build record will hold: its inputs, and the entries of the outputs kept as they were."""

    inputs: fingerprint.Inputs
    kept: dict[str, dict]
    meeting: Meeting


@dataclass
class Plan:
    todo: list[Planned] = field(default_factory=list)
    meetings: dict[str, Recorded] = field(default_factory=dict)
    """Every meeting loaded, by id (its record is written again even when all its outputs are kept)."""
    skipped: list[str] = field(default_factory=list)
    """"2017-sp-5/news.nl" for each output kept as it was."""


def output_folder(project: Project, draft: bool):
    """`output/` for what is published; `output/_drafts/` for a draft build, so a draft never replaces it."""
    return project.output / DRAFTS if draft else project.output


def inputs(project: Project, item: Loaded, draft: bool = False) -> fingerprint.Inputs:
    from meetingpress.translation.record import record_path

    series_file = project.content / "series" / f"{item.inherited.name}.yaml" if item.inherited.name else None
    assets = tuple(p for p in (project.assets(item.meeting_id), item.inherited.folder) if p)
    if draft:  # a draft marks stale and unapproved texts, which the sync record decides
        assets += (record_path(item.path.parent, item.meeting_id),)
    return fingerprint.Inputs(item.path.resolve(), series_file, project.template_candidates(item.inherited.templates), assets)


def jobs(project: Project, item: Loaded, draft: bool = False):
    """(output name, Job) for every output and language the meeting asks for."""
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


def draft_flags(project: Project, item: Loaded) -> tuple[Flag, ...]:
    """Each stale and each not yet approved text of the meeting, for a draft to mark."""
    from meetingpress.translation.compare import state_of

    comparison = state_of(item, project.root).comparison
    return tuple(
        [Flag(change.field.path, change.stale, "stale") for change in comparison.stale]
        + [Flag(u.field.path, u.draft.lang, "unapproved") for u in comparison.unapproved]
    )


def plan(project: Project, loaded: list[Loaded], draft: bool, force: bool) -> Plan:
    """What to render, and each meeting's record entries so far: those of the outputs current by either key."""
    output = output_folder(project, draft)
    result, read = Plan(), {}
    for item in loaded:
        item_inputs = inputs(project, item, draft)
        state = fingerprint.read_state(output, item.meeting_id)
        kept, seen = {}, {}
        for name, job in jobs(project, item, draft):
            label = f"{name}.{job.lang}"
            key = fingerprint.output_key(item_inputs, name, job.lang, draft, read)
            if not force and fingerprint.is_current(output, item.meeting_id, state, key, label):
                kept[label] = state["outputs"][label]
                result.skipped.append(f"{item.meeting_id}/{label}")
                continue
            if job.lang not in seen:
                seen[job.lang] = fingerprint.projection(item.meeting, job.lang)
            content = fingerprint.content_key(item_inputs, name, job.lang, draft, seen[job.lang], read)
            if not force and fingerprint.is_current(output, item.meeting_id, state, content, label, "content"):
                kept[label] = {**state["outputs"][label], "key": key}
                result.skipped.append(f"{item.meeting_id}/{label}")
            else:
                result.todo.append(Planned(name, job, key, content))
        result.meetings[item.meeting_id] = Recorded(item_inputs, kept, item.meeting)
        _with_lists(project, item, draft, result, read, seen)
    return result


def _with_lists(project: Project, item: Loaded, draft: bool, result: Plan, read: dict, seen: dict) -> None:
    """An output that lists the others with their sizes (the news item) is made again with any of them."""
    listing = {name for name, output in registry.outputs().items() if output.lists_others}
    if not any(p.job.meeting_id == item.meeting_id and p.name not in listing for p in result.todo):
        return
    kept = result.meetings[item.meeting_id].kept
    item_inputs = result.meetings[item.meeting_id].inputs
    for name, job in jobs(project, item, draft):
        label = f"{name}.{job.lang}"
        if name not in listing or label not in kept:
            continue
        del kept[label]
        result.skipped.remove(f"{item.meeting_id}/{label}")
        seen.setdefault(job.lang, fingerprint.projection(item.meeting, job.lang))
        key = fingerprint.output_key(item_inputs, name, job.lang, draft, read)
        content = fingerprint.content_key(item_inputs, name, job.lang, draft, seen[job.lang], read)
        result.todo.append(Planned(name, job, key, content))
