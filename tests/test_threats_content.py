"""Threats from content (issue 15): what a meeting file, its image folder or a careless theme can make the build do.

The threat model (README, "What meetingpress promises"): meeting files, their
image folders and XLIFF files may come from people you don't fully trust; the
project's templates/, content/series/ and theme.yaml are the organisation's.
Every case runs through both `check` and the build (`refused`): the same
problems, each with `file:line`, exit code 1, no traceback, nothing written
to output/ and no file touched outside it.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from conftest import REPO
from PIL import Image
from test_images import png
from test_report import LOGO_SVG

from meetingpress.errors import RenderError
from meetingpress.loading.read import load
from meetingpress.loading.series import apply
from meetingpress.loading.validate import validate
from meetingpress.outputs.job import Job
from meetingpress.outputs.report import page as report
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

MEETING = "2017-sp-5"
SERIES = "content/series/strategic-partnerships.yaml"
PROBLEM = re.compile(r"^(\S+):(\d+):(\d+): ")
THEME = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
LOGO = "logo:\n  file: {file}\n  alt:\n    nl: Logo\n    en: Logo\n"


def files_outside_output(root: Path) -> dict[Path, tuple[int, int]]:
    """Every file of the test's folder but output/, with its size and modification time."""
    output = root / "project" / "output"
    return {p: (p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*")
            if not p.is_dir() and not p.is_relative_to(output)}


def problems(text: str) -> list[str]:
    return [line for line in text.splitlines() if PROBLEM.match(line)]


def refused(fp, capsys, tmp_path, *expected: tuple[str, str]) -> list[str]:
    """`check` and the build both exit 1 with the same problems, among them each (`file:line: field:`, fragment);
    no traceback; nothing written to output/ (but the lock) and no file outside it touched."""
    before = files_outside_output(tmp_path)
    capsys.readouterr()
    assert fp.run("check") == 1
    checked = capsys.readouterr()
    assert fp.run("build") == 1
    built = capsys.readouterr()
    for run in (checked, built):
        assert "Traceback" not in run.out + run.err and "internal error" not in run.err, run.err
    found = problems(checked.err)
    assert found and found == problems(built.err), (checked.err, built.err)
    for where, fragment in expected:
        assert any(re.search(where, line) and fragment in line for line in found), (where, fragment, found)
    written = [p for p in fp.output.rglob("*") if p.is_file() and ".meetingpress" not in p.parts] if fp.output.exists() else []
    assert written == []
    assert files_outside_output(tmp_path) == before
    return found


def line_of(path: Path, text: str) -> int:
    """The line number of the first line of `path` that starts with `text` (indentation aside)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(text.strip()))


def at(file: str, line: int, field: str) -> str:
    return rf"(^|/){re.escape(file)}:{line}:\d+: {re.escape(field)}: "


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the project, with a report template and a picture that must never be used."""
    folder = tmp_path / "outside"
    (folder / "report").mkdir(parents=True)
    (folder / "report" / "report.html").write_text('<html><body><img src="secret.png"></body></html>', encoding="utf-8")
    (folder / "report" / "secret.png").write_bytes(png())
    (folder / "secret.png").write_bytes(png())
    return folder


# ---------------------------------------------------------------- 1: series names and template folders

EVIL_TEMPLATE = "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}"


@pytest.mark.parametrize("name", ["../2017-sp-5/evil", "{folder}/evil", "series/strategic-partnerships", "..\\evil",
                                  "strategic-partnerships/", "./strategic-partnerships", ".."])
def test_series_is_a_plain_name_inside_content_series(name, fixture_project, capsys, tmp_path):
    """The attack: the image folder holds a series file whose `templates: .` makes it a template folder."""
    marker = tmp_path / "ran"
    folder = fixture_project.root / "content" / MEETING
    meeting = fixture_project.add_example(edit=lambda t: t.replace(
        "series: strategic-partnerships", f"series: '{name.format(folder=folder)}'"))
    series = (REPO / SERIES).read_text(encoding="utf-8")
    fixture_project.add(f"{MEETING}/evil.yaml", series + "templates: .\n")
    fixture_project.add(f"{MEETING}/news/article.html", EVIL_TEMPLATE % marker)
    found = refused(fixture_project, capsys, tmp_path,
                    (at(f"content/{MEETING}.yaml", line_of(meeting, "series:"), "series"), "is not a series name"))
    assert "strategic-partnerships" in " ".join(found)  # did you mean, or the known series
    assert not marker.exists()


def test_a_series_named_by_a_path_suggests_its_name(fixture_project, capsys, tmp_path):
    """Even a path that leads to a real series file is refused: the name alone is meant."""
    meeting = fixture_project.add_example(edit=lambda t: t.replace(
        "series: strategic-partnerships", "series: ../series/strategic-partnerships"))
    refused(fixture_project, capsys, tmp_path, (at(f"content/{MEETING}.yaml", line_of(meeting, "series:"), "series"),
                                                 "did you mean `strategic-partnerships`?"))


@pytest.mark.parametrize("where", ["outside", "absolute", "link", "meeting folder", "etc"])
def test_a_series_templates_folder_lies_inside_the_project(where, fixture_project, capsys, tmp_path, outside):
    fixture_project.add_example()
    (fixture_project.root / "templates-linked").symlink_to(outside, target_is_directory=True)
    fixture_project.add(f"{MEETING}/report/report.html", "<html><body>{{ meeting.title }}</body></html>")
    value = {"outside": "../../../outside", "absolute": str(outside), "link": "../../templates-linked",
             "meeting folder": f"../{MEETING}", "etc": "/etc"}[where]
    series = fixture_project.root / SERIES
    series.write_text(series.read_text(encoding="utf-8") + f"templates: '{value}'\n", encoding="utf-8")
    refused(fixture_project, capsys, tmp_path, (at(SERIES, line_of(series, "templates:"), "templates"),
                                                 "outside the project folder or inside a meeting's folder"))


def test_a_series_templates_folder_inside_the_project_still_works(fixture_project, capsys):
    fixture_project.add_example()
    own = fixture_project.root / "templates-partos" / "news"
    own.mkdir(parents=True)
    article = (REPO / "templates" / "news" / "article.html").read_text(encoding="utf-8")
    (own / "article.html").write_text("<!-- partos -->\n" + article, encoding="utf-8")
    series = fixture_project.root / SERIES
    series.write_text(series.read_text(encoding="utf-8") + "templates: ../../templates-partos\n", encoding="utf-8")
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0
    assert "<!-- partos -->" in (fixture_project.output / MEETING / "news.nl.html").read_text(encoding="utf-8")


def test_the_projects_templates_folder_may_not_be_a_link_out(fixture_project, capsys, tmp_path, outside):
    """The report could not read it (the PDF engine reads only folders inside the project): `check` says so."""
    fixture_project.add_example()
    (fixture_project.root / "templates").symlink_to(outside, target_is_directory=True)
    refused(fixture_project, capsys, tmp_path, (r"^templates:1:1: ", "lies outside the project"))


def test_a_template_that_slipped_through_cannot_run_anything(fixture_project, capsys, tmp_path):
    """The sandbox: even a template in the project's own templates/ reaches no Python internals."""
    marker = tmp_path / "ran"
    fixture_project.add_example()
    fixture_project.template("news/article.html", EVIL_TEMPLATE % marker)
    assert fixture_project.run("build") == 1
    err = capsys.readouterr().err
    assert "templates/news/article.html:1: SecurityError" in err and "Traceback" not in err
    assert not marker.exists()
    assert not (fixture_project.output / MEETING).exists()


# ---------------------------------------------------------------- 2: what the PDF engine may read


def test_the_pdf_engine_reads_no_folder_outside_the_project(fixture_project, outside):
    """Even a template folder outside the project that reached a job (the series check refuses one first) is
    never served: its template's picture is refused."""
    fixture_project.add_example()
    project: Project = fixture_project.project
    source, _inherited = apply(load(project.content / f"{MEETING}.yaml", project.root), project.content, project.root)
    job = Job(validate(source), MEETING, source, "en", (outside, *project.templates()), project.assets(MEETING))
    with pytest.raises(RenderError) as caught:
        report.render(job)
    assert "secret.png: outside the allowed folders" in str(caught.value)


def test_the_pdf_engine_still_reads_the_projects_own_templates(fixture_project):
    fixture_project.add_example()
    fixture_project.template("report/report.html", '<html lang="{{ language_tag }}"><head><title>{{ meta.title }}'
                             '</title></head><body><img src="inside.png" alt="x"></body></html>')
    fixture_project.template("report/inside.png", png())
    project: Project = fixture_project.project
    (item,) = load_all(project, project.meetings())
    job = Job(item.meeting, MEETING, item.source, "en", project.templates(), project.assets(MEETING))
    assert report.render(job)["report.en.pdf"].startswith(b"%PDF")


# ---------------------------------------------------------------- 3 and 20: every image through the same checks


def huge_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A small PNG file whose header says 144 megapixels (the limit is 40)."""
    data = png(1, 1)
    start = data.index(b"IHDR")
    header = struct.pack(">II", width, height) + data[start + 12: start + 17]
    chunk = b"IHDR" + header
    return data[: start - 4] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[start + 21:]


def test_huge_png_is_what_it_claims(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with Image.open(io.BytesIO(huge_png())) as image:
        assert image.size == (12_000, 12_000)


@pytest.mark.parametrize("case, fragment", [
    ("bitmap linked out", "a link to a file outside"),
    ("bitmap too large", "far too large when decoded"),
    ("bitmap not an image", "is not a readable PNG or JPEG image"),
    ("svg @import", "style sheet imports (`@import`)"),
    ("svg @import as character reference", "a style sheet or a link that loads other files"),
    ("svg @import in CDATA", "style sheet imports (`@import`)"),
    ("svg url() in a style attribute", "links to other files"),
])
def test_every_image_an_output_reads_is_checked(case, fragment, fixture_project, capsys, tmp_path, outside):
    meeting = fixture_project.add_example(edit=lambda t: t + LOGO.format(file="logo.svg"))
    svg = LOGO_SVG
    if case.startswith("svg"):
        style = {"svg @import": "<style>@import 'file:///etc/passwd';</style>",
                 "svg @import as character reference": "<style>&#64;import 'other.css';</style>",
                 "svg @import in CDATA": "<style><![CDATA[@import url(other.css);]]></style>",
                 "svg url() in a style attribute": '<g style="fill: url(other.svg#paint)"/>'}[case]
        svg = svg.replace("<rect", style + "<rect", 1)
    fixture_project.add(f"{MEETING}/logo.svg", svg)
    bitmap = fixture_project.root / "content" / MEETING / "logo.png"
    if case == "bitmap linked out":
        bitmap.symlink_to(outside / "secret.png")
    elif case == "bitmap too large":
        bitmap.write_bytes(huge_png())
    elif case == "bitmap not an image":
        bitmap.write_text("not a picture", encoding="utf-8")
    else:
        bitmap.write_bytes(png())
    refused(fixture_project, capsys, tmp_path,
            (at(f"content/{MEETING}.yaml", line_of(meeting, "  file: logo.svg"), "logo.file"), fragment))


def test_the_meetings_folder_may_not_be_a_link_out(fixture_project, capsys, tmp_path, outside):
    meeting = fixture_project.add_example(edit=lambda t: t + LOGO.format(file="secret.png"))
    (fixture_project.root / "content" / MEETING).symlink_to(outside, target_is_directory=True)
    refused(fixture_project, capsys, tmp_path,
            (at(f"content/{MEETING}.yaml", line_of(meeting, "  file: secret.png"), "logo.file"), "is a link to another folder"))


def test_the_themes_logo_and_its_deck_copy_are_checked(fixture_project, capsys, tmp_path):
    fixture_project.add_example()
    theme = fixture_project.template("theme.yaml", THEME.replace("logo: null", "logo: images/logo.svg"))
    fixture_project.template("images/logo.svg", LOGO_SVG)
    fixture_project.template("images/logo.png", huge_png())
    refused(fixture_project, capsys, tmp_path, (at("templates/theme.yaml", line_of(theme, "logo:"), "logo"), "far too large"))


def test_a_good_svg_logo_with_its_png_copy_builds(fixture_project, capsys):
    fixture_project.add_example(edit=lambda t: t + LOGO.format(file="logo.svg"))
    svg = LOGO_SVG.replace("<rect", '<style>rect { stroke: #000; }</style><defs><clipPath id="c"><rect width="9" height="9"/>'
                                    '</clipPath></defs><rect clip-path="url(#c)"', 1)
    fixture_project.add(f"{MEETING}/logo.svg", svg)
    fixture_project.add(f"{MEETING}/logo.png", png())
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0


# ---------------------------------------------------------------- 4: characters the report's font lacks


@pytest.mark.parametrize("line, text, named", [
    ("  en: Are we more", "Are we more effective? 🙂", "“🙂” (U+1F642 SLIGHTLY SMILING FACE)"),
    ("  en: Are we more", "合作伙伴关系", "“合” (U+5408 CJK UNIFIED IDEOGRAPH-5408)"),
    ("  en: Amsterdam", "أمستردام", "(U+0623 ARABIC LETTER ALEF WITH HAMZA ABOVE)"),
    ("  en: Amsterdam", "אמסטרדם", "“א” (U+05D0 HEBREW LETTER ALEF)"),
])
def test_characters_the_reports_font_lacks_are_named_at_their_field(line, text, named, fixture_project, capsys, tmp_path):
    meeting = fixture_project.add_example()
    number = line_of(meeting, line)
    lines = meeting.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = f'  en: "{text}"\n'
    meeting.write_text("".join(lines), encoding="utf-8")
    field = "title.en" if "more" in line else "place.en"
    refused(fixture_project, capsys, tmp_path, (at(f"content/{MEETING}.yaml", number, field), named))


def test_a_character_only_in_a_language_without_a_report_is_fine(fixture_project, capsys):
    """The example's report is English only: an emoji in Dutch reaches only the news item (HTML)."""
    fixture_project.add_example(edit=lambda t: t.replace(
        "  nl: Zijn we effectiever in strategische partnerschappen?", '  nl: "Zijn we effectiever? 🙂"'))
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0


def test_a_system_font_is_never_embedded(fixture_project, capsys):
    """Characters from a template (not content, so not checked beforehand) fail the build rather than pull in a
    font of the computer (or print as an empty box where it has none)."""
    fixture_project.add_example()
    layout = (REPO / "templates" / "report" / "layout.html").read_text(encoding="utf-8")
    assert "</body>" in layout
    fixture_project.template("report/layout.html", layout.replace("</body>", "<p>مرحبا שלום</p></body>"))
    assert fixture_project.run("build") == 1
    err = capsys.readouterr().err
    assert "report.en.pdf: could not be built" in err and "Traceback" not in err
    assert not (fixture_project.output / MEETING).exists()


# ---------------------------------------------------------------- 10: every theme value


FONT_LINE = "  regular: fonts/Lato-Regular.ttf"


@pytest.mark.parametrize("old, new, field, fragment", [
    ("family: Lato", "family: \"Lato'; } body { display: none } x { font-family: 'Lato\"", "fonts.family",
     "must be a font family name"),
    ("family: Lato", "family: 'Lato (Regular) #1'", "fonts.family", "must be a font family name"),
    ("family: Lato", "family: ''", "fonts.family", "must be a font family name"),
    ('primary: "#1f4e79"', "primary: red", "colors.primary", "#rrggbb"),
    ('tint: "#eef3f8"', 'tint: "#eef3f8; }"', "colors.tint", "#rrggbb"),
    (FONT_LINE, "  regular: ../../../../etc/hostname.ttf", "fonts.regular", "path of a font file"),
    (FONT_LINE, "  regular: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts.regular", "path of a font file"),
    (FONT_LINE, "  regular: fonts/Lato-Regular.woff3", "fonts.regular", "must be a font file"),
    (FONT_LINE, "  regular: fonts/Missing.ttf", "fonts.regular", "is in none of the template folders"),
    (FONT_LINE, "  regular: fonts/Fake.ttf", "fonts.regular", "is not a TrueType or OpenType font"),
    ("logo: null", "logo: images/nothere.png", "logo", "is in none of the template folders"),
    ("logo: null", "logo: ../content/2017-sp-5/x.png", "logo", "path of an image"),
    ("logo: null", "logo: images/logo.gif", "logo", "must be an image"),
    ("logo: null", "folder: /etc", "folder", "unknown field `folder`"),
    ("colors:", "colours:", "colours", "did you mean `colors`?"),
])
def test_every_theme_value_is_checked(old, new, field, fragment, fixture_project, capsys, tmp_path):
    fixture_project.add_example()
    assert old in THEME
    theme = fixture_project.template("theme.yaml", THEME.replace(old, new, 1))
    fixture_project.template("fonts/Fake.ttf", b"GIF89a: a picture renamed .ttf")
    number = line_of(theme, new.split("\n")[0])
    refused(fixture_project, capsys, tmp_path, (at("templates/theme.yaml", number, field), fragment))


def test_a_family_name_with_spaces_and_digits_is_fine(fixture_project, capsys):
    fixture_project.add_example()
    fixture_project.template("theme.yaml", THEME.replace("family: Lato", "family: Lato Pro 2-Display"))
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0
    assert "--font-family: 'Lato Pro 2-Display';" in (fixture_project.output / MEETING / "news.nl.html").read_text(
        encoding="utf-8")
