"""`status`: the table, each problem at its line, word diffs, exit codes; facts that must agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_sync import MEETING, RECO_NL, TODAY, current, edit, where

from meetingpress.translation.facts import extract, missing_facts

RECO = "findings.recommendations.items[2].text"


def status(fp, capsys, *files) -> tuple[int, str]:
    code = fp.run("status", *files)
    return code, capsys.readouterr().out


def test_a_meeting_never_confirmed_is_not_an_error(example_copy, capsys):
    code, out = status(example_copy, capsys)
    total = len(current(example_copy))
    assert code == 0
    assert f"{MEETING}: never confirmed; once Dutch and English match, run " in out
    assert f"`meetingpress sync confirm {MEETING}`" in out
    assert f"fields complete in both languages: {total}/{total}; confirmed: never" in out
    assert "complete, never confirmed" in out


def test_the_table_counts_texts_per_language(example_copy, capsys):
    edit(example_copy, "  en: Amsterdam\n", "")
    edit(example_copy, "    en: Are we more effective in partnerships?\n", "")
    total = len(current(example_copy))
    code, out = status(example_copy, capsys)
    assert code == 1
    meeting_part = out.split("content/series/strategic-partnerships.yaml\n")[0]
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:5]] for line in meeting_part.splitlines()
            if line.startswith("│")}
    assert rows["Dutch"] == [f"{total}/{total}", "0", "0"]
    assert rows["English"] == [f"{total - 2}/{total}", "2", "0"]
    assert f"fields complete in both languages: {total - 2}/{total}" in out
    assert "verdict: ✗ needs English" in out
    assert "place: English text missing" in out
    assert "questions[0]: English text missing" in out
    assert "1 of 2 files need translation work" in out


def test_a_dutch_edit_makes_the_english_stale_at_its_line(example_copy, capsys):
    assert example_copy.run("sync", "--confirm", MEETING) == 0
    edit(example_copy, RECO_NL, RECO_NL.replace("de partners regelmatig", "alle partners elk jaar"))
    code, out = status(example_copy, capsys)
    line = where(example_copy.root / MEETING, "Reflecteer samen", "en")
    assert code == 1
    assert f"{MEETING}:{line}: {RECO}: Dutch changed since the English was confirmed on {TODAY}" in out
    assert "    Dutch: Reflecteer samen met [-de-]{+alle+} partners [-regelmatig-]{+elk jaar+} op de" in out
    assert "verdict: ✗ needs English" in out


def test_an_english_edit_makes_the_dutch_stale_at_its_line(example_copy, capsys):
    example_copy.run("sync", "--confirm", MEETING)
    edit(example_copy, "en: Time and capacity", "en: Time and resources")
    code, out = status(example_copy, capsys)
    line = where(example_copy.root / MEETING, "nl: Tijd en capaciteit", "nl")
    assert code == 1
    assert (f"{MEETING}:{line}: findings.challenges.items[0].title: "
            f"English changed since the Dutch was confirmed on {TODAY}") in out
    assert "    English: Time and [-capacity-]{+resources+}" in out
    assert "verdict: ✗ needs Dutch" in out


def test_both_sides_changed_is_a_warning_not_a_failure(example_copy, capsys):
    example_copy.run("sync", "--confirm", MEETING)
    edit(example_copy, "nl: Nieuws", "nl: Nieuwtjes")
    edit(example_copy, "en: News", "en: Newsflash")
    code, out = status(example_copy, capsys)
    assert code == 0
    assert (f"category: warning: Dutch and English both changed since they were confirmed on {TODAY}; "
            "confirm them again once they match") in out
    assert "complete, partly confirmed" in out


def test_a_confirmed_meeting_is_in_sync(example_copy, capsys):
    example_copy.run("sync", "--confirm", MEETING)
    code, out = status(example_copy, capsys)
    assert code == 0
    assert f"confirmed: {TODAY}; verdict: ✓ in sync" in out
    assert f"{MEETING}: never confirmed" not in out
    assert "content/series/strategic-partnerships.yaml: never confirmed" in out, "the series file has its own"
    assert "nothing missing, stale or unapproved" in out


def test_fields_confirmed_one_by_one_list_the_rest(example_copy, capsys):
    example_copy.run("sync", "--confirm", MEETING, "title")
    code, out = status(example_copy, capsys)
    assert code == 0
    assert f"{MEETING}: {len(current(example_copy)) - 1} fields were never confirmed: place, participants.who, " in out


def test_status_takes_files_and_reports_each_meeting(example_copy, capsys):
    example_copy.add_example("2017-sp-6.yaml", edit=lambda t: t.replace("  en: Amsterdam\n", ""))
    example_copy.run("sync", "--confirm", MEETING)
    code, out = status(example_copy, capsys)
    assert code == 1
    assert "content/2017-sp-6.yaml: never confirmed" in out and "1 of 3 files need translation work" in out
    code, out = status(example_copy, capsys, MEETING)
    assert code == 0 and "2017-sp-6" not in out


def test_status_of_an_invalid_file_lists_its_errors(example_copy, capsys):
    edit(example_copy, "number: 5", "number: five")
    assert example_copy.run("status") == 1
    assert "number: must be a whole number" in capsys.readouterr().err


# Facts that must agree -----------------------------------------------------------------------------


def test_check_warns_about_a_number_only_one_language_has(example_copy, capsys):
    edit(example_copy, "Een succesfactor die benoemd werd", "Een succesfactor die 25 keer benoemd werd")
    edit(example_copy, "One success factor named", "One success factor named twenty times")
    line = where(example_copy.root / MEETING, "Een succesfactor die", "en")
    assert example_copy.run("check") == 0
    err = capsys.readouterr().err
    assert (f"{MEETING}:{line}: findings.success_factors.items[0].text: warning: “25” is in the Dutch text "
            "but not in the English; check that both say the same") in err
    code, out = status(example_copy, capsys)
    assert code == 0 and "warning: “25” is in the Dutch text" in out


def test_the_example_has_no_fact_warnings(example_copy, capsys):
    assert example_copy.run("check") == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "nl, en",
    [
        ("Er waren 25 deelnemers", "There were twenty-five participants"),
        ("Er waren vijfentwintig deelnemers", "There were 25 participants"),
        ("de 5e bijeenkomst", "the fifth meeting"),
        ("1.000 mensen, 2,5%", "1,000 people, 2.5%"),
        ("Op 23 november 2017 om 13.30 uur", "On November 23, 2017 at 1:30 pm"),
        ("Op 23-11-2017", "On 2017-11-23"),
        ("om 13.30", "at 13:30"),
        ("Zie https://partos.nl/verslag/.", "See https://partos.nl/verslag and"),
        ("Mail info@partos.nl", "Write to [us](mailto:INFO@partos.nl)"),
        ("versie 1.2.3 van G7", "version 1.2.3 of G7"),
        ("Een succesfactor", "One success factor"),
    ],
)
def test_facts_that_agree(nl, en):
    a, b = extract(nl, "nl"), extract(en, "en")
    assert missing_facts(a, b, "en") == [] and missing_facts(b, a, "nl") == []


@pytest.mark.parametrize(
    "nl, en, only_nl, only_en",
    [
        ("Er waren 25 deelnemers", "There were twenty participants", ["25"], []),
        ("in 2017", "in 2016", ["2017"], ["2016"]),
        ("op 23 november", "on 24 November", ["23 november"], ["24 November"]),
        ("om 13.30 uur", "at 14:30", ["13.30"], ["14:30"]),
        ("Zie [x](https://a.nl/2017)", "See [x](https://a.nl/2018)", ["https://a.nl/2017"], ["https://a.nl/2018"]),
        ("Mail info@partos.nl", "Write to us", ["info@partos.nl"], []),
        ("Dit kost 2,5 miljoen", "This costs 25 million", ["2,5"], ["25"]),
    ],
)
def test_facts_that_disagree(nl, en, only_nl, only_en):
    a, b = extract(nl, "nl"), extract(en, "en")
    assert missing_facts(a, b, "en") == only_nl
    assert missing_facts(b, a, "nl") == only_en


@given(st.text(alphabet="0123456789.,:-/ apmuhe@w.tsnovNOVjan", max_size=60), st.sampled_from(["nl", "en"]))
def test_facts_never_fail_on_odd_text(text, lang):
    facts = extract(text, lang)
    assert missing_facts(facts, facts, lang) == [], "a text always agrees with itself"
