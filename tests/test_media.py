"""Figures and polls: tests/fixtures/2018-sp-6.yaml (two photos, two polls) built into all three outputs.

The shares add up to 100 and read as each language writes them; the deck's
chart is a real chart with the poll's numbers; the report's chart is vector
with alt text; no photo in any output keeps its metadata; rebuilds are
byte-identical; bad figures and polls are `file:line` problems in check and
build alike.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pikepdf
import pytest
from conftest import FIXTURES, FixtureProject, copy_series
from PIL import Image
from pptx import Presentation

from meetingpress.outputs.polls import shares

MEETING = "2018-sp-6"
PRIVATE = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop", "iptc")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> FixtureProject:
    """The test meeting copied into a fresh project with its photo folder, built strictly."""
    fp = FixtureProject(tmp_path_factory.mktemp("media") / "project")
    copy_series(fp.root)
    shutil.copy(FIXTURES / f"{MEETING}.yaml", fp.root / "content")
    shutil.copytree(FIXTURES / MEETING, fp.root / "content" / MEETING)
    assert fp.run() == 0
    return fp


def out(fp: FixtureProject, name: str) -> bytes:
    return (fp.output / MEETING / name).read_bytes()


def assert_clean(data: bytes, where: str) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert not dict(image.getexif()), f"{where}: EXIF left"
        assert not [k for k in image.info if k in PRIVATE], f"{where}: {sorted(image.info)}"
    assert b"Exif" not in data and b"SERIAL-0042" not in data and b"http://ns.adobe.com/xap" not in data, where


def test_shares_add_up_to_100_by_largest_remainder():
    assert shares([11, 12, 3]) == [42, 46, 12]
    assert shares([1, 1, 1]) == [34, 33, 33]  # ties: the earlier option gets the point
    assert shares([34.8, 21.7, 17.4, 17.4, 8.7]) == [35, 22, 17, 17, 9]
    for values in ([1, 2, 3, 4, 5, 6, 7], [333, 333, 334], [0, 7], [1] * 12):
        assert sum(shares(values)) == 100


def test_news_item_shows_figure_and_accessible_chart(built):
    page = out(built, "news.nl.html").decode()
    assert re.search(r'<img src="figure-1-800\.jpg" srcset="figure-1-800\.jpg 800w, figure-1-1600\.jpg 1600w"', page)
    assert 'width="800" height="533"' in page
    assert "De deelnemers bespreken de uitdagingen in kleine groepen." in page
    assert "flipover" not in page and "figure-2" not in page  # shown in the report and the deck only
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg
    assert "Ja: 42%, Deels: 46% en Nee: 12% (26 respondenten)." in svg  # the description states the result
    challenges = page.index("Een belangrijke uitdaging is de tijd")  # the poll follows the group it belongs to
    assert challenges < page.index("Zijn we in partnerschappen meer effectief?</title>") < page.index("Een succesfactor")
    body = out(built, "news.nl.fragment.html").decode()
    assert "<svg" not in body and "<li>Vertrouwen: 35%</li>" in body  # the CMS body holds a list, not SVG
    for name in ("figure-1-800.jpg", "figure-1-1600.jpg"):
        assert_clean(out(built, name), name)


def test_report_chart_is_vector_with_alt_and_photos_are_clean(built):
    pdf = pikepdf.open(io.BytesIO(out(built, "report.en.pdf")))
    rasters = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert sorted((int(i.Width), int(i.Height)) for i in rasters) == [(1050, 1400), (1800, 1200)]  # charts: drawn
    for image in rasters:
        raw = image.read_raw_bytes()
        assert b"Exif" not in raw and b"SERIAL-0042" not in raw and b"GPS" not in raw
    alts = [str(node.get("/Alt")) for node in _struct(pdf.Root.StructTreeRoot) if node.get("/S") == "/Figure"]
    assert any("Yes: 42%, Partly: 46% and No: 12% (26 respondents)." in alt for alt in alts), alts
    assert any("about twenty-five participants" in alt.lower() for alt in alts), alts


def _struct(node):
    yield node
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _struct(kid)


def test_deck_has_native_charts_and_clean_photos(built):
    data = out(built, "slides.en.pptx")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    embedded = [n for n in names if n.startswith("ppt/embeddings/")]
    assert embedded and all(n.endswith(".xlsx") for n in embedded)  # a chart's workbook is the one kind allowed
    deck = Presentation(io.BytesIO(data))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 2
    first = charts[0]
    assert list(first.plots[0].categories) == ["Yes", "Partly", "No"]
    assert list(first.series[0].values) == [0.42, 0.46, 0.12]
    assert [round(v * 100) for v in charts[1].series[0].values] == [35, 22, 17, 17, 9]
    frames = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert all("respondents" in f._element.nvGraphicFramePr.cNvPr.get("descr") for f in frames)
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 2
    for pic in pictures:
        assert_clean(pic.image.blob, pic.name)
        assert pic._element.nvPicPr.cNvPr.get("descr")
    upright = [p for p in pictures if p.image.size[1] > p.image.size[0]]
    assert len(upright) == 1  # the flip-over, stored sideways with an EXIF rotation, stands upright


def test_rebuild_is_byte_identical(built, tmp_path):
    first = {p.name: p.read_bytes() for p in (built.output / MEETING).iterdir()}
    again = FixtureProject(tmp_path / "again")
    copy_series(again.root)
    shutil.copy(FIXTURES / f"{MEETING}.yaml", again.root / "content")
    shutil.copytree(FIXTURES / MEETING, again.root / "content" / MEETING)
    assert again.run("--force") == 0
    assert {p.name: p.read_bytes() for p in (again.output / MEETING).iterdir()} == first


def test_gps_position_is_a_warning_naming_the_file(built, capsys):
    assert built.run("check") == 0
    err = capsys.readouterr().err
    assert re.search(r"2018-sp-6\.yaml:\d+:\d+: figures\[1\]\.file: warning: `flipover\.jpg` records a GPS", err)


BAD = {
    "both": ("      - label: {nl: Ja, en: \"Yes\"}\n        count: 11\n",
             "      - label: {nl: Ja, en: \"Yes\"}\n        count: 11\n        percent: 40\n",
             r"polls\[0\]: .*either a `count` or a `percent`"),
    "sum": ("        percent: 8.7\n", "        percent: 18.7\n", r"polls\[1\]: the percentages add up to 110"),
    "group": ("    group: success_factors\n", "    group: succes_factors\n",
              r"polls\[1\]\.group: no finding group `succes_factors`; did you mean `success_factors`\?"),
    "alt": ("      en: A flip chart with six lines of handwritten recommendations.\n", "",
            r"figures\[1\]\.alt: English text missing"),
    "file": ("  - file: groepsfoto.jpg", "  - file: ../groepsfoto.jpg", r"figures\[0\]\.file: .*not a path"),
    "typo": ("    respondents: 23\n", "    respondent: 23\n",
             r"polls\[1\]\.respondent: unknown field `respondent`; did you mean `respondents`\?"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_figure_or_poll_is_a_file_line_problem_in_check_and_build(case, tmp_path, capsys):
    old, new, pattern = BAD[case]
    fp = FixtureProject(tmp_path / "p")
    copy_series(fp.root)
    text = (FIXTURES / f"{MEETING}.yaml").read_text(encoding="utf-8")
    assert old in text
    fp.add(f"{MEETING}.yaml", text.replace(old, new, 1))
    shutil.copytree(FIXTURES / MEETING, fp.root / "content" / MEETING)
    for command in (["check"], []):
        assert fp.run(*command) == 1
        err = capsys.readouterr().err
        assert re.search(rf"content/{MEETING}\.yaml:\d+:\d+: " + pattern, err), err
        assert "Traceback" not in err
    assert not (fp.output / MEETING).exists()
