"""Shared fixtures: small projects built in tmp_path; nothing touches the real output/."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from meetingpress.cli import main
from meetingpress.project import Project

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "2017-sp-5.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SERIES_START = """\
name:
  nl: leerbijeenkomst voor Strategische Partnerschappen
  en: learning meeting on Strategic Partnerships
organisers:
  - Partos
outputs:
  news: [nl, en]
"""
"""The start of a series file the tests share (each adds what it tests: findings, base_url, …)."""


def pytest_addoption(parser):
    parser.addoption(
        "--start-method", choices=("fork", "forkserver", "spawn"), default=None,
        help="start the build's worker processes this way (multiprocessing.set_start_method); CI also runs the "
        "suite with spawn, the only method on Windows and the default on macOS",
    )


def pytest_configure(config):
    method = config.getoption("--start-method")
    if method:
        multiprocessing.set_start_method(method, force=True)


@pytest.fixture(autouse=True, scope="session")
def template_cache(tmp_path_factory):
    """The user's cache folder is one of the test run (builds in subprocesses too): a test that made meetingpress
    keep something there (test_templating.py checks that nothing is) never touches the user's."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = saved


def copy_series(root: Path) -> None:
    """The example's series files, which the example meeting inherits from."""
    shutil.copytree(REPO / "content" / "series", Path(root) / "content" / "series", dirs_exist_ok=True)


class FixtureProject:
    """A throw-away project folder: content/, optional templates/, output/."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True, exist_ok=True)

    @property
    def project(self) -> Project:
        return Project(self.root)

    @property
    def output(self) -> Path:
        return self.root / "output"

    def add(self, name: str, text: str | bytes) -> Path:
        """Write content/<name> (a meeting file, or an asset under content/<id>/)."""
        path = self.root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_example(self, name: str = "2017-sp-5.yaml", edit=None) -> Path:
        text = EXAMPLE.read_text(encoding="utf-8")
        if edit:
            text = edit(text)
        copy_series(self.root)
        return self.add(name, text)

    def template(self, name: str, text: str | bytes) -> Path:
        path = self.root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def run(self, *argv: str) -> int:
        return main(list(argv), root=self.root)


@pytest.fixture
def fixture_project(tmp_path, monkeypatch) -> FixtureProject:
    monkeypatch.chdir(tmp_path)
    return FixtureProject(tmp_path / "project")


@pytest.fixture
def example_copy(fixture_project) -> FixtureProject:
    fixture_project.add_example()
    assets = REPO / "content" / "2017-sp-5"
    if assets.is_dir():
        shutil.copytree(assets, fixture_project.root / "content" / "2017-sp-5")
    return fixture_project
