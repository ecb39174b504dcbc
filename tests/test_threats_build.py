"""Hostile or unlucky input meets the build, check, export and import: each ends in a clear problem or a good
build, never in a traceback, a half-written meeting or a file touched outside output/ (issue 15)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import signal
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, REPO
from pptx import Presentation


def no_report(text: str) -> str:
    """The example with `outputs: report: []` (documented: build no report), its @report links pointing elsewhere."""
    return text.replace("number: 5\n", "number: 5\noutputs: {news: [nl], report: [], slides: [en]}\n").replace(
        "(@report)", "(https://example.org/report.pdf)"
    )


def tree(root):
    """Every file under root (output/ left out) with its bytes' hash and its mode: what a failed run must not touch."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(root).parts
    }


def outputs(project):
    return sorted(p.relative_to(project.output).as_posix() for p in project.output.rglob("*") if p.is_file()) \
        if project.output.exists() else []


def deck_text(path) -> str:
    deck = Presentation(io.BytesIO(path.read_bytes()))
    return "\n".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )


# 5. `outputs: report: []` builds no report, and the deck does not link one.


@pytest.mark.parametrize("resources", [False, True], ids=["no resources", "resources"])
def test_an_empty_report_list_builds_no_report(fixture_project, capsys, resources):
    def edit(text):
        text = no_report(text)
        if resources:
            text += "resources:\n  - title: {nl: Website van Partos, en: Partos website}\n    url: https://www.partos.nl\n"
        return text

    fixture_project.add_example("a.yaml", edit=edit)
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0
    err = capsys.readouterr().err
    assert "Error" not in err and "Traceback" not in err
    assert [name for name in outputs(fixture_project) if name.startswith("a/")] == [
        "a/news.nl.fragment.html", "a/news.nl.html", "a/news.nl.json", "a/slides.en.pptx"
    ]
    text = deck_text(fixture_project.output / "a" / "slides.en.pptx")
    assert "Report of this meeting" not in text and "report.en.pdf" not in text
    assert "Further information" in text
    assert ("Partos website" in text) == resources


def refused(project, capsys, *expected: str) -> list[str]:
    """`check` and a build both refuse the project with the same problems, each at file:line:col, exit code 1,
    no traceback; nothing is written to output/ and no file outside it is touched. The problem lines."""
    before = tree(project.root)
    found = {}
    for command in ("check", "build"):
        assert project.run(command) == 1, command
        err = capsys.readouterr().err
        assert "Traceback" not in err and "internal error" not in err, err
        found[command] = [line for line in err.splitlines() if line.startswith("content/")]
        for part in expected:
            assert any(part in line for line in found[command]), (command, part, err)
        assert all(re.match(r"^content/[^:]+:\d+:\d+: ", line) for line in found[command]), err
    assert found["check"] == found["build"]
    assert tree(project.root) == before
    assert [name for name in outputs(project) if not name.startswith(".meetingpress/")] == []
    return found["check"]


# 8. Deep nesting is a file:line problem, not a RecursionError, and stops the parser early.


@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{a: ", "}"), ("[", "")],
                         ids=["lists", "mappings", "unclosed"])
def test_deeply_nested_yaml_is_a_problem_at_its_line(fixture_project, capsys, opening, closing):
    fixture_project.add_example("a.yaml", edit=lambda text: no_report(text) + f"resources: {opening * 500}{closing * 500}\n")
    lines = refused(fixture_project, capsys, "nested more than 20 levels deep")
    line = len(no_report(EXAMPLE.read_text(encoding="utf-8")).splitlines()) + 1
    assert lines[0].startswith(f"content/a.yaml:{line}:")


def test_a_deeply_nested_series_file_is_a_problem_at_its_line(fixture_project, capsys):
    fixture_project.add_example("a.yaml", edit=no_report)
    series = fixture_project.root / "content" / "series" / "strategic-partnerships.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "extra: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    refused(fixture_project, capsys, "content/series/strategic-partnerships.yaml:", "nested more than 20 levels deep")


def test_a_deeply_nested_sync_record_is_a_problem_not_a_crash(fixture_project, capsys):
    fixture_project.add_example("a.yaml", edit=no_report)
    fixture_project.add(".sync/a.yaml", "fields: " + "[" * 500 + "]" * 500 + "\n")
    assert fixture_project.run("status") == 1
    err = capsys.readouterr().err
    assert "content/.sync/a.yaml:1:1: this sync record is damaged" in err and "nested too deeply" in err
    assert "Traceback" not in err and "internal error" not in err


# 12. No meeting's outputs can collide with anything else the build writes.


def news_only(text: str) -> str:
    return no_report(text).replace("slides: [en]", "slides: []").replace("(@slides)", "(https://example.org/s.pptx)")


def test_a_meeting_named_like_the_archive_page_is_refused(fixture_project, capsys):
    fixture_project.add_example("index.html.yaml", edit=news_only)
    refused(fixture_project, capsys, "content/index.html.yaml:1:1: a meeting cannot be called `index.html`")
    assert not (fixture_project.output / "index.html").exists()


def test_every_name_the_build_writes_in_output_is_taken():
    from meetingpress.paths import ARCHIVE_PAGE, STATE_DIR
    from meetingpress.project import MEETING_ID, TAKEN

    assert {ARCHIVE_PAGE, STATE_DIR} <= set(TAKEN)
    assert not MEETING_ID.match(".meetingpress")  # and a dot-file is no meeting anyway


def test_two_meeting_files_with_one_name_are_refused(fixture_project, capsys):
    first = fixture_project.add_example("a.yaml", edit=news_only)
    elsewhere = fixture_project.root / "elsewhere" / "a.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(first.read_bytes())
    assert fixture_project.run("build", "content/a.yaml") == 0
    before = {p: p.read_bytes() for p in fixture_project.output.rglob("*") if p.is_file()}
    capsys.readouterr()
    for command in ("check", "build"):
        assert fixture_project.run(command, "content/a.yaml", "elsewhere/a.yaml") == 1
        err = capsys.readouterr().err
        assert "elsewhere/a.yaml:1:1: content/a.yaml has the same name" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in fixture_project.output.rglob("*") if p.is_file()} == before



# 6. Writing one meeting is all or nothing, even when an old output cannot be replaced.


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporary_files(root):
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if p.name.endswith(".tmp")]


def built_then_retitled(fp, capsys):
    """A built meeting, then an edit that changes every output and the archive page; the outputs' snapshot."""
    fp.add_example("a.yaml", edit=news_only)
    assert fp.run("build") == 0
    fp.add_example("a.yaml", edit=lambda text: news_only(text).replace("Zijn we effectiever", "Zijn wij effectiever"))
    capsys.readouterr()
    return snapshot(fp.output)


def chattr(flag: str, path) -> bool:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_a_rename_that_fails_puts_back_what_was_replaced(fixture_project, capsys):
    before = built_then_retitled(fixture_project, capsys)
    page = fixture_project.output / "index.html"  # written last: every other output was replaced before it
    if not chattr("+i", page):
        pytest.skip("cannot make a file immutable here (needs root and chattr)")
    try:
        assert fixture_project.run("build") == 1
    finally:
        chattr("-i", page)
    err = capsys.readouterr().err
    assert "could not replace output/index.html: Operation not permitted; nothing was changed" in err
    assert "Traceback" not in err and "internal error" not in err
    assert snapshot(fixture_project.output) == before
    assert temporary_files(fixture_project.root) == []
    assert fixture_project.run("build") == 0  # and once it can be replaced, all of it is written
    assert snapshot(fixture_project.output) != before


def test_a_folder_in_the_way_of_an_output_changes_nothing(fixture_project, capsys):
    before = built_then_retitled(fixture_project, capsys)
    fragment = fixture_project.output / "a" / "news.nl.fragment.html"
    fragment.unlink()
    (fragment / "unzipped").mkdir(parents=True)
    del before["a/news.nl.fragment.html"]
    assert fixture_project.run("build") == 1
    err = capsys.readouterr().err
    assert "cannot replace output/a/news.nl.fragment.html: there is a folder of that name" in err
    assert "nothing was changed" in err and "Traceback" not in err and "internal error" not in err
    assert snapshot(fixture_project.output) == before
    assert temporary_files(fixture_project.root) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as two users")
# The test forks itself to write as another user (a subprocess could not run this Python as that user); the
# child only calls write_all and ends with os._exit, so the threads of earlier tests do not matter to it.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_an_old_file_a_colleague_owns_in_a_shared_folder_is_refused_before_anything_changes(tmp_path, monkeypatch):
    from meetingpress.build.writer import write_all
    from meetingpress.errors import WriteError

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "news.nl.html").write_text("old news")
    (shared / "slides.en.pptx").write_text("old deck")
    os.chown(shared / "news.nl.html", 65534, 65534)  # the builder's own, from an earlier build
    os.chown(shared / "slides.en.pptx", 65533, 65533)  # a colleague's
    shared.chmod(0o1777)  # a shared folder: only a file's owner may replace it
    tmp_path.chmod(0o711)
    monkeypatch.chdir(tmp_path)  # the child cannot pass through pytest's private folders: relative paths from here
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover  (the child reports through the pipe)
        try:
            os.setgid(65534)
            os.setuid(65534)
            write_all({Path("shared/news.nl.html"): b"new news", Path("shared/slides.en.pptx"): b"new deck"})
            message = "written"
        except WriteError as exc:
            message = f"WriteError: {exc}"
        except BaseException as exc:  # noqa: BLE001
            message = f"{type(exc).__name__}: {exc}"
        os.write(writing, message.encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        message = pipe.read()
    os.waitpid(child, 0)
    assert message.startswith("WriteError: cannot replace shared/slides.en.pptx: it belongs to "), message
    assert "only they may replace it" in message and message.endswith("\nnothing was changed")
    assert "news.nl.html" not in message
    assert (shared / "news.nl.html").read_text() == "old news"
    assert sorted(p.name for p in shared.iterdir()) == ["news.nl.html", "slides.en.pptx"]


# 7. `export -o` never overwrites a meeting, series or template file, and anything else only with --force.


@pytest.fixture
def exporting(fixture_project):
    fixture_project.add_example("a.yaml", edit=news_only)
    fixture_project.template("theme.yaml", (REPO / "templates" / "theme.yaml").read_bytes())
    return fixture_project


@pytest.mark.parametrize("name,what", [
    ("content/a.yaml", "a file of content/"),
    ("content/series/strategic-partnerships.yaml", "a file of content/"),
    ("templates/theme.yaml", "a template file"),
    ("link-to-meeting.xlf", "a file of content/"),
    ("elsewhere/b.yaml", "a meeting file"),
])
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "--force"])
def test_export_never_overwrites_a_meeting_series_or_template_file(exporting, capsys, monkeypatch, name, what, force):
    root = exporting.root
    (root / "link-to-meeting.xlf").symlink_to(root / "content" / "a.yaml")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "b.yaml").write_bytes((root / "content" / "a.yaml").read_bytes())
    monkeypatch.chdir(root)
    before = tree(root)
    meetings = ["content/a.yaml", "elsewhere/b.yaml"]
    assert exporting.run("export", "--to", "en", "--all", *meetings, "-o", name, *force) == 2
    err = capsys.readouterr().err
    assert f"-o {name} is {what}" in err and "export never overwrites it" in err and "Traceback" not in err
    assert tree(root) == before
    assert (root / "link-to-meeting.xlf").is_symlink()


def test_export_overwrites_another_existing_file_only_with_force(exporting, capsys, monkeypatch):
    monkeypatch.chdir(exporting.root)
    notes = exporting.root / "notes.txt"
    notes.write_text("my notes")
    assert exporting.run("export", "--to", "en", "--all", "-o", "notes.txt") == 2
    assert "-o notes.txt already exists; add --force to overwrite it" in capsys.readouterr().err
    assert notes.read_text() == "my notes"
    assert exporting.run("export", "--to", "en", "--all", "-o", "notes.txt", "--force") == 0
    assert notes.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff')
    assert exporting.run("export", "--to", "en", "--all", "-o", "new.xlf") == 0  # a new file needs no --force
    assert temporary_files(exporting.root) == []


def test_export_to_a_folder_is_a_usage_error(exporting, capsys, monkeypatch):
    monkeypatch.chdir(exporting.root)
    (exporting.root / "translations").mkdir()
    before = tree(exporting.root)
    for force in ([], ["--force"]):
        assert exporting.run("export", "--to", "en", "--all", "-o", "translations", *force) == 2
        err = capsys.readouterr().err
        assert "-o translations is a folder; name the file to write, such as translations/to-translate.xlf" in err
        assert "Traceback" not in err and "internal error" not in err
    assert tree(exporting.root) == before
    assert temporary_files(exporting.root) == [] and list((exporting.root / "translations").iterdir()) == []


# 9. `import` never writes a file that `check` refuses, keeps the file's mode, and says what it changed.


def translated(fp, targets: dict[str, str]) -> tuple[object, dict[str, int]]:
    """content/a.yaml exported into English (every text) and the units' targets replaced, as a CAT tool would;
    the path of the XLIFF file and the line of each unit."""
    from lxml import etree

    xlf = fp.root / "a.en.xlf"
    assert fp.run("export", "--to", "en", "--all", "content/a.yaml", "-o", str(xlf)) == 0
    tree = etree.parse(str(xlf))
    lines = {}
    for unit in tree.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
        lines[unit.get("id")] = unit.sourceline
        if unit.get("id") in targets:
            target = unit.find("{urn:oasis:names:tc:xliff:document:1.2}target")
            target.text = targets[unit.get("id")]
            target.set("state", "translated")  # the translator marks it final
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    return xlf, lines


@pytest.mark.parametrize("bad,described", [
    ("Are we more effective\x85?", "the control character U+0085"),
    ("Are we more effective\x7f?", "a DEL character"),
    ("Are we more effective\x9f?", "the control character U+009F"),
    ("Are we more\reffective?", "a carriage return"),
])
def test_import_refuses_a_target_with_a_character_check_refuses(fixture_project, capsys, monkeypatch, bad, described):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, lines = translated(fixture_project, {"title": bad, "place": "In Amsterdam"})
    before = meeting.read_bytes()
    capsys.readouterr()
    assert fixture_project.run("import", str(xlf)) == 1
    captured = capsys.readouterr()
    assert f"a.en.xlf:{lines['title']}:1: title: not imported: the translation holds {described}" in captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert "content/a.yaml: 1 written" in captured.out  # the good unit is written
    assert meeting.read_bytes() == before.replace(b"  en: Amsterdam\n", b"  en: In Amsterdam\n")
    assert fixture_project.run("check") == 0


def test_import_refuses_a_target_that_would_fail_check(fixture_project, capsys, monkeypatch):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, lines = translated(fixture_project, {"title": "Are we [more](javascript:alert(1)) effective?"})
    before = meeting.read_bytes()
    capsys.readouterr()
    assert fixture_project.run("import", str(xlf)) == 1
    err = capsys.readouterr().err
    assert f"a.en.xlf:{lines['title']}:1: title: not imported: " in err and "javascript" in err
    assert "Traceback" not in err and meeting.read_bytes() == before
    assert not (fixture_project.root / "content" / ".sync").exists()


def test_import_refuses_to_write_a_read_only_meeting_file(fixture_project, capsys, monkeypatch):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, _lines = translated(fixture_project, {"place": "In Amsterdam"})
    meeting.chmod(0o444)
    before = tree(fixture_project.root)
    capsys.readouterr()
    assert fixture_project.run("import", str(xlf)) == 1
    captured = capsys.readouterr()
    assert "content/a.yaml:1:1: not imported: the file is read-only; make it writable and import again" in captured.err
    assert "content/a.yaml: 0 written" in captured.out
    assert tree(fixture_project.root) == before


def test_import_keeps_the_meeting_file_s_mode(fixture_project, capsys, monkeypatch):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, _lines = translated(fixture_project, {"place": "In Amsterdam"})
    meeting.chmod(0o640)
    assert fixture_project.run("import", str(xlf)) == 0
    assert b"  en: In Amsterdam\n" in meeting.read_bytes()
    assert stat.S_IMODE(meeting.stat().st_mode) == 0o640


def test_import_says_what_it_wrote_when_the_sync_record_cannot_be_written(fixture_project, capsys, monkeypatch):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, _lines = translated(fixture_project, {"place": "In Amsterdam"})
    (fixture_project.root / "content" / ".sync" / "a.yaml").mkdir(parents=True)  # in the way of the record
    capsys.readouterr()
    assert fixture_project.run("import", str(xlf)) == 1
    captured = capsys.readouterr()
    assert "content/a.yaml: 1 written and confirmed (final)" in captured.out
    assert "content/.sync/a.yaml:1:1: the sync record could not be written (cannot replace content/.sync/a.yaml" in captured.err
    assert "but not recorded; confirm them with `meetingpress sync confirm content/a.yaml place`" in captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert b"  en: In Amsterdam\n" in meeting.read_bytes()
    assert temporary_files(fixture_project.root) == []


# 13. A build that is stopped removes its temporary folder; one killed with -9 leaves it to the next build.

SLOW = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
"""A news template that renders for hours (inside the sandbox's limits on range)."""


def stoppable(fp, tmp_path):
    """A project whose build hangs in its render (until stopped), with build.py and a $TMPDIR of its own."""
    import shutil

    fp.add_example("a.yaml", edit=news_only)
    fp.template("news/article.html", SLOW)
    shutil.copy(REPO / "build.py", fp.root / "build.py")
    temp = tmp_path / "tmpdir"
    temp.mkdir()
    return temp


def rendering(process, temp, timeout: float = 60.0) -> list[str]:
    """Wait until the build has made its temporary folder and started rendering; the folder's names."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(p.name for p in temp.iterdir())
        if found and process.poll() is None:
            time.sleep(2)  # the render has begun
            return found
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    raise AssertionError("the build made no temporary folder")


@contextlib.contextmanager
def ended(process):
    """The build process, its whole group killed at the end if a failed assertion left it running."""
    try:
        yield process
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.communicate(timeout=60)


def gone(process_group: int, timeout: float = 20.0) -> bool:
    """Has every process of the group ended (the build and its workers)?"""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(process_group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("stop,message", [(signal.SIGTERM, "terminated"), (signal.SIGINT, "interrupted")],
                         ids=["SIGTERM", "SIGINT"])
def test_a_stopped_build_removes_its_temporary_folder(fixture_project, tmp_path, stop, message):
    from test_concurrency import finish, start

    temp = stoppable(fixture_project, tmp_path)
    with ended(start(fixture_project.root, "--timeout", "300", TMPDIR=str(temp))) as build:
        [folder] = rendering(build, temp)
        build.send_signal(stop)
        code, _out, err = finish(build)
    assert folder.startswith(f"meetingpress-{build.pid}-")
    assert (code, err.strip().splitlines()[-1]) == (2, message), err
    assert "Traceback" not in err
    assert list(temp.iterdir()) == []
    assert gone(build.pid)  # its workers too
    assert outputs(fixture_project) in ([], [".meetingpress/lock"])


def test_the_next_build_removes_what_a_killed_build_left(fixture_project, tmp_path):
    from test_concurrency import finish, start

    temp = stoppable(fixture_project, tmp_path)
    with ended(start(fixture_project.root, "--timeout", "300", TMPDIR=str(temp))) as build:
        [folder] = rendering(build, temp)
        os.kill(build.pid, signal.SIGKILL)  # the build alone, as `kill -9 <pid>` does
        build.wait(timeout=60)
    assert [p.name for p in temp.iterdir()] == [folder]
    alive = temp / f"meetingpress-{os.getpid()}-abcd1234"  # a running build's (this process is alive)
    alive.mkdir()
    fixture_project.template("news/article.html", "<article>{{ meeting.title }}</article>")
    code, _out, err = finish(start(fixture_project.root, TMPDIR=str(temp)))
    assert code == 0, err
    assert [p.name for p in temp.iterdir()] == [alive.name]


def test_import_says_what_it_wrote_when_another_meeting_file_cannot_be_written(fixture_project, capsys, monkeypatch):
    from lxml import etree

    first = fixture_project.add_example("a.yaml", edit=news_only)
    second = fixture_project.root / "elsewhere" / "b.yaml"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    monkeypatch.chdir(fixture_project.root)
    assert fixture_project.run("export", "--to", "en", "--all", "content/a.yaml", "elsewhere/b.yaml", "-o", "x.xlf") == 0
    tree = etree.parse("x.xlf")
    for unit in tree.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
        if unit.get("id") == "place":
            unit.find("{urn:oasis:names:tc:xliff:document:1.2}target").text = "In Amsterdam"
            unit.find("{urn:oasis:names:tc:xliff:document:1.2}target").set("state", "translated")
    tree.write("x.xlf", xml_declaration=True, encoding="UTF-8")
    before = second.read_bytes()
    if not chattr("+i", second.parent):
        pytest.skip("cannot make a folder immutable here (needs root and chattr)")
    try:
        capsys.readouterr()
        assert fixture_project.run("import", "x.xlf") == 1
    finally:
        chattr("-i", second.parent)
    captured = capsys.readouterr()
    assert "content/a.yaml: 1 written and confirmed" in captured.out \
        and "elsewhere/b.yaml: 0 written and confirmed" in captured.out
    assert "elsewhere/b.yaml:1:1: not imported: " in captured.err and "nothing was changed" in captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert b"  en: In Amsterdam\n" in first.read_bytes() and second.read_bytes() == before
    assert temporary_files(fixture_project.root) == []


def test_import_takes_a_todo_placeholder_for_no_translation(fixture_project, capsys, monkeypatch):
    meeting = fixture_project.add_example("a.yaml", edit=news_only)
    monkeypatch.chdir(fixture_project.root)
    xlf, _lines = translated(fixture_project, {"place": "TODO: translate", "title": "TODO"})
    before = meeting.read_bytes()
    capsys.readouterr()
    assert fixture_project.run("import", str(xlf)) == 0
    assert "content/a.yaml: 0 written and confirmed (final); 0 written as drafts, not yet approved; 25 skipped " \
        "(2 untranslated, 23 unchanged)" in capsys.readouterr().out
    assert meeting.read_bytes() == before and fixture_project.run("check") == 0
