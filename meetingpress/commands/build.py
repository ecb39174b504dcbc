"""`python build.py [build] [FILE …]`: meeting files → outputs in output/<id>/."""

from __future__ import annotations

from meetingpress.build.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, megabytes, seconds

NAME = "build"
HELP = "build outputs (the default command)"
DESCRIPTION = "Build every meeting in content/, or the named files, into output/<id>/. Unchanged outputs are skipped."


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser)
    parser.add_argument("--force", action="store_true", help="rebuild every output, even unchanged ones")
    parser.add_argument("--no-wait", action="store_true",
                        help="if another build is running, stop at once (exit 2) instead of waiting for it")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"stop an output that takes longer than this to render (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--memory-limit", type=megabytes, default=DEFAULT_MEMORY_MB, metavar="MB",
                        help=f"memory one render may use (default {DEFAULT_MEMORY_MB})")


def run(project, args) -> int:
    import sys

    from meetingpress.build.limits import Limits
    from meetingpress.build.pipeline import build
    from meetingpress.commands.shared import print_master_warnings
    from meetingpress.console import err, print_problems, say
    from meetingpress.errors import display_path

    files = project.resolve(args.files)
    print_master_warnings(project)
    options = dict(
        draft=args.draft,
        force=args.force,
        limits=Limits(timeout=args.timeout, memory_mb=args.memory_limit),
        wait=not args.no_wait,
        on_wait=lambda: err.print("another build is running; waiting for it to finish…"),
    )
    if len(files) > 1 and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("building", total=None)
            result = build(project, files, progress=lambda what: bar.update(task, description=what), **options)
    else:
        result = build(project, files, **options)
    for item in result.written:
        say(f"wrote {display_path(item.path, project.root)} ({item.size / 1024:,.0f} kB)")
    if result.relative:
        from meetingpress.commands.shared import relative_notice

        say(relative_notice(result.relative))
    if result.skipped:
        say(f"unchanged, skipped: {', '.join(result.skipped)} (use --force to rebuild)")
    pending = ""
    if result.comparisons:  # a build with nothing to do loads no meeting and imports no schema
        from meetingpress.translation.compare import pending_line

        pending = pending_line(result.comparisons, args.files, project.command)
    if pending and args.draft:
        say(pending + " (marked as a draft, in output/_drafts/)")
    if result.refused:
        print_problems([problem for problems in result.refused.values() for problem in problems])
        if pending:
            err.print(pending, markup=False)
        err.print(f"not built, not ready to publish: {', '.join(result.refused)}; "
                  "every other meeting is built", markup=False)
        return 1
    return 0
