"""The subcommands of `python build.py`, one module each, listed here in help order.

A command module has `NAME`, `HELP` (one line for the overview),
`add_arguments(parser)` and `run(project, args) -> exit code`.  Modules are
imported only when their command runs... except for their arguments, which
argparse needs up front, so keep each module's top level light.
"""

from meetingpress.commands import build, check, export, import_, init, new, serve, status, sync, watch

COMMANDS = {module.NAME: module for module in (build, check, status, sync, export, import_, new, watch, serve, init)}
DEFAULT = "build"


def common(parser, files: bool = True, draft: bool = True) -> None:
    """Arguments most commands share."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE", help="meeting files (default: all of content/)")
    if draft:
        parser.add_argument("--draft", action="store_true", help="allow missing translations and mark them in the output")


def print_master_warnings(project) -> None:
    """Warnings about an organisation's own slides master (python-pptx is imported only when there is one)."""
    from meetingpress.console import err
    from meetingpress.outputs.slides.own_master import master_warnings, own_master

    if own_master(project.templates()) is None:
        return
    from meetingpress.errors import RenderError, display_path

    try:
        found = master_warnings(project.templates())
    except RenderError:  # an unreadable master: the deck's own render reports it, as an error
        return
    for path, message in found:
        err.print(f"{display_path(path, project.root)}: warning: {message}", markup=False, style="yellow")
