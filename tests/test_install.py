"""The wheel, as a user installs it: built from a copy of this repository, installed into a fresh virtual
environment, and run from other folders with no file of this repository on the path.

The environment's own packages (with --system-site-packages, and the test run's site-packages as plain path
entries) give the dependencies, so nothing is downloaded but what the wheel's build needs (setuptools and
babel).  Slow (a minute or so): marked `slow`, and run by default, in CI too.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, copy_series
from test_build import snapshot
from test_concurrency import OUTPUTS

pytestmark = pytest.mark.slow
_NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv*", "venv*", "output", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache",
    ".hypothesis", "*.mo", "tests", "benchmarks",
)


def NOT_SHIPPED(folder: str, names: list[str]) -> set[str]:
    """What the copy leaves out: the checkout's own files, and the build/ a wheel's build writes at its top (not
    the package's meetingpress/build/)."""
    return set(_NOT_SHIPPED(folder, names)) | ({"build"} if Path(folder) == REPO else set())


@dataclass(frozen=True)
class Installed:
    venv: Path

    @property
    def command(self) -> Path:
        return self.venv / "bin" / "meetingpress"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *argv, cwd: Path) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        return subprocess.run([*argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _check(run: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert run.returncode == 0, f"{run.args}\n{run.stdout}\n{run.stderr}"
    return run


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED, symlinks=True)  # the build writes build/: not in ours
    _check(subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(work)],
                          capture_output=True, text=True, cwd=work, timeout=600))
    [wheel] = work.glob("meetingpress-*.whl")
    venv = work / "venv"
    _check(subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], capture_output=True,
                          text=True, cwd=work, timeout=300))
    ours = [Path(p) for p in {*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}]
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(subprocess.run([str(venv / "bin" / "python"), "-c", where], capture_output=True, text=True,
                                  check=True).stdout.strip())
    # This test run's packages (maybe in the checkout's .venv/), as plain path entries after the venv's own: their
    # .pth files are not run, so an editable install of meetingpress stays out.
    (purelib / "test-run-packages.pth").write_text(
        "".join(f"{p}\n" for p in ours if p.is_dir() and p.resolve() != REPO), encoding="utf-8")
    done = Installed(venv)
    _check(done.run(str(done.python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel), cwd=work))
    return done


def test_the_installed_package_holds_everything_and_nothing_of_the_checkout(installed, tmp_path):
    code = ("import sys, meetingpress, meetingpress.paths as p; print(meetingpress.__file__); print(p.HOME); "
            "print(*sys.path, sep='\\n')")
    lines = _check(installed.run(str(installed.python), "-c", code, cwd=tmp_path)).stdout.splitlines()
    package, home, path = Path(lines[0]), Path(lines[1]), lines[2:]
    assert package.is_relative_to(installed.venv) and home == package.parent / "_builtin"
    elsewhere = [Path(entry) for entry in path if entry and not Path(entry).resolve().is_relative_to(installed.venv)]
    assert not [entry for entry in elsewhere if entry.resolve() == REPO or (entry / "meetingpress").exists()]
    shipped = {p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()}
    assert {"templates/theme.yaml", "templates/fonts/OFL.txt", "templates/fonts/Lato-Regular.ttf",
            "schemas/meeting.schema.json", "schemas/series.schema.json",
            "locales/nl/LC_MESSAGES/messages.mo", "locales/en/LC_MESSAGES/messages.mo"} <= shipped
    assert {p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*") if p.is_file()} == {
        name.removeprefix("templates/") for name in shipped if name.startswith("templates/")}
    version = _check(installed.run(str(installed.command), "--version", cwd=tmp_path)).stdout
    assert version.startswith("meetingpress ")
    assert _check(installed.run(str(installed.python), "-m", "meetingpress", "--version", cwd=tmp_path)).stdout == version


def test_init_then_a_draft_build_makes_all_three_outputs(installed, tmp_path):
    folder = tmp_path / "our-meetings"
    folder.mkdir()
    made = _check(installed.run(str(installed.command), "init", cwd=folder))
    assert "meetingpress build --draft" in made.stdout
    built = _check(installed.run(str(installed.command), "build", "--draft", cwd=folder))
    outputs = folder / "output" / "_drafts" / "learning-meetings-1"  # a draft never lands among the published
    for name in ("news.nl.html", "report.en.pdf", "slides.en.pptx"):
        assert (outputs / name).stat().st_size > 1000, built.stdout
    assert (outputs / "report.en.pdf").read_bytes().startswith(b"%PDF-")
    checked = installed.run(str(installed.command), "check", cwd=folder)
    assert checked.returncode == 1 and "still TODO" in checked.stderr
    again = installed.run(str(installed.command), "init", cwd=folder)
    assert again.returncode == 2 and "init changes nothing" in again.stderr


def example_project(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "2017-sp-5.yaml", root / "content")
    copy_series(root)
    if (REPO / "content" / "2017-sp-5").is_dir():
        shutil.copytree(REPO / "content" / "2017-sp-5", root / "content" / "2017-sp-5")
    return root


def test_the_wheel_builds_the_example_byte_for_byte_as_the_checkout_does(installed, tmp_path):
    from_wheel = example_project(tmp_path / "installed")
    _check(installed.run(str(installed.command), "build", cwd=from_wheel))
    from_checkout = example_project(tmp_path / "checkout")
    shutil.copy(REPO / "build.py", from_checkout / "build.py")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    _check(subprocess.run([sys.executable, "build.py"], cwd=from_checkout, env=env, capture_output=True, text=True))
    assert sorted(snapshot(from_wheel / "output")) == OUTPUTS
    assert snapshot(from_wheel / "output") == snapshot(from_checkout / "output")
