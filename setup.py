"""Packaging: the wheel gets the repository's top-level templates/, schemas/ and locales/ as package data.

They stay at the top of the repository, where the design puts them; the build copies them into the wheel as
`meetingpress/_builtin/`, the gettext catalogs compiled to `.mo`, where `meetingpress.paths` finds them
through importlib.resources.  An editable install (`pip install -e .`) reads them in place instead.
Everything else about the package is in pyproject.toml.
"""

import io
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
COPIED = ("templates", "schemas")
IGNORED = shutil.ignore_patterns("__pycache__", "*.py[co]", ".*", "*.mo")


class BuildWithBuiltins(build_py):
    """build_py, then the built-in templates, schemas and compiled catalogs into meetingpress/_builtin/."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "meetingpress" / "_builtin"
        shutil.rmtree(target, ignore_errors=True)  # nothing left over from an earlier build in build/
        for name in COPIED:
            shutil.copytree(HERE / name, target / name, ignore=IGNORED)
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted((HERE / "locales").glob("*/LC_MESSAGES/*.po")):
            lang = po.relative_to(HERE / "locales").parts[0]
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            mo = target / po.relative_to(HERE).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(buffer.getvalue())


setup(cmdclass={"build_py": BuildWithBuiltins})
