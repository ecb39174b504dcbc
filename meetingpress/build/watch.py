"""Live rebuilds: saves in `content/`, `templates/` or a series' templates folder → one build per batch of
changes → `on_result(Cycle)`.

`watch()` builds once as soon as it is watching, then again after every
batch of saves (watchfiles groups an editor's writes into one batch).  Every
build goes through `builder.build` with the same warm `Runner`, so the worker
processes import WeasyPrint and python-pptx once, and the fingerprints make
each rebuild redo only the outputs whose inputs changed.  A build that fails
is reported like any other (its problems or its error) and writes nothing,
so the last good outputs stay; the next save tries again.  It stops when
`stop` is set (or on Ctrl+C in the main thread).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from meetingpress.build.limits import Limits
from meetingpress.build.pipeline import Result, build
from meetingpress.build.runner import Runner
from meetingpress.errors import ContentError, MeetingpressError, Problem, UsageError, display_path
from meetingpress.project import Project

READY_MS = 200
"""How long watchfiles waits before it reports "no changes" (the first build waits for it: the watch is set up)."""
WORKERS = 3
"""Warm worker processes: enough for one meeting's three outputs at once."""


@dataclass
class Cycle:
    """One build of a watch session: what set it off and how it went."""

    number: int
    changed: list[str] = field(default_factory=list)
    """Files saved since the last build, relative to the project (empty for the first build)."""
    result: Result | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.problems


def folders(project: Project) -> list[Path]:
    """What `watch` watches: content/, templates/ when the project has one, and the templates folders that
    series files name outside those two."""
    from meetingpress.loading.series import template_folders

    if not project.content.is_dir():
        raise UsageError(f"no content/ folder in {project.root}; run meetingpress from the project folder, "
                         f"or start a project with `{project.command} init`")
    watched = [p.resolve() for p in (project.content, project.root / "templates") if p.is_dir()]
    for folder in template_folders(project.content):
        if not any(folder.is_relative_to(p) for p in watched):
            watched.append(folder)
    return watched


def saved(project: Project, changes) -> list[str]:
    """The files a batch changed, relative to the project; an editor's temporary files (made and gone) left out."""
    from watchfiles import Change

    added = {path for change, path in changes if change == Change.added}
    return sorted({
        display_path(Path(path), project.root)
        for _change, path in changes
        if Path(path).exists() or path not in added
    })


def rebuild(project: Project, runner: Runner, number: int, changed: list[str], draft: bool = False) -> Cycle:
    """One build of every meeting (unchanged outputs are skipped), never raising for content or render problems."""
    cycle = Cycle(number, changed)
    started = time.monotonic()
    try:
        # Start the workers again if a failed render ended them, so they warm up while the build loads.
        runner.start()
        cycle.result = build(project, project.meetings(), draft=draft, runner=runner)
        cycle.problems = [p for problems in cycle.result.refused.values() for p in problems]  # the others were built
    except ContentError as exc:
        cycle.problems = exc.problems
    except MeetingpressError as exc:
        cycle.error = str(exc)
    except Exception as exc:  # a bug must not end the session: report it and keep watching
        cycle.error = f"internal error: {type(exc).__name__}: {exc} (a bug in meetingpress, not in your files)"
    cycle.seconds = time.monotonic() - started
    return cycle


def warm_runner(limits: Limits = Limits()) -> Runner:
    """The workers of a watch session, started now (before the caller starts any thread of its own)."""
    runner = Runner(limits, workers=WORKERS, warm=True)
    runner.start()
    return runner


def watch(
    project: Project,
    stop: threading.Event,
    on_result: Callable[[Cycle], None],
    draft: bool = False,
    limits: Limits = Limits(),
    runner: Runner | None = None,
) -> None:
    """Build now and after every batch of saves until `stop` is set; each build's Cycle goes to `on_result`.
    The warm `runner` (by default one of its own) is closed at the end."""
    from watchfiles import watch as watch_files

    number = 0
    with runner or warm_runner(limits) as runner:
        runner.start()  # every worker now, the PDF one too: the first report need not wait for WeasyPrint's import
        while not stop.is_set():  # watching anew whenever a series names another templates folder
            watched = folders(project)
            catch_up = number > 0  # a save made while the watch was set up again is built now, not lost
            batches = watch_files(*watched, stop_event=stop, rust_timeout=READY_MS, yield_on_timeout=True)
            for changes in batches:  # the first batch comes once the watch is set up (a timeout, or saves)
                if number and not changes and not catch_up:
                    continue
                cycle = rebuild(project, runner, number + 1, saved(project, changes) if number else [], draft)
                if not (catch_up and not changes and cycle.ok and not cycle.result.written):  # else: nothing new
                    number += 1
                    on_result(cycle)
                catch_up = False
                series = (project.content / "series").resolve()
                if stop.is_set() or (any(Path(p).parent == series for _c, p in changes) and folders(project) != watched):
                    break
