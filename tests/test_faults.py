"""A full disk or a read-only output/: a clear message, old outputs intact, no temporary files.

These tests mount a small tmpfs on the fixture project's output/ (root and
mount permission needed; they are skipped elsewhere).
"""

from __future__ import annotations

import subprocess

import pytest
from test_build import leftovers, news_only, snapshot


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_output(fixture_project):
    output = fixture_project.output
    output.mkdir(parents=True)
    if not mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(output)):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield fixture_project
    subprocess.run(["umount", "-l", str(output)], check=False)


def built_then_edited(fp, capsys):
    fp.add_example("a.yaml", edit=news_only)
    assert fp.run("build") == 0
    before = snapshot(fp.output)
    fp.add_example("a.yaml", edit=lambda t: news_only(t).replace("Nieuws", "Verslag"))
    capsys.readouterr()
    return before


def test_a_full_disk_changes_nothing(small_output, capsys):
    before = built_then_edited(small_output, capsys)
    filler = small_output.output / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k", "count=1000"], capture_output=True)
    assert small_output.run("build") == 1
    err = capsys.readouterr().err
    assert "could not write output/a/" in err and "No space left on device" in err
    assert "nothing was changed" in err and "Traceback" not in err
    filler.unlink()
    assert snapshot(small_output.output) == before
    assert not leftovers(small_output.root)


def test_a_read_only_output_changes_nothing(small_output, capsys):
    before = built_then_edited(small_output, capsys)
    assert mount("-o", "remount,ro", str(small_output.output))
    assert small_output.run("build") == 1
    err = capsys.readouterr().err
    assert "cannot write to output/" in err and "Read-only file system" in err
    assert "Traceback" not in err
    assert snapshot(small_output.output) == before
    assert not leftovers(small_output.root)
