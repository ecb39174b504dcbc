"""How the report imports WeasyPrint (outputs/report/engine.py): by its libraries' sonames, starting no
program, and the usual way where the sonames are not there.  Each check runs in a fresh interpreter, as the
report's worker does."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the soname lookup is Linux's")

AUDIT = """
import sys
started = []
sys.addaudithook(lambda event, args: started.append(args[0]) if event in ("subprocess.Popen", "os.posix_spawn",
                                                                          "os.exec", "os.system") else None)
"""


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_weasyprint_is_imported_without_starting_a_program():
    out = run(AUDIT + """
import ctypes.util
from meetingpress.outputs.report.engine import weasyprint
print(len(started), weasyprint.HTML.__name__)
print(ctypes.util.find_library("c") is not None)  # the search is back once WeasyPrint is imported
print(len(started) > 0)
""")
    assert out.split() == ["0", "HTML", "True", "True"]


def test_plain_weasyprint_would_start_programs_to_find_its_libraries():
    """What the engine saves: without it, the same import starts programs (ldconfig, gcc, ld) to look for them."""
    out = run(AUDIT + "import weasyprint\nprint(len(started))\n")
    assert int(out) > 0


def test_where_the_sonames_are_missing_weasyprint_is_imported_the_usual_way():
    """A system whose libraries have other sonames: the quick try fails without a word, the usual import works."""
    out = run("""
import ctypes.util
import cffi
opened = cffi.FFI.dlopen
tried = []
def dlopen(ffi, name, flags=0):
    if ctypes.util.find_library("c") is None and ".so." in str(name):  # the quick try: no soname loads
        tried.append(name)
        raise OSError(f"cannot load library {name!r}")
    return opened(ffi, name, flags)
cffi.FFI.dlopen = dlopen
from meetingpress.outputs.report.engine import weasyprint
import weasyprint as imported
print(bool(tried), weasyprint is imported, weasyprint.HTML.__name__)
""")
    assert out.split() == ["True", "True", "HTML"]  # and nothing else printed (WeasyPrint's advice is kept)
