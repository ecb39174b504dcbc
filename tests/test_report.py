"""The PDF report: content, page numbers, metadata, tags, fonts, repeatability and drafts.

The example (with details, organisations, a resource, a logo and a Dutch
report added) is rendered once per module.  The URL fetcher's tests are in
test_report_fetcher.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import copy_series

from meetingpress.build.plan import jobs
from meetingpress.errors import ContentError
from meetingpress.loading.read import load
from meetingpress.loading.series import apply
from meetingpress.loading.validate import validate
from meetingpress.outputs.job import Job
from meetingpress.outputs.report import page as report
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "2017-sp-5.yaml"
MEETING = "2017-sp-5"

DETAILS = {
    "nl": "Deelnemers noemden een eerste fase van soms twee jaar waarin partners vooral elkaar leren kennen.",
    "en": "Participants described a first phase of sometimes two years in which partners mainly get to know each other.",
}
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">'
    '<rect width="60" height="60" rx="12" fill="#1f4e79"/><rect x="72" y="18" width="150" height="24" fill="#e07a1f"/>'
    "</svg>"
)
EXTRA = """
resources:
  - title:
      nl: Het programma Samenspraak en Tegenspraak
      en: The Dialogue and Dissent programme
    url: https://www.government.nl/topics/development-cooperation/dialogue-and-dissent
logo:
  file: logo.svg
  alt:
    nl: Logo van de organisatoren
    en: Logo of the organisers
outputs:
  news: []
  report: [en, nl]
  slides: []
"""


def rich_example(text: str) -> str:
    """The example plus every optional part the report shows; links only to the report."""
    anchor = "on the basis of equal relationships and trust.\n"
    assert anchor in text
    text = text.replace(anchor, anchor + f"        details:\n          nl: {DETAILS['nl']}\n          en: {DETAILS['en']}\n", 1)
    anchor = "representatives of the Ministry of Foreign Affairs\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "  organisations:\n    - Partos\n    - Ministry of Foreign Affairs\n", 1)
    text = text.replace("[presentatie](@slides)", "presentatie").replace("[presentation](@slides)", "presentation")
    # the example's closing lines are the news item's; the report gets its own
    head, _, lines = text.partition("\nclosing:\n")
    lines = "".join("  " + line for line in lines.splitlines(keepends=True))
    own = ("  report:\n    - nl: Vragen? Mail naar [info@example.org](mailto:info@example.org).\n"
           "      en: Questions? Write to [info@example.org](mailto:info@example.org).\n")
    return head + "\nclosing:\n" + own + "  news:\n" + lines + EXTRA


def make_project(root: Path, text: str, logo: bool = True) -> Project:
    (root / "content" / MEETING).mkdir(parents=True)
    copy_series(root)
    (root / "content" / f"{MEETING}.yaml").write_text(text, encoding="utf-8")
    if logo:
        (root / "content" / MEETING / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    return Project(root)


def report_jobs(project: Project, draft: bool = False) -> dict:
    loaded = load_all(project, project.meetings(), draft)
    return {job.lang: job for item in loaded for name, job in jobs(project, item, draft) if name == "report"}


def unchecked_job(project: Project, lang: str = "en") -> Job:
    """A Job built like builder.jobs() does, for a meeting that skipped the load-time image checks."""
    source, _inherited = apply(load(project.content / f"{MEETING}.yaml", project.root), project.content, project.root)
    return Job(
        meeting=validate(source),
        meeting_id=MEETING,
        source=source,
        lang=lang,
        templates=project.templates(),
        assets=project.assets(MEETING),
    )


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_texts(path: Path, pages: int, *args: str) -> list[str]:
    return [pdftotext(path, "-f", str(n), "-l", str(n), *args) for n in range(1, pages + 1)]


def flat(text: str) -> str:
    """Text without spaces, line breaks and hyphens, so hyphenation and wrapping do not matter."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", str(text))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("report") / "project"
    project = make_project(root, rich_example(EXAMPLE.read_text(encoding="utf-8")))
    found = report_jobs(project)
    out = tmp_path_factory.mktemp("pdf")
    files = {}
    for lang, job in found.items():
        for name, data in report.render(job).items():
            (out / name).write_bytes(data)
            files[lang] = out / name
    return {"root": root, "jobs": found, "files": files}


@pytest.fixture(scope="module")
def english(built):
    path = built["files"]["en"]
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    return {"path": path, "pages": pages, "texts": page_texts(path, pages), "job": built["jobs"]["en"]}


def test_both_report_languages_are_built(built):
    assert sorted(p.name for p in built["files"].values()) == ["report.en.pdf", "report.nl.pdf"]


def test_every_english_item_appears(english):
    text = flat("".join(english["texts"]))
    view = english["job"].view
    expected = [view.title, view.lead.quote, view.lead.source, view.lead.question, view.outcome, *view.questions]
    for group in view.findings.values():
        expected += [group.heading, *([group.intro] if group.intro else [])]
        for item in group.items:
            expected += [item.title, item.text, *([item.details] if item.details else [])]
    expected += [view.participants.who, *view.participants.organisations, *view.closing.report]
    expected += [r.title for r in view.resources] + [r.url for r in view.resources]
    assert flat(DETAILS["en"]) in text
    for part in expected:
        assert flat(str(part)) in text, part


def test_page_count_and_page_furniture(english):
    texts, pages = english["texts"], english["pages"]
    assert pages == 4  # no contents page: the report is short (test_report_access.py has a long one)
    assert "Page" not in texts[0] and "Are we more effective" in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {pages}" in text
        assert text.lstrip().startswith("Fifth learning meeting on Strategic Partnerships")  # running header


def test_cover_facts_sit_side_by_side(english):
    cover = pdftotext(english["path"], "-layout", "-f", "1", "-l", "1").splitlines()
    assert any("ORGANISEDBY" in flat(line) and "PARTICIPANTS" in flat(line) for line in cover), "\n".join(cover)


def test_bookmarks_lead_to_every_section(english):
    """No contents page in a short report: the bookmarks (open with the document) lead to each heading."""
    with pikepdf.open(english["path"]) as pdf:
        refs = [page.obj.objgen for page in pdf.pages]
        with pdf.open_outline() as outline:
            marks = {}
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                marks[item.title] = refs.index(item.destination[0].objgen) + 1
                stack.extend(item.children)
    view = english["job"].view
    titles = ["Context and premise", "Central questions", "The meeting", "Participants", "Resources", "Further information"]
    titles += [str(g.heading) for g in view.findings.values()]
    titles += [str(i.title) for g in view.findings.values() for i in g.items]
    assert marks["Are we more effective in strategic partnerships?"] == 1
    for title in titles:
        lines = [line.strip() for line in english["texts"][marks[title] - 1].splitlines()]
        assert any(line.endswith(title) for line in lines), f"{title} not on page {marks[title]}"


def test_metadata_tags_and_pdf_ua(english):
    with pikepdf.open(english["path"]) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Are we more effective in strategic partnerships?"
        assert str(info["/Author"]) == "Partos, an initiative group on behalf of members"
        assert str(info["/Subject"]) == (
            "Report of the fifth learning meeting on Strategic Partnerships, Amsterdam, 23 November 2017"
        )
        keywords = str(info["/Keywords"])
        for word in ("Strategic Partnerships", "Amsterdam", "Challenges", "Success factors", "Recommendations"):
            assert word in keywords
        assert str(info["/CreationDate"]) == str(info["/ModDate"]) == "D:20171123"
        root = pdf.Root
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in root
        meta = pdf.open_metadata()
        assert meta["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"
        assert meta["dc:title"] == "Are we more effective in strategic partnerships?"
        assert meta["xmp:CreateDate"] == "2017-11-23"
        figures = []
        stack = [root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
        assert figures == ["Logo of the organisers"]
        links = [a.A.URI for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a]
        resource = "https://www.government.nl/topics/development-cooperation/dialogue-and-dissent"
        # the resource's title and its address, then the report's own closing; it never links to itself
        assert [str(u) for u in links] == [resource, resource, "mailto:info@example.org"]
    check = subprocess.run(["qpdf", "--check", str(english["path"])], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_only_bundled_fonts_embedded_and_subset(english):
    with pikepdf.open(english["path"]) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                fonts[str(font.BaseFont)] = set(descriptor.keys()), len(descriptor.FontFile2.read_bytes())
    assert len(fonts) >= 3
    full = (REPO / "templates" / "fonts" / "Lato-Regular.ttf").stat().st_size
    for name, (keys, size) in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+Lato-meetingpress(-\w+)?", name), name
        assert "/FontFile2" in keys
        assert 0 < size < full / 2, name  # embedded, and only the glyphs used


def test_dutch_report(built):
    path = built["files"]["nl"]
    text = flat(pdftotext(path))
    for words in (
        "Context en aanname",
        "Pagina 2 van",
        "Tijd en capaciteit",
        DETAILS["nl"],
        "Zo'n 25 deelnemers",  # the news item's "zo'n 25 deelnemers" (outputs/phrases.py), capitalised
        "Tijdens de bijeenkomst kwamen we tot een overzicht",
    ):
        assert flat(words) in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "nl-NL"
        assert str(pdf.docinfo["/Title"]) == "Zijn we effectiever in strategische partnerschappen?"


def test_rebuild_is_byte_identical_and_needs_no_system_fonts(built, tmp_path):
    """`python build.py` in a fresh process, another hash seed and no system fonts at all."""
    root = built["root"]
    shutil.copy(REPO / "build.py", root / "build.py")
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "4242", "FONTCONFIG_FILE": str(empty)}
    run = subprocess.run([sys.executable, "build.py"], cwd=root, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for path in built["files"].values():
        assert (root / "output" / MEETING / path.name).read_bytes() == path.read_bytes(), path.name


def test_draft_shows_mark_on_every_page_and_missing_text(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("          en: Time and capacity\n", "", 1)
    project = make_project(tmp_path / "project", text, logo=False)
    with pytest.raises(ContentError):
        report_jobs(project)  # not without --draft
    job = report_jobs(project, draft=True)["en"]
    path = tmp_path / "draft.pdf"
    path.write_bytes(report.render(job)["report.en.pdf"])
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    raw = page_texts(path, pages, "-raw")
    assert all("DRAFT" in page for page in raw)
    assert "[English text missing]" in "".join(raw)
