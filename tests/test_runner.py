"""The runner's worker processes: a worker that ends without answering, the start methods, warm workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO
from test_build import news_only

from meetingpress.build.plan import jobs
from meetingpress.build.runner import Lane, Runner
from meetingpress.errors import RenderError
from meetingpress.translation.ready import load_all


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, …), from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def maps(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


@pytest.fixture
def news_jobs(fixture_project):
    fixture_project.add_example("a.yaml", edit=news_only)
    project = fixture_project.project
    (item,) = load_all(project, [project.content / "a.yaml"])
    return list(jobs(project, item))


def test_a_worker_that_exits_before_its_first_job_is_reported_at_once(news_jobs, tmp_path, monkeypatch):
    """Like a worker that cannot even start (a library that calls os._exit, a memory limit too low to import)."""
    (tmp_path / "exits.py").write_text("import os\n\nos._exit(3)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    runner = Runner(lanes=(Lane(1, ("exits",)),))
    before = set(descendants(os.getpid()))
    started = time.monotonic()
    with pytest.raises(RenderError) as error:
        runner.run(news_jobs)
    assert time.monotonic() - started < 30
    assert str(error.value) == ("content/a.yaml: news.nl: the process rendering it ended without finishing "
                                "(it exited with code 3); nothing was written")
    runner.close()
    helpers = {pid for pid in descendants(os.getpid()) if b"multiprocessing" in cmdline(pid)}  # resource tracker
    assert set(descendants(os.getpid())) <= before | helpers, "a worker was left running"


def test_a_runner_starts_again_after_a_worker_died(news_jobs):
    with Runner(workers=1) as runner:
        first = runner.run(news_jobs)
        runner.close(kill=True)  # as after a failed render
        assert runner.run(news_jobs) == first


BUILD = """
import multiprocessing, sys
from pathlib import Path
multiprocessing.set_start_method(sys.argv[1])
from meetingpress.cli import main
sys.exit(main(["build", "--force"], root=Path(sys.argv[2])))
"""


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_build_works_with_every_start_method(example_copy, method):
    """Nothing depends on `fork` (macOS starts workers with spawn, Windows can only): the outputs come out the same."""
    assert example_copy.run("build") == 0
    output = example_copy.output / "2017-sp-5"
    made = {path.name: path.read_bytes() for path in sorted(output.iterdir())}
    result = subprocess.run([sys.executable, "-c", BUILD, method, str(example_copy.root)], capture_output=True,
                            text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert {path.name: path.read_bytes() for path in sorted(output.iterdir())} == made


def test_watch_starts_the_pdf_worker_at_start_up(fixture_project):
    """The first report of a session does not wait for WeasyPrint's import: its worker starts with the session,
    even when the first build makes no report."""
    import threading

    from meetingpress.build.watch import watch

    fixture_project.add_example("a.yaml", edit=news_only)
    stop, cycles = threading.Event(), []
    session = threading.Thread(target=watch, args=(fixture_project.project, stop, cycles.append))
    session.start()
    try:
        deadline = time.monotonic() + 90
        while not (cycles and any("libpango" in maps(pid) for pid in descendants(os.getpid()))):
            assert time.monotonic() < deadline, "no worker imported WeasyPrint"
            time.sleep(0.2)
        assert cycles[0].ok
    finally:
        stop.set()
        session.join(30)


def test_a_worker_that_hangs_before_its_first_job_is_stopped_at_the_time_limit(fixture_project, tmp_path, monkeypatch):
    """The time limit counts from when a job is handed over, however long the worker takes to get ready for it; a
    job larger than a pipe holds (a long meeting) is handed over without waiting for the worker."""
    from meetingpress.build.limits import Limits

    long_text = " ".join(["Een lange inleiding."] * 20_000)  # about 400 kB
    fixture_project.add_example("a.yaml", edit=lambda t: news_only(t).replace(
        "\nclosing:", f"\nintro:\n  - nl: {long_text}\n    en: {long_text}\nclosing:"))
    project = fixture_project.project
    (item,) = load_all(project, [project.content / "a.yaml"])
    (tmp_path / "hangs.py").write_text("import time\n\ntime.sleep(600)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    runner = Runner(Limits(timeout=2), lanes=(Lane(1, ("hangs",)),))
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"^content/a.yaml: news.nl: took longer than 2 s and was stopped"):
        runner.run(list(jobs(project, item)))
    assert time.monotonic() - started < 30
