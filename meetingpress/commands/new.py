"""`python build.py new SERIES [--date YYYY-MM-DD]`: a series → `content/<series>-<number>.yaml` for its next meeting.

Exit codes: 0 written; 2 when the series does not exist or the file is
already there (`new` never overwrites a file).
"""

from __future__ import annotations

NAME = "new"
HELP = "start the file for the next meeting of a series"
DESCRIPTION = (
    "Write content/<series>-<number>.yaml for the next meeting of a series (content/series/<series>.yaml): "
    "the next number, the date, and every text still to write marked TODO with a comment saying what belongs there. "
    "Never overwrites a file: if it exists, nothing is written and the exit code is 2."
)


def _date(value: str):
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written as YYYY-MM-DD, such as 2024-03-01") from None


def add_arguments(parser) -> None:
    parser.add_argument("series", metavar="SERIES", help="the series' name: content/series/SERIES.yaml")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the day of the meeting (default: today)")


def run(project, args) -> int:
    import datetime as dt

    from ..console import out
    from ..editor_schema import install
    from ..errors import display_path
    from ..scaffold import scaffold, write_new

    made = scaffold(project, args.series, args.date or dt.date.today())
    write_new(made, project.root)
    name = display_path(made.path, project.root)
    out.print(f"wrote {name}: meeting {made.number} of `{args.series}`, {made.todos} texts marked TODO", markup=False)
    for path in install(project.root):
        out.print(f"wrote {display_path(path, project.root)}, so that editors check the files as you type",
                  markup=False)
    out.print(f"Write them, then run `{project.command} check {name}`; "
              f"`{project.command} watch --draft` rebuilds on every save.", markup=False)
    return 0
