"""The report keeps its PDF/UA-1 promise and reads like a set document: the example and a long meeting.

The long meeting (tests/fixtures/long-report.yaml: twelve recommendations,
details on every finding, a logo) and the example are rendered once per
module.  Two PDF/UA checkers that nobody here wrote (`pdfua`, `outloud`) must
find nothing; our own structure test reads the PDF with pikepdf; the text is
read back with pdftotext as a person copying or searching it would.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXTURES, copy_series
from test_report import EXAMPLE, pdftotext, report_jobs

from meetingpress.outputs.report import page as report
from meetingpress.project import Project

LONG = "long-report"
HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}
PAINT = {"Tj", "TJ", "'", '"', "Do", "sh", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "BI"}


def render(root: Path, name: str, text: str, assets: Path | None = None) -> dict:
    (root / "content").mkdir(parents=True)
    copy_series(root)
    (root / "content" / f"{name}.yaml").write_text(text, encoding="utf-8")
    if assets:
        shutil.copytree(assets, root / "content" / name)
    job = report_jobs(Project(root))["en"]
    path = root / "report.en.pdf"
    path.write_bytes(report.render(job)["report.en.pdf"])
    return {"path": path, "job": job}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    example = render(tmp_path_factory.mktemp("example"), "2017-sp-5", EXAMPLE.read_text(encoding="utf-8"))
    long = render(tmp_path_factory.mktemp("long"), LONG, (FIXTURES / f"{LONG}.yaml").read_text(encoding="utf-8"),
                  FIXTURES / LONG)
    return {"example": example, "long": long}


both = pytest.mark.parametrize("which", ["example", "long"])


# The machine checkers ------------------------------------------------------------------------------------


def scripts(name: str) -> str:
    """A console script installed beside this Python, else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


@both
def test_pdfua_finds_nothing(reports, which):
    run = subprocess.run([scripts("pdfua"), "check", str(reports[which]["path"])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@both
def test_outloud_finds_no_error_and_no_warning(reports, which):
    run = subprocess.run([scripts("outloud"), "--json", "-", "--fail-on", "warning", str(reports[which]["path"])],
                         capture_output=True, text=True)
    result = json.loads(run.stdout)["results"][0]
    assert result["counts"]["error"] == 0 and result["counts"]["warning"] == 0, run.stdout
    assert run.returncode == 0, run.stderr


# Our own structure test ----------------------------------------------------------------------------------


def kids(elem) -> list:
    found = elem.get("/K")
    return list(found) if isinstance(found, pikepdf.Array) else [] if found is None else [found]


def walk(pdf):
    """(element, its ancestors' types) for every structure element; and every (page, MCID) in the tree."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    elements, marked = [], set()
    stack = [(kid, ()) for kid in reversed(kids(pdf.Root.StructTreeRoot))]
    while stack:
        elem, above = stack.pop()
        elements.append((elem, above))
        page = pages.get(elem.Pg.objgen) if "/Pg" in elem else None
        for kid in reversed(kids(elem)):
            if isinstance(kid, int):
                marked.add((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                marked.add((pages[kid.Pg.objgen] if "/Pg" in kid else page, int(kid.MCID)))
            elif kid.get("/Type") != "/OBJR":
                stack.append((kid, (*above, str(elem.S))))
    return elements, marked


def tag(elem) -> str:
    return str(elem.get("/S"))


def structure_kids(elem) -> list:
    return [kid for kid in kids(elem) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def descendants(elem):
    for kid in structure_kids(elem):
        yield kid
        yield from descendants(kid)


@both
def test_every_marked_sequence_is_in_the_tree_or_an_artifact(reports, which):
    with pikepdf.open(reports[which]["path"]) as pdf:
        _elements, marked = walk(pdf)
        for index, page in enumerate(pdf.pages):
            stack = []
            for inst in pikepdf.parse_content_stream(page):
                op = str(inst.operator)
                if op in ("BDC", "BMC"):
                    name = str(inst.operands[0])
                    props = inst.operands[1] if op == "BDC" else None
                    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                        assert (index, int(props.MCID)) in marked, f"page {index + 1}: MCID {props.MCID} not in the tree"
                    elif not stack:
                        assert name == "/Artifact", f"page {index + 1}: {name} outside the tree"
                    stack.append(name)
                elif op == "EMC":
                    stack.pop()
                elif op in PAINT:
                    assert stack, f"page {index + 1}: {op} painted outside marked content"


@both
def test_one_element_per_heading_section_and_link(reports, which):
    with pikepdf.open(reports[which]["path"]) as pdf:
        elements, _marked = walk(pdf)
        types = [tag(elem) for elem, _above in elements]
        assert "/NonStruct" not in types and "/Art" not in types
        for elem, above in elements:
            if tag(elem) in HEADINGS:
                assert not HEADINGS & set(above), f"{tag(elem)} inside {above}"
                assert any(isinstance(k, int) for e in (elem, *descendants(elem)) for k in kids(e)), "empty heading"
            if tag(elem) == "/Link":
                assert "/Link" not in above
        sections = [elem for elem, above in elements if tag(elem) == "/Sect" and "/Sect" not in above]
        headings = [str(structure_kids(s)[0].S) for s in sections[1:]]  # the first is the cover
        assert headings and set(headings) == {"/H2"}, headings  # a section split over pages is one Sect
        assert len([elem for elem, _above in elements if tag(elem) == "/Part"]) == 1


@both
def test_links_are_single_described_in_words_and_printed(reports, which):
    with pikepdf.open(reports[which]["path"]) as pdf:
        names = set()
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            names = {str(n) for n in list(pdf.Root.Names.Dests.Names)[::2]}
        assert str(pdf.Root.PageMode) == "/UseOutlines"
        for number, page in enumerate(pdf.pages, start=1):
            links = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
            for a in links:
                words = str(a.get("/Contents", ""))
                address = str(a.A.URI) if "/A" in a else str(a.Dest)
                assert int(a.F) & 4, f"page {number}: {words} not printed"
                assert words and words != address and words not in names, words
                assert not re.search(r"[_#/]|\.(pdf|pptx|html?)$", words), f"page {number}: described as {words!r}"
            for i, one in enumerate(links):
                for other in links[i + 1:]:
                    if str(one.get("/Dest", "")) + str(one.get("/A", {}).get("/URI", "")) != (
                            str(other.get("/Dest", "")) + str(other.get("/A", {}).get("/URI", ""))):
                        continue
                    r1, r2 = [float(v) for v in one.Rect], [float(v) for v in other.Rect]
                    apart = r1[2] <= r2[0] or r2[2] <= r1[0] or r1[3] <= r2[1] or r2[3] <= r1[1]
                    assert apart, f"page {number}: two links to the same place overlap ({one.Contents})"


def test_contents_is_a_toc_of_entries_with_one_link_each(reports):
    with pikepdf.open(reports["long"]["path"]) as pdf:
        elements, _marked = walk(pdf)
        tocs = [elem for elem, above in elements if tag(elem) == "/TOC" and "/TOC" not in above]
        assert len(tocs) == 1
        entries = [elem for elem in descendants(tocs[0]) if tag(elem) == "/TOCI"]
            # sections (three of them groups; no "Further information": a report-only meeting has nothing else to
        # point to, and the report never links to itself), and every finding
        assert len(entries) == 8 + 3 + 3 + 12
        for entry in entries:
            own = [kid for kid in structure_kids(entry) if tag(kid) != "/TOC"]
            links = [kid for kid in own if tag(kid) == "/Link"]
            assert len(links) == len(own) == 1
            assert [k for k in kids(links[0]) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            words = str(next(k.Obj.Contents for k in kids(links[0]) if k.get("/Type") == "/OBJR"))
            assert re.fullmatch(r".+, page \d+", words), words
        assert all(tag(elem) != "/L" for elem in descendants(tocs[0]))


@both
def test_lists_have_labels_and_bodies(reports, which):
    with pikepdf.open(reports[which]["path"]) as pdf:
        elements, _marked = walk(pdf)
        lists = [elem for elem, _above in elements if tag(elem) == "/L"]
        assert lists
        for elem in lists:
            for item in structure_kids(elem):
                assert tag(item) == "/LI"
                assert [tag(k) for k in structure_kids(item)] == ["/Lbl", "/LBody"]


@both
def test_table_headers_have_a_scope(reports, which):
    with pikepdf.open(reports[which]["path"]) as pdf:
        elements, _marked = walk(pdf)
        headers = [elem for elem, _above in elements if tag(elem) == "/TH"]
        assert len(headers) == 3 and all(str(h.A.Scope) == "/Row" for h in headers)


# Text that copies and searches right ---------------------------------------------------------------------


def report_closing(job) -> list[str]:
    """The report's own closing lines as text (closing.report_lines: the meeting's `closing.report`, or where the
    slides and the news item are)."""
    from markupsafe import Markup

    from meetingpress.outputs import closing

    return [Markup(line).striptags() for line in closing.report_lines(job)]


def english_words(job) -> set[str]:
    view = job.view
    texts = [view.title, view.lead.quote, view.lead.source, view.lead.question, view.outcome, *view.questions,
             *view.intro, view.participants.who, *view.participants.organisations, *report_closing(job)]
    for group in view.findings.values():
        texts += [group.heading, group.intro]
        for item in group.items:
            texts += [item.title, item.text, item.details]
    return {word for text in texts if text for word in re.findall(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*", str(text))}


@both
def test_every_word_copies_as_written(reports, which):
    text = pdftotext(reports[which]["path"])
    assert "\u2010" not in text and "\u00ad" not in text
    found = set(re.findall(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*", text))
    missing = english_words(reports[which]["job"]) - found
    assert not missing, sorted(missing)
    assert "cost-effectiveness" in found if which == "example" else True
    assert re.search(r"\b(FIFTH|SIXTH) LEARNING MEETING ON STRATEGIC PARTNERSHIPS\b", text)  # capitals as words
    assert "ORGANISED BY" in text


@both
def test_lines_are_of_a_readable_measure(reports, which):
    lines = [line.strip() for line in pdftotext(reports[which]["path"], "-layout").splitlines()]
    median = statistics.median(len(line) for line in lines if len(line) > 30)
    assert 45 <= median <= 80, median


# Layout decisions ----------------------------------------------------------------------------------------


def test_contents_page_only_in_a_long_report(reports):
    from meetingpress.outputs import closing

    example, long = reports["example"]["job"], reports["long"]["job"]
    assert not report.needs_contents(example.view, closing.report_lines(example))
    assert report.needs_contents(long.view, closing.report_lines(long))
    first = pdftotext(reports["example"]["path"], "-f", "2", "-l", "2")
    assert "Contents" not in first and "Context and premise" in first
    assert "Contents" in pdftotext(reports["long"]["path"], "-f", "2", "-l", "2")


def test_contents_numbers_are_the_real_pages(reports):
    path = reports["long"]["path"]
    with pikepdf.open(path) as pdf:
        refs = [page.obj.objgen for page in pdf.pages]
        with pdf.open_outline() as outline:
            marks, stack = {}, list(outline.root)
            while stack:
                item = stack.pop()
                marks[item.title] = refs.index(item.destination[0].objgen) + 1
                stack.extend(item.children)
    entries = re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", pdftotext(path, "-layout", "-f", "2", "-l", "2"), re.MULTILINE)
    assert len(entries) == 8 + 3 + 3 + 12
    for title, number in entries:
        assert marks[title] == int(number), title


@both
def test_footer_carries_the_page_number_and_not_the_date(reports, which):
    path = reports[which]["path"]
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    date = "23 November 2017" if which == "example" else "17 May 2018"
    for number in range(2, pages + 1):
        text = pdftotext(path, "-f", str(number), "-l", str(number))
        assert f"Page {number} of {pages}" in text
        assert text.lstrip().startswith(("Fifth", "Sixth"))  # the running head: which meeting
        assert text.count(date) <= 1  # in the facts box, not in the footer
    assert (pages, which) in ((4, "example"), (7, "long"))


def test_cover_with_and_without_logo(reports):
    with pikepdf.open(reports["long"]["path"]) as pdf:
        elements, _marked = walk(pdf)
        assert [str(elem.Alt) for elem, _above in elements if tag(elem) == "/Figure"] == ["Logo of the organisers"]
    with pikepdf.open(reports["example"]["path"]) as pdf:
        elements, _marked = walk(pdf)
        assert not [elem for elem, _above in elements if tag(elem) == "/Figure"]
    for which in ("example", "long"):
        cover = pdftotext(reports[which]["path"], "-f", "1", "-l", "1").split()
        assert cover[0] == "REPORT"


def test_the_pass_after_weasyprint_keeps_the_identity(reports):
    """The /ID's permanent half stays the meeting's own, and the XMP still declares PDF/UA-1."""
    import hashlib

    with pikepdf.open(reports["example"]["path"]) as pdf:
        expected = hashlib.md5(b"meetingpress:2017-sp-5:report.en.pdf").hexdigest()
        assert bytes(pdf.trailer.ID[0]) == expected.encode()
        assert pdf.open_metadata()["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"


def test_contents_over_two_pages_is_one_toc(tmp_path):
    """Four times the recommendations: the contents run over two pages and stay one TOC, one TOCI per entry."""
    text = (FIXTURES / f"{LONG}.yaml").read_text(encoding="utf-8")
    start = text.index("  recommendations:\n    items:\n") + len("  recommendations:\n    items:\n")
    end = text.index("resources:")
    text = text[:end] + text[start:end] * 3 + text[end:]
    built = render(tmp_path / "project", LONG, text, FIXTURES / LONG)
    first, second = (pdftotext(built["path"], "-f", str(n), "-l", str(n)) for n in (2, 3))
    assert "Contents" in first and "Agree on shared goals first" in second  # the contents go on over a page
    with pikepdf.open(built["path"]) as pdf:
        elements, _marked = walk(pdf)
        tocs = [elem for elem, above in elements if tag(elem) == "/TOC" and "/TOC" not in above]
        assert len(tocs) == 1
        entries = [elem for elem in descendants(tocs[0]) if tag(elem) == "/TOCI"]
        assert len(entries) == 8 + 3 + 3 + 48
        for entry in entries:
            assert len([kid for kid in structure_kids(entry) if tag(kid) == "/Link"]) == 1


def test_words_with_a_hyphen_copy_whole(tmp_path):
    """A line never ends at a written hyphen: "five-\nyear" would copy and search as "fiveyear".  Sentences of
    varied length put "five-year" at every place in a line (without keep_compounds, some lines end in "five-")."""
    sentences = " ".join(f"We{' met' * (i % 7)} in {'x' * (i % 5 + 1)} for five-year plans." for i in range(40))
    text = EXAMPLE.read_text(encoding="utf-8")
    anchor = "          en: An important challenge is the time and capacity"
    assert anchor in text
    text = text.replace(anchor, f"          en: {sentences} An important challenge is the time and capacity", 1)
    built = render(tmp_path / "project", "2017-sp-5", text)
    copied = pdftotext(built["path"])
    assert copied.count("five-year") == 40 and "fiveyear" not in copied


@both
def test_no_paragraph_ends_in_a_line_of_one_word(reports, which):
    lines = [line.split() for line in pdftotext(reports[which]["path"], "-layout").splitlines()]
    view = reports[which]["job"].view
    texts = [str(i.text) for g in view.findings.values() for i in g.items]
    texts += [str(i.details) for g in view.findings.values() for i in g.items if i.details]
    texts += [str(view.lead.source), *map(str, view.intro), *report_closing(reports[which]["job"])]
    for text in texts:
        *_, before, last = text.split()
        ending = [words for words in lines if words and words[-1] == last]
        assert ending, last
        assert all(len(words) >= 2 for words in ending), (text, ending)
        assert any(words[-2] == before for words in ending), (text, ending)


@both
def test_paragraphs_start_with_a_full_line(reports, which):
    """What keeps words together never breaks a line early (a first line of one word, "Reflect", seen once)."""
    lines = [" ".join(line.split()) for line in pdftotext(reports[which]["path"], "-layout").splitlines()]
    view = reports[which]["job"].view
    texts = [str(i.text) for g in view.findings.values() for i in g.items]
    texts += [str(i.details) for g in view.findings.values() for i in g.items if i.details]
    for text in texts:
        opening = " ".join(text.split()[:4])
        assert any(opening in line for line in lines), text
