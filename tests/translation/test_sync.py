"""Missing and stale translations: the build's refusal, `sync --confirm` and its sidecar record."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingpress.translation.compare import compare, word_diff
from meetingpress.translation.ready import load_all
from meetingpress.translation.record import Confirmed, dump_record, read_record, record_path
from meetingpress.translation.sync import confirm
from meetingpress.translation.translatable import fields

TODAY = dt.date.today().isoformat()
MEETING = "content/2017-sp-5.yaml"
RECO_NL = "Reflecteer samen met de partners regelmatig op de effectiviteit en kosteneffectiviteit van de samenwerking."
RECO_EN = "Reflect regularly, together with the partners, on the effectiveness and cost-effectiveness of the cooperation."


def where(path, needle: str, key: str) -> str:
    """`line:col` of the `key:` on the line that holds `needle` (or the line after it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if needle in line:
            for offset, candidate in enumerate(lines[number - 1 : number + 1]):
                if candidate.lstrip().startswith(f"{key}:"):
                    return f"{number + offset}:{len(candidate) - len(candidate.lstrip()) + 1}"
    raise AssertionError(f"{needle!r} not found")


def edit(fp, old: str, new: str) -> None:
    path = fp.root / MEETING
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def current(fp):
    (item,) = load_all(fp.project, [fp.root / MEETING], draft=True)
    return fields(item.source, item.meeting)


def sidecar(fp):
    return fp.root / "content" / ".sync" / "2017-sp-5.yaml"


# Missing translations ------------------------------------------------------------------------------


def test_a_normal_build_with_a_missing_text_fails_at_its_line(example_copy, capsys):
    edit(example_copy, "  en: Amsterdam\n", "")
    line = where(example_copy.root / MEETING, "place:", "place")
    assert example_copy.run("build") == 1
    assert f"{MEETING}:{line}: place: English text missing" in capsys.readouterr().err
    assert not (example_copy.output / "2017-sp-5").exists(), "no output is written"


def test_draft_check_accepts_a_missing_text(example_copy, capsys):
    edit(example_copy, "  en: Amsterdam\n", "")
    assert example_copy.run("check", "--draft") == 0
    assert example_copy.run("check") == 1
    assert "place: English text missing" in capsys.readouterr().err


# The sidecar record --------------------------------------------------------------------------------


def test_confirm_writes_a_sidecar_that_is_never_a_meeting(example_copy, capsys):
    assert example_copy.run("sync", "--confirm", MEETING) == 0
    out = capsys.readouterr().out
    count = len(current(example_copy))
    assert f"confirmed {count} fields on {TODAY} in content/.sync/2017-sp-5.yaml" in out
    assert sidecar(example_copy).is_file()
    assert example_copy.project.meetings() == [example_copy.root / MEETING]
    assert example_copy.run("check") == 0
    assert "1 meeting file OK" in capsys.readouterr().out
    record = read_record(sidecar(example_copy))
    entry = record["findings.recommendations.items[2].text"]
    assert (entry.nl, entry.en, entry.date) == (RECO_NL, RECO_EN, dt.date.today())
    assert "organisers[0]" not in record, "a plain name is the same in both languages"
    assert "organisers[1]" not in record, "inherited from the series file: it has its own record"
    assert "title" in record


def test_the_sidecar_is_plain_sorted_yaml_and_the_same_every_time(example_copy):
    example_copy.run("sync", "--confirm", MEETING)
    first = sidecar(example_copy).read_bytes()
    example_copy.run("sync", "--confirm", MEETING)
    assert sidecar(example_copy).read_bytes() == first
    text = first.decode()
    assert "&" not in text and "*id" not in text, "no anchors or aliases"
    assert f"    confirmed: {TODAY}\n    en: News\n    nl: Nieuws\n" in text
    names = [line.strip().rstrip(":") for line in text.splitlines() if line.startswith("  ") and line[2] != " "]
    assert names == sorted(names, key=lambda n: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", n)])


def test_fields_are_listed_in_natural_order():
    day = dt.date(2026, 11, 28)
    record = {f"questions[{i}]": Confirmed("a", "b", day) for i in (10, 2, 1)}
    text = dump_record(record)
    assert text.index("questions[1]:") < text.index("questions[2]:") < text.index("questions[10]:")


TEXT = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")  # what the loader lets through


@settings(max_examples=300, deadline=None)
@given(st.text(TEXT, min_size=1), st.text(TEXT, min_size=1))
def test_any_text_survives_the_sidecar(tmp_path_factory, nl, en):
    path = tmp_path_factory.mktemp("sync") / "x.yaml"
    record = {"title": Confirmed(nl, en, dt.date(2026, 11, 28))}
    path.write_text(dump_record(record), encoding="utf-8")
    assert read_record(path) == record


def test_a_damaged_sidecar_is_reported_with_its_path(example_copy, capsys):
    sidecar(example_copy).parent.mkdir(parents=True)
    sidecar(example_copy).write_text("fields:\n  title: [1, 2\n", encoding="utf-8")
    assert example_copy.run("status") == 1
    err = capsys.readouterr().err
    assert "content/.sync/2017-sp-5.yaml:1:1: this sync record is damaged" in err
    sidecar(example_copy).write_text("fields:\n  title:\n    nl: x\n", encoding="utf-8")
    assert example_copy.run("status") == 1
    assert "title: this sync record is damaged" in capsys.readouterr().err


def test_confirming_again_keeps_the_date_of_pairs_that_did_not_change(example_copy):
    texts = current(example_copy)
    old = dt.date(2026, 1, 5)
    confirming = confirm(texts, None, [], old)
    assert len(confirming.done) == len(texts) and confirming.skipped == []
    changed = dict(confirming.record)
    changed["title"] = Confirmed("Oud", "Old", old)
    again = confirm(texts, changed, [], dt.date(2026, 2, 1)).record
    assert again["category"].date == old
    assert again["title"].date == dt.date(2026, 2, 1)


def test_confirm_only_the_named_fields_or_groups(example_copy, capsys):
    assert example_copy.run("sync", "--confirm", MEETING, "title", "findings.recommendations") == 0
    group = {n for n in current(example_copy) if n.startswith("findings.recommendations.")}
    assert len(group) == 6, "three items with a title and a text (the heading and intro are the series')"
    assert "confirmed 7 fields" in capsys.readouterr().out
    assert set(read_record(sidecar(example_copy))) == {"title"} | group
    assert example_copy.run("sync", "--confirm", MEETING, "category") == 0
    assert "category" in read_record(sidecar(example_copy)) and "title" in read_record(sidecar(example_copy))


def test_an_unknown_field_name_is_a_usage_error_with_a_suggestion(example_copy, capsys):
    assert example_copy.run("sync", "--confirm", MEETING, "titel") == 2
    assert "no bilingual field `titel`; did you mean `title`?" in capsys.readouterr().err
    assert not sidecar(example_copy).exists()


def test_a_named_field_with_a_missing_text_cannot_be_confirmed(example_copy, capsys):
    edit(example_copy, "  en: Amsterdam\n", "")
    line = where(example_copy.root / MEETING, "place:", "place")
    assert example_copy.run("sync", "--confirm", MEETING, "place") == 1
    assert f"{MEETING}:{line}: place: cannot confirm: English text missing" in capsys.readouterr().err
    assert not sidecar(example_copy).exists()


def test_confirming_everything_skips_and_names_fields_with_a_missing_text(example_copy, capsys):
    edit(example_copy, "  en: Amsterdam\n", "")
    assert example_copy.run("sync", "--confirm", MEETING) == 0
    assert "not confirmed, a translation is missing: place" in capsys.readouterr().out
    assert "place" not in read_record(sidecar(example_copy))


def test_the_sidecar_sits_next_to_the_meeting_file(tmp_path):
    assert record_path(tmp_path / "content", "x") == tmp_path / "content" / ".sync" / "x.yaml"


# Stale detection -----------------------------------------------------------------------------------


def test_compare_finds_the_lagging_language_in_both_directions(example_copy):
    record = confirm(current(example_copy), None, [], dt.date(2026, 11, 28)).record
    edit(example_copy, RECO_NL, RECO_NL.replace("regelmatig", "elk jaar"))
    edit(example_copy, "en: Time and capacity", "en: Time and resources")
    comparison = compare(current(example_copy), record)
    stale = {change.field.name: change for change in comparison.stale}
    assert set(stale) == {"findings.recommendations.items[2].text", "findings.challenges.items[0].title"}
    reco, time = stale["findings.recommendations.items[2].text"], stale["findings.challenges.items[0].title"]
    assert (reco.changed, reco.stale) == ("nl", "en")
    assert (time.changed, time.stale) == ("en", "nl")
    assert reco.message() == "Dutch changed since the English was confirmed on 2026-11-28"
    assert time.message() == "English changed since the Dutch was confirmed on 2026-11-28"
    assert time.diff == "Time and [-capacity-]{+resources+}"
    assert comparison.both_changed == [] and comparison.unconfirmed == []


def test_a_field_changed_on_both_sides_is_not_stale(example_copy):
    record = confirm(current(example_copy), None, [], dt.date(2026, 11, 28)).record
    edit(example_copy, "nl: Nieuws", "nl: Nieuwtjes")
    edit(example_copy, "en: News", "en: Newsflash")
    comparison = compare(current(example_copy), record)
    assert comparison.stale == []
    assert [f.name for f in comparison.both_changed] == ["category"]


def test_fields_added_after_the_confirmation_are_unconfirmed(example_copy):
    record = confirm(current(example_copy), None, ["title"], dt.date(2026, 11, 28)).record
    comparison = compare(current(example_copy), record)
    assert comparison.stale == []
    assert "category" in [f.name for f in comparison.unconfirmed]
    assert "title" not in [f.name for f in comparison.unconfirmed]


@pytest.mark.parametrize(
    "old, new, diff",
    [
        ("a b c", "a x c", "a [-b-]{+x+} c"),
        ("a b c", "a b c d", "a b c {+d+}"),
        ("a b c d", "b c d", "[-a-] b c d"),
        (" ".join(f"w{i}" for i in range(30)) + " end", " ".join(f"w{i}" for i in range(30)) + " fin",
         "… w22 w23 w24 w25 w26 w27 w28 w29 [-end-]{+fin+}"),
        ("x " + " ".join(f"w{i}" for i in range(30)), "y " + " ".join(f"w{i}" for i in range(30)),
         "[-x-]{+y+} w0 w1 w2 w3 w4 w5 w6 w7 …"),
    ],
)
def test_word_diff(old, new, diff):
    assert word_diff(old, new) == diff
