"""`python build.py serve [--port N] [--draft]`: `watch` plus a preview page on http://127.0.0.1:N/."""

from __future__ import annotations

NAME = "serve"
HELP = "watch, and show a live preview page on 127.0.0.1"
DESCRIPTION = (
    "Like `watch`, plus a local web page (only on this computer, 127.0.0.1) that shows the news item, "
    "the PDF report and the outline of the slides, and reloads itself after every rebuild. "
    "A save with problems shows them on the page and keeps the last good outputs."
)
DEFAULT_PORT = 8000


def port(text: str) -> int:
    """`--port`: 0 (any free port) to 65535."""
    import argparse

    try:
        value = int(text, 10)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a whole number from 0 to 65535, such as 8000")
    return value


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser, files=False)
    parser.add_argument("--port", type=port, default=DEFAULT_PORT, metavar="N",
                        help=f"port of the preview page (default {DEFAULT_PORT}; 0 picks a free one)")


def run(project, args) -> int:
    import threading

    from meetingpress.build.preview import serve
    from meetingpress.commands.watch import report
    from meetingpress.console import out

    def ready(url: str) -> None:
        out.print(f"preview on {url}; rebuilding on every save in content/ and templates/; press Ctrl+C to stop",
                  markup=False)

    try:
        serve(project, threading.Event(), lambda cycle: report(project, cycle), port=args.port, draft=args.draft,
              on_ready=ready)
    except KeyboardInterrupt:
        out.print("stopped", markup=False)
    return 0
