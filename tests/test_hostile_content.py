"""Content that a build refuses is refused by `check` too, the same way: the same `file:line:col: field:` problems,
exit code 1, no traceback, nothing written, no file outside output/ touched (issue: content from people you don't
fully trust)."""

from __future__ import annotations

import hashlib

import pytest
from test_build import news_only


def files(root):
    """Every file of the project outside output/, with its hash (what a build must never change)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(root).parts[:1]
    }


def assert_refused_by_check_and_build(fp, capsys, expected: list[str]) -> None:
    """`check` and `build` each exit with 1 and print every expected problem (a `file:line:col: field: message`
    prefix); the build writes no output."""
    before = files(fp.root)
    printed = {}
    for command in ("check", "build"):
        capsys.readouterr()
        code = fp.run(command)
        captured = capsys.readouterr()
        printed[command] = captured.out + captured.err
        assert code == 1, (command, printed[command])
        assert "Traceback" not in printed[command] and "internal error" not in printed[command], printed[command]
        for problem in expected:
            assert problem in printed[command], (command, printed[command])
    problems = {command: sorted(line for line in text.splitlines() if line.startswith("content/"))
                for command, text in printed.items()}
    assert problems["check"] == problems["build"]
    assert not [p for p in fp.output.rglob("*") if p.is_file() and p.name != "lock"], "the build wrote something"
    assert files(fp.root) == before


@pytest.mark.parametrize("count", ["10000000000000000000000000", "1000001", "1e25"])
def test_a_participant_count_out_of_range_is_a_content_error(fixture_project, capsys, count):
    fixture_project.add_example("a.yaml", edit=lambda t: news_only(t).replace("  count: 25", f"  count: {count}"))
    message = "must be a whole number" if "e" in count else "must be at most 1,000,000"
    assert_refused_by_check_and_build(fixture_project, capsys, [f"content/a.yaml:18:3: participants.count: {message}"])


def test_a_meeting_number_out_of_range_is_a_content_error(fixture_project, capsys):
    fixture_project.add_example("a.yaml", edit=lambda t: news_only(t).replace("number: 5", "number: 10000000000000"))
    assert_refused_by_check_and_build(fixture_project, capsys, ["content/a.yaml:7:1: number: must be at most 9,999"])


@pytest.mark.parametrize(
    "old,new,where",
    [
        ("en: Are we more effective", "en: Are we\x07 more effective", ":29:13: title.en: the control character U+0007"),
        ("number: 5", "num\x01ber: 5", ":7:4: number: the control character U+0001"),
        ("  count: 25", "  count: 2\x7f5", ":18:11: participants.count: a DEL character"),
        ("  count: 25", "  count: 2\r5", ":18:11: participants.count: a carriage return"),
        ("# Date and place", "#\x1b Date and place", ":9:2: the control character U+001B"),
    ],
    ids=["in a text", "in a key", "in a number", "a lone carriage return", "in a comment"],
)
def test_a_raw_control_character_is_reported_with_its_field(fixture_project, capsys, old, new, where):
    def edit(text):
        assert old in text
        return news_only(text).replace(old, new, 1)

    fixture_project.add_example("a.yaml", edit=edit)
    assert_refused_by_check_and_build(fixture_project, capsys, [f"content/a.yaml{where}"])


@pytest.mark.parametrize("link", ["//server/share/x.exe", "/\\server/share/x.exe", "%2F%2Fserver/x", " //server/x"])
def test_a_protocol_relative_link_is_a_content_error(fixture_project, capsys, link):
    def edit(text):
        return text.replace("[presentation](@slides)", f"[presentation](<{link}>)")

    fixture_project.add_example("a.yaml", edit=edit)
    assert_refused_by_check_and_build(fixture_project, capsys, [
        "content/a.yaml:106:5: closing[0].en: link `", "` names another server without saying how to reach it",
    ])
