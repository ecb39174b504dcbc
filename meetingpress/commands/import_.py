"""`python build.py import FILE.xlf`: a translated XLIFF file → its translations written into the meeting files."""

from __future__ import annotations

NAME = "import"
HELP = "write the translations from an XLIFF file into the meeting files"
DESCRIPTION = (
    "Write the translations in an XLIFF file back into the meeting (or series) files, changing nothing else. "
    "Units the translator marked final (translated, final, signed-off) are confirmed; units in any other state "
    "are written as drafts, not yet approved, which a build refuses. Texts whose source changed since the export "
    "are refused (exit 1)."
)


def add_arguments(parser) -> None:
    parser.add_argument("xlf", metavar="FILE.xlf", help="the translated XLIFF file")


def run(project, args) -> int:
    import datetime as dt
    from pathlib import Path

    from meetingpress.console import out
    from meetingpress.errors import ContentError
    from meetingpress.translation.xliff_import import import_file

    path = Path(args.xlf)
    if not path.is_absolute() and not path.exists():
        path = project.root / path  # like meeting files: relative to the project too
    results, problems = import_file(project, path, dt.date.today())
    for done in results:
        out.print(done.summary(), markup=False)
        if done.drafts:
            out.print(f"{done.file}: the drafts are not published until approved; "
                      f"`{project.command} status {done.file}` lists them", markup=False)
    if problems:
        raise ContentError(problems)
    return 0
