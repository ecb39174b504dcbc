"""What each piece of speed machinery buys, measured by leaving it out.

    python benchmarks/bench_machinery.py [--runs N]

Each piece is kept only if it buys at least 10 % of a latency users feel: the
cold build, or the time from a save to an updated output in a running
`watch`.  Every variant runs meetingpress as a fresh process whose start-up
first leaves one piece out (it replaces one function, in that process only,
before the command runs; the workers inherit it, as they are forked), so the
package itself holds no switch for it.  Interleaved, N times (default 5):

cold build: `build --force` of the example (news item, report, deck) in a temporary project
  as is
  no head start    one pool of workers, none started before the meeting is loaded, the report made in one
                   step (`runner.default_lanes` → one lane): no workers of the report's own, no preload
  no soname import WeasyPrint imported the usual way, its C libraries looked for by `ldconfig`, `gcc` and `ld`
                   (outputs/report/engine.py)

save → output in a running `watch` (as bench_watch.py: (g) Dutch edit → news item, (h) English edit → report)
  as is
  no content key   an output is kept only when its files' key is unchanged (every edit remakes all)

no-op build: `build` of the example once it is built
  as is
  no lazy console  rich is imported at start-up, as a console made at import would

Pieces measured before and removed (see benchmarks/README.md): the report's stylesheet cache, gc.freeze (in
the workers, before they are started, at exit), the warm-up PDF of `watch`'s report worker.

Prints each median and what the piece buys, as a share of the latency without it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_watch import DUTCH, ENGLISH, carries, project, wait_for

REPO = Path(__file__).resolve().parent.parent

LEAVE_OUT = {
    "as is": "",
    "no head start": (
        "from meetingpress.build import runner\n"
        "runner.default_lanes = lambda workers, warm=False: (runner.Lane(workers),)\n"
    ),
    "no content key": (
        "import os\nfrom meetingpress.build import records\n"
        "records.content_key = lambda *args, **kwargs: os.urandom(8).hex()\n"
    ),
    "no lazy console": "import rich.console  # noqa: F401\n",
    "no soname import": (  # engine.py's replacement of find_library does not take: every name is searched
        "import ctypes.util, sys, types\n"
        "class Searching(types.ModuleType):\n"
        "    def __setattr__(self, name, value):\n"
        "        if name != 'find_library':\n"
        "            super().__setattr__(name, value)\n"
        "sys.modules['ctypes.util'].__class__ = Searching\n"
    ),
}
START = """
import multiprocessing, sys
from pathlib import Path
multiprocessing.set_start_method("fork", force=True)
{leave_out}
from meetingpress.cli import main
sys.exit(main(sys.argv[1:], root=Path.cwd(), prog="python build.py"))
"""


def command(variant: str, *args: str) -> list[str]:
    return [sys.executable, "-c", START.format(leave_out=LEAVE_OUT[variant]), *args]


def cold(variant: str, folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command(variant, "--force"), cwd=folder, check=True, capture_output=True)
    return time.perf_counter() - start


def start_watch(variant: str, folder: Path) -> subprocess.Popen:
    watch = subprocess.Popen(command(variant, "watch"), cwd=folder, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    time.sleep(3.0)  # the workers started and warmed (or not); the first build found nothing to do
    return watch


def save(meeting: Path, line: str, word: str) -> None:
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace(line, f"{line} {word}", 1), encoding="utf-8")


def watched(variant: str, folder: Path, runs: int) -> dict[str, list[float]]:
    """(g) and (h) for each of `runs` pairs of saves in one running `watch`, on a project built before."""
    meeting = folder / "content" / "2017-sp-5.yaml"
    news = folder / "output" / "2017-sp-5" / "news.nl.html"
    report = folder / "output" / "2017-sp-5" / "report.en.pdf"
    subprocess.run(command(variant), cwd=folder, check=True, capture_output=True)
    times: dict[str, list[float]] = {"g": [], "h": []}
    seen: dict = {}
    watch = start_watch(variant, folder)
    try:
        for run in range(runs):
            save(meeting, ENGLISH, f"English{run}x")
            times["h"].append(wait_for(lambda w=f"English{run}x": carries(report, w, seen)))
            time.sleep(0.5)
            save(meeting, DUTCH, f"Dutch{run}x")
            times["g"].append(wait_for(lambda w=f"Dutch{run}x": w in news.read_text(encoding="utf-8")))
            time.sleep(0.5)
    finally:
        watch.terminate()
        watch.wait(timeout=30)
    return times


def noop(variant: str, folder: Path) -> float:
    """A build with nothing to do, after a first build."""
    subprocess.run(command(variant), cwd=folder, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(command(variant), cwd=folder, check=True, capture_output=True)
    return time.perf_counter() - start


def share(with_it: float, without: float) -> str:
    return f"{(without - with_it) / without:6.1%} of {without:.3f} s"


def main() -> None:
    compileall.compile_dir(REPO / "meetingpress", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    cold_variants = ("as is", "no head start", "no soname import")
    watch_variants = ("as is", "no content key")
    noop_variants = ("as is", "no lazy console")
    cold_times: dict[str, list[float]] = {v: [] for v in cold_variants}
    noop_times: dict[str, list[float]] = {v: [] for v in noop_variants}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for i, variant in enumerate(cold_variants):
                cold_times[variant].append(cold(variant, project(Path(tmp) / f"cold-{run}-{i}")))
            for i, variant in enumerate(noop_variants):
                noop_times[variant].append(noop(variant, project(Path(tmp) / f"noop-{run}-{i}")))
        watch_times = {v: watched(v, project(Path(tmp) / f"watch-{i}"), args.runs) for i, v in enumerate(watch_variants)}
    print(f"runs: {args.runs} (medians), {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    rows = [("cold build", cold_times)] + [(f"({key})", {v: watch_times[v][key] for v in watch_variants})
                                           for key in ("g", "h")] + [("no-op", noop_times)]
    for what, times in rows:
        base = statistics.median(times["as is"])
        print(f"{what:10s} as is                  {base:6.3f} s")
        for variant, values in times.items():
            if variant != "as is":
                median = statistics.median(values)
                print(f"{what:10s} {variant:22s} {median:6.3f} s   the piece buys {share(base, median)}")


if __name__ == "__main__":
    main()
