"""The translation memory: the project's other meetings and series files → `<alt-trans>` matches in an export."""

from __future__ import annotations

import datetime as dt

from lxml import etree
from test_workflow import SERIES, sp  # noqa: F401  (the fixture)
from translate.storage import xliff

from meetingpress.translation.memory import quality
from meetingpress.translation.xliff import NS

X = {"x": NS}
TODAY = dt.date.today().isoformat()


def meeting(number: int, texts: dict[str, tuple[str, str | None]], heading: tuple[str, str | None]) -> str:
    """A small meeting of series `sp` whose own texts are `texts` (field → (nl, en or None))."""
    lines = [f"series: sp\nnumber: {number}\ndate: 2024-0{number}-01\nparticipants:\n  count: 20\n"
             "lead:\n  quote: {nl: Een citaat, en: A quote}\n  question: {nl: Een vraag?, en: A question?}\n"
             "questions:\n  - {nl: Waarom?, en: Why?}"]
    texts = {"category": ("Nieuws", "News"), "title": ("Titel", "Title")} | texts
    for name, (nl, en) in texts.items():
        lines.append(f"{name}:\n  nl: {nl!r}" + (f"\n  en: {en!r}" if en else ""))
    nl, en = heading
    lines.append("findings:\n  lessons:\n    items:\n      - title: {nl: Een les, en: A lesson}\n"
                 "        text: {nl: De les., en: The lesson.}\n"
                 f"  challenges:\n    heading:\n      nl: {nl}" + (f"\n      en: {en}" if en else "") +
                 "\n    items:\n      - title: {nl: Tijd, en: Time}\n        text: {nl: Er is te weinig tijd., "
                 "en: There is too little time.}")
    return "\n".join(lines).replace("'", '"') + "\n"


PLACE = "Den Haag, bij Partos"
WHO = "vertegenwoordigers van ngo's, het ministerie en kennisinstellingen"
QUESTION = "Hoe maken we partnerschappen effectiever voor de mensen om wie het gaat?"
QUESTION_EDITED = "Hoe maken we partnerschappen effectiever voor de mensen om wie het echt gaat?"


def test_an_export_offers_the_translations_of_other_meetings_best_first(sp, capsys):  # noqa: F811
    sp.add("sp-1.yaml", meeting(1, {"place": (PLACE, "The Hague, at Partos (unconfirmed)"),
                                    "title": (QUESTION, "How do we make partnerships more effective?")},
                                ("Uitdagingen", "Challenges (unconfirmed)")))
    sp.add("sp-2.yaml", meeting(2, {"place": (PLACE, "The Hague, at Partos"),
                                    "title": ("Iets heel anders", "Something else entirely")},
                                ("Uitdagingen", "Challenges")))
    assert sp.run("sync", "confirm", "content/sp-2.yaml") == 0
    sp.add("sp-3.yaml", meeting(3, {"place": (PLACE, None), "title": (QUESTION_EDITED, None),
                                    "category": ("Een tekst die nergens anders staat", None)},
                                ("Uitdagingen", None)))
    capsys.readouterr()
    assert sp.run("export", "--to", "en", "content/sp-3.yaml", "-o", "sp-3.xlf") == 0
    assert capsys.readouterr().out == "wrote sp-3.xlf: 4 texts to translate into en, 3 with a match from other meetings\n"
    root = etree.parse("sp-3.xlf").getroot()
    units = {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", X)}
    assert list(units) == ["place", "category", "title", "findings.challenges.heading"]
    heading = [(a.get("match-quality"), a.findtext("x:target", namespaces=X))
               for a in units["findings.challenges.heading"].iterfind("x:alt-trans", X)]
    assert heading == [("100%", "Challenges"), ("100%", "Challenges (unconfirmed)")], "a recurring heading"

    place = [(a.get("match-quality"), a.get("origin"), a.findtext("x:target", namespaces=X), a.findtext("x:note", namespaces=X))
             for a in units["place"].iterfind("x:alt-trans", X)]
    assert place == [
        ("100%", "content/sp-2.yaml", "The Hague, at Partos", f"From content/sp-2.yaml, confirmed on {TODAY}"),
        ("100%", "content/sp-1.yaml", "The Hague, at Partos (unconfirmed)", "From content/sp-1.yaml, never confirmed"),
    ], "the same Dutch: exact matches, the confirmed one first"
    (fuzzy,) = units["title"].iterfind("x:alt-trans", X)
    score = quality(QUESTION_EDITED, QUESTION)
    assert 70 <= score < 100 and fuzzy.get("match-quality") == f"{score}%" and fuzzy.get("origin") == "content/sp-1.yaml"
    assert fuzzy.findtext("x:source", namespaces=X) == QUESTION, "the translator sees what was translated then"
    assert units["category"].find("x:alt-trans", X) is None, "nothing alike: no match"

    store = xliff.xlifffile.parsefile("sp-3.xlf")  # what a CAT tool reads
    found = {u.xmlelement.get("id"): u.getalttrans() for u in store.units if not u.isheader()}
    assert [m.target for m in found["place"]] == ["The Hague, at Partos", "The Hague, at Partos (unconfirmed)"]

    # the series file's headings: a meeting that writes one of them gets the series' translation as an exact match
    (sp.root / "content" / "sp-3.yaml").write_text(
        (sp.root / "content" / "sp-3.yaml").read_text().replace("nl: Uitdagingen", "nl: Lessen"))
    assert sp.run("export", "--to", "en", "content/sp-3.yaml", "-o", "sp-3.xlf", "--force") == 0
    root = etree.parse("sp-3.xlf").getroot()
    heading = root.find(".//x:trans-unit[@id='findings.challenges.heading']", X)
    (match,) = heading.iterfind("x:alt-trans", X)
    assert (match.get("match-quality"), match.get("origin"), match.findtext("x:target", namespaces=X)) == (
        "100%", "content/series/sp.yaml", "Lessons")


def test_no_memory_and_importing_a_unit_with_matches(sp, capsys):  # noqa: F811
    sp.add("sp-1.yaml", meeting(1, {"place": (PLACE, "The Hague")}, ("Uitdagingen", "Challenges")))
    sp.add("sp-2.yaml", meeting(2, {"place": (PLACE, None)}, ("Uitdagingen", "Challenges")))
    assert sp.run("export", "--to", "en", "content/sp-2.yaml", "-o", "sp-2.xlf", "--no-memory") == 0
    assert capsys.readouterr().out == "wrote sp-2.xlf: 1 text to translate into en\n"
    assert b"alt-trans" not in open("sp-2.xlf", "rb").read()
    assert sp.run("export", "--to", "en", "content/sp-2.yaml", "-o", "sp-2.xlf", "--force") == 0
    store = xliff.xlifffile.parsefile("sp-2.xlf")
    (unit,) = [u for u in store.units if not u.isheader()]
    unit.target = unit.getalttrans()[0].target  # the translator takes the match
    store.savefile("sp-2.xlf")
    capsys.readouterr()
    assert sp.run("import", "sp-2.xlf") == 0
    assert capsys.readouterr().out.startswith("content/sp-2.yaml: 1 written and confirmed (final)")
    assert "  en: The Hague\n" in (sp.root / "content" / "sp-2.yaml").read_text()


def test_quality():
    assert quality("Den Haag", "Den Haag") == 100
    assert quality("Den Haag", "den haag") == 99, "alike, but not the same text"
    assert quality("een twee drie vier", "een twee drie vijf") == 75
    assert quality("een twee", "drie vier") == 0
