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
    from functools import partial
    from pathlib import Path

    from meetingpress.build.writer import write_atomic
    from meetingpress.console import out
    from meetingpress.errors import ContentError, display_path
    from meetingpress.translation.import_ import import_file

    write = partial(write_atomic, shown=display_path, keep_mode=True)  # keeps the file's permissions

    path = Path(args.xlf)
    if not path.is_absolute() and not path.exists():
        path = project.root / path  # like meeting files: relative to the project too
    result = import_file(project, path, dt.date.today(), write)
    for done in result.files:
        out.print(done.summary(), markup=False)
        if done.drafts:
            out.print(f"{done.file}: the drafts are not published until approved; "
                      f"`{project.command} status {done.file}` lists them", markup=False)
    if result.problems:
        raise ContentError(result.problems)
    return 0
