"""The layouts a deck uses: a master's `Presentation` → its title, content and section layouts, by placeholder type.

Layouts are found by what they hold, never by name, so a master in any
language works:

- title slide: a centred-title placeholder (with a subtitle if possible);
- content: one title and one body/content placeholder, the largest such;
- section: one title and one text placeholder, the title lowest on the slide;
  else a title-only layout; else the content layout.

Date, footer and slide-number placeholders do not count; a layout with
vertical text, or with a placeholder that has no position, is not used.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingpress.errors import RenderError
from meetingpress.outputs.slides import xml


@dataclass(frozen=True)
class Layouts:
    title: object
    content: object
    section: object


def _kinds(layout):
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    kinds = {}
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind in (PH.DATE, PH.FOOTER, PH.SLIDE_NUMBER):
            continue
        if xml.is_vertical(ph) or None in (ph.left, ph.top, ph.width, ph.height):
            return None  # vertical text, or a placeholder without a position: not usable
        kinds.setdefault(kind, []).append(ph)
    return kinds


def _only(kinds, **wanted) -> bool:
    """True when the layout holds exactly these placeholders: `_only(kinds, TITLE=1, BODY=1)`."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    return {k: len(v) for k, v in kinds.items()} == {PH[name]: n for name, n in wanted.items()}


def _middle(ph) -> int:
    return ph.top + ph.height // 2


def find_layouts(prs, where: str) -> Layouts:
    """The title, content and section layouts, chosen by the placeholders they hold (see the docstring)."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    layouts = [(layout, _kinds(layout)) for master in prs.slide_masters for layout in master.slide_layouts]
    layouts = [(layout, kinds) for layout, kinds in layouts if kinds is not None]

    def area(ph):
        return ph.width * ph.height

    content = [
        (area((kinds.get(PH.OBJECT) or kinds[PH.BODY])[0]), i, layout)
        for i, (layout, kinds) in enumerate(layouts)
        if _only(kinds, TITLE=1, OBJECT=1) or _only(kinds, TITLE=1, BODY=1)
    ]
    if not content:
        raise RenderError(f"{where}: no slide layout with one title and one text placeholder; the deck needs one")
    content_layout = max(content, key=lambda c: (c[0], -c[1]))[2]
    titles = [layout for layout, kinds in layouts if _only(kinds, CENTER_TITLE=1, SUBTITLE=1)]
    titles += [layout for layout, kinds in layouts if PH.CENTER_TITLE in kinds and PH.SUBTITLE not in kinds
               and len(kinds) == 1]
    sections = sorted(
        ((_middle(kinds[PH.TITLE][0]), layout) for layout, kinds in layouts
         if layout is not content_layout and _only(kinds, TITLE=1, BODY=1)
         and _middle(kinds[PH.TITLE][0]) > prs.slide_height * 0.3),
        key=lambda s: -s[0],
    )
    title_only = [layout for layout, kinds in layouts if _only(kinds, TITLE=1)]
    section = sections[0][1] if sections else (title_only[0] if title_only else content_layout)
    return Layouts(titles[0] if titles else content_layout, content_layout, section)
