"""A symbolic link inside output/ never takes a build out of it: nothing is written or deleted where it leads."""

from __future__ import annotations

import pytest
from test_build import news_only
from test_hostile_content import files


@pytest.fixture
def elsewhere(fixture_project):
    """A folder outside the project holding a file named like a build's leftover, a dot-file and a page."""
    folder = fixture_project.root.parent / "elsewhere"
    folder.mkdir()
    for name in (".news.nl.html.abcd1234.tmp", ".htaccess", "news.nl.html"):
        (folder / name).write_text(f"{name}: someone else's", encoding="utf-8")
    return folder


def test_a_meeting_folder_that_is_a_link_is_refused(fixture_project, elsewhere, capsys):
    fixture_project.add_example("a.yaml", edit=news_only)
    fixture_project.output.mkdir()
    (fixture_project.output / "a").symlink_to(elsewhere, target_is_directory=True)
    before = files(elsewhere)
    for options in ([], ["--force"]):
        capsys.readouterr()
        assert fixture_project.run("build", *options) == 1
        err = capsys.readouterr().err
        assert "output/a is a symbolic link" in err and "Remove the link" in err, err
        assert "Traceback" not in err and "internal error" not in err
        assert files(elsewhere) == before, "the build wrote or deleted where the link leads"
    assert not (fixture_project.output / "index.html").exists(), "all or nothing: no archive page either"
    (fixture_project.output / "a").unlink()
    assert fixture_project.run("build") == 0
    assert (fixture_project.output / "a" / "news.nl.html").is_file() and files(elsewhere) == before


def test_leftovers_are_removed_only_inside_output(fixture_project, elsewhere, capsys):
    """The next build removes what a killed one left in output/<id>/, but not look-alikes where a link leads."""
    fixture_project.add_example("a.yaml", edit=news_only)
    assert fixture_project.run("build") == 0
    left = fixture_project.output / "a" / ".news.nl.html.k3x_9q0a.tmp"
    left.write_bytes(b"half a file")
    (fixture_project.output / "linked").symlink_to(elsewhere, target_is_directory=True)
    before = files(elsewhere)
    assert fixture_project.run("build") == 0
    assert not left.exists()
    assert files(elsewhere) == before


def test_the_build_records_folder_that_is_a_link_is_refused(fixture_project, elsewhere, capsys):
    fixture_project.add_example("a.yaml", edit=news_only)
    fixture_project.output.mkdir()
    (fixture_project.output / ".meetingpress").symlink_to(elsewhere, target_is_directory=True)
    before = files(elsewhere)
    capsys.readouterr()
    assert fixture_project.run("build") == 1
    err = capsys.readouterr().err
    assert "output/.meetingpress is a symbolic link" in err and "Traceback" not in err, err
    assert files(elsewhere) == before
    assert not (fixture_project.output / "a").exists()
