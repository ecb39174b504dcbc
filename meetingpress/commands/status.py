"""`python build.py status [FILE …]`: meeting files → a table per meeting of missing and stale texts; exit 1 if any."""

from __future__ import annotations

NAME = "status"
HELP = "show what is missing, stale or not yet approved in each language"
DESCRIPTION = (
    "A table per meeting (and per series file: its headings and names) of the texts present, missing, stale and "
    "not yet approved in each language, then each problem as file:line. Exit 1 when anything is missing, stale "
    "or not yet approved (a text never confirmed is listed, but is not an error)."
)


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser, draft=False)


def run(project, args) -> int:
    from meetingpress.console import out
    from meetingpress.translation.status import files, report

    return report(project, files(project, args.files), out)
