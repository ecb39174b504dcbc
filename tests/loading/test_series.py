"""Series defaults: inheritance, overrides, and errors that point at the right file."""

from __future__ import annotations

import pytest
from conftest import SERIES_START
from test_read import GOOD

from meetingpress.errors import ContentError
from meetingpress.translation.ready import load_all

SERIES = "# What every meeting of the series shares.\n" + SERIES_START + """\
base_url: https://www.example.org/meetings
findings:
  lessons:
    heading: {nl: Lessen, en: Lessons}
  unused:
    heading: {nl: Ongebruikt, en: Unused}
"""

MEETING = (
    GOOD.replace("series: {nl: reeks, en: series}\n", "series: sp\n")
    .replace("organisers: [Partos]\n", "")
    .replace("    heading: {nl: Lessen, en: Lessons}\n", "")
)


def load_one(fp, name="m.yaml"):
    (item,) = load_all(fp.project, [fp.root / "content" / name])
    return item


def test_a_meeting_inherits_from_its_series(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES)
    fixture_project.add("m.yaml", MEETING)
    item = load_one(fixture_project)
    meeting = item.meeting
    assert meeting.series.nl == "leerbijeenkomst voor Strategische Partnerschappen"
    assert [o.nl for o in meeting.organisers] == ["Partos"]
    assert meeting.outputs.news == ["nl", "en"] and meeting.outputs.report == ["en"]
    assert meeting.base_url == "https://www.example.org/meetings"
    assert meeting.findings["lessons"].heading.en == "Lessons"
    assert list(meeting.findings) == ["lessons"], "groups the meeting lacks are not added"
    assert item.inherited.name == "sp"
    assert item.source.locate(("organisers", 0)).file == "content/series/sp.yaml"
    assert item.source.locate(("title",)).file == "content/m.yaml"


def test_the_meeting_overrides_any_field(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES)
    fixture_project.add(
        "m.yaml",
        MEETING.replace("participants:", "organisers: [Cordaid]\noutputs: {news: [en]}\nbase_url: null\nparticipants:")
        .replace("    items:\n", "    heading: {nl: Eigen, en: Own}\n    items:\n", 1),
    )
    meeting = load_one(fixture_project).meeting
    assert [o.en for o in meeting.organisers] == ["Cordaid"]
    assert meeting.outputs.news == ["en"]
    assert meeting.base_url is None
    assert meeting.findings["lessons"].heading.nl == "Eigen"


def test_errors_point_at_the_file_that_holds_them(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES.replace("  en: learning meeting on Strategic Partnerships\n", "")
                        .replace("base_url: https://www.example.org/meetings", "base_url: ftp://x\norganizers: []"))
    fixture_project.add("m.yaml", MEETING.replace("number: 1", "number: een"))
    with pytest.raises(ContentError) as caught:
        load_one(fixture_project)
    lines = [str(p) for p in caught.value.problems]
    assert "content/m.yaml:2:1: number: must be a whole number, such as 5" in lines
    assert "content/series/sp.yaml:2:1: series: English text missing" in lines
    assert any(line.startswith("content/series/sp.yaml:8:1: base_url: must be an http") for line in lines)
    assert "content/series/sp.yaml:9:1: organizers: unknown field `organizers`; did you mean `organisers`?" in lines


def test_an_unknown_series_is_named(fixture_project, capsys):
    fixture_project.add("series/strategic-partnerships.yaml", SERIES)
    fixture_project.add("m.yaml", MEETING.replace("series: sp", "series: strategic-partnership"))
    assert fixture_project.run("check") == 1
    err = capsys.readouterr().err
    assert "content/m.yaml:1:1: series: no series called `strategic-partnership`; did you mean `strategic-partnerships`?" in err


def test_series_files_are_not_meetings(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES)
    fixture_project.add("m.yaml", MEETING)
    assert [p.name for p in fixture_project.project.meetings()] == ["m.yaml"]


def test_a_series_may_name_its_templates_folder(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES + "templates: ../../partos-templates\n")
    (fixture_project.root / "partos-templates").mkdir()
    fixture_project.add("m.yaml", MEETING)
    item = load_one(fixture_project)
    assert item.inherited.templates == (fixture_project.root / "partos-templates").resolve()
    path = fixture_project.project.templates(item.inherited.templates)
    assert path[0] == (fixture_project.root / "partos-templates").resolve()
    assert path[-1].name == "templates"


def test_a_missing_templates_folder_is_an_error(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES + "templates: nowhere\n")
    fixture_project.add("m.yaml", MEETING)
    with pytest.raises(ContentError, match=r"content/series/sp.yaml:15:1: templates: must name a folder"):
        load_one(fixture_project)


def test_a_meeting_without_findings_is_told_so_not_the_series(fixture_project, capsys):
    fixture_project.add("series/sp.yaml", SERIES)
    fixture_project.add("m.yaml", MEETING.split("findings:")[0])
    assert fixture_project.run("check") == 1
    assert "content/m.yaml:1:1: findings: required field `findings` is missing" in capsys.readouterr().err


def test_a_series_logo_is_found_in_the_series_folder(fixture_project, capsys):
    from test_images import png

    fixture_project.add("series/sp.yaml", SERIES.replace("  news: [nl, en]\n", "  news: []\n  slides: [en]\n")
                        + "logo:\n  file: logo.png\n  alt: {nl: Logo van de reeks, en: Series logo}\n")
    fixture_project.add("series/sp/logo.png", png())
    fixture_project.add("m.yaml", MEETING)
    assert fixture_project.run("build") == 0, capsys.readouterr().err
    assert (fixture_project.output / "m" / "report.en.pdf").is_file()
    assert (fixture_project.output / "m" / "slides.en.pptx").is_file()
    (fixture_project.root / "content" / "series" / "sp" / "logo.png").unlink()
    assert fixture_project.run("check") == 1
    assert "content/series/sp.yaml:17:3: logo.file: no image `logo.png` in sp/" in capsys.readouterr().err
