"""Render jobs in worker processes: [(output name, Job)] → [{file name: bytes}], in job order.

Every output is rendered in a child process with a time limit and a memory
limit, so a render that raises, hangs, runs out of memory or kills its
process (a crash, `kill -9`) is reported at once as an error naming the
meeting and the output, while the build process itself stays healthy and has
written nothing yet.  One worker per core serves every job of the build; a
warm runner (`watch`, `serve`) imports WeasyPrint and python-pptx once per
worker and keeps them for every later build.

The workers are started with the start method the program chose
(`multiprocessing.set_start_method`), else with `fork`, or `forkserver` when
other threads run (`start_method`); all a worker needs is pickled, so every
start method works.  A worker forked while the build holds the lock on
output/ closes its copy of it at once (see build/lock.py).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait

from meetingpress import registry
from meetingpress.build import tempdirs
from meetingpress.build.limits import Limits
from meetingpress.build.worker import Died, Worker, start_method
from meetingpress.errors import MeetingpressError, RenderError, template_line


def _init_worker(memory_mb: int, preload: tuple[str, ...], temp: str, modules: list[str]) -> None:
    # Ctrl+C reaches every process in the terminal's group; only the parent acts on it and ends the workers.
    # (The parent alone decides what an interrupted build does; see Runner.close.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    # Temporary files (WeasyPrint keeps copies of the fonts there) go into the runner's own folder, which
    # `Runner.close()` deletes: nothing is left behind, even by a worker that had to be killed.
    tempfile.tempdir = temp
    registry.MODULES[:] = modules  # the outputs the build knows (whatever the start method)
    for name in preload:  # imported once here, reused by every job this worker renders
        importlib.import_module(name)


def _render(name: str, job, step: str = "render", *args):
    """Run one step of an output (see `outputs.Output`): `render(job)`, or `prepare(job)` then `finish(prepared)`."""
    try:
        output = registry.get(name)
        if step == "finish":  # the output's own worker: only the module that finishes it, nothing of the schema
            return registry.function(output.finish)(*args)
        return registry.function(output.prepare if step == "prepare" else output.render)(job)
    except MeetingpressError:
        raise
    except MemoryError:
        raise RenderError(_what(name, job) + f"ran out of memory (limit {job_limit()} MB)") from None
    except Exception as exc:  # a template's, a library's or a bug: name what failed (and where), keep it picklable
        where = template_line(exc)
        raise RenderError(_what(name, job) + f"could not be built: {where}{type(exc).__name__}: {exc}") from None


@dataclass(frozen=True)
class _Named:
    """What error messages need of a job, without the meeting (so no schema to import where it goes)."""

    file: str
    lang: str
    meeting_id: str


def job_limit() -> int:
    soft, _hard = resource.getrlimit(resource.RLIMIT_DATA)
    return soft // (1024 * 1024) if soft != resource.RLIM_INFINITY else 0


def _what(name: str, job) -> str:
    file = job.file if isinstance(job, _Named) else job.source.file
    return f"{file}: {name}.{job.lang}: "


def default_lanes(workers: int, warm: bool = False) -> tuple[Lane, ...]:
    """One lane per heavy output (the report), with half the workers, which import what finishes it as soon as
    they start (while the build loads the meetings), and one lane for the rest.  A warm runner's other workers
    also import what the other outputs need (`Output.warm`) before the first build."""
    outputs = registry.outputs().values()
    heavy = [output for output in outputs if output.heavy]
    own = max(1, workers // 2) if heavy else 0
    lanes = tuple(Lane(own, (output.finish.partition(":")[0], *output.warm), frozenset({output.name}))
                  for output in heavy)
    rest = tuple(m for output in outputs if not output.heavy for m in output.warm) if warm else ()
    rest += tuple(output.prepare.partition(":")[0] for output in heavy) if warm else ()
    return (*lanes, Lane(max(1, workers - own), rest))


@dataclass(frozen=True)
class Lane:
    """A group of workers for some outputs (all of them when `outputs` is empty)."""

    workers: int
    preload: tuple[str, ...] = ()
    outputs: frozenset[str] = frozenset()


class Runner:
    """Groups of worker processes ("lanes"); `close()` (or `with`) ends them.

    The same shape for one meeting or many (`default_lanes`): the report has
    workers of its own that import WeasyPrint at once, while the others
    prepare the report's HTML and render the other outputs.  A warm runner
    (`watch`, `serve`) has the same lanes, every worker loaded before the
    first build (`Output.warm`).  An output with a lane of its own is made in two steps (`Output.prepare` and
    `Output.finish`): `prepare(job)` in the general lane, `finish(prepared)`
    in its own.
    """

    def __init__(self, limits: Limits = Limits(), workers: int | None = None, warm: bool = False,
                 lanes: tuple[Lane, ...] | None = None):
        self.limits = limits
        self.workers = workers or os.cpu_count() or 1
        self.lanes = lanes or default_lanes(self.workers, warm)
        self._workers: dict[Lane, list[Worker]] = {}
        self._used: set[Lane] = set()
        self._temp: str | None = None

    def _lane(self, name: str) -> Lane:
        return next((lane for lane in self.lanes if name in lane.outputs), None) or next(
            lane for lane in self.lanes if not lane.outputs
        )

    def _start(self, lane: Lane, use: bool = True) -> list[Worker]:
        """The lane's workers, started now where there are none (or fewer than it has, after one ended)."""
        if use:
            self._used.add(lane)
        workers = [worker for worker in self._workers.get(lane, []) if not worker.ended()]
        if len(workers) < lane.workers:
            context = multiprocessing.get_context(start_method())
            self._temp = self._temp or tempdirs.make()  # named for this build; removes what dead builds left
            setup = (self.limits.memory_mb, lane.preload, self._temp, list(registry.MODULES))
            workers += [Worker(context, _init_worker, setup, _render, "meetingpress-worker")
                        for _ in range(lane.workers - len(workers))]
        self._workers[lane] = workers
        return workers

    def _two_step(self, name: str) -> bool:
        """Outputs with a lane of their own are prepared (the HTML) elsewhere, then finished (the PDF) there."""
        return any(name in lane.outputs for lane in self.lanes)

    def run(self, jobs: list[tuple[str, object]], progress: Callable[[str], None] | None = None) -> list[dict[str, bytes]]:
        """Every job's files, in job order.

        Stops at the first job that fails, takes longer than the time limit, or whose worker ends without an
        answer, with a RenderError naming the meeting and the output; every worker is stopped then."""
        results: list = [None] * len(jobs)
        queues: dict[Lane, deque] = {}
        for i in sorted(range(len(jobs)), key=lambda i: not registry.get(jobs[i][0]).heavy):  # the longest first
            name, job = jobs[i]
            step = "prepare" if self._two_step(name) else "render"
            lane = self._lane("" if step == "prepare" else name)
            queues.setdefault(lane, deque()).append((i, step, (name, job, step)))
        try:
            for lane in queues:
                self._start(lane)
            self._hand_out(jobs, queues)
            left = len(jobs)
            while left:
                self._hand_out(jobs, queues)
                for value, (i, step) in self._answers(jobs, queues):
                    name, job = jobs[i]
                    if step == "prepare":  # the job itself stays here: the PDF worker gets the prepared page only
                        named = _Named(job.source.file, job.lang, job.meeting_id)
                        queues.setdefault(self._lane(name), deque()).append((i, "finish", (name, named, "finish", value)))
                        self._start(self._lane(name))
                        continue
                    results[i], left = value, left - 1
                    if progress:
                        progress(f"{job.meeting_id}: {name}.{job.lang}")
        except BaseException:
            self.close(kill=True)
            raise
        return results

    def _hand_out(self, jobs, queues: dict[Lane, deque]) -> None:
        """Give each idle worker the next task of its lane."""
        for lane, queue in queues.items():
            for worker in self._workers.get(lane, []):
                if not queue:
                    break
                if worker.task is None:
                    i, step, args = queue[0]
                    try:
                        worker.send((i, step), args)
                    except Died as died:
                        raise _died(jobs[i], str(died)) from None
                    queue.popleft()

    def _answers(self, jobs, queues: dict[Lane, deque]):
        """(result, (job index, step)) for each task answered next; a RenderError for a task that fails, takes
        too long, or whose worker ends."""
        busy = [worker for workers in self._workers.values() for worker in workers if worker.task is not None]
        waiting = [worker for workers in self._workers.values() for worker in workers]
        timeout = self.limits.timeout
        left = min((worker.since + timeout for worker in busy), default=time.monotonic() + timeout) - time.monotonic()
        ready = set(wait([w for worker in waiting for w in worker.waitables], timeout=max(0.0, left)))
        answered = []
        for worker in busy:
            if ready.isdisjoint(worker.waitables):
                if time.monotonic() >= worker.since + timeout:
                    raise RenderError(
                        _what(*jobs[worker.task[0]]) + f"took longer than {timeout:g} s and was stopped; "
                        "nothing was written"
                    )
                continue
            task = worker.task
            try:
                ok, value = worker.receive()
            except Died as died:
                raise _died(jobs[task[0]], str(died)) from None
            if not ok:
                raise value if isinstance(value, MeetingpressError) else RenderError(
                    _what(*jobs[task[0]]) + f"could not be built: {type(value).__name__}: {value}"
                )
            answered.append((value, task))
        for lane, workers in self._workers.items():  # a worker that ended before it was given anything
            for worker in [w for w in workers if w.task is None and not ready.isdisjoint(w.waitables) and w.ended()]:
                due = [i for i, _step, _args in queues.get(lane, ())]
                if due:  # (else it is started again when its lane has work)
                    raise _died(jobs[due[0]], worker.how_it_ended())
                workers.remove(worker)
                worker.stop()
        return answered

    def start(self) -> None:
        """Start the workers that import something now (they warm up while the caller goes on)."""
        for lane in self.lanes:
            if lane.preload:
                self._start(lane, use=False)

    def close(self, kill: bool = False) -> None:
        """Wait for the workers to end; stop them at once if `kill`, or if they were given nothing to do (a
        build whose report turned out unchanged does not wait for WeasyPrint's import to finish)."""
        for lane, workers in self._workers.items():  # all asked first, so that they end together
            for worker in workers:
                worker.ask_to_stop(kill=kill or lane not in self._used)
        for worker in [worker for workers in self._workers.values() for worker in workers]:
            worker.wait_stopped()
        self._workers = {}
        self._used = set()
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(kill=exc[0] is not None)


def _died(named_job, how: str) -> RenderError:
    name, job = named_job
    return RenderError(
        _what(name, job) + f"the process rendering it ended without finishing ({how}); nothing was written"
    )
