"""output/index.html: every meeting newest first, per language, with links; kept up to date without reparsing YAML."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from test_build import news_only
from test_news import vnu_errors

from meetingpress.paths import STATE_DIR


class Sections(HTMLParser):
    """Per `<section lang>`: the meetings' (datetime, date text, title, [(href, hreflang, link text)])."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[dict]] = {}
        self.headings: dict[str, str] = {}
        self._lang = None
        self._field = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._lang = attrs["lang"]
            self.sections[self._lang] = []
        elif self._lang and tag == "li" and attrs.get("class") == "mp-archive__meeting":
            self.sections[self._lang].append({"datetime": None, "date": "", "title": "", "links": []})
        elif self._lang and tag == "time":
            self.sections[self._lang][-1]["datetime"] = attrs["datetime"]
            self._field = "date"
        elif self._lang and tag in ("h1", "h2"):
            self._field = tag
        elif self._lang and tag == "a":
            self.sections[self._lang][-1]["links"].append([attrs["href"], attrs.get("hreflang"), ""])
            self._field = "a"

    def handle_endtag(self, tag):
        if tag in ("time", "h1", "h2", "a"):
            self._field = None
        if tag == "section":
            self._lang = None

    def handle_data(self, data):
        if self._field == "h1":
            self.headings[self._lang] = self.headings.get(self._lang, "") + data
        elif self._field == "h2":
            self.sections[self._lang][-1]["title"] += data
        elif self._field == "date":
            self.sections[self._lang][-1]["date"] += data
        elif self._field == "a":
            self.sections[self._lang][-1]["links"][-1][2] += data


def meeting(number: int, date: str, title_nl: str, title_en: str, news: str = "[nl]"):
    def edit(text: str) -> str:
        return (
            news_only(text)
            .replace("number: 5\n", f"number: {number}\n")
            .replace("outputs: {news: [nl],", f"outputs: {{news: {news},")
            .replace("date: 2017-11-23", f"date: {date}")
            .replace("nl: Zijn we effectiever in strategische partnerschappen?", f"nl: {title_nl}")
            .replace("en: Are we more effective in strategic partnerships?", f"en: {title_en}")
        )

    return edit


def index_of(fp) -> Sections:
    return Sections((fp.output / "index.html").read_text(encoding="utf-8"))


def add_three(fp):
    fp.add_example("b.yaml", edit=meeting(6, "2018-03-01", "Zesde *bijeenkomst*", "Sixth <b>meeting</b> & co"))
    fp.add_example("a.yaml", edit=meeting(5, "2017-11-23", "Vijfde", "Fifth", news="[nl, en]"))
    fp.add_example("c.yaml", edit=meeting(7, "2019-06-12", "Zevende", "Seventh"))


def test_the_index_lists_every_meeting_newest_first_per_language_with_links(fixture_project, capsys):
    add_three(fixture_project)
    assert fixture_project.run("build") == 0
    assert "wrote output/index.html" in capsys.readouterr().out
    index = index_of(fixture_project)
    assert list(index.sections) == ["nl", "en"]
    assert index.headings == {"nl": "Alle bijeenkomsten", "en": "All meetings"}
    nl, en = index.sections["nl"], index.sections["en"]
    assert [m["datetime"] for m in nl] == ["2019-06-12", "2018-03-01", "2017-11-23"]
    assert [m["date"] for m in nl] == ["12 juni 2019", "1 maart 2018", "23 november 2017"]
    assert [m["date"] for m in en] == ["12 June 2019", "1 March 2018", "23 November 2017"]
    assert [m["title"] for m in nl] == ["Zevende", "Zesde bijeenkomst", "Vijfde"], "Markdown shows as plain text"
    assert [m["title"] for m in en] == ["Seventh", "Sixth <b>meeting</b> & co", "Fifth"], "HTML stays text"
    assert nl[2]["links"] == [["a/news.nl.html", "nl", "Nieuwsbericht (Nederlands, webpagina)"],
                              ["a/news.en.html", "en", "Nieuwsbericht (Engels, webpagina)"]]
    assert en[2]["links"] == [["a/news.en.html", "en", "News item (English, web page)"],
                              ["a/news.nl.html", "nl", "News item (Dutch, web page)"]]
    for section in (nl, en):
        for entry in section:
            for href, _lang, _text in entry["links"]:
                assert (fixture_project.output / href).is_file(), href


def test_the_index_is_valid_html(fixture_project, tmp_path):
    add_three(fixture_project)
    assert fixture_project.run("build") == 0
    errors = vnu_errors([fixture_project.output / "index.html"])
    assert errors == [], "\n".join(f"{m.get('lastLine')}: {m.get('message')}" for m in errors)


def test_skipped_meetings_stay_listed_and_removed_ones_go(fixture_project, capsys):
    add_three(fixture_project)
    assert fixture_project.run("build") == 0
    (fixture_project.root / "content" / "c.yaml").unlink()
    b = fixture_project.root / "content" / "b.yaml"
    b.write_text(b.read_text(encoding="utf-8").replace("nl: Zesde *bijeenkomst*", "nl: Zesde, herzien"), encoding="utf-8")
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    out = capsys.readouterr().out
    assert "unchanged, skipped: a/*" in out and "wrote output/index.html" in out
    assert [m["title"] for m in index_of(fixture_project).sections["nl"]] == ["Zesde, herzien", "Vijfde"]


def test_a_missing_index_is_rebuilt_from_the_records_alone(fixture_project, capsys):
    add_three(fixture_project)
    assert fixture_project.run("build") == 0
    before = (fixture_project.output / "index.html").read_bytes()
    (fixture_project.output / "index.html").unlink()
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    out = capsys.readouterr().out
    assert "wrote output/index.html" in out and "unchanged, skipped: a/*, b/*, c/*" in out
    assert (fixture_project.output / "index.html").read_bytes() == before
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    assert "wrote" not in capsys.readouterr().out, "an index that is there and current is left alone"


def test_a_record_from_before_the_archive_is_rewritten_once(fixture_project, capsys):
    add_three(fixture_project)
    assert fixture_project.run("build") == 0
    record = fixture_project.output / STATE_DIR / "a.json"
    state = json.loads(record.read_text(encoding="utf-8"))
    del state["index"]
    record.write_text(json.dumps(state), encoding="utf-8")
    (fixture_project.output / "index.html").unlink()
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    out = capsys.readouterr().out
    assert "a/news.nl" in out.split("unchanged, skipped:")[1], "its outputs are current and not rebuilt"
    assert "index" in json.loads(record.read_text(encoding="utf-8"))
    assert [m["title"] for m in index_of(fixture_project).sections["nl"]][-1] == "Vijfde"


def test_a_broken_archive_template_fails_the_build_and_writes_nothing(fixture_project, capsys):
    fixture_project.add_example("a.yaml", edit=meeting(5, "2017-11-23", "Vijfde", "Fifth"))
    fixture_project.template("archive/section.html", "{{ meetings[0].no_such_thing }}")
    assert fixture_project.run("build") == 1
    err = capsys.readouterr().err
    assert "output/index.html could not be built: " in err
    assert "templates/archive/section.html:1: UndefinedError" in err
    assert "Traceback" not in err
    assert not (fixture_project.output / "a").exists() and not (fixture_project.output / "index.html").exists()


def test_an_empty_project_gets_an_index_that_says_so(fixture_project):
    assert fixture_project.run("build") == 0
    html = (fixture_project.output / "index.html").read_text(encoding="utf-8")
    assert "Nog geen bijeenkomsten." in html and "No meetings yet." in html
