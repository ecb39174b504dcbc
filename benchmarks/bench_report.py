"""The report's cost against WeasyPrint's own, measured side by side in one run.

    python benchmarks/bench_report.py [--runs N]

Three commands, each run as a fresh process, interleaved, N times (default 7):

  ours       `python build.py --force` in a temporary copy of the example whose outputs are the English
             report only (the closing line's @slides link is unlinked, since no deck is built)
  weasyprint `import weasyprint` + rendering the very HTML and stylesheets our renderer produces (saved to
             files) to PDF/UA-1
  check      `python build.py check` in the same project: start-up, imports, loading and validation, no
             rendering; the part of `ours` spent before any report code runs

Prints the medians and the ratio ours / weasyprint (target: at most 1.20, as for the whole cold build in
bench_build.py), with the machine it ran on.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "2017-sp-5.yaml"
MEETING = EXAMPLE.stem
REPORT_ONLY = "\noutputs:\n  news: []\n  report: [en]\n  slides: []\n"
sys.path.insert(0, str(REPO))

WEASYPRINT_ALONE = """
import sys
import weasyprint
from weasyprint.text.fonts import FontConfiguration
html, base_url, css, sheet, target = sys.argv[1:6]
fonts = FontConfiguration()
styles = [weasyprint.CSS(filename=name, base_url=url, font_config=fonts) for name, url in ((css, base_url), (sheet, None))]
weasyprint.HTML(filename=html, base_url=base_url).write_pdf(
    target, stylesheets=styles, font_config=fonts, pdf_variant="pdf/ua-1", pdf_identifier=b"0" * 32
)
"""


def make_project(folder: Path) -> Path:
    """A fresh project with build.py and the example, building the English report only."""
    folder.mkdir(parents=True)
    shutil.copy(REPO / "build.py", folder / "build.py")
    shutil.copytree(REPO / "content", folder / "content")
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("[presentatie](@slides)", "presentatie").replace("[presentation](@slides)", "presentation")
    (folder / "content" / EXAMPLE.name).write_text(text + REPORT_ONLY, encoding="utf-8")
    return folder


def save_html(root: Path, folder: Path) -> tuple[Path, str, Path, Path]:
    """What our renderer hands to WeasyPrint for this project: the HTML (written to `folder`), its base URL, the
    generated stylesheet (theme colours, font faces, footer; written to `folder`) and the print stylesheet."""
    from meetingpress.build.plan import jobs
    from meetingpress.outputs.report import page as report
    from meetingpress.project import Project
    from meetingpress.translation.ready import load_all

    project = Project(root)
    (item,) = load_all(project, [root / "content" / EXAMPLE.name])
    (job,) = [job for name, job in jobs(project, item) if name == "report"]
    page = report.prepare(job)
    html, css = folder / "report.html", folder / "generated.css"
    html.write_text(page.html, encoding="utf-8")
    css.write_text(page.css, encoding="utf-8")
    return html, page.base_url, css, page.stylesheet


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout}{done.stderr}")
    return seconds


def main() -> None:
    # Our modules as an installed package has them: byte-compiled, as pip does for WeasyPrint and the rest
    # (where PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile them again in every process).
    compileall.compile_dir(REPO / "meetingpress", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        root = make_project(temp / "project")
        html, base_url, css, sheet = save_html(root, temp)
        ours_cmd = [sys.executable, "build.py", "--force"]
        check_cmd = [sys.executable, "build.py", "check"]
        alone_cmd = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), base_url, str(css), str(sheet),
                     str(temp / "alone.pdf")]
        timed(ours_cmd, root, env)  # warm the OS file cache for both before measuring
        timed(alone_cmd, temp, env)
        ours, alone, check = [], [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, root, env))
            alone.append(timed(alone_cmd, temp, env))
            check.append(timed(check_cmd, root, env))
        written = root / "output" / MEETING / "report.en.pdf"
        assert written.is_file(), "the build wrote no report"
    import weasyprint

    ours_median, alone_median = statistics.median(ours), statistics.median(alone)
    print(
        f"machine:    {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, {platform.system()}"
    )
    print(f"runs:       {args.runs}, interleaved, each a fresh process")
    print(f"ours:       median {ours_median:.2f} s  (python build.py --force, English report only)")
    print(f"weasyprint: median {alone_median:.2f} s  (import weasyprint + render the same HTML)")
    check_median = statistics.median(check)
    print(f"check:      median {check_median:.2f} s  (python build.py check: start-up, load, validate)")
    rest = ours_median - check_median
    print(f"ours−check: {rest:.2f} s = {rest / alone_median:.2f} × weasyprint  (the report's own path: worker, render)")
    ratio = ours_median / alone_median
    print(f"ratio:      {ratio:.2f}  (target ≤ 1.20: {'met' if ratio <= 1.20 else 'NOT met'})")


if __name__ == "__main__":
    main()
