"""Build speed, measured side by side in one run: meetingpress against the pandoc route.

    python benchmarks/bench_build.py [--runs N]

Prints the median of N interleaved runs for each measurement, the peak memory
of each, and the ratios that benchmarks/README.md records:

  (a) cold build of the example      `python build.py` in a fresh project, no outputs yet
  (b) the pandoc route               Markdown generated from the same meeting → HTML, pptx, PDF (WeasyPrint
                                     installed beside this interpreter, called directly as ours is):
                                     the report with a print stylesheet that gives it what ours has (the
                                     bundled fonts, A4 page furniture, contents with page numbers) as PDF/UA;
                                     also measured with pandoc's defaults (b0)
  (w) WeasyPrint alone                `import weasyprint` and the render of the very report (HTML and
                                     stylesheets) that (a) makes, as bench_report.py measures it: the
                                     yardstick, WeasyPrint used as its documentation shows
  (c) warm rebuild after an edit     in one long-lived process with warm workers, as `watch` does: an edit
                                     that every output reads (the title, in both languages); also (c') an
                                     edit to Dutch text only, which the English report and deck do not read
  (d) no-op build                    `python build.py` when nothing changed
  (e) 20 meetings                    one `python build.py` vs. twenty sequential cold builds of one meeting each
  (f) 10× content                    a report with ten times the example's findings
"""

from __future__ import annotations

import argparse
import compileall
import copy
import io
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
sys.path.insert(0, str(REPO))

import bench_report  # noqa: E402  (beside this script)


def project(folder: Path, meetings: dict[str, str]) -> Path:
    """A fresh project: build.py, content/ (with the series files) and the meetings."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "build.py", folder / "build.py")
    (folder / "content").mkdir(exist_ok=True)
    if (REPO / "content" / "series").is_dir():
        shutil.copytree(REPO / "content" / "series", folder / "content" / "series", dirs_exist_ok=True)
    for name, text in meetings.items():
        (folder / "content" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


# The pandoc route's `weasyprint` is the one installed beside this interpreter, called directly as ours is:
# not through a version manager's shim on PATH (pyenv's costs 0.07 s per call), which would slow that route only.
ROUTE_ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB, the largest process of the run) of one command, in a fresh wrapper."""
    wrapper = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
        "d = time.perf_counter() - t;"
        "print(d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(r.returncode)"
    )
    done = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def markdown(meeting_file: Path) -> dict[str, str]:
    """The meeting as pandoc input: a Dutch news item, an English report and English slides, with what ours hold."""
    from meetingpress.loading.read import load
    from meetingpress.loading.series import apply
    from meetingpress.loading.validate import validate

    source, _ = apply(load(meeting_file), meeting_file.parent)
    m = validate(source)

    def doc(lang: str, slides: bool) -> str:
        t = lambda x: x.get(lang) or ""  # noqa: E731
        en = lang == "en"
        organisers = ", ".join(t(name) for name in m.organisers)
        lines = ["---", f'title: "{t(m.title)}"', f'subtitle: "{m.number}. {t(m.series)}"',
                 f'author: "{organisers}"', f'date: "{m.date:%d-%m-%Y}, {t(m.place)}"', f"lang: {lang}", "---", ""]
        if not slides:
            lines += [f"# {'Context and premise' if en else 'Context'}", ""]
        lines += [f'> "{t(m.lead.quote)}" {t(m.lead.source) if m.lead.source else ""}', "", t(m.lead.question), ""]
        lines += ["# " + ("Central questions" if en else "Centrale vragen"), ""]
        lines += [f"{i}. {t(q)}" for i, q in enumerate(m.questions, 1)] + [""]
        if not slides:
            lines += ["# " + ("The meeting" if en else "De bijeenkomst"), ""]
            lines += [f"- {m.date:%d-%m-%Y}, {m.start or ''}–{m.end or ''}", f"- {t(m.place)}", f"- {organisers}", ""]
            lines += [t(paragraph) + "\n" for paragraph in m.intro]
        for group in m.findings.values():
            lines += [f"# {t(group.heading)}", ""] + ([t(group.intro), ""] if group.intro and not slides else [])
            for item in group.items:
                lines += [f"- **{t(item.title)}**" if slides else f"## {t(item.title)}", ""]
                if not slides:
                    lines += [t(item.text), ""] + ([t(item.details), ""] if item.details else [])
        if not slides:
            who = t(m.participants.who) if m.participants.who else ""
            lines += ["# " + ("Participants" if en else "Deelnemers"), "", f"{m.participants.count} {who}", ""]
            if m.resources:
                lines += ["# " + ("Resources" if en else "Meer lezen"), ""]
                lines += [f"- [{t(r.title)}]({r.url})" for r in m.resources] + [""]
        lines += [t(line) + "\n" for line in m.closing]
        return "\n".join(lines) + "\n"

    return {"news": doc("nl", False), "report": doc("en", False), "slides": doc("en", True)}


# The comparable route's print stylesheet: what the pandoc user writes to get what our report has in its place:
# the bundled fonts, A4 pages with a running title and "Page X of Y", contents with page numbers, hyphenation.
PRINT_CSS = """
@font-face { font-family: Lato; src: url(%(fonts)s/Lato-Light.ttf); font-weight: 300; }
@font-face { font-family: Lato; src: url(%(fonts)s/Lato-Regular.ttf); font-weight: 400; }
@font-face { font-family: Lato; src: url(%(fonts)s/Lato-Italic.ttf); font-style: italic; }
@font-face { font-family: Lato; src: url(%(fonts)s/Lato-Bold.ttf); font-weight: 700; }
@font-face { font-family: Lato; src: url(%(fonts)s/Lato-BoldItalic.ttf); font-weight: 700; font-style: italic; }
@page { size: A4; margin: 27mm 22mm 25mm 24mm;
  @top-left { content: string(doctitle); font: 8pt Lato; color: #5b6770; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Lato; color: #5b6770; } }
@page :first { @top-left { content: none; } @bottom-right { content: none; } }
html { font-family: Lato; font-size: 10.5pt; line-height: 1.5; color: #1d2a33; }
body { margin: 0; max-width: none; padding: 0; }
header { break-after: page; }
h1.title { string-set: doctitle content(); font-size: 30pt; font-weight: 300; color: #1f4e79; margin-top: 60mm; }
nav#TOC { break-after: page; }
nav#TOC a { color: inherit; text-decoration: none; }
nav#TOC a::after { content: target-counter(attr(href), page); float: right; }
h1, h2 { color: #1f4e79; break-after: avoid; }
p, li { hyphens: auto; widows: 3; orphans: 3; }
blockquote { margin: 0 0 5mm; padding: 6mm 8mm; background: #e8eef4; border-left: 1.5mm solid #e07b24; }
"""


def pandoc_route(folder: Path, comparable: bool) -> list[list[str]]:
    """pandoc's commands for the three outputs; `comparable`: a report with what ours has (see PRINT_CSS), PDF/UA."""
    docs = markdown(folder / "content" / "a.yaml")
    for name, text in docs.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    report = ["pandoc", "report.md", "-s", "-o", "report.pdf", "--pdf-engine=weasyprint", "--toc"]
    if comparable:
        fonts = (REPO / "templates" / "fonts").as_uri()
        (folder / "print.css").write_text(PRINT_CSS % {"fonts": fonts}, encoding="utf-8")
        report += ["--css", "print.css", "--pdf-engine-opt=--pdf-variant=pdf/ua-1"]
    return [
        ["pandoc", "news.md", "-s", "-o", "news.html"],
        ["pandoc", "slides.md", "-o", "slides.pptx"],
        report,
    ]


def sequence(commands: list[list[str]], cwd: Path) -> tuple[float, float]:
    total, peak = 0.0, 0.0
    for command in commands:
        seconds, memory = timed(command, cwd, ROUTE_ENV)
        total, peak = total + seconds, max(peak, memory)
    return total, peak


def ten_times(text: str) -> str:
    """The example with every group's items repeated ten times."""
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(text)
    for group in data["findings"].values():
        group["items"] = [copy.deepcopy(item) for _ in range(10) for item in group["items"]]
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# (c) edits the title in both languages: every output (news item, report, deck) must be made again.
# (c') edits a Dutch text only: the news item is made again; the English report and deck are kept.
EDITS = {
    "c": lambda text, i: text.replace("nl: Zijn we effectiever", f"nl: {i} Zijn we effectiever").replace(
        "en: Are we more effective", f"en: {i} Are we more effective"),
    "c'": lambda text, i: text.replace("nl: Nieuws", f"nl: Nieuws {i}"),
}


def warm_rebuilds(folder: Path, runs: int) -> dict[str, list[float]]:
    """Edit the meeting and rebuild in this process, with one warm pool, as `watch` does: each kind of edit in
    turn; every rebuild is checked to have written what that edit changes."""
    from meetingpress.build.pipeline import build
    from meetingpress.build.runner import Runner
    from meetingpress.project import Project

    proj = Project(folder)
    meeting = folder / "content" / "a.yaml"
    original = meeting.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    expected = {"c": 3, "c'": 1}  # outputs written (news, report, deck / news), besides the archive page
    with Runner(warm=True) as runner:
        build(proj, [meeting], runner=runner, force=True)
        for i in range(runs):
            text = original
            for kind, edit in EDITS.items():  # (c') edits what (c) left
                edited = edit(text, f"{kind}{i}")
                assert edited != text
                meeting.write_text(edited, encoding="utf-8")
                text = edited
                start = time.perf_counter()
                result = build(proj, [meeting], runner=runner)
                times[kind].append(time.perf_counter() - start)
                made = {w.path.name.split(".")[0] for w in result.written if w.path.parent.name == "a"}
                if len(made) != expected[kind]:
                    raise SystemExit(f"({kind}) rebuilt {sorted(made)}, expected {expected[kind]} outputs")
    return times


def main() -> None:
    # Our modules as an installed package has them: byte-compiled, as pip does for WeasyPrint and the rest
    # (where PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile them again in every process).
    compileall.compile_dir(REPO / "meetingpress", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = EXAMPLE.read_text(encoding="utf-8")
    have_pandoc = shutil.which("pandoc") is not None
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in "abdef"}
    results["b0"] = []
    results["e20"] = []
    results["w"] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        html, base_url, css, sheet = bench_report.save_html(bench_report.make_project(tmp / "alone"), tmp)
        alone = [sys.executable, "-c", bench_report.WEASYPRINT_ALONE, str(html), base_url, str(css), str(sheet),
                 str(tmp / "alone.pdf")]
        for run in range(args.runs):
            base = tmp / f"run{run}"
            cold = project(base / "cold", {"a": text})
            results["a"].append(timed([sys.executable, "build.py"], cold))
            results["d"].append(timed([sys.executable, "build.py"], cold))
            results["w"].append(timed(alone, tmp))
            if have_pandoc:
                route = project(base / "pandoc", {"a": text})
                results["b"].append(sequence(pandoc_route(route, comparable=True), route))
                plain = project(base / "pandoc-plain", {"a": text})
                results["b0"].append(sequence(pandoc_route(plain, comparable=False), plain))
            many = project(base / "many", {f"m{i:02d}": text for i in range(20)})
            results["e"].append(timed([sys.executable, "build.py"], many))
            singles = [project(base / f"single{i}", {f"m{i:02d}": text}) for i in range(20)]
            results["e20"].append(
                (sum(timed([sys.executable, "build.py"], s)[0] for s in singles), 0.0)
            )
            big = project(base / "big", {"a": ten_times(text)})
            results["f"].append(timed([sys.executable, "build.py"], big))
        warm = warm_rebuilds(project(tmp / "warm", {"a": text}), args.runs)

    med = {k: statistics.median(t for t, _ in v) for k, v in results.items() if v}
    peak = {k: max(m for _, m in v) for k, v in results.items() if v}
    for kind, times in warm.items():
        med[kind] = statistics.median(times)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"runs: {args.runs} (interleaved; medians)\n")
    rows = [
        ("a", "cold build of the example"),
        ("w", "WeasyPrint alone, our report"),
        ("b", "pandoc route, comparable report"),
        ("b0", "pandoc route, pandoc's defaults"),
        ("c", "warm rebuild, edit read by every output"),
        ("c'", "warm rebuild, Dutch-only edit"),
        ("d", "no-op build"),
        ("e", "20 meetings, one build"),
        ("e20", "20 sequential cold builds"),
        ("f", "10x content"),
    ]
    for key, label in rows:
        if key in med:
            memory = f"{peak[key]:7.0f} MB peak" if peak.get(key) else ""
            tag = key if key == "c'" else key[0]
            print(f"({tag}) {label:38s} {med[key]:7.3f} s  {memory}")
    print()
    if "b" in med:
        for key, target, label in (("d", 0.10, "no-op"),):
            print(f"{label + ' / pandoc':22s} {med[key] / med['b']:.2f}   (target <= {target:.2f}; "
                  f"against pandoc's defaults {med[key] / med['b0']:.2f})")
        yardstick = med["w"] / med["b"]
        print(f"{'WeasyPrint / pandoc':22s} {yardstick:.2f}   (the yardstick of (a): WeasyPrint's import and render)")
        dutch = med["c'"] / med["b"]
        print(f"{'Dutch-only / pandoc':22s} {dutch:.2f}   (no target; (c') for comparison)")
    else:
        print("pandoc not installed: the pandoc ratios are not measured")
    print(f"{'cold / WeasyPrint alone':22s} {med['a'] / med['w']:.2f}   (target <= 1.20: (a) / (w))")
    print(f"20 meetings / 20 cold  {med['e'] / med['e20']:.2f}   (target <= 0.35)")
    print(f"10x content / example  {med['f'] / med['a']:.2f}   (target <= 4.5; peak {peak['f']:.0f} MB, target <= 250)")


if __name__ == "__main__":
    main()
