"""`python build.py status [FILE …]`: meeting files → a table per meeting of missing and stale texts; exit 1 if any."""

from __future__ import annotations

NAME = "status"
HELP = "show what is missing or stale in each language"
DESCRIPTION = (
    "A table per meeting of the texts present, missing and stale in each language, then each problem as "
    "file:line. Exit 1 when anything is missing or stale (a meeting never confirmed is not an error)."
)


def add_arguments(parser) -> None:
    from . import common

    common(parser, draft=False)


def run(project, args) -> int:
    from ..builder import load_all
    from ..console import out
    from ..status import report

    return report(project, load_all(project, project.resolve(args.files), draft=True), out)
