"""Which meetings may be published: meeting files → the meetings ready to build, and every problem of the others.

Ready means valid (loading/load.py) and, unless a draft is asked for, with no
text missing, stale or not yet approved (compare.py, from the sync records).
One meeting that is not ready does not keep the others from being built.
"""

from __future__ import annotations

from pathlib import Path

from meetingpress.errors import ContentError, display_path
from meetingpress.loading.load import Loaded, load_one
from meetingpress.project import Project
from meetingpress.translation.compare import unpublishable
from meetingpress.translation.translatable import SeriesFile, Translatable, is_series


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


def load_files(project: Project, files: list[Path], draft: bool = True) -> list[Translatable]:
    """Every file loaded (meetings validated as a draft), or one ContentError with every problem."""
    series = [path for path in files if is_series(project, path)]
    problems, loaded = [], {}
    try:
        for item in load_all(project, [path for path in files if path not in series], draft=draft):
            loaded[item.path] = item
    except ContentError as exc:
        problems += exc.problems
    for path in series:
        try:
            loaded[path] = SeriesFile.read(project, path)
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return [loaded[path] for path in files]
