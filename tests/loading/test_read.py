"""Bad meeting files: each gets its file:line:col message, exit code 1 and no traceback."""

from __future__ import annotations

import pytest

from meetingpress.errors import ContentError
from meetingpress.loading.read import load
from meetingpress.loading.validate import validate

GOOD = """\
series: {nl: reeks, en: series}
number: 1
date: 2024-03-01
place: {nl: Utrecht, en: Utrecht}
organisers: [Partos]
participants: {count: 10}
category: {nl: Nieuws, en: News}
title: {nl: Titel, en: Title}
lead:
  quote: {nl: Citaat, en: Quote}
  question: {nl: Vraag?, en: Question?}
questions:
  - {nl: Waarom?, en: Why?}
findings:
  lessons:
    heading: {nl: Lessen, en: Lessons}
    items:
      - title: {nl: Kort, en: Short}
        text: {nl: Tekst., en: Text.}
"""

# (name, file content, expected line, expected col or None, fragment of the message)
CASES = [
    ("duplicate key", GOOD + "title: {nl: Nog een, en: Another}\n", 20, 1, "duplicate key `title`: also on line 8"),
    ("anchor", GOOD.replace("number: 1", "number: &n 1"), 2, 9, "anchors (&n) are not allowed"),
    ("alias", GOOD + "extra: *n\n", 20, 8, "aliases (*n) are not allowed"),
    ("tag", GOOD.replace("number: 1", "number: !!int 1"), 2, 9, "tags (tag:yaml.org,2002:int) are not allowed"),
    ("merge key", GOOD.replace("lead:\n", "lead:\n  <<: {}\n"), 10, 3, "merge keys (<<) are not allowed"),
    ("two documents", GOOD + "---\ntitle: x\n", 20, 1, "only one document per file"),
    ("root is a list", "- a\n- b\n", 1, 1, "must be a mapping"),
    ("root is text", "just some words\n", 1, 1, "must be a mapping"),
    ("tab indentation", GOOD.replace("  quote:", "\tquote:"), 10, 1, "tab used for indentation"),
    ("syntax error", GOOD.replace("number: 1", "number: [1"), None, None, "YAML syntax error"),
    ("unquoted colon", GOOD.replace("title: {nl: Titel, en: Title}", "title:\n  nl: Titel: deel twee\n  en: x"), 9, 12,
     "needs quotes"),
    ("control character", GOOD.replace("Citaat", "Cit\x07aat"), 10, 18, "U+0007 is not allowed"),
    ("escaped control character", GOOD.replace("{nl: Citaat, en: Quote}", '{nl: "Cit\\x07aat", en: Quote}'), 10, 11,
     "written as an escape"),
    ("bare carriage return", GOOD.replace("Vraag?", "Vr\raag?"), 11, 20, "carriage return"),
    ("empty file", "", 1, 1, "the file is empty"),
    ("only comments", "# nothing yet\n\n", 1, 1, "the file is empty"),
    ("typo", GOOD.replace("title:", "titel:"), 8, 1, "did you mean `title`?"),
    ("nested typo", GOOD.replace("  question:", "  questoin:"), 11, 3, "did you mean `question`?"),
    ("missing field", GOOD.replace("number: 1\n", ""), 1, 1, "number: required field `number` is missing"),
    ("missing translation", GOOD.replace("{nl: Titel, en: Title}", "{nl: Titel}"), 8, 1, "title: English text missing"),
    ("missing Dutch", GOOD.replace("{nl: Tekst., en: Text.}", "{en: Text.}"), 19, 9, "Dutch text missing"),
    ("empty translation", GOOD.replace("en: Why?", "en: ''"), 13, 19, "English text missing"),
    ("bad number", GOOD.replace("number: 1", "number: vijf"), 2, 1, "must be a whole number"),
    ("bad date", GOOD.replace("2024-03-01", "1 maart 2024"), 3, 1, "YYYY-MM-DD"),
    ("bad url", GOOD + "resources:\n  - title: {nl: a, en: b}\n    url: javascript:alert(1)\n", 22, 5,
     "http://, https:// or mailto:"),
    ("bad link", GOOD.replace("Tekst.", "'[klik](javascript:alert(1))'"), 19, 16, "link `javascript:alert(1)` is not allowed"),
    ("bad style", GOOD.replace("    items:", "    style: table\n    items:"), 17, 5,
     "must be one of 'prose', 'list', 'lead-ins' or 'sections'"),
    ("empty findings", GOOD.split("findings:")[0] + "findings: {}\n", 14, 1, "must not be empty"),
]


@pytest.mark.parametrize("name,text,line,col,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_its_location(fixture_project, capsys, name, text, line, col, message):
    path = fixture_project.add("bad.yaml", text)
    with pytest.raises(ContentError) as caught:
        validate(load(path, fixture_project.root))
    rendered = str(caught.value)
    assert message in rendered
    first = next(p for p in caught.value.problems if message in str(p))
    assert first.location.file == "content/bad.yaml"
    if line is not None:
        assert (first.location.line, first.location.col) == (line, col), rendered

    assert fixture_project.run("check") == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "content/bad.yaml:" in captured.err
    assert message in captured.err


def test_invalid_utf8_names_the_line(fixture_project, capsys):
    fixture_project.add("bad.yaml", GOOD.encode().replace(b"Citaat", b"Cit\xe9aat"))
    assert fixture_project.run("check") == 1
    assert "content/bad.yaml:10:18: the file is not valid UTF-8" in capsys.readouterr().err


def test_oversized_file(fixture_project, capsys):
    fixture_project.add("big.yaml", GOOD + "# " + "x" * 1_000_001 + "\n")
    assert fixture_project.run("check") == 1
    assert "content/big.yaml:1:1: file is" in capsys.readouterr().err


def test_all_problems_of_all_files_in_one_run(fixture_project, capsys):
    fixture_project.add("a.yaml", GOOD.replace("\ntitle:", "\ntitel:").replace("number: 1", "number: x"))
    fixture_project.add("b.yaml", GOOD.replace("{nl: Titel, en: Title}", "{nl: Titel}"))
    assert fixture_project.run("check") == 1
    err = capsys.readouterr().err
    assert "content/a.yaml:8:1: titel: unknown field" in err
    assert "content/a.yaml:2:1: number:" in err
    assert "content/b.yaml:8:1: title: English text missing" in err
    assert "3 problems in 2 files" in err


def test_yaml_1_2_keeps_words_as_text(fixture_project):
    text = GOOD.replace("{nl: Titel, en: Title}", "{nl: Nee, en: no}").replace(
        "{nl: Kort, en: Short}", "{nl: '12:30', en: 0123}"
    ).replace("{nl: Tekst., en: Text.}", "{nl: 12:30, en: yes}")
    meeting = validate(load(fixture_project.add("ok.yaml", text)))
    assert (meeting.title.nl, meeting.title.en) == ("Nee", "no")
    item = meeting.findings["lessons"].items[0]
    assert (item.title.nl, item.title.en, item.text.nl, item.text.en) == ("12:30", "0123", "12:30", "yes")


def test_draft_allows_missing_translations(fixture_project):
    path = fixture_project.add("draft.yaml", GOOD.replace("{nl: Titel, en: Title}", "{nl: Titel}"))
    assert fixture_project.run("check") == 1
    assert fixture_project.run("check", "--draft") == 0
    assert validate(load(path), draft=True).title.en is None


def test_the_example_is_valid(capsys):
    from conftest import REPO

    from meetingpress.cli import main

    assert main(["check"], root=REPO) == 0
    assert "1 meeting file OK" in capsys.readouterr().out


def test_usage_errors_exit_2(fixture_project, capsys):
    assert fixture_project.run("check", "content/nope.yaml") == 2
    assert "no such meeting file" in capsys.readouterr().err
    assert fixture_project.run("--no-such-flag") == 2
    assert fixture_project.run("--help") == 0
    assert fixture_project.run("check", "--help") == 0


def test_block_scalars_are_plain_text(fixture_project):
    block = (
        "\n          nl: >\n            Een lange\n            tekst.\n"
        "          en: |\n            Line one\n            line two\n"
    )
    text = GOOD.replace("{nl: Tekst., en: Text.}", block)
    item = validate(load(fixture_project.add("ok.yaml", text))).findings["lessons"].items[0]
    assert (item.text.nl, item.text.en) == ("Een lange tekst.", "Line one\nline two")


def test_todo_comments_mark_the_line_below_them():
    from meetingpress.loading.read import todo_comments

    text = (
        '# Replace every "TODO: …" text; `python build.py check` lists the ones left.\n'
        "title: x\n"
        "participants:\n"
        "  # How many people took part. TODO: replace 1 with the real number.\n"
        "\n"
        "  count: 1\n"
        "  # TODO: check the spelling\n"
        "  # (a second comment line)\n"
        "  who: y\n"
        "place: z  # TODO: not a comment line of its own\n"
    )
    assert todo_comments(text) == {6: "replace 1 with the real number.", 9: "check the spelling"}
