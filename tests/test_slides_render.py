"""The deck as a viewer sees it: rendered by LibreOffice on a machine without Lato, and read as a presenter would.

LibreOffice 7.4 ignores fonts embedded in a deck and the test machines have no
Lato (`fonts-lato` is deliberately not installed), so LibreOffice draws every
text in its fallback font.  For every slide of the example and of a long
meeting (tests/fixtures/long-deck.yaml: a long title, twelve long
recommendations, details on every finding, diacritics) each word of the
rendered PDF must lie inside the box of the shape that holds it, and the words
of each shape must be those of the pptx: text pushed off a slide or out of its
box would fail.  The list numbers LibreOffice draws must be the report's.
"""

from __future__ import annotations

import collections
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from conftest import EXAMPLE, FIXTURES, copy_series
from lxml import etree
from pptx import Presentation

from meetingpress.build.plan import jobs
from meetingpress.outputs.slides import content as slides
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PT = 12700
LONG = FIXTURES / "long-deck.yaml"

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                       reason="LibreOffice (libreoffice-impress) and poppler-utils are needed")


def make(root: Path, source: Path, name: str) -> Project:
    (root / "content").mkdir(parents=True)
    copy_series(root)
    text = source.read_text(encoding="utf-8")
    if "outputs:" not in text:
        text = text.replace("participants:\n", "outputs:\n  slides: [en, nl]\nparticipants:\n", 1)
    (root / "content" / name).write_text(text, encoding="utf-8")
    return Project(root)


def render(proj: Project) -> dict[str, bytes]:
    out = {}
    for item in load_all(proj, proj.meetings()):
        for name, job in jobs(proj, item):
            if name == "slides":
                out.update(slides.render(job))
    return out


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, bytes]:
    """{"example.en": pptx bytes, …, "long.nl": …}"""
    out = {}
    for key, source, name in (("example", EXAMPLE, "2017-sp-5.yaml"), ("long", LONG, "2018-sp-6.yaml")):
        for file, data in render(make(tmp_path_factory.mktemp(key), source, name)).items():
            out[f"{key}.{file.split('.')[1]}"] = data
    return out


def clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def shapes(slide) -> list[dict]:
    """Every text shape: its box in points, its text without spaces, and the list labels clients draw."""
    out = []
    for sp in slide.element.iter(f"{P}sp"):
        paras = sp.findall(f"{P}txBody/{A}p")
        if not any(p.find(f"{A}r") is not None or p.find(f"{A}fld") is not None for p in paras):
            continue
        off, ext = sp.find(f"{P}spPr/{A}xfrm/{A}off"), sp.find(f"{P}spPr/{A}xfrm/{A}ext")
        x, y = int(off.get("x")) / EMU_PT, int(off.get("y")) / EMU_PT
        labels, count, text = [], None, []
        for p in paras:
            ppr = p.find(f"{A}pPr")
            auto = ppr.find(f"{A}buAutoNum") if ppr is not None else None
            if auto is not None:
                count = int(auto.get("startAt", 1)) if count is None else count + 1
                labels.append(f"{count}.")
            else:
                count = None
                if ppr is not None and ppr.find(f"{A}buChar") is not None:
                    labels.append(ppr.find(f"{A}buChar").get("char"))
            text += [t.text or "" for t in p.iter(f"{A}t")]
        out.append({"box": (x, y, x + int(ext.get("cx")) / EMU_PT, y + int(ext.get("cy")) / EMU_PT),
                    "text": re.sub(r"\s+", "", clean("".join(text))), "labels": labels,
                    "title": sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None
                    and sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph").get("type") in ("title", "ctrTitle")})
    return out


def rendered_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    pages = root.iter("{http://www.w3.org/1999/xhtml}page")
    return [[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), clean(w.text))
             for w in page.iter("{http://www.w3.org/1999/xhtml}word")] for page in pages]


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory) -> dict[str, list]:
    """Each deck rendered by LibreOffice: its words with their boxes, per page."""
    folder = tmp_path_factory.mktemp("render")
    for key, data in decks.items():
        (folder / f"{key}.pptx").write_bytes(data)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.pptx"))],
                       capture_output=True, timeout=600, check=True)
    return {key: rendered_words(folder / f"{key}.pdf") for key in decks}


def lines(words) -> list[str]:
    """Words in reading order: top to bottom by line, then left to right."""
    ordered = sorted(words, key=lambda w: (w[3], w[0]))
    rows: list[list] = []
    for word in ordered:
        if rows and abs(rows[-1][0][3] - word[3]) < 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [[w for w in sorted(row, key=lambda w: w[0])] for row in rows]


@needs_libreoffice
@pytest.mark.parametrize("key", ["example.en", "example.nl", "long.en", "long.nl"])
def test_every_rendered_word_lies_in_its_box_and_none_is_lost(decks, rendered, key):
    prs = Presentation(io.BytesIO(decks[key]))
    pages = rendered[key]
    assert len(pages) == len(prs.slides)
    title_edges = set()
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        boxes = shapes(slide)
        owned = collections.defaultdict(list)
        for word in words:
            x0, y0, x1, y1, text = word
            middle = ((x0 + x1) / 2, (y0 + y1) / 2)
            home = next((i for i, s in enumerate(boxes) if s["box"][0] <= middle[0] <= s["box"][2]
                         and s["box"][1] <= middle[1] <= s["box"][3]), None)
            assert home is not None, f"{key} slide {number}: {text!r} outside every text box"
            left, top, right, bottom = boxes[home]["box"]
            slack = 0.1 * (y1 - y0)  # poppler's word box is the font's whole ascent-to-descent box
            assert x0 >= left - 0.5 and x1 <= right + 0.5 and y0 >= top - slack and y1 <= bottom + slack, (
                f"{key} slide {number}: {text!r} at {word[:4]} sticks out of its box {boxes[home]['box']}")
            owned[home].append(word)
        for i, shape in enumerate(boxes):
            rows = lines(owned[i])
            labels = list(shape["labels"])
            tokens = []
            for row in rows:  # a list label starts its line: the number or bullet LibreOffice drew
                if labels and row and row[0][4] == labels[0]:
                    labels.pop(0)
                    row = row[1:]
                tokens += [w[4] for w in row]
            assert not labels, f"{key} slide {number}: list labels {labels} not drawn"
            assert "".join(tokens) == shape["text"], f"{key} slide {number}: words lost or changed"
            if shape["title"]:
                title_edges.add(round(min(w[0] for w in owned[i]), 1))
    assert len(title_edges) == 1, f"{key}: titles start at {sorted(title_edges)} pt"


@needs_libreoffice
def test_the_numbers_drawn_are_the_reports(rendered, tmp_path):
    """Each finding's number on the rendered slides is the number the report (rendered too) gives it."""
    from meetingpress.outputs.report import page as report

    proj = make(tmp_path, LONG, "2018-sp-6.yaml")
    [item] = load_all(proj, proj.meetings())
    job = next(job for name, job in jobs(proj, item) if name == "report")
    (tmp_path / "report.pdf").write_bytes(report.render(job)["report.en.pdf"])
    pdf = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                         check=True, text=True).stdout
    slides_text = " ".join(w[4] for page in rendered["long.en"] for w in page)
    seen = 0
    for group in job.meeting.findings.values():
        for item in group.items:
            start = " ".join(clean(item.title.get("en")).split()[:3])
            in_report = re.findall(rf"^\s*(\d+)\.?\s+{re.escape(start)}", clean(pdf), re.MULTILINE)
            on_slides = re.findall(rf"(?:^| )(\d+)\. {re.escape(start)}", slides_text)
            assert len(in_report) == 1 and on_slides == in_report, (start, in_report, on_slides)
            seen += 1
    assert seen == 16


# ------------------------------------------------------------------ read as a presenter would (no LibreOffice needed)


def title_of(slide) -> str:
    return " ".join(slide.shapes.title.text_frame.text.split())


def slide_words(slide) -> set[str]:
    return {w.strip(".,:;?!“”()").lower() for sp in slide.shapes if sp.has_text_frame
            for w in sp.text_frame.text.split()}


@pytest.mark.parametrize("key", ["example.en", "example.nl", "long.en", "long.nl"])
def test_titles_unique_notes_say_more_and_one_left_edge(decks, key):
    prs = Presentation(io.BytesIO(decks[key]))
    names = [title_of(slide) for slide in prs.slides]
    assert len(set(names)) == len(names), f"duplicate titles: {names}"
    assert all(a != b for a, b in zip(names, names[1:], strict=False)), "a divider followed by its own title"
    edges = set()
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        extra = {w.strip(".,:;?!“”()").lower() for w in notes.split()} - slide_words(slide) - {""}
        assert len(extra) >= 3, f"{title_of(slide)!r}: the notes only repeat the slide: {notes!r}"
        assert not any(line.rstrip().endswith(":") for line in notes.splitlines()), f"dangling line in {notes!r}"
        title = slide.shapes.title
        edges.add(title.left + int(title._element.find(f"{P}txBody/{A}bodyPr").get("lIns")))
    assert len(edges) == 1, f"titles start at {sorted(e / EMU_PT for e in edges)} pt"


def test_long_groups_get_a_divider_and_count_on(decks):
    names = [title_of(slide) for slide in Presentation(io.BytesIO(decks["long.en"])).slides]
    first = names.index("Recommendations")
    pages = [name for name in names if name.startswith("Recommendations (")]
    assert names[first + 1 : first + 1 + len(pages)] == pages and len(pages) >= 2
    assert pages == [f"Recommendations ({i} of {len(pages)})" for i in range(1, len(pages) + 1)]
    assert "Challenges" in names and "Challenges (1 of 1)" not in names, "a group on one slide has no divider"
    prs = Presentation(io.BytesIO(decks["long.en"]))
    bodies = [prs.slides[first + 1 + i].placeholders[1].text_frame.text for i in range(len(pages))]
    assert bodies[0].startswith("Key recommendations are:")
    assert not any("Key recommendations" in body for body in bodies[1:]), "the lead sentence only once"


def test_the_long_deck_is_byte_identical_on_rebuild(decks, tmp_path):
    again = render(make(tmp_path, LONG, "2018-sp-6.yaml"))
    assert again["slides.en.pptx"] == decks["long.en"] and again["slides.nl.pptx"] == decks["long.nl"]
