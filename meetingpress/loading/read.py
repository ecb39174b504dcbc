"""Read one YAML file safely: path → `Source` (plain data + the location of every value).

The file is parsed with ruamel.yaml's YAML 1.2 parser and the tree is built
from its events, so every scalar stays text (`no`, `Nee`, `12:30`, `0123`);
the schema converts numbers and dates.  Anything a hand-written meeting file
has no use for and that hides mistakes is refused with `file:line:col`:
duplicate keys, anchors and aliases, tags, merge keys, several documents, a
root that is not a mapping, tab indentation, control characters, invalid
UTF-8, empty files, files over 1 MB and nesting deeper than 20 levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError

from meetingpress.errors import ContentError, Location, Problem, display_path

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
"""How deep lists and mappings may nest; the deepest a meeting needs (findings.x.items[0].text.nl) is 6."""
NULLS = {"", "~", "null", "Null", "NULL"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_STAND_IN = "\ue000"  # a private-use character: YAML reads it as a letter
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

Path_ = tuple  # a field path: ("findings", "challenges", "items", 0, "text", "en")


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


def _char_name(char: str) -> str:
    return {"\r": "a carriage return", "\x00": "a NUL byte", "\x7f": "a DEL character"}.get(
        char, f"the control character U+{ord(char):04X}"
    )


def refused_characters(text: str) -> list[str]:
    """The characters in `text` that no meeting file may hold (control characters, a lone carriage return),
    each described for an editor: "the control character U+0085"."""
    return [_char_name(match.group()) for match in _CONTROL.finditer(text)]


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
    controls = list(_CONTROL.finditer(text))
    fields = _fields_holding(name, text, [match.start() for match in controls]) if controls else {}
    for match in controls:
        line, col = _position(text, match.start())
        problems.append(Problem(
            Location(name, line, col), fields.get(match.start(), ""),
            f"{_char_name(match.group())} is not allowed; delete it",
        ))
    for match in _TAB_INDENT.finditer(text):
        line, col = _position(text, match.end() - 1)
        problems.append(Problem(Location(name, line, col), "", "tab used for indentation; indent with spaces"))
    if problems:
        raise ContentError(problems)
    source = _Builder(name).build(text)
    source.todo.update(todo_comments(text))
    return source


def _fields_holding(name: str, text: str, offsets: list[int]) -> dict[int, str]:
    """offset → the field whose key or value holds it (for control characters, parsed as if they were letters)."""
    builder = _Builder(name)
    plain = _CONTROL.sub(_STAND_IN, text)  # one character for one: every offset stays where it was
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


class _Builder:
    """Turns parser events into plain dicts, lists and strings, with locations."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.locations: dict[tuple, Location] = {}
        self.spans: list[tuple[int, int, tuple]] = []
        """(start, end, field path) of every scalar, keys included: where in the text each field stands."""

    def loc(self, mark) -> Location:
        return Location(self.name, mark.line + 1, mark.column + 1)

    def refuse(self, mark, message: str, path: tuple = ()) -> None:
        self.problems.append(Problem(self.loc(mark), dotted(path), message))

    def build(self, text: str) -> Source:
        try:
            events = self.events(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or exc.context or "invalid YAML"
            hint = _syntax_hint(what)
            raise ContentError([Problem(self.loc(mark), "", f"YAML syntax error: {what}{hint}")]) from None
        documents = [e for e in events if isinstance(e, ev.DocumentStartEvent)]
        if len(documents) > 1:
            self.refuse(documents[1].start_mark, "only one document per file; remove the `---` line and what follows")
        stream = iter(events)
        data = None
        for event in stream:
            if isinstance(event, ev.DocumentStartEvent):
                data = self.node(next(stream), stream, ())
                break
        if data is None or data == "":
            raise ContentError([Problem(Location(self.name), "", "the file is empty; start from docs/content-format.md")])
        if not isinstance(data, dict):
            self.problems.append(
                Problem(self.locations[()], "", "the file must be a mapping of `field: value` lines at the top level")
            )
        for text_path, value in strings(data):
            for match in _CONTROL.finditer(value):
                self.problems.append(
                    Problem(
                        self.locations.get(text_path, Location(self.name)),
                        dotted(text_path),
                        f"{_char_name(match.group())} (written as an escape) is not allowed; remove it",
                    )
                )
        if self.problems:
            raise ContentError(self.problems)
        return Source(self.name, data, self.locations)

    def events(self, text: str) -> list:
        """The parser's events; a ContentError as soon as lists and mappings nest deeper than MAX_DEPTH (read no
        further: deep nesting costs the parser time, and building the tree would exhaust Python's stack)."""
        events, depth = [], 0
        for event in YAML(typ="safe", pure=True).parse(text):
            events.append(event)
            if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    message = (f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; a meeting "
                               "file needs far fewer: check the brackets and the indentation")
                    raise ContentError([Problem(self.loc(event.start_mark), "", message)])
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                depth -= 1
        return events

    def node(self, event, stream, path: tuple):
        if isinstance(event, ev.AliasEvent):
            self.refuse(event.start_mark, f"aliases (*{event.anchor}) are not allowed; write the value out", path)
            return None
        self.locations.setdefault(path, self.loc(event.start_mark))
        if getattr(event, "anchor", None):
            self.refuse(event.start_mark, f"anchors (&{event.anchor}) are not allowed; write each value out", path)
        if getattr(event, "tag", None) and not (isinstance(event, ev.ScalarEvent) and event.tag == "!"):
            self.refuse(event.start_mark, f"tags ({event.tag}) are not allowed; remove it", path)
        if isinstance(event, ev.ScalarEvent):
            self.spans.append((event.start_mark.index, event.end_mark.index, path))
            plain = event.style is None and event.implicit[0]
            return None if plain and event.value in NULLS else event.value
        if isinstance(event, ev.SequenceStartEvent):
            items = []
            for child in stream:
                if isinstance(child, ev.SequenceEndEvent):
                    return items
                items.append(self.node(child, stream, path + (len(items),)))
        if isinstance(event, ev.MappingStartEvent):
            return self.mapping(event, stream, path)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def mapping(self, start, stream, path: tuple) -> dict:
        result: dict = {}
        seen: dict[str, Location] = {}
        for key_event in stream:
            if isinstance(key_event, ev.MappingEndEvent):
                return result
            key_loc = self.loc(key_event.start_mark)
            if not isinstance(key_event, ev.ScalarEvent):
                self.refuse(key_event.start_mark, "keys must be plain words", path)
                self._skip(key_event, stream)
                self._skip(next(stream), stream)
                continue
            key = key_event.value
            self.spans.append((key_event.start_mark.index, key_event.end_mark.index, path + (key,)))
            if key == "<<" and key_event.style is None:
                self.refuse(key_event.start_mark, "merge keys (<<) are not allowed; write the fields out", path)
                self._skip(next(stream), stream)
                continue
            child = path + (key,)
            if key in seen:
                first = seen[key]
                self.problems.append(
                    Problem(
                        key_loc,
                        dotted(child),
                        f"duplicate key `{key}`: also on line {first.line}; keep one of them",
                    )
                )
                self._skip(next(stream), stream)
                continue
            seen[key] = key_loc
            self.locations[child] = key_loc
            value = self.node(next(stream), stream, child)
            self.locations[child] = key_loc  # errors about a value point at its key
            result[key] = value
        return result  # pragma: no cover

    def _skip(self, event, stream) -> None:
        """Consume a whole node (for refused keys)."""
        if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
            depth = 1
            for inner in stream:
                if isinstance(inner, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                    depth += 1
                elif isinstance(inner, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                    depth -= 1
                    if depth == 0:
                        return


def nodes(value, path: tuple = ()):
    """(path, value) for every node of loaded data, the root first, in document order."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, path + (index,))


def strings(value, path: tuple = ()):
    """(path, text) for every string in loaded data."""
    return ((p, v) for p, v in nodes(value, path) if isinstance(v, str))


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (a text containing `: ` needs quotes around it)"
    if "found character '\\t'" in problem:
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return " (each line needs `field: value`; check the indentation)"
    return ""


def dotted(path: tuple) -> str:
    """("findings", "x", "items", 2, "text") → "findings.x.items[2].text"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


