"""WeasyPrint, imported: every module of the report reaches it through `engine.weasyprint`.

On Linux, importing WeasyPrint opens its C libraries (GObject, Pango,
HarfBuzz, fontconfig) by trying several names for each, in
`weasyprint/text/ffi.py`.  cffi hands every name that is not a file
(`libgobject-2.0-0`, `gobject-2.0`, ...) to `ctypes.util.find_library`, which
runs `ldconfig`, `gcc` and `ld` to look for it: some 20 names, about 100
processes and a fifth of a second, in the report's worker, whose start is the
cold build's long pole (benchmarks/README.md).  Each list also holds the
library's soname (`libpango-1.0.so.0`), which the dynamic linker finds by
itself, and a soname found by the dynamic linker is all `find_library` can
give back on Linux.  So while WeasyPrint is imported, and only then,
`find_library` answers "not found" at once and WeasyPrint loads each library
by its soname.  A system whose libraries have other sonames fails that try
quietly, and WeasyPrint is then imported the usual way.

Imports WeasyPrint: only import this module where a report is made.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def _by_soname() -> Iterator[None]:
    """`ctypes.util.find_library` finds nothing, until the block ends."""
    find = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = find


def _import():
    if sys.platform.startswith("linux") and "weasyprint" not in sys.modules:
        try:  # (WeasyPrint prints its installation advice before it raises: not for this try)
            with _by_soname(), contextlib.redirect_stdout(io.StringIO()):
                import weasyprint

            return weasyprint
        except OSError:
            for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
                del sys.modules[name]
    import weasyprint

    return weasyprint


weasyprint = _import()
