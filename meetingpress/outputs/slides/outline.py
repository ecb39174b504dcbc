"""A built deck's outline for the preview: a .pptx file → the title of each slide, in order."""

from __future__ import annotations

from pathlib import Path


def titles(path: Path) -> list[str]:
    from pptx import Presentation

    return [_title(slide) for slide in Presentation(str(path)).slides]


def _title(slide) -> str:
    """The title placeholder's text, else the first text on the slide."""
    title = slide.shapes.title
    if title is not None and title.has_text_frame and title.text_frame.text.strip():
        return " ".join(title.text_frame.text.split())
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            return " ".join(shape.text_frame.text.split())
    return "(no title)"
