"""Byte-identical rebuilds: the example built twice, at different clock times → the same SHA-256 for every output.

The second build runs years later on a faked clock (libfaketime, Debian package
`faketime`), in another time zone and locale, from another folder; without
faketime it runs more than a second later instead.  SOURCE_DATE_EPOCH is unset
for both: meetingpress must not need it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest
from test_build import snapshot
from test_concurrency import OUTPUTS, REPO, environment, finish, start

FAKETIME = shutil.which("faketime")
LATER = "2031-03-04 05:06:07"
ELSEWHERE = {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@pytest.fixture
def project(example_copy):
    shutil.copy(REPO / "build.py", example_copy.root / "build.py")
    return example_copy


def clock(prefix: tuple[str, ...], **env: str) -> list[str]:
    """The year and UTC offset a process started like the second build sees."""
    code = "import time; print(time.localtime().tm_year, time.strftime('%z'))"
    shown = subprocess.run([*prefix, sys.executable, "-c", code], env=environment(**env), capture_output=True, text=True)
    return shown.stdout.split()


def test_two_builds_at_different_times_are_byte_identical(project):
    code, out, err = finish(start(project.root, "--force", TZ="Europe/Amsterdam"))
    assert code == 0, err
    first = snapshot(project.output)
    assert sorted(first) == OUTPUTS

    if FAKETIME:
        prefix = (FAKETIME, "-m", "--exclude-monotonic", LATER)
        assert clock(prefix, **ELSEWHERE) == ["2031", "+1400"]  # the second build really lives in another time
    else:
        prefix = ()
        assert clock(prefix, **ELSEWHERE)[1] == "+1400"
        time.sleep(1.1)  # a different second for every timestamp a build could take from the clock
    moved = project.root.rename(project.root.with_name("moved"))
    code, out, err = finish(start(moved, "--force", prefix=prefix, **ELSEWHERE))
    assert code == 0, err
    for name in OUTPUTS:
        assert f"wrote output/{name}" in out
    assert snapshot(moved / "output") == first
