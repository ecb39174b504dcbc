"""A warm worker (`watch`, `serve`) keeps the report's font configuration and parsed stylesheets between builds.

What it keeps is used only while nothing it is made of changed, and a report
made with it is byte for byte the one a fresh process makes.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from test_report import REPO, report_jobs
from test_report_fetcher import tiny_project

from meetingpress.outputs.report import page as report
from meetingpress.outputs.report import pdf as report_pdf
from meetingpress.outputs.report.fetch import ConfinedFetcher

COLD = """
import pickle, sys
from meetingpress.outputs.report import pdf as report_pdf
page = pickle.loads(open(sys.argv[1], "rb").read())
sys.stdout.buffer.write(report_pdf.finish(page)[page.output])
"""


def kept(page):
    """What `finish` would use for this page now (kept, or parsed afresh)."""
    return report_pdf.styles(page, ConfinedFetcher(page.folders))[1]


def test_kept_while_unchanged_and_the_same_pdf_as_a_fresh_process(tmp_path):
    project = tiny_project(tmp_path / "project")
    page = report.prepare(report_jobs(project)["en"])
    first = report_pdf.finish(page)[page.output]
    styles = kept(page)
    assert kept(page) is styles  # the same font configuration and stylesheet objects, not parsed again
    assert report_pdf.finish(page)[page.output] == first
    (tmp_path / "page.pickle").write_bytes(pickle.dumps(page))
    cold = subprocess.run([sys.executable, "-c", COLD, str(tmp_path / "page.pickle")], capture_output=True, check=True)
    assert cold.stdout == first


def test_an_edited_stylesheet_or_theme_is_parsed_again(tmp_path):
    project = tiny_project(tmp_path / "project")
    page = report.prepare(report_jobs(project)["en"])
    first = report_pdf.finish(page)[page.output]
    styles = kept(page)
    sheet = tmp_path / "project" / "templates" / "report" / "report.css"
    sheet.write_text((REPO / "templates" / "report" / "report.css").read_text(encoding="utf-8")
                     + "\nh1 { color: #123456; }\n", encoding="utf-8")
    edited = report.prepare(report_jobs(project)["en"])
    assert edited.stylesheet == sheet.resolve()
    assert kept(edited) is not styles
    assert report_pdf.finish(edited)[edited.output] != first
    theme = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8").replace('"#1f4e79"', '"#7a1f5c"')
    (tmp_path / "project" / "templates" / "theme.yaml").write_text(theme, encoding="utf-8")
    themed = report.prepare(report_jobs(project)["en"])
    assert themed.css != edited.css and kept(themed) is not kept(edited)
