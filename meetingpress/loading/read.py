"""Read one YAML file safely: path → `Source` (plain data + the location of every value).

The file itself is checked first: invalid UTF-8, files over 1 MB, control
characters and tab indentation are refused with `file:line:col`.  Then the
text becomes a tree of plain dicts, lists and strings (loading/tree.py: every
scalar stays text; duplicate keys, anchors, tags, merge keys and the like are
refused there).  Comments that mark a line as still to do (`# TODO: …`) are
kept with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from meetingpress.errors import ContentError, Location, Problem, display_path
from meetingpress.loading.tree import CONTROL, Builder, char_name, dotted, nodes, strings

__all__ = ["Source", "dotted", "load", "nodes", "refused_characters", "strings", "todo_comments"]

MAX_BYTES = 1_000_000
_STAND_IN = "\ue000"  # a private-use character: YAML reads it as a letter
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


@dataclass
class Source:
    """A loaded file: its data, and where each path's key and value stand."""

    file: str
    data: dict
    locations: dict[tuple, Location] = field(default_factory=dict)
    todo: dict[int, str] = field(default_factory=dict)
    """Lines of the file that a comment above marks as still to do (`# … TODO: what`): line → what."""

    def locate(self, path: tuple) -> Location:
        """The location of `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path and path not in self.locations:
            path = path[:-1]
        return self.locations.get(path, Location(self.file, 1, 1))


def refused_characters(text: str) -> list[str]:
    """The characters in `text` that no meeting file may hold (control characters, a lone carriage return),
    each described for an editor: "the control character U+0085"."""
    return [char_name(match.group()) for match in CONTROL.finditer(text)]


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def load(path: Path, root: Path | None = None, raw: bytes | None = None) -> Source:
    """Load `path` (or `raw`, what it would hold); raise ContentError listing every problem found."""
    name = display_path(path, root)
    raw = Path(path).read_bytes() if raw is None else raw
    here = Location(name)
    if len(raw) > MAX_BYTES:
        raise ContentError(
            [Problem(here, "", f"file is {len(raw):,} bytes; the limit is 1 MB. Split it or remove pasted data.")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [Problem(Location(name, line, col), "", "the file is not valid UTF-8; save it as UTF-8 in your editor")]
        ) from None
    problems = []
    controls = list(CONTROL.finditer(text))
    fields = _fields_holding(name, text, [match.start() for match in controls]) if controls else {}
    for match in controls:
        line, col = _position(text, match.start())
        problems.append(Problem(
            Location(name, line, col), fields.get(match.start(), ""),
            f"{char_name(match.group())} is not allowed; delete it",
        ))
    for match in _TAB_INDENT.finditer(text):
        line, col = _position(text, match.end() - 1)
        problems.append(Problem(Location(name, line, col), "", "tab used for indentation; indent with spaces"))
    if problems:
        raise ContentError(problems)
    data, locations = Builder(name).build(text)
    return Source(name, data, locations, todo_comments(text))


def _fields_holding(name: str, text: str, offsets: list[int]) -> dict[int, str]:
    """offset → the field whose key or value holds it (for control characters, parsed as if they were letters)."""
    builder = Builder(name)
    plain = CONTROL.sub(_STAND_IN, text)  # one character for one: every offset stays where it was
    try:
        builder.build(plain)
    except ContentError:  # other problems are reported once the control characters are gone
        pass
    found = {}
    for offset in offsets:
        holders = [(end - start, path) for start, end, path in builder.spans if start <= offset < end]
        if holders:
            found[offset] = dotted(min(holders, key=lambda holder: holder[0])[1]).replace(_STAND_IN, "")
    return found


_TODO_COMMENT = re.compile(r"^\s*#\s*(?:[^\"'#]*?[.!?:]\s+)?TODO:\s*(?P<what>.+?)\s*$")


def todo_comments(text: str) -> dict[int, str]:
    """Line → what a comment says is still to do there: a comment that starts with `TODO:`, or has it after a
    sentence (`# How many took part. TODO: replace 1 with the real number.`), marks the next line with content."""
    marked, pending = {}, None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            match = _TODO_COMMENT.match(line)
            pending = match.group("what") if match else pending
        elif stripped:
            if pending:
                marked[number] = pending
            pending = None
    return marked
