"""The files that hold texts to translate: meeting files and series files (`content/series/<name>.yaml`).

A series file's headings and names are bilingual too; `status`, `export`,
`import` and `sync` take it like a meeting.  `load` turns either into an item
with the attributes the translation workflow reads (`path`, `meeting_id`,
`source`, `meeting`: None for a series file, whose texts are read from its data).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meetingpress.loading.series import SERIES_DIR


@dataclass(frozen=True)
class SeriesFile:
    path: Path
    meeting_id: str
    source: object
    meeting: None = None


def is_series(project, path: Path) -> bool:
    return path.resolve().parent == (project.content / SERIES_DIR).resolve()


def series_files(project) -> list[Path]:
    folder = project.content / SERIES_DIR
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []


def load(project, files: list[Path], draft: bool = True) -> list:
    """Every file loaded (meetings validated as a draft), or one ContentError with every problem."""
    from meetingpress.errors import ContentError
    from meetingpress.loading.load import load_all
    from meetingpress.loading.read import load as load_yaml

    series = [path for path in files if is_series(project, path)]
    problems, loaded = [], {}
    try:
        for item in load_all(project, [path for path in files if path not in series], draft=draft):
            loaded[item.path] = item
    except ContentError as exc:
        problems += exc.problems
    for path in series:
        try:
            loaded[path] = SeriesFile(path, path.stem, load_yaml(path, project.root))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return [loaded[path] for path in files]


def inherited_from(item) -> list[str]:
    """The series files a meeting's inherited texts come from (as shown), or []."""
    from meetingpress.loading.validate import localized_fields

    if item.meeting is None:
        return []
    found = {item.source.locate(path).file for path, _text in localized_fields(item.meeting)}
    return sorted(name for name in found if name != item.source.file)


def unpublishable(project, item) -> tuple[list, list]:
    """What keeps a meeting from being published besides missing texts: (problems, comparisons).

    Stale and not yet approved texts of the meeting and of the series files it
    inherits texts from, each at its `file:line`; texts changed on both sides
    or never confirmed do not count (see docs/sync.md)."""
    from meetingpress.loading.read import load as load_yaml
    from meetingpress.translation.sync import stale_problems, state_of

    owners = [item]
    for shown in inherited_from(item):
        path = project.root / shown
        owners.append(SeriesFile(path, path.stem, load_yaml(path, project.root)))
    problems, comparisons = [], []
    for owner in owners:
        state = state_of(owner, project.root)
        problems += stale_problems(owner.source, state.comparison, state.record, warn=False)
        comparisons.append(state.comparison)
    return problems, comparisons
