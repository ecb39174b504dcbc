"""`python build.py new SERIES [--date YYYY-MM-DD]`: a series → `content/<series>-<number>.yaml` for its next meeting.

Exit codes: 0 written; 2 when the series does not exist, the file is
already there (`new` never overwrites a file), or an earlier scaffold of the
series is still untouched (then `--number N` starts meeting N anyway).  A date
before an earlier meeting's is a warning.
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
    parser.add_argument("--number", type=_number, metavar="N",
                        help="the meeting's number (default: one more than the highest; needed while an earlier "
                             "scaffold is still untouched)")


def _number(value: str) -> int:
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more, such as 6")
    return int(value)


def run(project, args) -> int:
    import datetime as dt

    from meetingpress.console import err, out
    from meetingpress.errors import display_path
    from meetingpress.scaffold import check_new, scaffold, write_new
    from meetingpress.schema.editor import install

    date = args.date or dt.date.today()
    made = scaffold(project, args.series, date, args.number)  # the series must exist before anything else
    warnings = check_new(project, args.series, date, args.number)
    write_new(made, project.root)
    for warning in warnings:
        err.print(warning, markup=False)
    name = display_path(made.path, project.root)
    out.print(f"wrote {name}: meeting {made.number} of `{args.series}`, {made.todos} texts marked TODO", markup=False)
    for path in install(project.root):
        out.print(f"wrote {display_path(path, project.root)}, so that editors check the files as you type",
                  markup=False)
    out.print(f"Write them, then run `{project.command} check {name}`; "
              f"`{project.command} watch --draft` rebuilds on every save.", markup=False)
    return 0
