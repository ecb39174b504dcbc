"""Real build processes at once, and a build killed mid-render: a copy of the example project → complete outputs.

Each test runs `python build.py` as separate processes (subprocess) on one
fixture project, the way two editors, or an editor and a scheduled job, would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO
from test_build import leftovers, snapshot

WAITING = "another build is running; waiting"
REFUSED = "another build is writing to output/ right now"
OUTPUTS = [
    "2017-sp-5/news.nl.fragment.html", "2017-sp-5/news.nl.html", "2017-sp-5/news.nl.json", "2017-sp-5/report.en.pdf",
    "2017-sp-5/slides.en.pptx", "index.html",
]


def environment(**changes: str) -> dict[str, str]:
    """This environment with the checkout importable; no SOURCE_DATE_EPOCH to make builds repeatable for us."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(changes)
    return env


@pytest.fixture
def project(example_copy):
    """The example project with its own build.py, as a user has it."""
    shutil.copy(REPO / "build.py", example_copy.root / "build.py")
    return example_copy


def start(root: Path, *args: str, prefix: tuple[str, ...] = (), **env: str) -> subprocess.Popen:
    """`python build.py ARGS` in `root`, in a process group of its own."""
    return subprocess.Popen(
        [*prefix, sys.executable, "build.py", *args], cwd=root, env=environment(**env),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def assert_complete(fp) -> None:
    """Every output there and whole: the PDF and the deck open, the pages end, no temporary files."""
    from pptx import Presentation

    output = fp.output
    assert sorted(snapshot(output)) == OUTPUTS
    with pikepdf.open(output / "2017-sp-5" / "report.en.pdf") as pdf:
        assert len(pdf.pages) > 1
    assert len(Presentation(str(output / "2017-sp-5" / "slides.en.pptx")).slides) > 1
    for page in ("2017-sp-5/news.nl.html", "index.html"):
        assert (output / page).read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    assert (output / "2017-sp-5/news.nl.fragment.html").read_text(encoding="utf-8").rstrip().endswith("</ul>")
    assert json.loads((output / "2017-sp-5/news.nl.json").read_text(encoding="utf-8"))["downloads"]
    assert json.loads((output / ".meetingpress" / "2017-sp-5.json").read_text(encoding="utf-8"))
    assert not leftovers(fp.root)


def test_two_builds_at_once_the_second_waits_for_the_first(project):
    builds = [start(project.root, "--force"), start(project.root, "--force")]
    results = [finish(build) for build in builds]
    assert [code for code, _out, _err in results] == [0, 0], results
    assert sum(WAITING in err for _code, _out, err in results) == 1, results
    for _code, out, _err in results:
        assert "wrote output/2017-sp-5/report.en.pdf" in out
    assert_complete(project)


def test_two_builds_at_once_with_no_wait_one_stops_with_a_clear_message(project):
    builds = [start(project.root, "--force", "--no-wait"), start(project.root, "--force", "--no-wait")]
    results = sorted(finish(build) for build in builds)
    assert [code for code, _out, _err in results] == [0, 2], results
    (_, built, _), (_, refused_out, refused_err) = results
    assert "wrote output/2017-sp-5/report.en.pdf" in built
    assert REFUSED in refused_err and "try again when it has finished" in refused_err
    assert "wrote" not in refused_out and "Traceback" not in refused_err
    assert_complete(project)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def cpu_seconds(pid: int) -> float:
    """User and system time process `pid` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


ENDLESS = "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"
"""A news template that renders until killed (the sandbox allows ranges up to 10**5)."""


def test_a_build_killed_mid_render_leaves_the_outputs_and_releases_the_lock(project, capsys):
    assert project.run("build") == 0
    before = snapshot(project.output)
    project.add_example(edit=lambda text: text.replace("effective in strategic", "efficient in strategic"))
    endless = "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"  # the sandbox allows 10**5
    project.template("news/article.html", endless)  # renders until killed
    build = start(project.root)
    deadline = time.monotonic() + 60
    # A worker that has spent 3 s of CPU is in the news item's endless loop (loading and importing take far less).
    while not any(cpu_seconds(worker) >= 3 for worker in children(build.pid)):
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no worker got to render"
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert snapshot(project.output) == before  # the report and deck it had rendered were never written
    assert not leftovers(project.root)
    shutil.rmtree(project.root / "templates")
    capsys.readouterr()
    assert project.run("build", "--no-wait") == 0  # the killed build's lock is gone
    assert "wrote output/2017-sp-5/report.en.pdf" in capsys.readouterr().out
    assert_complete(project)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV], ids=["kill -9", "segfault"])
def test_a_worker_that_dies_mid_render_is_reported_at_once(project, capsys, sig):
    """A worker process that ends without answering (killed, or a crash in a library) stops the build at once with
    the meeting and the output it was rendering; the build does not wait out --timeout (300 s by default)."""
    assert project.run("build") == 0
    before = snapshot(project.output)
    project.add_example(edit=lambda text: text.replace("effective in strategic", "efficient in strategic"))
    project.template("news/article.html", ENDLESS)  # renders until killed
    build = start(project.root)
    deadline = time.monotonic() + 60
    while not (rendering := [worker for worker in children(build.pid) if cpu_seconds(worker) >= 3]):
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no worker got to render"
        time.sleep(0.05)
    os.kill(rendering[0], sig)
    killed = time.monotonic()
    code, out, err = finish(build)
    assert time.monotonic() - killed < 15, "the build waited for the worker that had died"
    assert code == 1, err
    assert f"content/2017-sp-5.yaml: news.nl: the process rendering it ended without finishing (killed by {sig.name}" in err
    assert "nothing was written" in err and "Traceback" not in err and "wrote" not in out
    assert snapshot(project.output) == before
    assert not leftovers(project.root)
    assert not children(build.pid)


def running(pid: int) -> bool:
    """Process `pid` exists and is not a zombie (ended, waiting for its parent to collect it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_a_build_killed_alone_leaves_no_worker_running(project):
    """`kill -9` of the build process only (not its group): its workers end too, even one in an endless render."""
    project.template("news/article.html", ENDLESS)  # renders until killed
    build = start(project.root, "--force")
    deadline = time.monotonic() + 60
    while not any(cpu_seconds(worker) >= 3 for worker in children(build.pid)):
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no worker got to render"
        time.sleep(0.05)
    workers = children(build.pid)
    os.kill(build.pid, signal.SIGKILL)
    build.communicate(timeout=30)
    deadline = time.monotonic() + 20
    while [pid for pid in workers if running(pid)]:
        assert time.monotonic() < deadline, "workers of a killed build are still running"
        time.sleep(0.1)


def test_files_a_build_killed_while_writing_left_are_removed_by_the_next(project, capsys):
    """SIGKILL between staging and renaming leaves staged files no process can clean up; the next build does."""
    assert project.run("build") == 0
    before = snapshot(project.output)
    staged = [
        project.output / "2017-sp-5" / ".report.en.pdf.k3x_9q0a.tmp",
        project.output / ".index.html.0abcdefg.tmp",
        project.output / ".meetingpress" / ".2017-sp-5.json.zz_12345.tmp",
    ]
    for path in staged:
        path.write_bytes(b"half a file")
    kept = [project.output / "2017-sp-5" / "notes.tmp", project.output / "2017-sp-5" / ".draft.tmp"]
    for path in kept:  # not names the writer gives
        path.write_bytes(b"someone else's")
    capsys.readouterr()
    assert project.run("build") == 0
    assert "unchanged, skipped" in capsys.readouterr().out  # nothing rebuilt, yet the leftovers are gone
    assert not [path for path in staged if path.exists()]
    assert all(path.exists() for path in kept)
    for path in kept:
        path.unlink()
    assert snapshot(project.output) == before


def test_workers_given_nothing_to_do_are_not_waited_for(tmp_path, monkeypatch):
    """A build whose report turns out unchanged ends without waiting for the PDF worker's imports (WeasyPrint's),
    here an import that would take a minute."""
    from meetingpress.build.runner import Lane, Runner

    (tmp_path / "slow_import.py").write_text("import time\n\ntime.sleep(60)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    runner = Runner(lanes=(Lane(1, ("slow_import",), frozenset({"report"})), Lane(1)))
    runner.start()
    time.sleep(0.5)  # the worker is importing now
    started = time.monotonic()
    runner.close()
    assert time.monotonic() - started < 20, "closing waited for an import that had nothing to serve"
