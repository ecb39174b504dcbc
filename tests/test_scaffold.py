"""`python build.py new SERIES`: the next number, no inherited facts, TODOs with comments, no overwriting, end to end."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import SERIES_START

from meetingpress.loading.validate import localized_fields
from meetingpress.schema import Finding, Group, Lead, Meeting, Participants
from meetingpress.schema.docstrings import documented
from meetingpress.translation.ready import load_all

SERIES = SERIES_START + """\
findings:
  lessons:
    heading: {nl: Lessen, en: Lessons}
  recommendations:
    heading: {nl: Aanbevelingen, en: Recommendations}
    intro: {nl: "Belangrijke aanbevelingen zijn:", en: "Key recommendations are:"}
    style: list
"""

TODO_NL = '"TODO: write the Dutch text"'


def meeting_text(series: str, number: str, date: str = "2024-01-10") -> str:
    return f"series: {series}\nnumber: {number}\ndate: {date}\n"


@pytest.fixture
def sp(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES)
    return fixture_project


def new(fp, *args) -> int:
    return fp.run("new", *args)


def test_new_takes_the_next_number_of_its_series(sp, capsys):
    sp.add("sp-3.yaml", meeting_text("sp", "3"))
    sp.add("old.yaml", meeting_text("sp", "7"))
    sp.add("unreadable.yaml", meeting_text("sp", "zeven"))  # no whole number: skipped
    sp.add("broken.yaml", "number: [12\n")  # not even YAML: skipped
    sp.add("other.yaml", meeting_text("other", "20"))  # another series
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    path = sp.root / "content" / "sp-8.yaml"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^series: sp$", text, re.M)
    assert re.search(r"^number: 8$", text, re.M)
    assert re.search(r"^date: 2024-05-01$", text, re.M)
    out = capsys.readouterr().out
    assert "wrote content/sp-8.yaml: meeting 8 of `sp`" in out


def test_the_first_meeting_of_a_series_is_number_one_and_dated_today(sp):
    assert new(sp, "sp") == 0
    text = (sp.root / "content" / "sp-1.yaml").read_text(encoding="utf-8")
    assert f"\ndate: {dt.date.today().isoformat()}\n" in text


def test_inherited_facts_are_not_repeated(sp):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    text = (sp.root / "content" / "sp-1.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^(\w+):", text, re.M)
    assert "organisers" not in keys and "outputs" not in keys and "name" not in keys
    data = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "Partos" not in data and "Lessen" not in data and "Belangrijke aanbevelingen" not in data
    assert not re.search(r"^\s+heading:", text, re.M), "the series gives every group heading"
    assert not re.search(r"^\s+style:", text, re.M)
    (item,) = load_all(sp.project, [sp.root / "content" / "sp-1.yaml"], draft=True)
    assert [o.nl for o in item.meeting.organisers] == ["Partos"]
    assert item.meeting.outputs.news == ["nl", "en"]
    assert item.meeting.findings["recommendations"].intro.en == "Key recommendations are:"


def test_every_text_the_series_does_not_give_is_a_todo_in_both_languages(sp):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    (item,) = load_all(sp.project, [sp.root / "content" / "sp-1.yaml"], draft=True)
    own = {}
    for path, text in localized_fields(item.meeting):
        if item.source.locate(path).file == "content/sp-1.yaml":
            own[path] = text
    assert all(t.nl is None and t.en is None for t in own.values()), "a TODO placeholder is a missing text"
    title = item.source.data["title"]
    assert title == {"nl": "TODO: write the Dutch text", "en": "TODO: write the English text"}
    expected = {
        ("place",), ("participants", "who"), ("category",), ("title",), ("lead", "quote"), ("lead", "source"),
        ("lead", "question"), ("questions", 0), ("outcome",), ("intro", 0), ("closing", 0), ("findings", "lessons", "intro"),
    }
    for group in ("lessons", "recommendations"):
        expected |= {("findings", group, "items", 0, field) for field in ("title", "text", "details")}
    assert set(own) == expected
    assert list(item.meeting.findings) == ["lessons", "recommendations"]
    assert all(len(group.items) == 1 for group in item.meeting.findings.values())


def comment_above(text: str, key_line: str) -> str:
    lines = text.splitlines()
    index = lines.index(key_line)
    return lines[index - 1].strip()


@pytest.mark.parametrize(
    "key_line,model,field",
    [
        ("title:", Meeting, "title"),
        ("place:", Meeting, "place"),
        ("questions:", Meeting, "questions"),
        ("  quote:", Lead, "quote"),
        ("  who:", Participants, "who"),
        ("    intro:", Group, "intro"),
        ("      - title:", Finding, "title"),
        ("        details:", Finding, "details"),
    ],
)
def test_a_comment_above_each_todo_says_what_belongs_there(sp, key_line, model, field):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    text = (sp.root / "content" / "sp-1.yaml").read_text(encoding="utf-8")
    documented(Meeting)  # the comments are the fields' docstrings
    description = model.model_fields[field].description
    assert comment_above(text, key_line).startswith(f"# {description}")


def test_a_series_without_headings_gets_one_example_group_with_one_item(fixture_project):
    fixture_project.add("series/plain.yaml", "name: {nl: reeks, en: series}\n")
    assert new(fixture_project, "plain", "--date", "2024-05-01") == 0
    text = (fixture_project.root / "content" / "plain-1.yaml").read_text(encoding="utf-8")
    (item,) = load_all(fixture_project.project, [fixture_project.root / "content" / "plain-1.yaml"], draft=True)
    (group,) = item.meeting.findings.values()
    assert group.heading.nl is None and len(group.items) == 1, "a TODO placeholder is a missing text"
    assert 'nl: "TODO: write the Dutch text"' in text
    assert [o.en for o in item.meeting.organisers] == [None]
    assert "# Rename `example` to a short key of your own" in text


def test_new_never_overwrites_a_file(sp, capsys):
    mine = sp.add("sp-1.yaml", "# my notes, not a meeting of this series yet\n")
    before = mine.read_bytes()
    assert new(sp, "sp") == 2
    assert mine.read_bytes() == before
    err = capsys.readouterr().err
    assert "content/sp-1.yaml already exists; `new` never overwrites a file" in err
    assert "Traceback" not in err


def test_new_names_the_known_series_when_the_name_is_wrong(sp, capsys):
    assert new(sp, "sq") == 2
    assert "no series called `sq`; known series: sp" in capsys.readouterr().err
    assert sorted(p.name for p in (sp.root / "content").glob("*.yaml")) == []


def test_a_bad_date_is_a_usage_error(sp, capsys):
    assert new(sp, "sp", "--date", "1 mei 2024") == 2
    assert "is not a date written as YYYY-MM-DD" in capsys.readouterr().err
    assert not (sp.root / "content" / "sp-1.yaml").exists()


def test_the_scaffold_passes_a_draft_check_and_a_strict_check_lists_every_todo(sp, capsys):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    text = (sp.root / "content" / "sp-1.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert sp.run("check", "--draft") == 0
    assert sp.run("check") == 1
    err = capsys.readouterr().err.splitlines()
    todos = [line for line in err if "still TODO" in line]
    count_line = text.splitlines().index("  count: 1") + 1  # under `# … TODO: replace 1 with the real number.`
    assert f"content/sp-1.yaml:{count_line}:3: participants.count: still TODO: replace 1 with the real number" in todos
    texts = [t for t in todos if "participants.count" not in t]
    from meetingpress.loading.load import load_one
    from meetingpress.loading.shown import not_shown

    item = load_one(sp.project, sp.root / "content" / "sp-1.yaml", draft=True)

    def raw(path):
        value = item.source.data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else value[part] if isinstance(value, list) else None
        return value

    hidden = [(path, lang) for path, lang in not_shown(item.meeting) if str(raw(path + (lang,))).startswith("TODO")]
    assert hidden, "the Dutch finding titles and details: no output shows them, so they are not asked for"
    assert len(texts) == text.count(TODO_NL) * 2 - len(hidden)
    title_line = text.splitlines().index("title:") + 2  # the `nl:` line under `title:`
    assert f"content/sp-1.yaml:{title_line}:3: title: still TODO: write the Dutch text" in texts
    assert f"content/sp-1.yaml:{title_line + 1}:3: title: still TODO: write the English text" in texts
    assert all(re.match(r"^content/sp-1\.yaml:\d+:\d+: [\w.\[\]]+: still TODO: write the (Dutch|English) text$", t)
               for t in texts)


def fill_in(text: str) -> str:
    """Replace every TODO text with a different real one, and the number of participants."""
    assert " TODO: replace 1 with the real number." in text and "  count: 1\n" in text
    text = text.replace(" TODO: replace 1 with the real number.", "").replace("  count: 1\n", "  count: 30\n")
    count = iter(range(1, 1000))
    text = re.sub(r'"TODO: write the Dutch text"', lambda _m: f'"Nederlandse tekst {next(count)}"', text)
    count = iter(range(1, 1000))
    return re.sub(r'"TODO: write the English text"', lambda _m: f'"English text {next(count)}"', text)


def test_end_to_end_scaffold_fill_in_and_build_all_three_outputs(sp, capsys):
    sp.add("series/sp.yaml", SERIES.replace("  news: [nl, en]\n", "  news: [nl, en]\n  report: [en]\n  slides: [en]\n"))
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    path = sp.root / "content" / "sp-1.yaml"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert sp.run("check") == 0, capsys.readouterr().err
    assert sp.run("build") == 0, capsys.readouterr().err
    out = sp.root / "output" / "sp-1"
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith((".fragment.html", ".json"))) == [
        "news.en.html", "news.nl.html", "report.en.pdf", "slides.en.pptx"]
    assert "Nederlandse tekst" in (out / "news.nl.html").read_text(encoding="utf-8")
    assert (out / "report.en.pdf").read_bytes().startswith(b"%PDF")
    from meetingpress.build.preview import Preview, shown

    (deck,) = shown(sp.root / "output", "sp-1", {"slides.en": "slides.en.pptx"})
    assert any(title.startswith("English text") for title in deck["outline"])
    page = Preview(sp.project).page().decode("utf-8")
    assert '<iframe src="/sp-1/report.en.pdf?v=0"' in page and '<iframe src="/sp-1/news.nl.html?v=0"' in page
    assert "".join(f"<li>{title}</li>" for title in deck["outline"][:2]) in page.replace("\n", "").replace("  ", "")
    index = (sp.root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="sp-1/report.en.pdf"' in index and 'href="sp-1/slides.en.pptx"' in index


# A second `new`, dates out of order, --number ---------------------------------------------------


def test_new_twice_names_the_untouched_scaffold_and_asks_for_a_number(sp, capsys):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    first = (sp.root / "content" / "sp-1.yaml").read_bytes()
    capsys.readouterr()
    assert new(sp, "sp", "--date", "2024-06-01") == 2
    err = capsys.readouterr().err
    assert "content/sp-1.yaml (meeting 1) is still untouched: every text is a TODO" in err
    assert "`meetingpress new sp --number 2`" in err
    assert sorted(p.name for p in (sp.root / "content").glob("*.yaml")) == ["sp-1.yaml"]
    assert (sp.root / "content" / "sp-1.yaml").read_bytes() == first
    assert new(sp, "sp", "--date", "2024-06-01", "--number", "2") == 0
    assert "wrote content/sp-2.yaml: meeting 2 of `sp`" in capsys.readouterr().out


def test_a_scaffold_with_one_text_written_is_no_longer_untouched(sp, capsys):
    assert new(sp, "sp", "--date", "2024-05-01") == 0
    path = sp.root / "content" / "sp-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(TODO_NL, '"Den Haag"', 1), encoding="utf-8")
    assert new(sp, "sp", "--date", "2024-06-01") == 0
    assert (sp.root / "content" / "sp-2.yaml").is_file()


def test_a_date_before_an_earlier_meeting_is_a_warning(sp, capsys):
    sp.add("sp-3.yaml", meeting_text("sp", "3", "2024-01-10") + "place: Utrecht\n")
    assert new(sp, "sp", "--date", "2023-12-01") == 0
    captured = capsys.readouterr()
    assert ("warning: the date 2023-12-01 is before that of meeting 3 (2024-01-10, content/sp-3.yaml); check --date"
            in captured.err)
    assert "wrote content/sp-4.yaml" in captured.out
    assert new(sp, "sp", "--date", "2024-02-01", "--number", "5") == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "zes", "-1"])
def test_a_bad_number_is_a_usage_error(sp, capsys, value):
    assert new(sp, "sp", "--number", value) == 2
    assert "is not a whole number of 1 or more" in capsys.readouterr().err
