"""A page's content stream as WeasyPrint draws it → the same, where what the structure tree does not hold is an
artifact.

Marked content whose MCID the structure tree does not reach (WeasyPrint's
running head and footer) becomes `/Artifact` of type Pagination, and a
graphics object painted outside any marked content (the cover's circles) is
wrapped in an `/Artifact` of its own.  Called by `tags.tidy`, before the
stream is written: WeasyPrint's stream (pydyf) holds one operator per item,
with its operands, except for the marked-content operators, whose tag and
properties are items of their own before it.
"""

from __future__ import annotations

from pydyf import Dictionary, Object

# Content-stream operators that start and end a path object, and those that paint on their own.
PATH_START = frozenset({"m", "re"})
PATH_END = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"})
SINGLE = frozenset({"Do", "sh"})
ARTIFACT = ("/Artifact", b"BMC")


def operator(item) -> str | None:
    """The operator an item of the stream ends with; None for an operand item (a marked-content tag or its
    properties)."""
    if isinstance(item, Object):
        return None
    text = item if isinstance(item, bytes) else str(item).encode()
    words = text.split()
    if not words or (len(words) == 1 and text.startswith(b"/")):
        return None
    return words[-1].decode("latin-1")


def artifacts(stream, tagged: set) -> None:
    """Marked content not in the tree becomes pagination artifacts; paint outside marked content, artifacts."""
    out: list = []
    depth = 0
    path_start = text_start = None
    for item in stream.stream:
        op = operator(item)
        if op is None:
            out.append(item)
            continue
        if op in ("BDC", "BMC"):  # a graphics object with marked content inside is not wrapped again
            path_start = text_start = None
        if op == "BDC":
            props = out[-1]
            if isinstance(props, Dictionary) and "MCID" in props and int(props["MCID"]) not in tagged:
                out[-2:] = ["/Artifact", Dictionary({"Type": "/Pagination"})]
            depth += 1
        elif op == "BMC":
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif depth == 0:
            if op in PATH_START and path_start is None:
                path_start = len(out)
            elif op in PATH_END and path_start is not None:
                if op != "n":
                    out[path_start:path_start] = ARTIFACT
                    out.append(item)
                    item = b"EMC"
                path_start = None
            elif op == "BT":
                text_start = len(out)
            elif op == "ET" and text_start is not None:
                out[text_start:text_start] = ARTIFACT
                out.append(item)
                item = b"EMC"
                text_start = None
            elif op in SINGLE and text_start is None:
                out.extend(ARTIFACT)
                out.append(item)
                item = b"EMC"
        out.append(item)
    stream.stream = out
