"""Shapes and lines on a slide: a shape + a place, or a picture + a box, or a `Para` + its lines → placed shapes
and paragraphs with forced breaks.

`place` gives a shape its own position (so nothing depends on inheritance),
`box_of` the `Box` its text is measured in, `picture` adds an image scaled to
fit a box, with its description for screen readers, and `with_breaks` puts
the line breaks that `fit.Metrics.balanced` chose into a paragraph.  The text
itself is written by `xml.write_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from meetingpress.outputs.slides import xml
from meetingpress.outputs.slides.fit import Box, Para, Span


def box_of(shape) -> Box:
    """The `Box` a shape's text is measured in (with the insets `xml.prepare` writes)."""
    return Box(int(shape.width), int(shape.height))


def place(shape, left: int, top: int, width: int, height: int) -> None:
    """Give the shape its own position, so nothing depends on inheritance."""
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def picture(slide, path, alt: str, left: int, top: int, max_width: int, max_height: int, right_align=True):
    """Add an image (a path or a stream of its bytes) scaled to fit the box (aspect kept), with `alt` as its
    description for screen readers."""
    pic = slide.shapes.add_picture(path if hasattr(path, "read") else str(path), left, top)
    scale = min(max_width / pic.width, max_height / pic.height)
    width, height = int(pic.width * scale), int(pic.height * scale)
    place(pic, left + (max_width - width if right_align else 0), top, width, height)
    xml.describe(pic, alt, "Picture")
    return pic


def with_breaks(para: Para, lines: Sequence[str]) -> Para:
    """The paragraph with a "\\n" where each of `lines` ends (the spaces there dropped), emphasis kept."""
    text = "".join(span.text for span in para.spans)
    cuts, pos = [], 0  # (start, end) of the spaces each break replaces
    for line in lines[:-1]:
        pos = text.index(line, pos) + len(line) if line else pos
        end = pos
        while end < len(text) and text[end] == " ":
            end += 1
        cuts.append((pos, end))
        pos = end
    spans, offset = [], 0
    for span in para.spans:
        start, out = offset, []
        for i, ch in enumerate(span.text, start):
            cut = next((c for c in cuts if c[0] <= i < c[1] or c[0] == i == c[1]), None)
            if cut is None:
                out.append(ch)
            elif i == cut[0]:  # the first space of the break, or the letter a too-long word breaks before
                out.append("\n")
                if cut[0] == cut[1]:
                    out.append(ch)
        offset += len(span.text)
        spans.append(Span("".join(out), span.bold, span.italic, span.href))
    return replace(para, spans=tuple(spans))
