"""The exception tree, source locations and exit codes.

Every problem an editor can fix is a `Problem`: `file:line:col: field: message`.
A `ContentError` carries all problems found in one run, so they are reported
together and the build fails once.

Exit codes: 0 ok, 1 content errors, 2 usage or internal error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix (or, with `warning=True`, should look at)."""

    location: Location
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        kind = " warning:" if self.warning else ""
        return f"{self.location}:{field}{kind} {self.message}"


class MeetingpressError(Exception):
    """Base of every error meetingpress raises on purpose."""

    exit_code = EXIT_USAGE


class UsageError(MeetingpressError):
    """The command line asked for something impossible (a missing file, say)."""


class ContentError(MeetingpressError):
    """One or more problems in meeting files; the message lists them all."""

    exit_code = EXIT_CONTENT

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # survives the trip back from a worker process
        return (type(self), (self.problems,))


class WriteError(MeetingpressError):
    """The outputs could not be written (a full disk, a read-only folder, an old file that cannot be replaced);
    the message names the file, and nothing was changed."""

    exit_code = EXIT_CONTENT  # like an output that could not be made: look at the message, fix, run again


class RenderError(MeetingpressError):
    """An output could not be made; names the meeting and the output."""

    exit_code = EXIT_CONTENT


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the editor knows it: relative to the project when possible."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def template_line(exc: BaseException) -> str:
    """`template:line: ` of the innermost template an error was raised in, or "" if it came from no template.

    Jinja gives a syntax error its file and line, and rewrites the traceback of
    an error raised while rendering so that each template has a frame of its own.
    """
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals or "__jinja_template__" in tb.tb_frame.f_globals:
            filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if not filename or not Path(filename).is_file():
        return ""
    return f"{display_path(Path(filename))}:{line}: " if line else f"{display_path(Path(filename))}: "
