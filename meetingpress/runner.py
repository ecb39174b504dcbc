"""Render jobs in worker processes: [(output name, Job)] → [{file name: bytes}], in job order.

Every output is rendered in a child process with a time limit and a memory
limit, so a render that raises, hangs or runs out of memory is reported as
an error naming the meeting and the output, while the build process itself
stays healthy and has written nothing yet.  One worker per core serves every
job of the build; a warm pool (`watch`, `serve`) imports WeasyPrint and
python-pptx once per worker and keeps them for every later build.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from .errors import MeetingpressError, RenderError, template_line
from .limits import Limits

# What a warm pool's workers load before their first job: modules, and `module:function` to call once imported.
WARM_PDF = ("weasyprint", "meetingpress.renderers.pdf_tags", "meetingpress.renderers.report:warm_up")
WARM_REST = ("pptx", "meetingpress.renderers.report", "meetingpress.renderers.slides")


def _init_worker(memory_mb: int, preload: tuple[str, ...], temp: str) -> None:
    # Ctrl+C reaches every process in the terminal's group; only the parent acts on it and ends the workers.
    # (A worker stopped by it could die holding the pool's queue lock, and ending the pool would then hang.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    # Temporary files (WeasyPrint keeps copies of the fonts there) go into the runner's own folder, which
    # `Runner.close()` deletes: nothing is left behind, even by a worker that had to be killed.
    tempfile.tempdir = temp
    for name in preload:  # imported (and warmed) once here, reused by every job this worker renders
        module, _, function = name.partition(":")
        loaded = importlib.import_module(module)
        if function:
            try:
                getattr(loaded, function)()
            except Exception:  # noqa: BLE001  only a head start: a real render reports what is wrong
                pass
    if any(":" in name for name in preload):
        gc.collect()  # the warm-up's garbage, before what is left is frozen
    if preload:  # what the imports made lives as long as the worker: the collector need not walk it again
        gc.freeze()  # (a report renders about 0.02 s faster)


def _render(name: str, job, step: str = "render", *args):
    """Run one step of a renderer: `render(job)`, or `prepare(job)` / `finish(job, prepared)` for two-step ones."""
    from .renderers import renderer, second_step

    try:
        if step == "finish":  # the PDF worker: only the module that runs WeasyPrint, nothing of the schema
            return second_step(name).finish(*args)
        return getattr(renderer(name), step)(job, *args)
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


@dataclass(frozen=True)
class Lane:
    """A pool of workers for some outputs (all of them when `outputs` is empty)."""

    workers: int
    preload: tuple[str, ...] = ()
    outputs: frozenset[str] = frozenset()


class Runner:
    """Pools of workers ("lanes"); `close()` (or `with`) ends them.

    One lane serves every output by default.  `Runner.split()` gives the
    report a worker of its own that imports WeasyPrint at once, while another
    worker prepares the report's HTML and renders the other outputs: the
    right shape for one meeting, where the report is the long pole.  A warm
    runner (`watch`, `serve`) has the same two lanes, loaded before the first
    build: the reports' PDFs always go to the same warm workers, which keep
    the report's fonts and parsed stylesheets.  An output with a lane of its
    own is made in two steps (`renderers.SECOND_STEPS`): `prepare(job)` in the
    general lane, `finish(prepared)` in its own.
    """

    def __init__(self, limits: Limits = Limits(), workers: int | None = None, warm: bool = False,
                 preload: tuple[str, ...] | None = None, lanes: tuple[Lane, ...] | None = None):
        self.limits = limits
        self.workers = workers or os.cpu_count() or 1
        if lanes is None and warm:
            pdf = max(1, self.workers // 2)
            lanes = (Lane(pdf, WARM_PDF, frozenset({"report"})), Lane(max(1, self.workers - pdf), WARM_REST))
        self.lanes = lanes or (Lane(self.workers, preload or ()),)
        self._pools: dict[Lane, object] = {}
        self._used: set[Lane] = set()
        self._temp: str | None = None

    @classmethod
    def split(cls, limits: Limits = Limits()) -> Runner:
        rest = max(1, (os.cpu_count() or 1) - 1)
        report = Lane(1, ("weasyprint", "meetingpress.renderers.report_pdf", "meetingpress.renderers.pdf_tags"),
                      frozenset({"report"}))
        return cls(limits, lanes=(report, Lane(rest)))

    def _lane(self, name: str) -> Lane:
        return next((lane for lane in self.lanes if name in lane.outputs), None) or next(
            lane for lane in self.lanes if not lane.outputs
        )

    def _pool(self, lane: Lane, use: bool = True):
        if use:
            self._used.add(lane)
        if lane not in self._pools:
            context = multiprocessing.get_context("fork")
            self._temp = self._temp or tempfile.mkdtemp(prefix="meetingpress-")
            self._pools[lane] = context.Pool(
                lane.workers, _init_worker, (self.limits.memory_mb, lane.preload, self._temp)
            )
        return self._pools[lane]

    def _two_step(self, name: str) -> bool:
        """Outputs with a lane of their own are prepared (the HTML) elsewhere, then finished (the PDF) there."""
        return any(name in lane.outputs for lane in self.lanes)

    def run(self, jobs: list[tuple[str, object]], progress: Callable[[str], None] | None = None,
            meanwhile: Callable[[], None] | None = None) -> list[dict[str, bytes]]:
        """Every job's files, in job order; `meanwhile()` runs here once the jobs are handed out."""
        # The longest jobs (reports) are handed out first.
        order = sorted(range(len(jobs)), key=lambda i: jobs[i][0] != "report")
        general = self._pool(self._lane(""))
        pending = {}
        for i in order:
            name, job = jobs[i]
            step = "prepare" if self._two_step(name) else "render"
            pending[i] = (general if step == "prepare" else self._pool(self._lane(name))).apply_async(
                _render, (name, job, step)
            )
        if meanwhile:
            try:
                meanwhile()
            except BaseException:
                self.close(kill=True)
                raise
        results = []
        for index, (name, job) in enumerate(jobs):
            try:
                result = pending[index].get(self.limits.timeout)
                if self._two_step(name):  # the job itself stays here: the PDF worker gets the prepared page only
                    finish = self._pool(self._lane(name)).apply_async(
                        _render, (name, _Named(job.source.file, job.lang, job.meeting_id), "finish", result)
                    )
                    result = finish.get(self.limits.timeout)
                results.append(result)
            except multiprocessing.TimeoutError:
                self.close(kill=True)
                raise RenderError(
                    _what(name, job) + f"took longer than {self.limits.timeout:g} s and was stopped; "
                    "nothing was written"
                ) from None
            except MeetingpressError:
                self.close(kill=True)
                raise
            if progress:
                progress(f"{job.meeting_id}: {name}.{job.lang}")
        return results

    def start(self) -> None:
        """Start the workers that import something now (they warm up while the caller goes on)."""
        for lane in self.lanes:
            if lane.preload:
                self._pool(lane, use=False)

    def close(self, kill: bool = False) -> None:
        """Wait for the workers to end; stop them at once if `kill`, or if they were given nothing to do (a
        build whose report turned out unchanged does not wait for WeasyPrint's import to finish)."""
        for lane, pool in self._pools.items():
            if kill or lane not in self._used:
                pool.terminate()
            else:
                pool.close()
            pool.join()
        self._pools = {}
        self._used = set()
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(kill=exc[0] is not None)
