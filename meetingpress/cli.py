"""The command line: argv → exit code (0 ok, 1 content errors, 2 usage or internal error).

    python build.py [FILE …]          build every meeting, or the named ones
    python build.py check [FILE …]    validate only; writes nothing

Problems are printed one per line as `file:line:col: field: message`; a
Python traceback is shown only for internal errors with `--debug`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, MeetingpressError, UsageError
from .project import Project
from .runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

COMMANDS = ("build", "check")

class _Lazy:
    """A rich Console made on first use (rich is not imported by a no-op build's fast path)."""

    def __init__(self, **options):
        self._options = options
        self._console = None

    def __getattr__(self, name):
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, **self._options)
        return getattr(self._console, name)


err = _Lazy(stderr=True)
out = _Lazy()


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _common(parser: argparse.ArgumentParser, files: bool = True) -> None:
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE", help="meeting files (default: all of content/)")
    parser.add_argument("--draft", action="store_true", help="allow missing translations and mark them in the output")
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python build.py",
        description="Build the news item, report and slides of each meeting in content/.",
        epilog="Exit codes: 0 ok, 1 content errors, 2 usage or internal error. "
        "Run `python build.py COMMAND --help` for each command.",
    )
    main.add_argument("--version", action="version", version=f"meetingpress {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build outputs (the default command)",
                                description="Build every meeting in content/, or the named files, into output/<id>/.")
    _common(build)
    build.add_argument("--force", action="store_true", help="rebuild every output, even unchanged ones")
    build.add_argument("--no-wait", action="store_true",
                       help="if another build is running, stop at once (exit 2) instead of waiting for it")
    build.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"stop an output that takes longer than this to render (default {DEFAULT_TIMEOUT:g})")
    build.add_argument("--memory-limit", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                       help=f"memory one render may use (default {DEFAULT_MEMORY_MB})")
    check = commands.add_parser("check", help="validate meeting files; write nothing",
                                description="Validate meeting files and report every problem; writes nothing.")
    _common(check)
    return main


def _problems(exc: ContentError) -> None:
    for problem in exc.problems:
        err.print(str(problem), markup=False)
    files = len({p.location.file for p in exc.problems})
    noun = "problem" if len(exc.problems) == 1 else "problems"
    err.print(f"[bold red]✗[/] {len(exc.problems)} {noun} in {files} file{'s' * (files != 1)}")


def cmd_check(project: Project, args) -> int:
    from .builder import load_all

    loaded = load_all(project, project.resolve(args.files), draft=args.draft)
    out.print(f"[green]✓[/] {len(loaded)} meeting file{'s' * (len(loaded) != 1)} OK")
    return EXIT_OK


def cmd_build(project: Project, args) -> int:
    from .builder import build
    from .errors import display_path
    from .runner import Limits

    files = project.resolve(args.files)
    options = dict(
        draft=args.draft,
        force=args.force,
        limits=Limits(timeout=args.timeout, memory_mb=args.memory_limit),
        wait=not args.no_wait,
        on_wait=lambda: err.print("another build is running; waiting for it to finish…"),
    )
    if len(files) > 1 and err.is_terminal:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("building", total=None)
            result = build(project, files, progress=lambda what: bar.update(task, description=what), **options)
    else:
        result = build(project, files, **options)
    for item in result.written:
        out.print(f"wrote {display_path(item.path, project.root)} ({item.size / 1024:,.0f} kB)", markup=False)
    if result.skipped:
        out.print(f"unchanged, skipped: {', '.join(result.skipped)} (use --force to rebuild)", markup=False)
    return EXIT_OK


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    project = Project(Path(root or os.getcwd()).resolve())
    handler = {"build": cmd_build, "check": cmd_check}[args.command]
    try:
        return handler(project, args)
    except ContentError as exc:
        _problems(exc)
        return EXIT_CONTENT
    except UsageError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except MeetingpressError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_USAGE
    except Exception as exc:  # an internal error: say so plainly, traceback on request
        if args.debug:
            raise
        err.print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in meetingpress, not in your files. Run again with --debug and report the output.",
            markup=False,
        )
        return EXIT_USAGE
