"""YAML text → plain data and the location of every value, from ruamel.yaml's parser events.

The tree is built from the events of ruamel.yaml's YAML 1.2 parser, not by its
constructor, so every scalar stays text (`no`, `Nee`, `12:30`, `0123`); the
schema converts numbers and dates.  What a hand-written meeting file has no
use for and that hides mistakes is refused with `file:line:col`: duplicate
keys, anchors and aliases, tags, merge keys, several documents, a root that is
not a mapping, control characters written as escapes, and nesting deeper than
20 levels.  Also the helpers that walk such data by field path (`nodes`,
`strings`, `dotted`).
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError

from meetingpress.errors import ContentError, Location, Problem

MAX_DEPTH = 20
"""How deep lists and mappings may nest; the deepest a meeting needs (findings.x.items[0].text.nl) is 6."""
NULLS = {"", "~", "null", "Null", "NULL"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
"""The characters no meeting file may hold: control characters and a lone carriage return."""


def char_name(char: str) -> str:
    return {"\r": "a carriage return", "\x00": "a NUL byte", "\x7f": "a DEL character"}.get(
        char, f"the control character U+{ord(char):04X}"
    )


class Builder:
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

    def build(self, text: str) -> tuple[object, dict[tuple, Location]]:
        """The file's data and the location of each of its paths; a ContentError with every problem found."""
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
            for match in CONTROL.finditer(value):
                self.problems.append(
                    Problem(
                        self.locations.get(text_path, Location(self.name)),
                        dotted(text_path),
                        f"{char_name(match.group())} (written as an escape) is not allowed; remove it",
                    )
                )
        if self.problems:
            raise ContentError(self.problems)
        return data, self.locations

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
