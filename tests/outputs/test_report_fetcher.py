"""The report's URL fetcher and what templates may load: a tiny override template in the project's templates/
folder, so each render takes a fraction of a second; refusals, logged problems, logos, a project theme and
attachments."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import copy_series
from test_images import png
from test_report import EXAMPLE, LOGO_SVG, MEETING, REPO, make_project, report_jobs, unchecked_job

from meetingpress.errors import ContentError, RenderError
from meetingpress.outputs.report import page as report
from meetingpress.project import Project

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


def test_a_logging_configuration_that_turns_loggers_off_hides_no_problem(tmp_path, monkeypatch):
    """A program (or a library) that configures logging turns existing loggers off by default; WeasyPrint's
    complaints still fail the build."""
    import logging
    import logging.config

    weasy = logging.getLogger("weasyprint")
    for logger in [*logging.Logger.manager.loggerDict.values(), logging.getLogger()]:
        if isinstance(logger, logging.Logger):  # every logger as it was, after the test
            monkeypatch.setattr(logger, "disabled", logger.disabled)
            monkeypatch.setattr(logger, "handlers", list(logger.handlers))
            monkeypatch.setattr(logger, "level", logger.level)
    logging.config.dictConfig({"version": 1})  # disable_existing_loggers: True
    assert weasy.disabled
    monkeypatch.chdir(tmp_path)
    job = report_jobs(tiny_project(tmp_path / "project", head="<style>p { colour: red; }</style>"))["en"]
    with pytest.raises(RenderError, match="WeasyPrint: .*colour"):
        report.render(job)
    assert weasy.disabled, "the logger is left as it was found"


@pytest.mark.parametrize(
    "file, message",
    [
        ("../../../outside/dotdot.png", "not a path"),
        ("/etc/hostname", "not a path"),
        ("linked.png", "a link to a file outside"),
        ("nothere.png", "no image `nothere.png`"),
        ("broken.png", "is not a readable PNG or JPEG image"),
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
    (root / "templates" / "images" / "house.png").write_bytes(png())  # the deck's copy of the SVG
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
