"""Terminal output: messages → stdout/stderr, through rich only when needed.

The consoles are made on first use, so a no-op build does not import rich.
Problems are printed one per line, `file:line:col: field: message`, then a
one-line summary.
"""

from __future__ import annotations

from meetingpress.errors import Problem


class _Lazy:
    """A rich Console made on first use."""

    def __init__(self, **options):
        self._options = options
        self._console = None

    def __getattr__(self, name):
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, emoji=False, **self._options)
        return getattr(self._console, name)


err = _Lazy(stderr=True)
out = _Lazy()


def say(text: str) -> None:
    """A plain line on stdout, without loading rich (the build's "wrote …" lines)."""
    print(text, flush=True)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def print_problems(problems: list[Problem]) -> None:
    """Every problem on its own line, errors then warnings, and a summary of the errors."""
    errors = [p for p in problems if not p.warning]
    for problem in errors + [p for p in problems if p.warning]:
        err.print(str(problem), markup=False)
    if errors:
        files = len({p.location.file for p in errors})
        noun = "problem" if len(errors) == 1 else "problems"
        err.print(f"[bold red]✗[/] {len(errors)} {noun} in {files} file{'s' * (files != 1)}")
