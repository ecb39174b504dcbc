"""The whole translation loop, as a communications officer and a freelance translator run it, with
translate-toolkit as the translator's CAT tool: every step's output and exit code; and a plain build with one
finished and one unfinished meeting."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import SERIES_START
from translate.storage import xliff  # translate-toolkit, the translator's CAT tool (in the test extras)

TODAY = dt.date.today().isoformat()
SERIES = SERIES_START + """\
findings:
  lessons:
    heading: {nl: Lessen, en: Lessons}
"""
TODO_NL, TODO_EN = '"TODO: write the Dutch text"', '"TODO: write the English text"'


@pytest.fixture
def sp(fixture_project):
    fixture_project.add("series/sp.yaml", SERIES)
    return fixture_project


def run(fp, capsys, *argv) -> tuple[int, str, str]:
    code = fp.run(*argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_dutch(path) -> int:
    """The officer writes every Dutch text (and the number of participants); how many texts that is."""
    text = path.read_text(encoding="utf-8")
    text = text.replace(" TODO: replace 1 with the real number.", "").replace("  count: 1\n", "  count: 30\n")
    count = iter(range(1, 1000))
    text, n = re.subn(TODO_NL, lambda _m: f'"Nederlandse tekst {next(count)}"', text)
    path.write_text(text, encoding="utf-8")
    return n


def line_of(path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def finished_meeting(sp, capsys) -> None:
    """Meeting 1, written by hand in both languages, never confirmed, and published."""
    assert run(sp, capsys, "new", "sp", "--date", "2024-01-10")[0] == 0
    path = sp.root / "content" / "sp-1.yaml"
    write_dutch(path)
    count = iter(range(1, 1000))
    path.write_text(re.sub(TODO_EN, lambda _m: f'"English text {next(count)}"', path.read_text(encoding="utf-8")),
                    encoding="utf-8")


def test_the_whole_loop_with_a_cat_tool(sp, capsys):
    finished_meeting(sp, capsys)
    code, out, err = run(sp, capsys, "build")
    assert code == 0, err
    published = {p: p.read_bytes() for p in (sp.output / "sp-1").iterdir()}
    archive = (sp.output / "index.html").read_bytes()

    # new, then Dutch only
    code, out, err = run(sp, capsys, "new", "sp", "--date", "2024-05-01")
    assert code == 0 and "wrote content/sp-2.yaml: meeting 2 of `sp`" in out and err == ""
    path = sp.root / "content" / "sp-2.yaml"
    texts = write_dutch(path)
    assert texts > 10 and TODO_EN.strip('"') in path.read_text(encoding="utf-8")

    # check: every English placeholder is a missing text, at its line
    code, out, err = run(sp, capsys, "check", "content/sp-2.yaml")
    assert code == 1
    missing = [line for line in err.splitlines() if line.endswith("still TODO: write the English text")]
    assert len(missing) == texts
    assert f"content/sp-2.yaml:{line_of(path, 'Nederlandse tekst 1')  + 1}:3: place: still TODO: write the English text" \
        in missing
    assert f"✗ {texts} problems in 1 file" in err

    # status: none of the English is there, and it says so
    code, out, err = run(sp, capsys, "status", "content/sp-2.yaml")
    assert code == 1
    assert re.search(rf"│ English +│ +0/{texts} │ +{texts} │ +0 │ +0 │", out), out
    assert re.search(rf"│ Dutch +│ +{texts}/{texts} │ +0 │ +0 │ +0 │", out)
    assert "content/sp-2.yaml: its series texts come from content/series/sp.yaml; they are counted there" in out
    assert "✗ 1 of 2 files need translation work" in out

    # export: every text, the placeholders as missing (no target)
    code, out, err = run(sp, capsys, "export", "--to", "en", "content/sp-2.yaml", "-o", "sp-2.en.xlf")
    assert (code, out, err) == (
        0, f"wrote sp-2.en.xlf: {texts} texts to translate into en, {texts} with a match from other meetings\n", "")
    store = xliff.xlifffile.parsefile("sp-2.en.xlf")
    units = [unit for unit in store.units if not unit.isheader()]
    assert len(units) == texts
    assert all(unit.target in (None, "") for unit in units), "a placeholder is never sent as a translation"
    assert units[0].source == "Nederlandse tekst 1"
    (match,) = units[0].getalttrans()  # meeting 1 said the same in Dutch: the CAT tool offers its English
    assert (match.source, match.target, match.xmlelement.get("match-quality")) == (
        "Nederlandse tekst 1", "English text 1", "100%")

    # the translator's CAT tool: final, fuzzy, new (the Dutch copied in), rejected by a reviewer; the rest untouched
    by_id = {unit.xmlelement.get("id"): unit for unit in units}
    by_id["place"].target = "English text 1"  # typing a translation makes it translated and approved
    by_id["participants.who"].target = "English text 2 (fuzzy)"
    by_id["participants.who"].markfuzzy(True)
    by_id["category"].target = by_id["category"].source
    by_id["category"].set_state_n(by_id["category"].statemap["new"])
    by_id["title"].target = "English text 4 (rejected)"
    by_id["title"].set_state_n(by_id["title"].S_NEEDS_REVIEW)
    assert by_id["title"].xmlelement.get("approved") != "yes" and by_id["participants.who"].isfuzzy()
    store.savefile("sp-2.en.xlf")

    # import: only the final unit is confirmed; the fuzzy and rejected ones are drafts; the copied Dutch is skipped
    code, out, err = run(sp, capsys, "import", "sp-2.en.xlf")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "content/sp-2.yaml: 1 written and confirmed (final); 2 written as drafts, not yet approved "
        f"(1 needs-review-translation, 1 needs-translation); {texts - 3} skipped ({texts - 3} untranslated, 0 unchanged)",
        "content/sp-2.yaml: the drafts are not published until approved; "
        "`meetingpress status content/sp-2.yaml` lists them",
    ]
    text = path.read_text(encoding="utf-8")
    assert 'en: "English text 1"\n' in text and "English text 2 (fuzzy)" in text and "English text 4 (rejected)" in text
    assert 'en: "TODO: write the English text"' in text.split("category:")[1].split("title:")[0], "the copy is skipped"
    record = (sp.root / "content" / ".sync" / "sp-2.yaml").read_text(encoding="utf-8")
    fields = record.split("\ndrafts:\n")[0]
    assert "place:" in fields and "title:" not in fields and "participants.who:" not in fields

    # status: the drafts are "not yet approved", with the translator's state
    code, out, err = run(sp, capsys, "status", "content/sp-2.yaml")
    assert code == 1
    assert re.search(rf"│ English +│ +3/{texts} │ +{texts - 3} │ +0 │ +2 │", out), out
    who, title = line_of(path, "English text 2 (fuzzy)"), line_of(path, "English text 4 (rejected)")
    assert (f"content/sp-2.yaml:{who}:5: participants.who: English text not yet approved: the translator left it as "
            f"“needs-translation” (imported on {TODAY})") in out
    assert (f"content/sp-2.yaml:{title}:3: title: English text not yet approved: the translator left it as "
            f"“needs-review-translation” (imported on {TODAY})") in out

    # a draft build: into output/_drafts/, the published outputs and archive untouched
    code, out, err = run(sp, capsys, "build", "--draft")
    assert code == 0, err
    assert "wrote output/_drafts/sp-2/news.en.html" in out and "wrote output/sp-" not in out
    assert "2 texts are not yet approved; `meetingpress status` shows them (marked as a draft, in output/_drafts/)" \
        in out
    assert {p: p.read_bytes() for p in published} == published
    assert (sp.output / "index.html").read_bytes() == archive and not (sp.output / "sp-2").exists()
    draft_news = (sp.output / "_drafts" / "sp-2" / "news.en.html").read_text(encoding="utf-8")
    assert "[not yet approved] English text 4 (rejected)" in draft_news, "each unapproved text is marked"
    assert "[not yet approved] English text 2 (fuzzy)" in draft_news and "[English text missing]" in draft_news
    assert "[not yet approved] English text 1" not in draft_news, "the final translation is not marked"

    # a strict build: meeting 2 refused, every unapproved and missing text named; meeting 1 stays published
    code, out, err = run(sp, capsys, "build")
    assert code == 1
    assert "unchanged, skipped: sp-1/*" in out
    assert f"content/sp-2.yaml:{who}:5: participants.who: English text not yet approved" in err
    assert f"content/sp-2.yaml:{title}:3: title: English text not yet approved" in err
    assert len([line for line in err.splitlines() if "still TODO: write the English text" in line]) == texts - 3
    assert f"✗ {texts - 1} problems in 1 file" in err
    assert "2 texts are not yet approved; `meetingpress status` shows them" in err
    assert "not built, not ready to publish: content/sp-2.yaml; every other meeting is built" in err
    assert not (sp.output / "sp-2").exists()

    # the translator finishes: everything left, the fuzzy one approved as it is, the rejected one redone
    code, out, err = run(sp, capsys, "export", "--to", "en", "content/sp-2.yaml", "-o", "sp-2.en.xlf", "--force")
    assert (code, out) == (0, f"wrote sp-2.en.xlf: {texts - 1} texts to translate into en, "
                              f"{texts - 1} with a match from other meetings\n")
    store = xliff.xlifffile.parsefile("sp-2.en.xlf")
    for unit in (u for u in store.units if not u.isheader()):
        name = unit.xmlelement.get("id")
        if name == "participants.who":
            assert unit.target == "English text 2 (fuzzy)" and unit.isfuzzy(), "exported with its draft state"
            unit.markfuzzy(False)
            unit.set_state_n(unit.S_SIGNED_OFF)
        else:
            number = re.search(r"\d+", unit.source).group()
            unit.target = f"English text {number}"
            unit.set_state_n(unit.statemap["final"])
    store.savefile("sp-2.en.xlf")
    code, out, err = run(sp, capsys, "import", "sp-2.en.xlf")
    assert code == 0 and err == ""
    assert out == (f"content/sp-2.yaml: {texts - 2} written and confirmed (final); 1 final and unchanged: confirmed "
                   "as they read, which clears a stale or draft mark; 0 written as drafts, not yet approved; "
                   "0 skipped (0 untranslated, 0 unchanged)\n")
    code, out, err = run(sp, capsys, "status", "content/sp-2.yaml")
    assert code == 0 and "content/sp-2.yaml\n" in out and "verdict: ✓ in sync" in out

    # build: published
    code, out, err = run(sp, capsys, "build")
    assert code == 0, err
    assert "wrote output/sp-2/news.en.html" in out and "English text 4" in (sp.output / "sp-2" / "news.en.html").read_text()

    # a Dutch edit makes the English stale: check, status and a strict build say so; a draft build allows it
    path.write_text(path.read_text(encoding="utf-8").replace('"Nederlandse tekst 4"', '"Nederlandse tekst 4, herzien"'),
                    encoding="utf-8")
    stale = f"content/sp-2.yaml:{title}:3: title: Dutch changed since the English was confirmed on {TODAY}"
    code, out, err = run(sp, capsys, "check", "content/sp-2.yaml")
    assert code == 1 and stale in err
    assert "1 text is stale; `meetingpress status content/sp-2.yaml` shows them" in err
    code, out, err = run(sp, capsys, "status", "content/sp-2.yaml")
    assert code == 1 and stale in out and "    Dutch: Nederlandse tekst [-4-]{+4, herzien+}" in out
    before = (sp.output / "sp-2" / "news.en.html").read_bytes()
    code, out, err = run(sp, capsys, "build")
    assert code == 1 and stale in err and "1 text is stale" in err
    assert (sp.output / "sp-2" / "news.en.html").read_bytes() == before
    code, out, err = run(sp, capsys, "build", "--draft", "content/sp-2.yaml")
    assert code == 0 and "1 text is stale; `meetingpress status content/sp-2.yaml` shows them" in out
    assert "[out of date] English text 4" in (sp.output / "_drafts" / "sp-2" / "news.en.html").read_text()
    assert "[verouderd]" not in (sp.output / "_drafts" / "sp-2" / "news.nl.html").read_text(), "the Dutch is current"
    assert run(sp, capsys, "sync", "confirm", "content/sp-2.yaml")[0] == 0  # the English still says it all
    code, out, err = run(sp, capsys, "build", "--draft", "content/sp-2.yaml")
    assert code == 0 and "wrote output/_drafts/sp-2/news.en.html" in out, "the record changed: the mark goes"
    assert "[out of date]" not in (sp.output / "_drafts" / "sp-2" / "news.en.html").read_text()


def test_a_plain_build_writes_the_finished_meeting_and_lists_the_unfinished_one(sp, capsys):
    finished_meeting(sp, capsys)
    assert run(sp, capsys, "new", "sp", "--date", "2024-05-01")[0] == 0
    code, out, err = run(sp, capsys, "build")
    assert code == 1
    assert "wrote output/sp-1/news.nl.html" in out and "wrote output/sp-1/news.en.html" in out
    assert "wrote output/index.html" in out
    assert "content/sp-2.yaml:" in err and "still TODO: write the Dutch text" in err
    assert "content/sp-1.yaml" not in err.replace("not built, not ready to publish: content/sp-2.yaml", "")
    assert "not built, not ready to publish: content/sp-2.yaml; every other meeting is built" in err
    assert not (sp.output / "sp-2").exists()
    index = (sp.output / "index.html").read_text(encoding="utf-8")
    assert "sp-1/news.nl.html" in index and "sp-2" not in index and "TODO" not in index


def test_a_draft_build_never_reaches_the_published_archive(sp, capsys):
    finished_meeting(sp, capsys)
    assert run(sp, capsys, "build")[0] == 0
    archive = (sp.output / "index.html").read_bytes()
    assert run(sp, capsys, "new", "sp", "--date", "2024-05-01")[0] == 0
    code, out, err = run(sp, capsys, "build", "--draft")
    assert code == 0
    assert (sp.output / "index.html").read_bytes() == archive
    drafts = (sp.output / "_drafts" / "index.html").read_text(encoding="utf-8")
    assert "sp-2/news.nl.html" in drafts
    assert not (sp.output / "sp-2").exists()


def test_a_placeholder_is_a_missing_text_for_export_all_and_sync(sp, capsys):
    assert run(sp, capsys, "new", "sp", "--date", "2024-05-01")[0] == 0
    path = sp.root / "content" / "sp-1.yaml"
    texts = write_dutch(path)
    code, out, err = run(sp, capsys, "export", "--to", "en", "--all", "content/sp-1.yaml", "-o", "all.xlf")
    assert code == 0 and f": {texts} texts to translate into en" in out
    store = xliff.xlifffile.parsefile("all.xlf")
    assert [u.target for u in store.units if not u.isheader()] == [None] * texts, "no TODO sent as a translation"
    code, out, err = run(sp, capsys, "export", "--to", "nl", "--all", "content/sp-1.yaml", "-o", "nl.xlf")
    assert (code, out) == (0, "nothing needs translating into nl; no file written\n"), "a TODO is no source text"
    code, out, err = run(sp, capsys, "sync", "confirm", "content/sp-1.yaml")
    assert code == 0 and "confirmed 0 fields" in out and "not confirmed, a translation is missing: place, " in out
    path.write_text(path.read_text(encoding="utf-8").replace(TODO_EN, '"The Hague"', 1), encoding="utf-8")
    code, out, err = run(sp, capsys, "status", "content/sp-1.yaml")
    assert "changed since" not in out, "writing the English over a placeholder makes nothing stale"
    assert re.search(rf"│ English +│ +1/{texts} │ +{texts - 1} │ +0 │ +0 │", out), out


def test_both_sides_changed_is_built_and_status_asks_for_a_confirmation(sp, capsys):
    finished_meeting(sp, capsys)
    assert run(sp, capsys, "sync", "confirm", "content/sp-1.yaml")[0] == 0
    path = sp.root / "content" / "sp-1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Nederlandse tekst 4"', '"Nederlandse tekst 4, nieuw"')
                    .replace('"English text 4"', '"English text 4, new"'), encoding="utf-8")
    code, out, err = run(sp, capsys, "build")
    assert code == 0 and "wrote output/sp-1/news.en.html" in out and "stale" not in out + err
    code, out, err = run(sp, capsys, "status", "content/sp-1.yaml")
    assert code == 0
    assert (f"title: warning: Dutch and English both changed since they were confirmed on {TODAY}; "
            "confirm them again once they match") in out
