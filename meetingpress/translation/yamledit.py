"""Change texts inside a YAML file: original text + {field path: new text} → new text.

Only the characters of each changed value are replaced.  A missing language
key (`en:` absent while `nl:` is there) is inserted on its own line right
after the other language's value, at the same indentation.  Everything else —
comments, key order, quoting, blank lines, line endings — stays byte for byte.

ruamel.yaml's round-trip parser finds each value's exact span and its emitter
writes the new value (quoted only when YAML needs it, in the value's own
quoting style when possible).  ruamel's full round-trip dump is not used:
it rejoins multi-line plain values and normalises indentation, CRLF line
endings and a missing final newline, so untouched lines could change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


class EditError(Exception):
    """A value cannot be written in place; the message says why, for an editor."""

    def __init__(self, path: tuple, message: str):
        self.path = path
        super().__init__(message)


@dataclass(frozen=True)
class _Scalar:
    start: int
    end: int
    style: str | None
    flow: bool
    value: str
    colon: int = -1
    """For a mapping value: the index just after its key's colon."""


@dataclass(frozen=True)
class _Key:
    start: int
    column: int
    flow: bool


@dataclass(frozen=True)
class _Spans:
    """Where every scalar value and every mapping key of a YAML text stands, by field path."""

    scalars: dict[tuple, _Scalar]
    keys: dict[tuple, _Key]


@dataclass(frozen=True, order=True)
class _Change:
    """Replace `text[start:end]` with `new`."""

    start: int
    end: int
    new: str


def _scan(text: str) -> _Spans:
    """Every scalar value and every mapping key, by field path."""
    scalars: dict[tuple, _Scalar] = {}
    keys: dict[tuple, _Key] = {}
    stream = iter(YAML(typ="rt").parse(text))

    def node(event, path: tuple, flow: bool, colon: int = -1) -> None:
        if isinstance(event, ev.ScalarEvent):
            value = event.value.replace("\a", "") if event.style == ">" else event.value
            scalars[path] = _Scalar(event.start_mark.index, event.end_mark.index, event.style, flow, value, colon)
        elif isinstance(event, ev.SequenceStartEvent):
            inner = flow or bool(event.flow_style)
            index = 0
            for child in stream:
                if isinstance(child, ev.SequenceEndEvent):
                    return
                node(child, path + (index,), inner)
                index += 1
        elif isinstance(event, ev.MappingStartEvent):
            inner = flow or bool(event.flow_style)
            for key in stream:
                if isinstance(key, ev.MappingEndEvent):
                    return
                name = key.value if isinstance(key, ev.ScalarEvent) else repr(key)
                keys[path + (name,)] = _Key(key.start_mark.index, key.start_mark.column, inner)
                node(next(stream), path + (name,), inner, text.find(":", key.end_mark.index) + 1)

    for event in stream:
        if isinstance(event, ev.DocumentStartEvent):
            node(next(stream), (), False)
            break
    return _Spans(scalars, keys)


def _emit(value: str, quoted: bool = False) -> str:
    """`value` as ruamel.yaml writes it after `key: ` (one line)."""
    yaml = YAML()
    yaml.width = 10**9
    buffer = io.StringIO()
    yaml.dump({"k": DoubleQuotedScalarString(value) if quoted else value}, buffer)
    rendered = buffer.getvalue()[len("k: ") : -1]
    if "\n" in rendered and not quoted:
        return _emit(value, quoted=True)
    return rendered


def render(value: str, style: str | None, flow: bool) -> str:
    """A one-line scalar for `value`, keeping the original quoting style when YAML allows."""
    if style == "'" and "\n" not in value and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or flow:
        return _emit(value, quoted=True)
    return _emit(value)


def _block(text: str, scalar: _Scalar, value: str, newline: str) -> str | None:
    """A new body for a `|` or `>` block scalar, keeping its header line and indentation."""
    if scalar.style == ">" and "\n" in value:
        return None
    span = text[scalar.start : scalar.end]
    header, _, body = span.partition("\n")
    header = header.rstrip("\r")
    lines = [line for line in body.splitlines() if line.strip()]
    if not lines:
        return None
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip(" "))]
    return header + newline + newline.join(indent + line if line else "" for line in value.split("\n"))


def _replace(text: str, scalar: _Scalar, value: str, newline: str) -> _Change:
    span = text[scalar.start : scalar.end]
    end = scalar.start + len(span.rstrip("\r\n "))  # block scalars own their trailing blank lines; keep them
    if scalar.style in ("|", ">"):
        body = _block(text, scalar, value, newline)
        if body is not None:
            return _Change(scalar.start, end, body)
    rendered = render(value, scalar.style, scalar.flow)
    if scalar.start == scalar.end and scalar.colon > 0:  # an empty value written as `en:`
        return _Change(scalar.colon, scalar.colon, " " + rendered)
    return _Change(scalar.start, end, rendered)


def _insert(text: str, path: tuple, value: str, spans: _Spans, newline: str) -> _Change:
    lang = path[-1]
    siblings = [path[:-1] + (other,) for other in ("nl", "en") if other != lang]
    sibling = next((p for p in siblings if p in spans.keys and p in spans.scalars), None)
    if sibling is None:
        raise EditError(path, f"has no `{lang}:` key and nothing to put it next to; add `{lang}:` by hand")
    key = spans.keys[sibling]
    if key.flow:
        raise EditError(path, f"is written in {{braces}}; add `{lang}:` by hand")
    scalar = spans.scalars[sibling]
    end = scalar.start + len(text[scalar.start : scalar.end].rstrip("\r\n "))
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    elif text[line_end - 1 : line_end] == "\r":
        line_end -= 1
    return _Change(line_end, line_end, newline + " " * key.column + f"{lang}: " + render(value, None, False))


def set_texts(text: str, edits: dict[tuple, str]) -> str:
    """`text` with the value at each field path (ending in "nl" or "en") set to its new text.

    Raises EditError for a value that cannot be written in place.
    """
    spans = _scan(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    changes = []
    for path, value in edits.items():
        if path in spans.scalars:
            changes.append(_replace(text, spans.scalars[path], value, newline))
        elif path in spans.keys:
            raise EditError(path, "is not a single text; write it by hand")
        else:
            changes.append(_insert(text, path, value, spans, newline))
    result = text
    for change in sorted(changes, reverse=True):
        result = result[: change.start] + change.new + result[change.end :]
    _verify(spans.scalars, result, edits)
    return result


def _verify(before: dict[tuple, _Scalar], result: str, edits: dict[tuple, str]) -> None:
    """Every edited value reads back as intended and every other value is unchanged."""
    after = _scan(result).scalars
    for path, scalar in before.items():
        if path not in edits and (path not in after or after[path].value != scalar.value):
            raise RuntimeError(f"writing the translations would change {path}; nothing was written")
    for path, value in edits.items():
        if path not in after or after[path].value.strip() != value.strip():
            raise RuntimeError(f"{path} would not read back as the new text; nothing was written")
