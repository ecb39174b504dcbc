"""`python build.py check [FILE …]`: meeting files → every problem in them; writes nothing."""

from __future__ import annotations

NAME = "check"
HELP = "validate meeting files; write nothing"
DESCRIPTION = "Validate meeting files and report every problem at once; writes nothing."


def add_arguments(parser) -> None:
    from . import common

    common(parser)


def run(project, args) -> int:
    from ..builder import load_all, relative_notice
    from ..console import err, out
    from ..status import print_fact_warnings

    loaded = load_all(project, project.resolve(args.files), draft=args.draft)
    print_fact_warnings(err, loaded)
    notice = relative_notice([item.meeting_id for item in loaded if not item.meeting.base_url])
    if notice:
        err.print(notice, markup=False)
    out.print(f"[green]✓[/] {len(loaded)} meeting file{'s' * (len(loaded) != 1)} OK")
    return 0
