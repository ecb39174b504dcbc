"""The command line: argv → exit code (0 ok, 1 content errors, 2 usage or internal error).

    meetingpress build [FILE …]       build every meeting, or the named ones (`build` may be left out)
    meetingpress COMMAND --help       each command in `commands/`

The program is named as it was started, in help and hints: `meetingpress`
(the installed command), `python -m meetingpress`, or `python build.py` in the
repository, whose build.py passes its own name and folder.

Problems are printed one per line as `file:line:col: field: message`; a
Python traceback is shown only for internal errors, and only with `--debug`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from meetingpress import __version__
from meetingpress.commands import COMMANDS, DEFAULT
from meetingpress.errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, MeetingpressError
from meetingpress.project import Project

PROG = "meetingpress"


def parser(prog: str = PROG) -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog=prog,
        description="Build the news item, report and slides of each meeting in content/.",
        epilog="Exit codes: 0 ok, 1 content errors, 2 usage or internal error. "
        f"Run `{prog} COMMAND --help` for each command.",
    )
    main.add_argument("--version", action="version", version=f"meetingpress {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        sub = commands.add_parser(name, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP))
        module.add_arguments(sub)
        sub.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    return main


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a service manager, a CI timeout): stop as Ctrl+C does, cleaning up on the way out (the
    workers and their temporary folder, see build/runner.py; a write in progress finishes first, see build/writer.py)."""


def _terminator(pid: int):
    def terminate(signum, _frame) -> None:
        if os.getpid() != pid:  # a worker forked with this handler: end as SIGTERM ends any process
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    return terminate


def main(argv: list[str] | None = None, root: Path | None = None, prog: str = PROG) -> int:
    """Run one command; `root` is the project folder (default: the current folder), `prog` how the user started
    meetingpress (for help and hints)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, DEFAULT)
    try:
        args = parser(prog).parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    project = Project(Path(root or os.getcwd()).resolve(), command=prog)
    from meetingpress.console import err, escape, print_problems

    stopping = threading.current_thread() is threading.main_thread()  # signal handlers live in the main thread
    previous = signal.signal(signal.SIGTERM, _terminator(os.getpid())) if stopping else None
    try:
        return COMMANDS[args.command].run(project, args)
    except ContentError as exc:
        print_problems(exc.problems)
        return EXIT_CONTENT
    except MeetingpressError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        return exc.exit_code
    except KeyboardInterrupt as exc:
        err.print("terminated" if isinstance(exc, Terminated) else "interrupted")
        return EXIT_USAGE
    except Exception as exc:  # an internal error: say so plainly; the traceback only on request
        if args.debug:
            raise
        err.print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in meetingpress, not in your files. Run again with --debug and report the output.",
            markup=False,
        )
        return EXIT_USAGE
    finally:
        if stopping:
            signal.signal(signal.SIGTERM, previous)
