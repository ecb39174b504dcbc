"""`meetingpress init [FOLDER]`: a new or empty folder → a project to start from (see starter.py).

Exit codes: 0 made; 2 when the folder already has meeting files (nothing is changed then).
"""

from __future__ import annotations

NAME = "init"
HELP = "start a new project: content/, templates/ and a README"
DESCRIPTION = (
    "Make a project in FOLDER (default: the project folder): content/ with a series file and a first meeting "
    "to fill in, an empty templates/ that explains how to override a built-in template, a .gitignore for "
    "output/ and a short README. Existing files are kept; a folder that already has meeting files in content/ "
    "is left exactly as it is (exit code 2)."
)


def add_arguments(parser) -> None:
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="where to make the project (made if needed)")


def run(project, args) -> int:
    import datetime as dt
    import os
    from pathlib import Path

    from meetingpress.console import out
    from meetingpress.starter import start

    root = Path(args.folder).expanduser().absolute() if args.folder else project.root
    started = start(root, project.command, dt.date.today())
    for path in started.written:
        out.print(f"wrote {path.relative_to(started.root).as_posix()}", markup=False)
    for path in started.kept:
        out.print(f"kept {path.relative_to(started.root).as_posix()} as it was", markup=False)
    go = "" if started.root == Path.cwd().resolve() else f"cd {os.path.relpath(started.root)} && "
    out.print(f"A new project in {started.root}. Next: {go}{project.command} build --draft, "
              "then open output/ to see the news item, the report and the deck. README.md says more.", markup=False)
    return 0
