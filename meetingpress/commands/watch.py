"""`python build.py watch [--draft]`: saves in content/, templates/ or a series' templates folder → a rebuild of what
changed, printed each time."""

from __future__ import annotations

NAME = "watch"
HELP = "rebuild on every save in content/ or templates/"
DESCRIPTION = (
    "Build, then rebuild what changed each time a file in content/, templates/ or a templates folder named by "
    "a series is saved, until Ctrl+C. "
    "One set of warm worker processes serves every rebuild. A save with problems prints them and keeps "
    "the last good outputs. Use --draft while texts are still being written."
)


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser, files=False)


def report(project, cycle) -> None:
    """Print one rebuild: what was saved, what was written, or what is wrong."""
    from meetingpress.console import err, out, print_problems
    from meetingpress.errors import display_path

    saved = f" after saving {', '.join(cycle.changed)}" if cycle.changed else ""
    if cycle.problems:
        print_problems(cycle.problems)
        built = cycle.result and cycle.result.written
        if built:
            names = [display_path(w.path, project.root) for w in cycle.result.written]
            out.print(f"build {cycle.number}{saved}: wrote {', '.join(names)}", markup=False)
        if cycle.result and cycle.result.refused:
            refused = ", ".join(cycle.result.refused)
            err.print(f"build {cycle.number}{saved}: not built: {refused}; its last good outputs are kept", markup=False)
        else:
            err.print(f"build {cycle.number}{saved} failed; the last good outputs are kept", markup=False)
    elif cycle.error:
        err.print(f"build {cycle.number}{saved} failed: {cycle.error}", markup=False)
        err.print("the last good outputs are kept", markup=False)
    else:
        names = [display_path(w.path, project.root) for w in cycle.result.written]
        what = f"wrote {', '.join(names)}" if names else "every output was up to date"
        out.print(f"build {cycle.number}{saved}: {what} ({cycle.seconds:.1f} s)", markup=False)
    if cycle.result:
        from meetingpress.translation.compare import pending_line

        pending = pending_line(cycle.result.comparisons, program=project.command)
        if pending:
            out.print(pending, markup=False)


def run(project, args) -> int:
    import threading

    from meetingpress.build.watch import folders, watch
    from meetingpress.console import out

    watched = ", ".join(f"{p.name}/" for p in folders(project))
    out.print(f"watching {watched}; press Ctrl+C to stop", markup=False)
    try:
        watch(project, threading.Event(), lambda cycle: report(project, cycle), draft=args.draft)
    except KeyboardInterrupt:
        out.print("stopped", markup=False)
    return 0
