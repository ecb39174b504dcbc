"""Translator round-trips: XLIFF 1.2 export, import in place (byte for byte), and the whole scenario."""

from __future__ import annotations

import pytest
from lxml import etree
from test_sync import MEETING, RECO_EN, RECO_NL, TODAY, current, edit, sidecar, where
from test_yamledit import changed_lines

from meetingpress.translation.ready import load_all
from meetingpress.translation.record import read_record
from meetingpress.translation.xliff import NS, source_hash

RECO = "findings.recommendations.items[2].text"
X = {"x": NS}


def export(fp, capsys, *args) -> etree._Element:
    out = fp.root / "out.xlf"
    out.unlink(missing_ok=True)  # export overwrites an existing file only with --force
    assert fp.run("export", *args, "-o", str(out)) == 0
    capsys.readouterr()
    return etree.parse(str(out)).getroot()


def units(root) -> dict[str, etree._Element]:
    return {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", X)}


def translate(fp, translations: dict[str, str]) -> None:
    """What a CAT tool does: fill in or replace the targets, and save."""
    path = fp.root / "out.xlf"
    tree = etree.parse(str(path))
    found = units(tree.getroot())
    for name, text in translations.items():
        unit = found[name]
        target = unit.find("x:target", X)
        if target is None:
            target = etree.Element(f"{{{NS}}}target")
            unit.find("x:source", X).addnext(target)
        target.text = text
        target.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


# Export --------------------------------------------------------------------------------------------


def test_export_writes_xliff_1_2_with_only_the_texts_that_need_work(example_copy, capsys):
    example_copy.run("sync", "--confirm", MEETING)
    edit(example_copy, "  en: Amsterdam\n", "")
    edit(example_copy, RECO_NL, RECO_NL.replace("regelmatig", "elk jaar"))
    root = export(example_copy, capsys, "--to", "en", MEETING)
    assert root.tag == f"{{{NS}}}xliff" and root.get("version") == "1.2"
    (file,) = root.findall("x:file", X)
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (MEETING, "nl", "en")
    found = units(root)
    assert list(found) == ["place", RECO]
    place, reco = found["place"], found[RECO]
    assert place.find("x:source", X).text == "Amsterdam"
    assert place.find("x:target", X) is None, "no English yet"
    assert reco.find("x:source", X).text == RECO_NL.replace("regelmatig", "elk jaar")
    assert reco.find("x:target", X).text == RECO_EN
    assert reco.find("x:target", X).get("state") == "needs-translation"
    notes = [note.text for note in reco.findall("x:note", X)]
    assert notes[0] == f"Field: {RECO}"
    assert notes[1].startswith(f"The Dutch changed since the English was confirmed on {TODAY}: ")
    assert "[-regelmatig-]{+elk jaar+}" in notes[1]
    assert reco.get("extradata") == source_hash(RECO_NL.replace("regelmatig", "elk jaar"))
    assert (example_copy.root / "out.xlf").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')


def test_export_all_and_the_other_direction(example_copy, capsys):
    (item,) = load_all(example_copy.project, [example_copy.root / MEETING], draft=True)
    own = [name for name, field in current(example_copy).items() if item.source.locate(field.path).file == item.source.file]
    assert "title" in own and "series" not in own, "texts inherited from the series file are not exported"
    assert list(units(export(example_copy, capsys, "--to", "en", "--all", MEETING))) == own
    root = export(example_copy, capsys, "--to", "nl", "--all", MEETING)
    (file,) = root.findall("x:file", X)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "nl")
    reco = units(root)[RECO]
    assert (reco.find("x:source", X).text, reco.find("x:target", X).text) == (RECO_EN, RECO_NL)
    assert reco.find("x:target", X).get("state") == "needs-review-translation", "never confirmed: to review"
    example_copy.run("sync", "confirm", MEETING)
    reco = units(export(example_copy, capsys, "--to", "nl", "--all", MEETING))[RECO]
    assert reco.find("x:target", X).get("state") == "translated", "confirmed"


def test_nothing_to_export_writes_no_file(example_copy, capsys):
    assert example_copy.run("export", "--to", "en", "-o", "out.xlf") == 0
    assert "nothing needs translating into en; no file written" in capsys.readouterr().out
    assert not (example_copy.root / "out.xlf").exists()


def test_texts_inherited_from_a_series_are_not_exported(fixture_project, capsys):
    fixture_project.add("series/sp.yaml", "name:\n  nl: reeks\n  en: series\norganisers:\n  - nl: Partos\n")
    fixture_project.add_example(edit=lambda t: t.replace(
        "series:\n  nl: leerbijeenkomst voor Strategische Partnerschappen\n"
        "  en: learning meeting on Strategic Partnerships\n", "series: sp\n"
    ).replace("organisers:\n  - Partos\n  - nl: een initiatiefgroep namens leden\n"
              "    en: an initiative group on behalf of members\n", ""))
    found = units(export(fixture_project, capsys, "--to", "en", "--all", MEETING))
    assert "series" not in found and "organisers[0]" not in found and "title" in found


# Import --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("--to", "en", "--all"), ("--to", "nl", "--all"), ("--to", "en")])
def test_importing_an_untouched_export_changes_nothing(example_copy, capsys, args):
    example_copy.run("sync", "--confirm", MEETING)
    edit(example_copy, RECO_NL, RECO_NL.replace("regelmatig", "elk jaar"))
    meeting, record = (example_copy.root / MEETING).read_bytes(), sidecar(example_copy).read_bytes()
    export(example_copy, capsys, *args)
    assert example_copy.run("import", "out.xlf") == 0
    assert "0 written" in capsys.readouterr().out
    assert (example_copy.root / MEETING).read_bytes() == meeting
    assert sidecar(example_copy).read_bytes() == record


def test_importing_an_untouched_export_creates_no_sidecar(example_copy, capsys):
    meeting = (example_copy.root / MEETING).read_bytes()
    export(example_copy, capsys, "--to", "en", "--all")
    assert example_copy.run("import", "out.xlf") == 0
    assert (example_copy.root / MEETING).read_bytes() == meeting
    assert not sidecar(example_copy).exists()


def test_import_changes_only_the_translated_lines_and_confirms_them(example_copy, capsys):
    before = (example_copy.root / MEETING).read_text(encoding="utf-8")
    export(example_copy, capsys, "--to", "en", "--all")
    translate(example_copy, {RECO: "Reflect together: often.", "title": "Are we *more* effective?"})
    assert example_copy.run("import", "out.xlf") == 0
    assert "2 written" in capsys.readouterr().out
    after = (example_copy.root / MEETING).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-   en: Are we more effective in strategic partnerships?",
        "+   en: Are we *more* effective?",
        f"-           en: {RECO_EN}",
        "+           en: 'Reflect together: often.'",
    ]
    record = read_record(sidecar(example_copy))
    assert set(record) == {"title", RECO}, "the pairs a translator wrote are confirmed"
    assert record[RECO].en == "Reflect together: often." and record[RECO].nl == RECO_NL


def test_import_adds_a_missing_key_after_the_other_language(example_copy, capsys):
    edit(example_copy, "    en: If so, what are important factors of a successful partnership?\n", "")
    before = (example_copy.root / MEETING).read_text(encoding="utf-8")
    export(example_copy, capsys, "--to", "en")
    translate(example_copy, {"questions[1]": "If so, which factors matter?"})
    assert example_copy.run("import", "out.xlf") == 0
    after = (example_copy.root / MEETING).read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+     en: If so, which factors matter?"]
    assert "  - nl: Zo ja, wat zijn dan belangrijke factoren van een succesvol partnerschap?\n" \
           "    en: If so, which factors matter?\n" in after


def test_import_into_dutch(example_copy, capsys):
    edit(example_copy, "  nl: Nieuws\n", "")
    export(example_copy, capsys, "--to", "nl")
    translate(example_copy, {"category": "Nieuws"})
    assert example_copy.run("import", "out.xlf") == 0
    assert "category:\n  en: News\n  nl: Nieuws\n" in (example_copy.root / MEETING).read_text()


def test_import_keeps_a_byte_order_mark_and_crlf_line_endings(example_copy, capsys):
    path = example_copy.root / MEETING
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    before = path.read_bytes()
    export(example_copy, capsys, "--to", "en", "--all")
    translate(example_copy, {"category": "Newsflash"})
    assert example_copy.run("import", "out.xlf") == 0
    assert path.read_bytes() == before.replace(b"  en: News\r\n", b"  en: Newsflash\r\n")


def test_import_refuses_a_unit_whose_source_changed_since_the_export(example_copy, capsys):
    export(example_copy, capsys, "--to", "en", "--all")
    translate(example_copy, {RECO: "Reflect every year.", "category": "Newsflash"})
    edit(example_copy, RECO_NL, RECO_NL.replace("regelmatig", "elk jaar"))
    line = where(example_copy.root / MEETING, "Reflecteer samen", "nl")
    assert example_copy.run("import", "out.xlf") == 1
    captured = capsys.readouterr()
    assert (f"{MEETING}:{line}: {RECO}: not imported: the Dutch text changed since the export "
            "(Reflecteer samen met de partners [-regelmatig-]{+elk jaar+} op de effectiviteit") in captured.err
    assert "export it again" in captured.err
    text = (example_copy.root / MEETING).read_text(encoding="utf-8")
    assert RECO_EN in text and "Reflect every year." not in text
    assert "  en: Newsflash\n" in text, "the other units are imported"


def test_without_the_hash_import_compares_the_source_text(example_copy, capsys):
    export(example_copy, capsys, "--to", "en", "--all")
    translate(example_copy, {RECO: "Reflect every year."})
    path = example_copy.root / "out.xlf"
    path.write_text(path.read_text(encoding="utf-8").replace(f'extradata="{source_hash(RECO_NL)}"', ""))
    edit(example_copy, RECO_NL, RECO_NL.replace("regelmatig", "elk jaar"))
    assert example_copy.run("import", "out.xlf") == 1
    assert "not imported: the Dutch text changed since the export" in capsys.readouterr().err
    edit(example_copy, RECO_NL.replace("regelmatig", "elk jaar"), RECO_NL)
    assert example_copy.run("import", "out.xlf") == 0
    assert "Reflect every year." in (example_copy.root / MEETING).read_text()


def test_import_reports_unknown_fields_and_files_at_their_xliff_line(example_copy, capsys):
    export(example_copy, capsys, "--to", "en", "--all")
    path = example_copy.root / "out.xlf"
    text = path.read_text(encoding="utf-8").replace('id="category"', 'id="categorie"')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if 'id="categorie"' in x)) + 1
    assert example_copy.run("import", "out.xlf") == 1
    assert f"out.xlf:{line}:1: categorie: no such text in {MEETING}" in capsys.readouterr().err
    path.write_text(text.replace(f'original="{MEETING}"', 'original="../elsewhere.yaml"'), encoding="utf-8")
    assert example_copy.run("import", "out.xlf") == 1
    assert '`original="../elsewhere.yaml"` is not a meeting file of this project' in capsys.readouterr().err


def test_import_of_a_broken_file_names_the_line(example_copy, capsys):
    (example_copy.root / "out.xlf").write_text("<xliff version='1.2'>\n<file>\n</xliff>\n", encoding="utf-8")
    assert example_copy.run("import", "out.xlf") == 1
    assert "out.xlf:3:1: not valid XML" in capsys.readouterr().err
    (example_copy.root / "out.xlf").write_text("<html/>", encoding="utf-8")
    assert example_copy.run("import", "out.xlf") == 1
    assert "not an XLIFF 1.2 file" in capsys.readouterr().err
    assert example_copy.run("import", "missing.xlf") == 2


# The whole round trip --------------------------------------------------------------------------------


def test_confirm_edit_status_export_translate_import_status_clean(example_copy, capsys):
    assert example_copy.run("sync", "--confirm", MEETING) == 0
    new_nl = RECO_NL.replace("regelmatig", "elk kwartaal")
    edit(example_copy, RECO_NL, new_nl)
    before = (example_copy.root / MEETING).read_text(encoding="utf-8")

    assert example_copy.run("status") == 1
    line = where(example_copy.root / MEETING, "Reflecteer samen", "en")
    assert f"{MEETING}:{line}: {RECO}: Dutch changed since the English was confirmed on {TODAY}" in \
        capsys.readouterr().out

    root = export(example_copy, capsys, "--to", "en", MEETING)
    assert list(units(root)) == [RECO]
    translate(example_copy, {RECO: "Reflect every quarter, together with the partners, on the effectiveness "
                                    "and cost-effectiveness of the cooperation."})
    assert example_copy.run("import", "out.xlf") == 0
    after = (example_copy.root / MEETING).read_text(encoding="utf-8")
    assert len(changed_lines(before, after)) == 2, "one line out, one line in"

    assert example_copy.run("status") == 0
    out = capsys.readouterr().out
    assert "verdict: ✓ in sync" in out and "nothing missing, stale or unapproved" in out


def test_a_final_unit_that_comes_back_unchanged_confirms_it_and_clears_the_stale_mark(example_copy, capsys):
    from translate.storage import xliff

    example_copy.run("sync", "confirm", MEETING)
    edit(example_copy, RECO_NL, RECO_NL.replace("samen met de partners", "samen met de partners,"))
    assert example_copy.run("status", MEETING) == 1
    export(example_copy, capsys, "--to", "en", MEETING)
    store = xliff.xlifffile.parsefile(str(example_copy.root / "out.xlf"))
    (unit,) = [u for u in store.units if not u.isheader()]
    assert unit.target == RECO_EN and unit.xmlelement.find(f"{{{NS}}}target").get("state") == "needs-translation"
    unit.set_state_n(unit.S_SIGNED_OFF)  # the translator: the English still says it all
    store.savefile(str(example_copy.root / "out.xlf"))
    meeting = (example_copy.root / MEETING).read_bytes()
    assert example_copy.run("import", "out.xlf") == 0
    assert capsys.readouterr().out == (
        f"{MEETING}: 0 written and confirmed (final); 1 final and unchanged: confirmed as they read, which clears "
        "a stale or draft mark; 0 written as drafts, not yet approved; 0 skipped (0 untranslated, 0 unchanged)\n")
    assert (example_copy.root / MEETING).read_bytes() == meeting
    assert example_copy.run("status", MEETING) == 0
