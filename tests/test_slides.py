"""The deck: structure, notes, language, properties, fit by measurement, own masters, LibreOffice, repeatability."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, REPO, copy_series
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from meetingpress.build.plan import jobs
from meetingpress.errors import ContentError, MeetingpressError
from meetingpress.loading.theme import theme
from meetingpress.outputs.slides import content as slides
from meetingpress.outputs.slides.fit import Box, Para, Span, metrics_for
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PT = 12700
LONG_TITLE = ("How forty-two organisations, three ministries and a great many volunteers learned to plan, "
              "lobby and reflect together in seven countries, year by year")
RECOMMENDATIONS = "  recommendations:\n"


def project(root: Path, text: str | None = None, templates: dict[str, bytes] | None = None) -> Project:
    (root / "content").mkdir(parents=True)
    copy_series(root)
    (root / "content" / "2017-sp-5.yaml").write_text(text or EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for name, data in (templates or {}).items():
        (root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / name).write_bytes(data)
    return Project(root)


def build(proj: Project, draft: bool = False) -> dict[str, bytes]:
    """Every slides.<lang>.pptx of the project, rendered in memory (nothing written)."""
    out = {}
    for item in load_all(proj, proj.meetings(), draft=draft):
        for name, job in jobs(proj, item, draft):
            if name == "slides":
                out.update(slides.render(job))
    return out


def both_languages(text: str) -> str:
    return text.replace("participants:\n", "outputs:\n  slides: [en, nl]\nparticipants:\n", 1)


def long_meeting() -> str:
    text = both_languages(EXAMPLE.read_text(encoding="utf-8"))
    text = text.replace("en: Are we more effective in strategic partnerships?", f"en: {LONG_TITLE}")
    start = text.index(RECOMMENDATIONS)
    items = "".join(
        f"      - title:\n          nl: Aanbeveling {i} over samenwerking, vertrouwen en gedeeld leiderschap "
        f"tussen alle partners in het zuiden en het noorden\n"
        f"          en: Recommendation {i} on cooperation, trust and shared leadership between all partners in "
        f"the South and the North alike\n"
        f"        text:\n          nl: Tekst {i}.\n          en: Full text of recommendation {i}.\n"
        for i in range(1, 16)
    )
    group = (f"{RECOMMENDATIONS}    heading:\n      nl: Aanbevelingen\n      en: Recommendations\n"
             f"    intro:\n      nl: \"Belangrijke aanbevelingen zijn:\"\n      en: \"Key recommendations are:\"\n"
             f"    items:\n{items}\n")
    return text[:start] + group + text[text.index("closing:"):]


def dutch_template() -> bytes:
    """python-pptx's default master made 16:9, layouts renamed in Dutch and listed in reverse, one old slide."""
    prs = Presentation()
    prs.slide_width = 12192000
    names = ["Titeldia", "Titel en object", "Sectiekop", "Twee objecten", "Vergelijking", "Alleen titel", "Leeg",
             "Inhoud met bijschrift", "Afbeelding met bijschrift", "Titel en verticale tekst", "Verticale titel en tekst"]
    for layout, name in zip(prs.slide_layouts, names, strict=True):
        layout.name = name
    for part in [prs.slide_master, *prs.slide_layouts]:
        for element in part.element.iter(f"{A}off", f"{A}ext"):
            for attr in ("x", "cx"):
                if element.get(attr):
                    element.set(attr, str(int(element.get(attr)) * 4 // 3))
    id_list = prs.slide_master.element.find(f"{P}sldLayoutIdLst")
    for entry in reversed(list(id_list)):
        id_list.append(entry)
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Oude dia uit het sjabloon"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build(project(tmp_path_factory.mktemp("example"), both_languages(EXAMPLE.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory):
    return build(project(tmp_path_factory.mktemp("long"), long_meeting()))


@pytest.fixture(scope="module")
def dutch_deck(tmp_path_factory):
    root = tmp_path_factory.mktemp("dutch")
    return build(project(root, both_languages(EXAMPLE.read_text(encoding="utf-8")), {"slides.pptx": dutch_template()}))


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [" ".join(slide.shapes.title.text_frame.text.split()) for slide in prs.slides]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


# ------------------------------------------------------------------ structure and notes


def test_slides_in_order_each_with_a_title(example):
    en = deck(example["slides.en.pptx"])
    assert titles(en) == [
        "Are we more effective in strategic partnerships?", "Context and premise", "Central questions",
        "Challenges", "Success factors", "Recommendations", "Further information",
    ], "a group that fits one slide gets no divider"
    nl = deck(example["slides.nl.pptx"])
    assert titles(nl)[:4] == ["Zijn we effectiever in strategische partnerschappen?", "Context en aanname",
                              "Centrale vragen", "Uitdagingen"]
    cover = en.slides[0].placeholders[1].text_frame.text
    assert "Fifth learning meeting on Strategic Partnerships" in cover and "23 November 2017" in cover
    assert "Amsterdam" in cover and "Organised by Partos and an initiative group on behalf of members" in cover
    assert "Vijfde leerbijeenkomst" in nl.slides[0].placeholders[1].text_frame.text
    body = [shape.text_frame.text for shape in en.slides[5].placeholders if shape.placeholder_format.idx == 1][0]
    assert body.splitlines() == [
        "Key recommendations are:",
        "Build on existing relationships",
        "Where possible, build on existing relationships (both here and in the countries) that benefit both parties.",
        "Build in maximum flexibility",
        "Try to build maximum flexibility into the programme so that it can move with changes within the "
        "strategic partnerships.",
        "Reflect together regularly",
        "Reflect regularly, together with the partners, on the effectiveness and cost-effectiveness of the "
        "cooperation.",
    ]
    closing = en.slides[6].placeholders[1].text_frame.text
    assert "Organised by Partos" in closing and "Fifth learning meeting on Strategic Partnerships" in closing
    assert "Report of this meeting (English, PDF" in closing and "report.en.pdf" not in closing, "words, no file name"
    links = [r.hyperlink.address for p in en.slides[6].placeholders[1].text_frame.paragraphs for r in p.runs]
    assert "report.en.pdf" in links and "news.nl.html" in links  # the report and the news item, never itself
    assert not any("slides" in (link or "") for link in links)


def test_findings_numbered_per_group_as_the_report_numbers_them(example, long_deck):
    en = deck(example["slides.en.pptx"])
    for index in (3, 4, 5):
        body = en.slides[index].placeholders[1].text_frame
        starts = [int(p._p.find(f"{A}pPr/{A}buAutoNum").get("startAt")) for p in body.paragraphs
                  if p._p.find(f"{A}pPr/{A}buAutoNum") is not None]
        assert starts == list(range(1, len(starts) + 1)), "each numbered title states its own number"
    prs = deck(long_deck["slides.en.pptx"])
    numbers = [int(p._p.find(f"{A}pPr/{A}buAutoNum").get("startAt")) for slide in prs.slides
               if titles_of(slide).startswith("Recommendations (") for p in slide.placeholders[1].text_frame.paragraphs
               if p._p.find(f"{A}pPr/{A}buAutoNum") is not None]
    assert numbers == list(range(1, 16)), "counted on across the slides"


def titles_of(slide) -> str:
    return " ".join(slide.shapes.title.text_frame.text.split())


def test_speaker_notes_carry_the_full_texts(example):
    en = deck(example["slides.en.pptx"])
    notes = [slide.notes_slide.notes_text_frame.text for slide in en.slides]
    assert "Dialogue and Dissent programme" in notes[1] and "Ask the room: But does this assumption hold?" in notes[1]
    assert "we arrived at an overview of the main challenges" in notes[2]
    assert "build and organise effective strategic partnerships on the basis of equal relationships" in notes[3]
    assert "1. Time and capacity" in notes[3] and "Ask the room" in notes[3]
    assert "cost-effectiveness of the cooperation" in notes[5]
    assert "Partos" in notes[0] and "About 25 participants from" in notes[0]
    assert "Key recommendations are:" not in notes[5], "no dangling lead sentence"
    assert "report.en.pdf" in notes[6] and "news.nl.html" in notes[6], "every address in full"
    assert all(notes), "every slide has notes"


def test_sixteen_nine_numbered_and_never_autofit(example):
    data = example["slides.en.pptx"]
    prs = deck(data)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    for number, slide in enumerate(prs.slides, start=1):
        fields = [f for f in slide.element.iter(f"{A}fld") if f.get("type") == "slidenum"]
        assert number == 1 or [f.findtext(f"{A}t") for f in fields] == [str(number)]
        for body_pr in slide.element.iter(f"{A}bodyPr"):
            assert body_pr.find(f"{A}noAutofit") is not None and body_pr.find(f"{A}normAutofit") is None


# ------------------------------------------------------------------ language, theme, properties


@pytest.mark.parametrize("lang, tag", [("en", "en-GB"), ("nl", "nl-NL")])
def test_every_run_has_the_language(example, lang, tag):
    for name, xml in parts(example[f"slides.{lang}.pptx"]).items():
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(xml)
        for run in root.iter(f"{A}r", f"{A}fld", f"{A}br"):
            assert run.find(f"{A}rPr").get("lang") == tag, name
        for props in root.iter(f"{A}rPr", f"{A}endParaRPr", f"{A}defRPr"):
            assert props.get("lang") == tag, name


def test_theme_colours_and_font_come_from_theme_yaml(example):
    files = parts(example["slides.en.pptx"])
    theme_xml = etree.fromstring(files["ppt/theme/theme1.xml"])
    colours = {etree.QName(slot).localname: slot[0].get("val") for slot in theme_xml.iter(f"{A}clrScheme")
               for slot in slot}
    assert colours["dk2"] == "1F4E79" and colours["accent2"] == "B35A12" and colours["dk1"] == "222222"
    assert {latin.get("typeface") for latin in theme_xml.iter(f"{A}latin")} == {"Lato"}
    for name, xml in files.items():
        if name.startswith("ppt/slides/slide"):
            faces = {e.get("typeface") for e in etree.fromstring(xml).iter(f"{A}latin")}
            assert faces == {"Lato"}, name


def test_core_properties_from_the_meeting_and_nothing_from_the_default(example, dutch_deck):
    core = deck(example["slides.nl.pptx"]).core_properties
    assert core.title == "Zijn we effectiever in strategische partnerschappen?"
    assert core.author == "Partos en een initiatiefgroep namens leden"
    assert core.subject == "Vijfde leerbijeenkomst voor Strategische Partnerschappen"
    assert core.language == "nl-NL"
    assert core.created.date().isoformat() == core.modified.date().isoformat() == "2017-11-23"
    assert (core.comments, core.keywords, core.category, core.revision) == ("", "", "", 1)
    for data in (example["slides.en.pptx"], dutch_deck["slides.en.pptx"]):
        files = parts(data)
        blob = b"".join(files.values())
        for leftover in (b"python-pptx", b"Steve Canny", b"Microsoft Macintosh", b"2013-01-27", b"1/27/13",
                         b"10/17/16", b"Calibri", b"Office Theme", b"Oude dia"):
            assert leftover not in blob
        assert not [n for n in files if "thumbnail" in n or "printerSettings" in n or "comment" in n]
        assert b"<Application>meetingpress</Application>" in files["docProps/app.xml"]


# ------------------------------------------------------------------ fit, measured independently


class Measure:
    """A second, plain measurement: fontTools advance widths, greedy breaks at spaces, no safety margin."""

    def __init__(self):
        fonts = REPO / "templates" / "fonts"
        self.tables = {}
        files = {(0, 0): ("Lato-Regular", "DejaVuSans"), (1, 0): ("Lato-Bold", "DejaVuSans-Bold"),
                 (0, 1): ("Lato-Italic", "DejaVuSans-Oblique"), (1, 1): ("Lato-BoldItalic", "DejaVuSans-BoldOblique")}
        for style, names in files.items():  # a viewer may see Lato or, without it, DejaVu Sans: the wider counts
            tables = []
            for name in names:
                font = TTFont(fonts / f"{name}.ttf")
                cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
                tables.append({c: hmtx[g][0] / upm for c, g in cmap.items()})
            self.tables[style] = {c: max(t.get(c, 1.0) for t in tables) for c in set().union(*tables)}

    def lines(self, chars: list[tuple[str, float]], width: float) -> int:
        """Lines needed for chars (character, advance in pt) in `width` pt, breaking at spaces."""
        if any(ch == "\n" for ch, _ in chars):  # a forced line break
            cut = next(i for i, (ch, _) in enumerate(chars) if ch == "\n")
            return self.lines(chars[:cut], width) + self.lines(chars[cut + 1 :], width)
        words, word, space = [], 0.0, 0.0
        for ch, advance in chars:
            if ch == " ":
                space += advance
                continue
            if space:
                words.append((word, space))
                word, space = 0.0, 0.0
            word += advance
        words.append((word, space))
        count, used = 1, 0.0
        for word, space in words:
            if used and used + word > width:
                count, used = count + 1, 0.0
            while word > width:  # a word wider than a line breaks between letters
                count, word = count + 1, word - width
            used += word + space
        return count

    def check(self, shape, floor: float = 0) -> None:
        x = shape.find(f"{P}spPr/{A}xfrm/{A}ext")
        body_pr = shape.find(f"{P}txBody/{A}bodyPr")
        width = (int(x.get("cx")) - int(body_pr.get("lIns")) - int(body_pr.get("rIns"))) / EMU_PT
        height = (int(x.get("cy")) - int(body_pr.get("tIns")) - int(body_pr.get("bIns"))) / EMU_PT
        total = 0.0
        for i, p in enumerate(shape.iter(f"{A}p")):
            ppr = p.find(f"{A}pPr")
            runs = [r for r in p if r.tag in (f"{A}r", f"{A}fld", f"{A}br")]
            sizes = [int(r.find(f"{A}rPr").get("sz")) / 100 for r in runs]
            assert all(size >= floor for size in sizes)
            pitch = int(ppr.find(f"{A}lnSpc/{A}spcPts").get("val")) / 100 if ppr.find(f"{A}lnSpc") is not None else 0
            assert pitch >= 1.2 * max(sizes, default=0) - 0.01, "a fixed line pitch must not clip the text"
            if i and ppr.find(f"{A}spcBef") is not None:
                total += int(ppr.find(f"{A}spcBef/{A}spcPts").get("val")) / 100
            chars = []
            for run, size in zip(runs, sizes, strict=True):
                rpr = run.find(f"{A}rPr")
                assert (rpr.get("cap"), rpr.get("spc")) == ("none", "0"), "no inherited capitals or letter spacing"
                table = self.tables[int(rpr.get("b", 0)), int(rpr.get("i", 0))]
                text = "\n" if run.tag == f"{A}br" else run.findtext(f"{A}t")
                chars += [(ch, table.get(ord(ch), 1.0) * size) for ch in text]
            indent = int(ppr.get("marL", 0)) / EMU_PT
            total += self.lines(chars, width - indent) * pitch
        assert total <= height + 0.01, f"{''.join(shape.itertext())[:60]!r}: {total:.1f} pt in {height:.1f} pt"


def text_shapes(slide):
    return [sp for sp in slide.element.iter(f"{P}sp") if sp.find(f"{P}txBody/{A}p/{A}r") is not None
            or sp.find(f"{P}txBody/{A}p/{A}fld") is not None]


@pytest.mark.parametrize("which", ["example", "long_deck", "dutch_deck"])
def test_every_text_fits_its_box_by_measurement(which, request):
    measure = tools()[1]
    for data in request.getfixturevalue(which).values():
        for slide in deck(data).slides:
            for shape in text_shapes(slide):
                measure.check(shape)


def test_long_lists_continue_and_long_titles_wrap(long_deck):
    prs = deck(long_deck["slides.en.pptx"])
    names = titles(prs)
    assert names[0] == LONG_TITLE and len(LONG_TITLE) == 150
    section, *pages = [i for i, name in enumerate(names) if name.startswith("Recommendations")]
    assert names[section] == "Recommendations", "a divider opens a group that needs several slides"
    assert len(pages) >= 2 and [names[i] for i in pages] == [
        f"Recommendations ({n} of {len(pages)})" for n in range(1, len(pages) + 1)]
    nl = titles(deck(long_deck["slides.nl.pptx"]))
    assert any(re.fullmatch(r"Aanbevelingen \(1 van \d\)", name) for name in nl), nl
    shown = [p.text for i in pages for p in prs.slides[i].placeholders[1].text_frame.paragraphs]
    assert sum(text.startswith("Recommendation ") for text in shown) == 15, "every item once"
    assert sum(text == "Full text of recommendation 7." for text in shown) == 1, "with its takeaway"
    metrics, measure = tools()
    for i in pages:
        measure.check(prs.slides[i].placeholders[1]._element, floor=17)
    title = prs.slides[0].shapes.title
    lines = title.text_frame.text.split("\x0b")
    assert len(measure.tables) == 4 and title.text_frame.paragraphs[0].runs[0].font.size.pt >= 28
    assert len(lines) > 1 and len(lines[-1].split()) > 1, "a long title wraps, never one word on its last line"
    widths = [metrics.width(line, "bold", 10) for line in lines]
    assert max(widths) - min(widths) < 0.5 * max(widths), f"balanced lines: {lines}"


@functools.cache
def tools():
    return metrics_for(theme((REPO / "templates",))), Measure()


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzWMQ0123456789,.-’éß", min_size=1, max_size=18)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=80), bold=st.booleans(),
       width=st.integers(2 * 914400, 12 * 914400), height=st.integers(914400 // 2, 5 * 914400))
def test_the_chosen_size_fits_by_an_independent_measurement(words, bold, width, height):
    metrics, measure = tools()
    para, box = Para((Span(" ".join(words), bold=bold),), bullet="bullet"), Box(width, height)
    size = metrics.fit([para], box, (40, 36, 32, 28, 24, 20, 18))
    if size is None:
        return
    table = measure.tables[int(bold), 0]
    chars = [(ch, table.get(ord(ch), 1.0) * size) for ch in para.spans[0].text]
    indent = round(size * 0.9, 1)
    lines = measure.lines(chars, box.inner_width - indent)
    assert lines <= len(metrics.lines(para, size, box.inner_width))
    assert lines * round(size * 1.2, 2) <= box.inner_height


def test_an_item_too_long_for_any_slide_is_a_content_error(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "en: Build on existing relationships", "en: " + "very long words " * 400
    )
    with pytest.raises(ContentError) as error:
        build(project(tmp_path, text))
    assert re.search(r"content/2017-sp-5\.yaml:\d+:\d+: findings\.recommendations\.items\[0\]\.title\.en: too long",
                     str(error.value))


# ------------------------------------------------------------------ own master, draft, pictures


def test_a_dutch_named_template_is_used_by_placeholder_type(dutch_deck, example):
    prs = deck(dutch_deck["slides.en.pptx"])
    assert titles(prs) == titles(deck(example["slides.en.pptx"])), "the template's own slide is gone"
    used = [slide.slide_layout.name for slide in prs.slides]
    assert used == ["Titeldia", *["Titel en object"] * 6]
    kinds = {ph.placeholder_format.type for ph in prs.slides[0].slide_layout.placeholders}
    assert PP_PLACEHOLDER.CENTER_TITLE in kinds


def test_a_draft_is_marked_on_every_slide(tmp_path):
    decks = build(project(tmp_path, both_languages(EXAMPLE.read_text(encoding="utf-8"))), draft=True)
    for lang, word in (("en", "DRAFT"), ("nl", "CONCEPT")):
        prs = deck(decks[f"slides.{lang}.pptx"])
        for slide in prs.slides:
            assert any(shape.has_text_frame and shape.text_frame.text.startswith(word) for shape in slide.shapes)
        assert prs.core_properties.content_status.startswith(word)


def test_the_logo_has_alt_text(tmp_path):
    from PIL import Image

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "category:", "logo:\n  file: logo.png\n  alt:\n    nl: Logo van Partos\n    en: Partos logo\n\ncategory:", 1
    )
    proj = project(tmp_path, text)
    (proj.assets("2017-sp-5")).mkdir()
    Image.new("RGB", (400, 100), (31, 78, 121)).save(proj.assets("2017-sp-5") / "logo.png")
    prs = deck(build(proj)["slides.en.pptx"])
    pictures = [pic for slide in prs.slides for pic in slide.element.iter(f"{P}pic")]
    assert [pic.find(f"{P}nvPicPr/{P}cNvPr").get("descr") for pic in pictures] == ["Partos logo"]


# ------------------------------------------------------------------ a real client, repeatability, light imports


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-impress) is not installed")
def test_libreoffice_opens_the_deck_with_one_page_per_slide(example, tmp_path):
    import pikepdf

    source = tmp_path / "slides.en.pptx"
    source.write_bytes(example["slides.en.pptx"])
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(source)],
            capture_output=True, text=True, timeout=180,
        )
    assert run.returncode == 0
    assert "error" not in run.stderr.lower(), run.stderr
    pdf = tmp_path / "slides.en.pdf"
    assert pdf.is_file(), run.stdout + run.stderr
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == len(deck(example["slides.en.pptx"]).slides)


def test_two_builds_are_byte_identical(example, tmp_path):
    again = build(project(tmp_path, both_languages(EXAMPLE.read_text(encoding="utf-8"))))
    assert again == example
    with zipfile.ZipFile(io.BytesIO(again["slides.en.pptx"])) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_importing_the_renderer_does_not_import_python_pptx():
    code = "import sys, meetingpress.outputs.slides.content; assert 'pptx' not in sys.modules and 'fontTools' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def potx(prs) -> bytes:
    """A presentation saved as a PowerPoint template (.potx): only its main content type differs."""
    buffer = io.BytesIO()
    prs.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(info, data)
    return out.getvalue()


def test_an_own_potx_master_is_used_and_a_4_3_one_without_a_title_layout_is_warned_about(example_copy, capsys):
    prs = Presentation()  # 4:3
    for layout in list(prs.slide_layouts)[:1]:  # no title-slide layout
        prs.slide_layouts.remove(layout)
    example_copy.template("slides.potx", potx(prs))
    assert example_copy.run("check") == 0
    warned = capsys.readouterr().err
    assert "templates/slides.potx: warning: slides are 10.00 × 7.50 in, not 16:9" in warned
    assert "templates/slides.potx: warning: no title-slide layout" in warned
    assert example_copy.run("--force") == 0
    made = deck((example_copy.output / "2017-sp-5" / "slides.en.pptx").read_bytes())
    assert (made.slide_width, made.slide_height) == (9144000, 6858000)
    assert titles(made)[0] == "Are we more effective in strategic partnerships?"
    (example_copy.root / "templates" / "slides.potx").unlink()
    capsys.readouterr()
    assert example_copy.run("check") == 0 and "warning" not in capsys.readouterr().err, "the built-in master: no warning"


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=30), width=st.integers(150, 900))
def test_balanced_lines_are_as_few_as_greedy_ones_and_never_leave_a_word_alone(words, width):
    from meetingpress.outputs.slides.text import with_breaks

    metrics = tools()[0]
    para = Para((Span(" ".join(words), bold=True),))
    greedy, balanced = metrics.lines(para, 36, width), metrics.balanced(para, 36, width)
    assert len(balanced) == len(greedy)
    assert "".join("".join(balanced).split()) == "".join("".join(greedy).split()), "every letter once, in order"
    assert all(metrics.width(line, "bold", 36) * 1.03 <= width + 1e-6 or " " not in line for line in balanced)
    if len(balanced) > 1 and len(balanced[-1].split()) == 1 and len(balanced[-2].split()) > 1:
        moved = f"{balanced[-2].split()[-1]} {balanced[-1]}"
        assert metrics.width(moved, "bold", 36) * 1.03 > width, f"one word alone on the last line: {balanced}"
    forced = with_breaks(para, balanced)
    assert metrics.lines(forced, 36, width) == balanced, "the written breaks give the same lines"


# ------------------------------------------------------------------ the master and the words are files a user can replace


def test_the_built_in_master_is_templates_slides_pptx_and_a_copy_of_it_earlier_on_the_path_wins(tmp_path, example):
    from meetingpress.outputs.slides.layouts import find_layouts
    from meetingpress.outputs.slides.master import find_master, own_master

    builtin = REPO / "templates" / "slides.pptx"
    prs = Presentation(str(builtin))
    layouts = find_layouts(prs, str(builtin))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000) and len(prs.slides) == 0
    assert len({id(layouts.title), id(layouts.content), id(layouts.section)}) == 3, "a layout of each kind"
    proj = project(tmp_path / "plain")
    assert find_master(proj.templates()) == builtin.resolve() and own_master(proj.templates()) is None
    used = [slide.slide_layout.name for slide in deck(example["slides.en.pptx"]).slides]
    assert used == ["Title", *["Title and Content"] * 6], "the built-in file's own layouts"

    prs.slide_layouts[0].name = "Ons titelblad"  # the built-in master, edited and saved as the project's own
    buffer = io.BytesIO()
    prs.save(buffer)
    proj = project(tmp_path / "own", both_languages(EXAMPLE.read_text(encoding="utf-8")),
                   {"slides.pptx": buffer.getvalue()})
    assert own_master(proj.templates()) == proj.root / "templates" / "slides.pptx"
    made = deck(build(proj)["slides.nl.pptx"])
    assert made.slides[0].slide_layout.name == "Ons titelblad"


def test_the_slides_words_come_from_a_template_a_project_can_override(tmp_path):
    words = (REPO / "templates" / "slides" / "words.j2").read_text(encoding="utf-8")
    assert '_("Central questions")' in words
    own = words.replace('_("Central questions")', '"Vragen" if lang == "nl" else "What we asked"').replace(
        '_("Read more")', '"Read on & enjoy"')
    text = both_languages(EXAMPLE.read_text(encoding="utf-8"))
    decks = build(project(tmp_path / "own", text, {"slides/words.j2": own.encode()}))
    assert titles(deck(decks["slides.en.pptx"]))[2] == "What we asked"
    assert titles(deck(decks["slides.nl.pptx"]))[2] == "Vragen"
    closing = deck(decks["slides.en.pptx"]).slides[-1].placeholders[1].text_frame.text
    assert "Read on & enjoy" in closing, "plain text: nothing escaped"

    lacking = re.sub(r"\{% macro read_more\(\) %\}.*?\{% endmacro %\}", "", words)
    with pytest.raises(MeetingpressError, match=r"templates/slides/words\.j2: no macro `read_more`"):
        build(project(tmp_path / "lacking", text, {"slides/words.j2": lacking.encode()}))


def test_only_the_xml_module_uses_python_pptx_internals():
    """python-pptx's private API (underscored names, oxml, opc, parts, a shape's XML element) and lxml stay in
    outputs/slides/xml.py."""
    import ast

    private_modules = ("lxml", "pptx.oxml", "pptx.opc", "pptx.parts")
    found = []
    for path in sorted((REPO / "meetingpress" / "outputs" / "slides").glob("*.py")):
        if path.name == "xml.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}:{node.lineno}: import {name}" for name in names if name.startswith(private_modules)]
            if isinstance(node, ast.Attribute) and (node.attr in ("part", "element", "blob") or (
                    node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")))):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert found == []
