"""Characters the report's font cannot show: a meeting's texts + the theme's font files → a problem per field.

WeasyPrint draws a character that the report's own fonts lack with any font
of the computer that has it, and embeds that font in the PDF (or, where none
has it, prints an empty box).  So before anything is rendered, every text the
report shows is checked against the character map of every face the report
uses (regular, italic, bold, bold italic, light), as written and as Markdown
turns it into text (`&#x1F642;`): a character one of them lacks is a
`file:line` problem at the field that holds it, naming the character
(`U+1F642 SLIGHTLY SMILING FACE`).  The report renderer refuses any font but
the theme's in the PDF as a last guard (`system_fonts` in outputs/report/pdf.py).  `check` and the build both report it.

The character maps are read straight from the font files (TrueType and
OpenType `cmap` formats 4 and 12; fontTools for anything else), and kept per
file while it does not change.
"""

from __future__ import annotations

import bisect
import struct
import unicodedata
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from meetingpress.errors import Problem
from meetingpress.loading.read import dotted, strings
from meetingpress.schema import LANGS
from meetingpress.text import Text

SKIPPED = {"Cc", "Cf", "Zl", "Zp"}
"""Character categories that are never drawn: line breaks, tabs, joiners, soft hyphens."""
NAMED = 3
"""How many of a field's missing characters a problem names."""


class FontProblem(ValueError):
    """A font file whose characters cannot be read (the message is for the editor)."""


def _ranges_format4(data: bytes, at: int) -> list[tuple[int, int]]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts_at = at + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + 2 * segments)
    offsets_at = starts_at + 4 * segments
    offsets = struct.unpack_from(f">{segments}H", data, offsets_at)
    ranges = []
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        end = min(end, 0xFFFE)
        if start > end:
            continue
        if offset == 0:  # glyph = code + delta: every code has one but the code that lands on glyph 0 (none)
            none = -delta & 0xFFFF
            ranges += [(a, b) for a, b in ((start, min(end, none - 1)), (max(start, none + 1), end)) if a <= b]
            continue
        first = offsets_at + 2 * i + offset  # the glyph of each code in turn, as far as the table goes
        count = max(0, min(end - start + 1, (len(data) - first) // 2))
        glyphs = struct.unpack_from(f">{count}H", data, first) if count else ()
        gaps = [-1, *(k for k, glyph in enumerate(glyphs) if not glyph), count]  # codes without a glyph, as edges
        ranges += [(start + a + 1, start + b - 1) for a, b in pairwise(gaps) if b - a > 1]
    return ranges


def _ranges_format12(data: bytes, at: int) -> list[tuple[int, int]]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    return [struct.unpack_from(">II", data, at + 16 + 12 * g) for g in range(groups)]


def _cmap_ranges(data: bytes) -> list[tuple[int, int]]:
    """The code point ranges of the best Unicode cmap subtable of a TrueType or OpenType font."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise FontProblem("is not a TrueType or OpenType font file (.ttf or .otf)")
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next((struct.unpack_from(">I", data, 12 + 16 * t + 8)[0] for t in range(tables)
                 if data[12 + 16 * t: 16 + 16 * t] == b"cmap"), None)
    if cmap is None:
        raise FontProblem("has no character map; it is not a usable font")
    subtables = {}
    for s in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * s)
        at = cmap + offset
        subtables.setdefault((platform, encoding, struct.unpack_from(">H", data, at)[0]), at)
    for key, read in (((3, 10, 12), _ranges_format12), ((0, 4, 12), _ranges_format12), ((0, 6, 12), _ranges_format12),
                      ((3, 1, 4), _ranges_format4), ((0, 3, 4), _ranges_format4)):
        if key in subtables:
            return read(data, subtables[key])
    import io

    from fontTools.ttLib import TTFont  # an unusual cmap: let fontTools read it

    best = TTFont(io.BytesIO(data), lazy=True).getBestCmap() or {}
    return [(c, c) for c in best]


class Coverage:
    """The characters one font file has."""

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _end in merged]
        self.ends = [end for _start, end in merged]

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        i = bisect.bisect_right(self.starts, code) - 1
        return i >= 0 and code <= self.ends[i]


def coverage(path: Path) -> Coverage:
    """The characters of the font file at `path`; FontProblem if it is not a readable font."""
    stat = Path(path).stat()
    return _coverage(Path(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _coverage(path: Path, _mtime_ns: int, _size: int) -> Coverage:
    try:
        return Coverage(_cmap_ranges(path.read_bytes()))
    except FontProblem:
        raise
    except Exception as exc:  # a truncated or garbled file: struct or fontTools errors
        raise FontProblem(f"cannot be read as a font ({type(exc).__name__}); export it again") from None


def describe(char: str) -> str:
    """`U+1F642 SLIGHTLY SMILING FACE`."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def missing(source, meeting, family: str, fonts: tuple[Path, ...]) -> list[Problem]:
    """Every character of a text the report shows (in each of its languages) that one of `fonts` lacks, at the
    field that holds it: one problem per field, naming the first few characters."""
    langs = meeting.outputs.report
    if not langs:
        return []
    faces = [coverage(path) for path in dict.fromkeys(fonts)]
    problems = []
    for path, text in strings(source.data):
        if path and path[-1] in LANGS and path[-1] not in langs:
            continue
        shown = text + Text(text).plain  # as written, and as Markdown makes it (`&#x1F642;` is an emoji)
        lacking = [char for char in dict.fromkeys(shown) if drawn(char) and not all(char in f for f in faces)]
        if lacking:
            named = ", ".join(f"“{char}” ({describe(char)})" for char in lacking[:NAMED])
            more = f" and {len(lacking) - NAMED} more" if len(lacking) > NAMED else ""
            problems.append(Problem(
                source.locate(path), dotted(path),
                f"the report's font ({family}) has no {named}{more}: write {'them' if len(lacking) > 1 else 'it'} "
                "another way, or choose a font in theme.yaml that has them",
            ))
    return problems


def drawn(char: str) -> bool:
    """False for what is never drawn: line breaks, tabs, joiners, soft hyphens, variation selectors."""
    code = ord(char)
    return not (unicodedata.category(char) in SKIPPED or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)
