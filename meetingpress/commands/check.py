"""`python build.py check [FILE …]`: meeting files → every problem in them; writes nothing."""

from __future__ import annotations

NAME = "check"
HELP = "validate meeting files; write nothing"
DESCRIPTION = "Validate meeting files and report every problem at once; writes nothing."


def add_arguments(parser) -> None:
    from . import common

    common(parser)


def run(project, args) -> int:
    from ..builder import load_all
    from ..console import err, out
    from ..contrast import theme_warnings
    from ..status import print_fact_warnings

    loaded = load_all(project, project.resolve(args.files), draft=args.draft)
    print_fact_warnings(err, loaded)
    for problem in theme_warnings(project.templates(), project.root):
        err.print(str(problem), markup=False)
    out.print(f"[green]✓[/] {len(loaded)} meeting file{'s' * (len(loaded) != 1)} OK")
    return 0
