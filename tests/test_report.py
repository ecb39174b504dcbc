"""The PDF report: content, page numbers, metadata, tags, fonts, repeatability, drafts and the URL fetcher.

The example (with details, organisations, a resource, a logo and a Dutch
report added) is rendered once per module; the fetcher tests use a tiny
override template so each of their renders takes a fraction of a second.
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

from meetingpress.builder import jobs, load_all
from meetingpress.errors import ContentError, RenderError
from meetingpress.loader import load
from meetingpress.project import Project
from meetingpress.renderers import Job, report
from meetingpress.series import apply
from meetingpress.validate import validate

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
    return text + EXTRA


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
    expected += [view.participants.who, *view.participants.organisations, *view.closing]
    expected += [r.title for r in view.resources] + [r.url for r in view.resources]
    assert flat(DETAILS["en"]) in text
    for part in expected:
        assert flat(str(part)) in text, part


def test_page_count_and_page_furniture(english):
    texts, pages = english["texts"], english["pages"]
    assert pages == 5
    assert "Page" not in texts[0] and "Are we more effective" in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {pages}" in text
        assert text.lstrip().startswith("Are we more effective in strategic partnerships?")  # running header


def test_cover_facts_sit_side_by_side(english):
    cover = pdftotext(english["path"], "-layout", "-f", "1", "-l", "1").splitlines()
    assert any("ORGANISEDBY" in flat(line) and "PARTICIPANTS" in flat(line) for line in cover), "\n".join(cover)


def test_contents_numbers_are_the_real_pages(english):
    with pikepdf.open(english["path"]) as pdf:
        refs = [page.obj.objgen for page in pdf.pages]
        with pdf.open_outline() as outline:
            marks = {}
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                marks[item.title] = refs.index(item.destination[0].objgen) + 1
                stack.extend(item.children)
    toc = pdftotext(english["path"], "-layout", "-f", "2", "-l", "2")
    entries = re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", toc, re.MULTILINE)
    view = english["job"].view
    titles = ["Context and premise", "Central questions", "The meeting", "Participants", "Resources", "Further information"]
    titles += [str(g.heading) for g in view.findings.values()]
    titles += [str(i.title) for g in view.findings.values() for i in g.items]
    assert sorted(title for title, _ in entries) == sorted(titles)
    for title, number in entries:
        assert marks[title] == int(number), title  # the bookmark sits on the heading
        lines = [line.strip() for line in english["texts"][int(number) - 1].splitlines()]
        assert any(line.endswith(title) for line in lines), f"{title} not on page {number}"
    assert marks["Are we more effective in strategic partnerships?"] == 1
    assert marks["Contents"] == 2


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
        assert [str(u) for u in links] == [
            "https://www.government.nl/topics/development-cooperation/dialogue-and-dissent",
            "report.en.pdf",
        ]
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
        "Inhoud",
        "Context en aanname",
        "Pagina 2 van",
        "Tijd en capaciteit",
        DETAILS["nl"],
        "Ongeveer 25 deelnemers",
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


# --- The fetcher: a tiny override template in the project's templates/ folder ------------------------------

TINY = """<!DOCTYPE html>
<html lang="{{ language_tag }}"><head><title>{{ meta.title }}</title>
%(head)s
</head><body><h1>{{ meeting.title }}</h1>
{%% if logo %%}<img src="{{ logo.url }}" alt="{{ logo.alt }}">{%% endif %%}
%(body)s
</body></html>
"""
USES = {
    "image": ("", '<img src="{url}" alt="x">'),
    "stylesheet": ('<link rel="stylesheet" href="{url}">', ""),
    "font": (
        '<style>@font-face {{ font-family: f{n}; src: url("{url}"); }} p.f{n} {{ font-family: f{n}; }}</style>',
        '<p class="f{n}">x</p>',
    ),
    "attachment": ('<link rel="attachment" href="{url}">', ""),
}


@pytest.fixture
def outside(tmp_path):
    """Files that exist but lie outside the allowed folders."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for name in ("dotdot", "absolute", "linked"):
        (folder / f"{name}.png").write_bytes((REPO / "templates" / "fonts" / "OFL.txt").read_bytes())
    return folder


def tiny_project(root: Path, head: str = "", body: str = "", meeting: str | None = None) -> Project:
    project = make_project(root, meeting or EXAMPLE.read_text(encoding="utf-8"), logo=False)
    folder = root / "templates" / "report"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.html").write_text(TINY % {"head": head, "body": body}, encoding="utf-8")
    return project


@pytest.mark.parametrize("use", USES)
def test_fetcher_refuses_everything_outside(use, tmp_path, outside, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "project"
    (root / "templates" / "report").mkdir(parents=True)
    (root / "templates" / "report" / "linked.png").symlink_to(outside / "linked.png")
    urls = {
        "file:///etc/hostname": "/etc/hostname",
        "../../../outside/dotdot.png": "outside/dotdot.png",
        str(outside / "absolute.png"): "outside/absolute.png",
        "http://127.0.0.1:9/remote.png": "http://127.0.0.1:9/remote.png",
        "https://example.org/remote.png": "https://example.org/remote.png",
        "linked.png": "templates/report/linked.png",
        "data:text/plain,hello": "data:text/plain,hello",
        "missing.png": "file not found: project/templates/report/missing.png",
    }
    head = body = ""
    for n, url in enumerate(urls):
        head += USES[use][0].format(url=url, n=n)
        body += USES[use][1].format(url=url, n=n)
    job = report_jobs(tiny_project(root, head, body))["en"]
    with pytest.raises(RenderError) as caught:
        report.render(job)
    message = str(caught.value)
    assert message.startswith(f"content/{MEETING}.yaml: report.en.pdf: could not be built:")
    for url, shown in urls.items():
        assert shown in message, (url, message)
    assert message.count("refused ") >= 7


def test_tiny_template_alone_builds(tmp_path, monkeypatch):
    """The override mechanism itself is fine: without bad URLs the same template renders."""
    monkeypatch.chdir(tmp_path)
    job = report_jobs(tiny_project(tmp_path / "project"))["en"]
    assert report.render(job)["report.en.pdf"].startswith(b"%PDF-1.7")


def test_logged_weasyprint_problem_is_a_build_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    job = report_jobs(tiny_project(tmp_path / "project", head="<style>p { colour: red; }</style>"))["en"]
    with pytest.raises(RenderError, match="WeasyPrint: .*colour"):
        report.render(job)


@pytest.mark.parametrize(
    "file, message",
    [
        ("../../../outside/dotdot.png", "not a path"),
        ("/etc/hostname", "not a path"),
        ("linked.png", "a link to a file outside"),
        ("nothere.png", "no image `nothere.png`"),
        ("broken.png", "WeasyPrint: Failed to load image"),
    ],
)
def test_logo_problems_point_at_the_logo_line(file, message, tmp_path, outside, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8") + f"logo:\n  file: {file}\n  alt:\n    nl: Logo\n    en: Logo\n"
    root = tmp_path / "project"
    project = tiny_project(root, meeting=text)
    (root / "content" / MEETING / "linked.png").symlink_to(outside / "linked.png")
    (root / "content" / MEETING / "broken.png").write_text("not a picture", encoding="utf-8")
    job = unchecked_job(project)  # the build checks images when loading; the renderer checks again
    line = text.splitlines().index(f"  file: {file}") + 1
    with pytest.raises(ContentError) as caught:
        report.render(job)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.line, problem.field) == (f"content/{MEETING}.yaml", line, "logo.file")
    assert message in problem.message


def test_logo_outside_fails_the_cli_build_with_file_and_line(fixture_project, outside, capsys):
    text = EXAMPLE.read_text(encoding="utf-8") + "logo:\n  file: ../../../outside/dotdot.png\n  alt:\n    nl: L\n    en: L\n"
    text += "outputs:\n  news: []\n  slides: []\n"
    text = text.replace("[presentatie](@slides)", "presentatie").replace("[presentation](@slides)", "presentation")
    copy_series(fixture_project.root)
    fixture_project.add(f"{MEETING}.yaml", text)
    assert fixture_project.run("build") == 1
    line = text.splitlines().index("  file: ../../../outside/dotdot.png") + 1
    assert f"content/{MEETING}.yaml:{line}:" in capsys.readouterr().err
    assert not (fixture_project.output / MEETING / "report.en.pdf").exists()


def test_theme_logo_and_colours_from_a_project_theme(tmp_path, monkeypatch):
    """A project's own theme.yaml (fonts still found on the search path) gives the cover its logo."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "project"
    project = tiny_project(root)
    theme = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
    theme = theme.replace("logo: null", "logo: images/house.svg").replace('"#1f4e79"', '"#7a1f5c"')
    (root / "templates" / "theme.yaml").write_text(theme, encoding="utf-8")
    (root / "templates" / "images").mkdir()
    (root / "templates" / "images" / "house.svg").write_text(LOGO_SVG, encoding="utf-8")
    job = report_jobs(project)["en"]
    assert "--primary: #7a1f5c;" in report.prepare(job).css
    path = tmp_path / "themed.pdf"
    path.write_bytes(report.render(job)["report.en.pdf"])
    with pikepdf.open(path) as pdf:
        alts = [
            str(node.get("/Alt")) for node in pdf.objects if isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Figure"
        ]
    assert alts == ["Logo"]


def test_allowed_attachment_is_embedded_with_the_meeting_date(tmp_path, monkeypatch):
    """WeasyPrint stamps attachments with the clock; the report uses the meeting's date instead."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "project"
    project = tiny_project(root, head='<link rel="attachment" href="notes.txt">')
    (root / "templates" / "report" / "notes.txt").write_text("Notes for partners.\n", encoding="utf-8")
    path = tmp_path / "attached.pdf"
    path.write_bytes(report.render(report_jobs(project)["en"])["report.en.pdf"])
    with pikepdf.open(path) as pdf:
        (attached,) = pdf.attachments.values()
        stream = attached.obj.EF.F
        assert stream.read_bytes() == b"Notes for partners.\n"
        assert str(stream.Params.CreationDate) == str(stream.Params.ModDate) == "D:20171123"
