"""Colour contrast of the theme (WCAG 2.2 AA): the report's colour pairs, each at the size it is used.

`check` warns, at the colour's line in theme.yaml, when a pair falls short: 4.5:1 for text under 18 pt
(14 pt bold), 3:1 for larger text.  A warning, not an error: the organisation decides on its colours.
"""

from __future__ import annotations

from pathlib import Path

from meetingpress.errors import Problem
from meetingpress.loading.read import load
from meetingpress.paths import find

SMALL, LARGE = 4.5, 3.0
# (text colour, background colour, where the report uses them, the contrast WCAG AA asks at that size)
PAIRS = (
    ("text", "background", "body text", SMALL),
    ("muted", "background", "details, captions, the running head and page numbers", SMALL),
    ("muted", "tint", "the quotation's source in its panel", SMALL),
    ("primary", "background", "headings and links", SMALL),
    ("primary", "tint", "labels in the facts box and on the quotation panel", SMALL),
    ("accent", "background", "“Report” and the question numbers (small text)", SMALL),
    ("background", "accent", "the numbers on the findings' discs", SMALL),
    ("tint", "primary", "the series line and date on the cover", SMALL),
    ("background", "primary", "the title on the cover (large text)", LARGE),
)


def luminance(colour: str) -> float:
    """Relative luminance of `#rrggbb` (WCAG 2.2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shortfalls(colours: dict[str, str]) -> list[tuple[str, str, str, float, float]]:
    """(text colour, background, use, contrast, needed) for every pair below what its use needs."""
    found = []
    for fg, bg, use, needed in PAIRS:
        if fg in colours and bg in colours:
            contrast = ratio(colours[fg], colours[bg])
            if round(contrast, 2) < needed:
                found.append((fg, bg, use, contrast, needed))
    return found


def theme_warnings(templates: tuple[Path, ...], root: Path | None = None) -> list[Problem]:
    """Warnings for the theme.yaml in use (first on the search path), at the text colour's line (the file named
    relative to `root`, the project folder, as meeting files are)."""
    from meetingpress.loading.theme import theme

    colours = dict(theme(templates).colors)
    found = shortfalls(colours)
    source = load(find("theme.yaml", templates), root) if found else None  # read again for its lines, if needed
    return [
        Problem(source.locate(("colors", fg)), f"colors.{fg}",
                f"{colours[fg]} on {bg} {colours[bg]} has a contrast of {contrast:.2f}:1, below the {needed:g}:1 needed for "
                f"{use} (WCAG AA); choose a darker or lighter colour", warning=True)
        for fg, bg, use, contrast, needed in found
    ]
