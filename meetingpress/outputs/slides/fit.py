"""Text fitting for the deck: paragraphs + a box + the theme's font files → size, lines, pages.

Widths come from the bundled TTF files' advance widths (fontTools): each
character counts at the wider of the theme's font (Lato, which the report
embeds) and the theme's fallback font (DejaVu Sans, what LibreOffice shows on
a machine without Lato), so the text fits whichever of the two a viewer gets.
Lines break greedily at spaces, like both clients do; a word longer than a
line breaks between letters; a "\n" in a span is a forced line break.  Every
width is taken a little larger than measured (`SAFETY`) to absorb kerning and
hinting differences.  `balanced` breaks a title into lines of even length (`text.with_breaks`
writes them).
Line pitch is exactly `LINE` × font size: the deck writes that pitch as a
fixed line spacing, so a client cannot lay the lines out taller.

Nothing here knows python-pptx: the slide modules describe text as `Para`s and
asks `fit` for the largest size that fits, or `pages` how to split a list
over continuation slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from meetingpress.text import Run as Span

EMU_PER_PT = 12700
IN = 914400
"""EMU per inch."""
LINE = 1.2
"""Line pitch as a multiple of the font size (Lato's own ascent + descent)."""
SAFETY = 1.03
"""Measured widths are multiplied by this before comparing with the line width."""
STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Para:
    """One paragraph: spans, size relative to the box's size, bullet and spacing."""

    spans: tuple[Span, ...]
    scale: float = 1.0
    bullet: str | None = None
    """None, "bullet" (•) or "number" (1., 2., …)."""
    number: int = 1
    """The first number of a numbered paragraph."""
    digits: int = 1
    """A numbered list's widest number, in digits: "10." needs a wider indent than "9."."""
    balance: bool = False
    """Break into lines of even length, as a title is (a finding's title, a heading line)."""
    hang: str | None = None
    """Without a bullet: indent as a "bullet" or "number" paragraph does (a line under a numbered item)."""
    before: float = 0.0
    """Space before the paragraph in ems of its own size (never before the first one in a box)."""
    colour: str | None = None
    """A theme colour (`tx2`, `accent2`, …), or None to keep the layout's colour."""
    align: str | None = "left"
    """"left", "center", "right", or None to keep the layout's alignment."""

    @property
    def indent(self) -> float:
        """The hanging indent for the bullet or number, in ems of the box's size."""
        return {"bullet": 0.9, "number": 0.9 + 0.7 * self.digits}.get(self.bullet or self.hang or "", 0.0)


def para_size(size: float, para: Para) -> float:
    """The paragraph's font size in points, rounded to the half point the deck writes."""
    return round(size * para.scale * 2) / 2


def pitch(size: float, para: Para) -> float:
    """The paragraph's line pitch in points, rounded to the hundredth the deck writes."""
    return round(para_size(size, para) * LINE, 2)


def space_before(size: float, para: Para) -> float:
    return round(para_size(size, para) * para.before, 1)


def indent_pt(size: float, para: Para) -> float:
    """The indent in points: in ems of the box's size, so a smaller line under an item lines up with it."""
    return round(size * para.indent, 1)


@dataclass(frozen=True)
class Box:
    """A text box in EMU: outer size and the insets the deck writes into it."""

    width: int
    height: int
    inset_x: int = 91440
    inset_y: int = 45720

    @property
    def inner_width(self) -> float:
        return (self.width - 2 * self.inset_x) / EMU_PER_PT

    @property
    def inner_height(self) -> float:
        return (self.height - 2 * self.inset_y) / EMU_PER_PT


@dataclass
class Metrics:
    """Advance widths of the four styles of one font family (and its fallback), in ems."""

    files: dict[str, tuple[Path, ...]]
    """Per style, the font files whose wider advance counts."""
    _widths: dict[str, dict[int, float]] = field(default_factory=dict)

    def widths(self, style: str) -> dict[int, float]:
        if style not in self._widths:
            tables = [_advances(str(path)) for path in self.files[style]]
            codes = set().union(*tables)
            # A character one font lacks is drawn from some other font: count it as a wide one there.
            self._widths[style] = {code: max(table.get(code, 1.0) for table in tables) for code in codes}
        return self._widths[style]

    def width(self, text: str, style: str, size: float) -> float:
        """Width of `text` in points at `size`, without the safety margin."""
        table = self.widths(style)
        return sum(table.get(ord(ch), 1.0) for ch in text) * size

    def lines(self, para: Para, size: float, width: float) -> list[str]:
        """The paragraph broken into lines at `size` in a box `width` points wide."""
        psize = para_size(size, para)
        room = width - indent_pt(size, para)
        chars = [(ch, span.style) for span in para.spans for ch in span.text]
        advance = [self.widths(style).get(ord(ch), 1.0) * psize * SAFETY for ch, style in chars]
        text = "".join(ch for ch, _ in chars)
        out: list[str] = []
        start = 0  # first character of the current line
        while start < len(text):
            end, used, last_break = start, 0.0, None
            while end < len(text) and text[end] != "\n":
                if text[end] == " ":
                    last_break = end
                elif used + advance[end] > room:
                    break
                used += advance[end]
                end += 1
            if end == len(text) or text[end] == "\n":
                out.append(text[start:end])
                start = end + 1
                if start == len(text):
                    out.append("")
                continue
            if last_break is not None and last_break > start:
                out.append(text[start:last_break])
                start = last_break
            else:  # one word wider than the line: break between letters (at least one per line)
                end = max(end, start + 1)
                out.append(text[start:end])
                start = end
            while start < len(text) and text[start] == " ":
                start += 1
            if start < len(text) and text[start] == "\n":  # the line ended here anyway
                start += 1
        return out or [""]

    def balanced(self, para: Para, size: float, width: float) -> list[str]:
        """The paragraph in as few lines as greedy breaking needs, each as even in length as can be,
        and never a single word alone on the last line when the line above can give it company."""
        count = len(self.lines(para, size, width))
        if count < 2:
            return self.lines(para, size, width)
        low, high = 0.0, width  # the narrowest width that still needs only `count` lines
        for _ in range(30):
            middle = (low + high) / 2
            if len(self.lines(para, size, middle)) <= count:
                high = middle
            else:
                low = middle
        lines = self.lines(para, size, high)
        last, above = lines[-1].split(" "), lines[-2].split(" ")
        if len(last) == 1 and len(above) > 1:
            moved = Para((Span(f"{above[-1]} {lines[-1]}", *self._style(para)),), para.scale)
            if len(self.lines(moved, size, width)) == 1:
                lines[-2:] = [" ".join(above[:-1]), f"{above[-1]} {lines[-1]}"]
        return lines

    @staticmethod
    def _style(para: Para) -> tuple[bool, bool]:
        """The bold and italic of a paragraph's widest style (what a moved word is measured in)."""
        return any(span.bold for span in para.spans), any(span.italic for span in para.spans)

    def height(self, paras: Sequence[Para], size: float, width: float) -> float:
        """Height in points of the paragraphs set one after another."""
        total = 0.0
        for i, para in enumerate(paras):
            if i:
                total += space_before(size, para)
            total += len(self.lines(para, size, width)) * pitch(size, para)
        return total

    def fits(self, paras: Sequence[Para], size: float, box: Box) -> bool:
        return self.height(paras, size, box.inner_width) <= box.inner_height

    def fit(self, paras: Sequence[Para], box: Box, sizes: Sequence[float]) -> float | None:
        """The largest of `sizes` at which the paragraphs fit the box, or None."""
        for size in sorted(sizes, reverse=True):
            if self.fits(paras, size, box):
                return size
        return None

    def needed_height(self, paras: Sequence[Para], size: float, box: Box) -> int:
        """The outer box height in EMU the paragraphs need at `size`."""
        inner = self.height(paras, size, box.inner_width)
        return int(inner * EMU_PER_PT) + 2 * box.inset_y + 1

    def pages(self, items: Sequence[Sequence[Para]], size: float, box: Box,
              lead: Sequence[Para] = ()) -> list[list[int]]:
        """Split items (each one or more paragraphs kept together) over as few boxes as possible, as evenly as
        possible.

        `lead` paragraphs open the first box only (an intro sentence).  Raises
        ValueError with the index of an item that does not fit a box even on
        its own.
        """
        lead_h = self.height(lead, size, box.inner_width) if lead else 0.0
        heights = []
        for i, block in enumerate(items):
            own = self.height(block, size, box.inner_width)
            gap = space_before(size, block[0])
            if own > box.inner_height or (i == 0 and lead and lead_h + gap + own > box.inner_height):
                raise ValueError(i)
            heights.append((own, gap))
        room = box.inner_height
        count = len(_greedy(heights, room, lead_h))
        low, high = 0.0, room  # the smallest capacity that still needs only `count` boxes
        for _ in range(40):
            middle = (low + high) / 2
            if len(_greedy(heights, middle, lead_h)) <= count:
                high = middle
            else:
                low = middle
        return _greedy(heights, high, lead_h)


def _greedy(heights: list[tuple[float, float]], room: float, lead: float) -> list[list[int]]:
    """Items into boxes of height `room`, in order; the first box starts below a lead `lead` high."""
    pages: list[list[int]] = [[]]
    used = lead
    for i, (own, gap) in enumerate(heights):
        need = own + (gap if used else 0.0)
        if pages[-1] and used + need > room + 1e-6:
            pages.append([])
            used, need = 0.0, own
        if used + need > room + 1e-6:
            return [[j] for j in range(len(heights))] + [[]]  # cannot fit: more pages than items
        pages[-1].append(i)
        used += need
    return pages


@cache
def _advances(path: str) -> dict[int, float]:
    import logging

    from fontTools.ttLib import TTFont

    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)  # Lato's 'created' date makes it warn; the date is of no use here
    try:
        font = TTFont(path, lazy=True)
        units = font["head"].unitsPerEm
    finally:
        head_log.setLevel(level)
    metrics = font["hmtx"].metrics
    return {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}


def metrics_for(theme) -> Metrics:
    """The measuring tool for a `Theme` (its regular, bold, italic and bold italic files)."""
    return Metrics({style: tuple(path for path in (theme.font_file(style), theme.fallback_file(style)) if path)
                    for style in STYLES})
