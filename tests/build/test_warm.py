"""A warm worker (`watch`, `serve`) makes the same report as a fresh process, however many it made before.

The worker keeps WeasyPrint imported; nothing of one report is kept for the
next (a stylesheet cache and a warm-up PDF bought too little to keep:
benchmarks/README.md).
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from test_report import report_jobs
from test_report_fetcher import tiny_project

from meetingpress.outputs.report import page as report
from meetingpress.outputs.report import pdf as report_pdf

COLD = """
import pickle, sys
from meetingpress.outputs.report import pdf as report_pdf
page = pickle.loads(open(sys.argv[1], "rb").read())
sys.stdout.buffer.write(report_pdf.finish(page)[page.output])
"""


def test_a_warm_worker_makes_the_report_a_fresh_process_makes(tmp_path):
    project = tiny_project(tmp_path / "project")
    page = report.prepare(report_jobs(project)["en"])
    first = report_pdf.finish(page)[page.output]
    assert report_pdf.finish(page)[page.output] == first
    (tmp_path / "page.pickle").write_bytes(pickle.dumps(page))
    cold = subprocess.run([sys.executable, "-c", COLD, str(tmp_path / "page.pickle")], capture_output=True, check=True)
    assert cold.stdout == first


def test_an_edited_stylesheet_is_read_again(tmp_path):
    project = tiny_project(tmp_path / "project")
    page = report.prepare(report_jobs(project)["en"])
    first = report_pdf.finish(page)[page.output]
    sheet = tmp_path / "project" / "templates" / "report" / "report.css"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(page.stylesheet.read_text(encoding="utf-8") + "\nh1 { color: #123456; }\n", encoding="utf-8")
    edited = report.prepare(report_jobs(project)["en"])
    assert edited.stylesheet == sheet.resolve()
    assert report_pdf.finish(edited)[edited.output] != first
