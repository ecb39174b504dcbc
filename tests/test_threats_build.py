"""Hostile or unlucky input meets the build, check, export and import: each ends in a clear problem or a good
build, never in a traceback, a half-written meeting or a file touched outside output/ (issue 15)."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from conftest import EXAMPLE
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
        "a/news.nl.fragment.html", "a/news.nl.html", "a/slides.en.pptx"
    ]
    text = deck_text(fixture_project.output / "a" / "slides.en.pptx")
    assert "Report of this meeting" not in text and "report.en.pdf" not in text
    assert "Thank you" in text
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
    fixture_project.add_example("a.yaml", edit=news_only)
    fixture_project.add_example("index.html.yaml", edit=news_only)
    refused(fixture_project, capsys, "content/index.html.yaml:1:1: a meeting cannot be called `index.html`")
    assert not (fixture_project.output / "index.html").exists()


def test_every_name_the_build_writes_in_output_is_taken():
    from meetingpress.fingerprint import STATE_DIR
    from meetingpress.paths import ARCHIVE_PAGE
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

