"""`python build.py sync confirm FILE [FIELD …]`: a meeting or series file → its sync record, both languages confirmed.

The older form `sync --confirm FILE [FIELD …]` works the same.
"""

from __future__ import annotations

NAME = "sync"
HELP = "record that both languages of a meeting match: sync confirm FILE"
DESCRIPTION = (
    "`sync confirm FILE [FIELD …]` records, per field, what the Dutch and the English say now, in "
    "content/.sync/<id>.yaml (commit it); a draft translation it confirms is approved. When one side changes "
    "later, `status` reports the other as stale. (`sync --confirm FILE` is the same.)"
)
ACTIONS = ("confirm",)


def add_arguments(parser) -> None:
    import argparse

    parser.add_argument("action", metavar="confirm", help="confirm that the two languages match now")
    parser.add_argument("file", metavar="FILE", nargs="?", help="the meeting file (or a series file)")
    parser.add_argument("fields", nargs="*", metavar="FIELD",
                        help="only these fields or groups, e.g. findings.recommendations.items[2].text (default: all)")
    parser.add_argument("--confirm", action="store_true", help=argparse.SUPPRESS)  # the older form


def _words(args) -> tuple[str, list[str]]:
    """(file, fields) from `confirm FILE FIELD…`, or from `--confirm FILE FIELD…` (then `action` holds FILE)."""
    from meetingpress.errors import UsageError

    words = [args.action, *([args.file] if args.file else []), *args.fields]
    if words[0] in ACTIONS:
        words = words[1:]
    elif not args.confirm:
        raise UsageError(f"`sync {words[0]}`: say what to do: `sync confirm FILE [FIELD …]`")
    if not words:
        raise UsageError("name the file to confirm: `sync confirm FILE [FIELD …]`")
    return words[0], words[1:]


def run(project, args) -> int:
    import datetime as dt
    from functools import partial

    from meetingpress.build.writer import write_atomic
    from meetingpress.console import escape, out
    from meetingpress.errors import display_path
    from meetingpress.translation.sync import confirm_file

    write = partial(write_atomic, shown=display_path, keep_mode=True)  # keeps the file's permissions

    file, names = _words(args)
    done = confirm_file(project, project.resolve([file])[0], names, dt.date.today(), write)
    out.print(
        f"[green]✓[/] confirmed {done.confirmed} field{'s' * (done.confirmed != 1)} on {done.date} "
        f"in {escape(done.record.as_posix())}"
    )
    if done.skipped:
        out.print(f"not confirmed, a translation is missing: {', '.join(done.skipped)}", markup=False)
    return 0
