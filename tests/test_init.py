"""`meetingpress init [FOLDER]`: a project to start from; a folder with meeting files is left as it is.
And the program's name: help and hints say how it was started."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from meetingpress import __version__
from meetingpress.cli import main

MADE = [
    ".gitignore",
    "README.md",
    "content/learning-meetings-1.yaml",
    "content/series/learning-meetings.yaml",
    "schemas/meeting.schema.json",
    "schemas/series.schema.json",
    "templates/README.md",
]


def files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_makes_a_project_whose_first_meeting_passes_a_draft_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "ours"]) == 0
    root = tmp_path / "ours"
    assert sorted(files(root)) == MADE
    out = capsys.readouterr().out
    assert "wrote content/learning-meetings-1.yaml" in out
    assert "Next: cd ours && meetingpress build --draft" in out
    assert "/output/" in (root / ".gitignore").read_text().splitlines()
    readme = (root / "templates" / "README.md").read_text()
    assert "`news/news.css`" in readme and "`theme.yaml`" in readme
    assert main(["check", "--draft"], root=root) == 0
    assert main(["check"], root=root) == 1  # every TODO is still to write
    assert "content/learning-meetings-1.yaml" in capsys.readouterr().err


def test_init_in_a_folder_with_content_changes_nothing_and_says_so(example_copy, capsys):
    before = files(example_copy.root)
    assert example_copy.run("init") == 2
    err = capsys.readouterr().err
    assert "already has meeting files in content/; init changes nothing there" in err
    assert files(example_copy.root) == before
    assert main(["init", str(example_copy.root)]) == 2
    assert files(example_copy.root) == before


def test_init_keeps_the_files_a_folder_has(tmp_path, capsys):
    (tmp_path / "README.md").write_text("Our own readme\n")
    (tmp_path / ".gitignore").write_text("*.tmp\n")
    (tmp_path / "content").mkdir()  # empty: no meetings yet
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "README.md").read_text() == "Our own readme\n"
    assert (tmp_path / ".gitignore").read_text().splitlines()[0] == "*.tmp"
    assert "/output/" in (tmp_path / ".gitignore").read_text().splitlines()
    assert "kept README.md as it was" in capsys.readouterr().out
    assert main(["check", "--draft"], root=tmp_path) == 0


def test_init_refuses_a_file(tmp_path, capsys):
    (tmp_path / "x").write_text("")
    assert main(["init", str(tmp_path / "x")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_help_and_hints_name_the_program_as_it_was_started(tmp_path, capsys):
    assert main(["--help"], prog="meetingpress") == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: meetingpress ") and "init" in out
    assert main(["new", "--help"], prog="python build.py") == 0
    assert capsys.readouterr().out.startswith("usage: python build.py new ")
    assert main(["init", str(tmp_path / "p")], prog="python -m meetingpress") == 0
    assert "python -m meetingpress build --draft" in capsys.readouterr().out
    first = (tmp_path / "p" / "content" / "learning-meetings-1.yaml").read_text()
    assert "`python -m meetingpress check` lists the ones left" in first
    assert main(["build"], root=tmp_path / "nothing-here") == 2
    assert "start a project with `meetingpress init`" in capsys.readouterr().err


def test_build_py_and_python_m_meetingpress(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("usage: python build.py ")
    run = subprocess.run([sys.executable, "-m", "meetingpress", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, f"meetingpress {__version__}\n")
    run = subprocess.run([sys.executable, "-m", "meetingpress", "check"], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2 and "`python -m meetingpress init`" in run.stderr
