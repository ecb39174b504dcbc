"""The subcommands of `python build.py`, one module each, listed here in help order.

A command module has `NAME`, `HELP` (one line for the overview),
`add_arguments(parser)` and `run(project, args) -> exit code`.  Modules are
imported only when their command runs... except for their arguments, which
argparse needs up front, so keep each module's top level light.
"""

from meetingpress.commands import build, check, export, import_, init, new, serve, status, sync, watch

COMMANDS = {module.NAME: module for module in (build, check, status, sync, export, import_, new, watch, serve, init)}
DEFAULT = "build"
