"""Adding an output is one module, its templates and one registry line (issue 14's proof).

A small extra output (`fixtures/outputs/summary_output.py`) is added to the
registry by one line in a fresh interpreter, and its workers are started with
`spawn`, so they know it only because the runner hands the registry to them.
It is built, fingerprinted (and made again when its template changes),
listed in the archive and the news item's downloads, linked with `@summary`,
and shown in the preview, without any change elsewhere in the package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EXAMPLE, FIXTURES, REPO, copy_series

RUN = """
import multiprocessing, sys
from pathlib import Path
import meetingpress.registry
meetingpress.registry.MODULES.append("summary_output")  # the one line
multiprocessing.set_start_method("spawn", force=True)
if sys.argv[1] == "preview":
    from meetingpress.build.preview import Preview
    from meetingpress.project import Project
    sys.stdout.write(Preview(Project(Path.cwd())).page().decode("utf-8"))
else:
    from meetingpress.cli import main
    sys.exit(main(sys.argv[1:], root=Path.cwd()))
"""

TEMPLATE = "{{ meeting.title.plain }}\n{{ meeting.date|date }}\n"


def run(root, *args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(FIXTURES / "outputs"), str(REPO)])}
    return subprocess.run([sys.executable, "-c", RUN, *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


def test_an_extra_output_is_built_fingerprinted_archived_and_previewed(tmp_path):
    copy_series(tmp_path)
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "2017-sp-5.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "templates" / "summary").mkdir(parents=True)
    (tmp_path / "templates" / "summary" / "summary.txt").write_text(TEMPLATE, encoding="utf-8")

    first = run(tmp_path, "build")
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "output" / "2017-sp-5"
    summary = (folder / "summary.en.txt").read_text(encoding="utf-8")
    assert summary.splitlines()[1] == "23 November 2017" and len(summary.splitlines()[0]) > 20
    for name in ("news.nl.html", "report.en.pdf", "slides.en.pptx"):
        assert (folder / name).is_file(), f"the other outputs are built as before: {name}"

    # fingerprinted: recorded, kept when nothing changed, made again when its template changes
    state = json.loads((tmp_path / "output" / ".meetingpress" / "2017-sp-5.json").read_text(encoding="utf-8"))
    assert "summary.en" in state["outputs"]
    assert state["index"]["files"]["summary.en"] == "summary.en.txt"
    again = run(tmp_path, "build")
    assert again.returncode == 0 and (folder / "summary.en.txt").read_text(encoding="utf-8") == summary
    (tmp_path / "templates" / "summary" / "summary.txt").write_text("Summary: " + TEMPLATE, encoding="utf-8")
    news_before = (folder / "news.nl.html").stat().st_mtime_ns
    changed = run(tmp_path, "build")
    assert changed.returncode == 0, changed.stderr
    assert (folder / "summary.en.txt").read_text(encoding="utf-8") == "Summary: " + summary
    assert "summary.en" in changed.stdout + changed.stderr

    # listed: in the archive, and in the news item's downloads (it lists the other outputs)
    index = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="2017-sp-5/summary.en.txt"' in index and "Summary (English, text)" in index
    news = (folder / "news.nl.html").read_text(encoding="utf-8")
    assert 'href="summary.en.txt"' in news
    assert (folder / "news.nl.html").stat().st_mtime_ns != news_before, "the news item lists its size: made again"

    # shown in the preview
    page = run(tmp_path, "preview")
    assert page.returncode == 0, page.stderr
    assert '<iframe src="/2017-sp-5/summary.en.txt?v=0"' in page.stdout and "Summary (summary.en)" in page.stdout


def test_a_link_to_the_extra_output_is_checked_like_the_others(tmp_path):
    copy_series(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8").replace("[verslag](@report)", "[samenvatting](@summary)", 1)
    assert "(@summary)" in text
    (tmp_path / "content" / "2017-sp-5.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "templates" / "summary").mkdir(parents=True)
    (tmp_path / "templates" / "summary" / "summary.txt").write_text(TEMPLATE, encoding="utf-8")
    checked = run(tmp_path, "check")
    assert checked.returncode == 0, checked.stderr
    typo = text.replace("(@summary)", "(@sumary)")
    (tmp_path / "content" / "2017-sp-5.yaml").write_text(typo, encoding="utf-8")
    refused = run(tmp_path, "check")
    assert refused.returncode == 1 and "@summary" in refused.stderr and "Traceback" not in refused.stderr
