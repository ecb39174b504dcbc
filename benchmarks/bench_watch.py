"""Save → updated output in a running `watch`, as an editor feels it.

    python benchmarks/bench_watch.py [--runs N]

Starts `python build.py watch` (no `--draft`) in a fresh copy of the example
without a sync record, waits for its first build, then saves the meeting file
again and again and measures, from the moment the file is written, until the
output carries the edit:

  (g) a save that changes Dutch text only, until `news.nl.html` holds the new word;
  (h) a save that changes English text only, until `report.en.pdf` holds it (read with pdftotext).

The edits alternate, so every save leaves nothing stale (one language changed,
no sync record).  Prints the median of each, and the ratio to the targets of
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "2017-sp-5.yaml"
DUTCH = "    nl: Maar klopt deze aanname?"
ENGLISH = "    en: But does this assumption hold?"
TARGETS = {"g": 0.3, "h": 1.0}


def project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "build.py", folder / "build.py")
    shutil.copytree(REPO / "content" / "series", folder / "content" / "series")
    shutil.copy(EXAMPLE, folder / "content" / EXAMPLE.name)
    return folder


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


def carries(pdf: Path, word: str, seen: dict) -> bool:
    """Whether the PDF holds `word`; read again only when the file was replaced (a rename gives a new inode)."""
    try:
        stamp = (pdf.stat().st_ino, pdf.stat().st_mtime_ns)
    except FileNotFoundError:
        return False
    if seen.get("stamp") != stamp:
        seen["stamp"], seen["text"] = stamp, pdf_text(pdf)
    return word in seen["text"]


def wait_for(check, limit: float = 60.0) -> float:
    """Seconds until `check()` is true (polled every 5 ms)."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > limit:
            raise SystemExit("the output did not change within a minute")
        time.sleep(0.005)
    return time.perf_counter() - start


def main() -> None:
    compileall.compile_dir(REPO / "meetingpress", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext (poppler-utils) is needed to read the report")
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp) / "p")
        meeting = folder / "content" / EXAMPLE.name
        news = folder / "output" / "2017-sp-5" / "news.nl.html"
        report = folder / "output" / "2017-sp-5" / "report.en.pdf"
        watch = subprocess.Popen([sys.executable, "build.py", "watch"], cwd=folder, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_for(lambda: news.is_file() and report.is_file(), limit=120)
            time.sleep(1.0)  # the first build's archive page and record
            times: dict[str, list[float]] = {"g": [], "h": []}
            seen: dict = {}
            text = meeting.read_text(encoding="utf-8")
            for run in range(args.runs):
                word = f"Dutch{run}x"
                text = text.replace(DUTCH, f"{DUTCH} {word}", 1)
                meeting.write_text(text, encoding="utf-8")
                times["g"].append(wait_for(lambda w=word: w in news.read_text(encoding="utf-8")))
                time.sleep(0.5)
                word = f"English{run}x"
                text = text.replace(ENGLISH, f"{ENGLISH} {word}", 1)
                meeting.write_text(text, encoding="utf-8")
                times["h"].append(wait_for(lambda w=word: carries(report, w, seen)))
                time.sleep(0.5)
        finally:
            watch.terminate()
            watch.wait(timeout=30)
    print(f"runs: {args.runs} (medians); a running `watch`, no --draft, no sync record")
    for key, label in (("g", "save → news item updated (Dutch edit)"), ("h", "save → report updated (English edit)")):
        median = statistics.median(times[key])
        print(f"({key}) {label:42s} {median:6.3f} s   (target <= {TARGETS[key]:.1f} s)")


if __name__ == "__main__":
    main()
