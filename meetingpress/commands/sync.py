"""`python build.py sync --confirm FILE [FIELD …]`: a meeting file → its sync record, both languages confirmed."""

from __future__ import annotations

NAME = "sync"
HELP = "record that both languages of a meeting match"
DESCRIPTION = (
    "Record, per field, what the Dutch and the English say now, in content/.sync/<id>.yaml (commit it). "
    "When one side changes later, `status` reports the other as stale."
)


def add_arguments(parser) -> None:
    parser.add_argument("--confirm", action="store_true", required=True,
                        help="confirm that the two languages match (required)")
    parser.add_argument("file", metavar="FILE", help="the meeting file")
    parser.add_argument("fields", nargs="*", metavar="FIELD",
                        help="only these fields or groups, e.g. findings.recommendations.items[2].text (default: all)")


def run(project, args) -> int:
    import datetime as dt

    from ..confirm import confirm_file
    from ..console import escape, out

    done = confirm_file(project, project.resolve([args.file])[0], args.fields, dt.date.today())
    out.print(
        f"[green]✓[/] confirmed {done.confirmed} field{'s' * (done.confirmed != 1)} on {done.date} "
        f"in {escape(done.record.as_posix())}"
    )
    if done.skipped:
        out.print(f"not confirmed, a translation is missing: {', '.join(done.skipped)}", markup=False)
    return 0
