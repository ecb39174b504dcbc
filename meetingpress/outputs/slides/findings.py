"""The findings' slides: one group of findings → its slides, each finding's title numbered as the report numbers it,
with its takeaway (the first sentence of its text) under it.

The group's lead sentence (`intro`) opens its first slide only.  A group
that needs several slides gets a section slide with its heading first, then
slides titled "Challenges (1 of 2)" …, the numbering counting on; a group
that fits one slide gets no divider.  The notes hold each finding's full
text and details.
"""

from __future__ import annotations

from meetingpress.outputs.slides.fit import Para, Span
from meetingpress.outputs.slides.spans import plain, spans, takeaway, with_links

FINDING_SIZES = (28, 26, 24, 22, 20)


def group_slides(deck, job, key: str, group) -> None:
    lang = job.lang
    where = ("findings", key, "heading", lang)
    digits = len(str(len(group.items)))
    items = [[Para(spans(item.title, bold=True), bullet="number", number=i + 1, digits=digits, before=0.6,
                   colour="tx2", balance=True),
              Para(takeaway(item.text), scale=0.85, hang="number", digits=digits, before=0.15)]
             for i, item in enumerate(group.items)]
    heading = plain(group.heading)

    def notes(page: list[int], number: int, count: int) -> list[str]:
        lines = []
        for i in page:
            item = group.items[i]
            lines += [f"{i + 1}. {item.title}", with_links(item.text)]
            if item.details:
                lines.append(with_links(item.details))
            lines.append("")
        if number == count - 1:
            lines.append(deck.words("ask_findings"))
        return lines

    def divider(pages: int) -> list[str]:
        titles = "; ".join(f"{i + 1}. {item.title}" for i, item in enumerate(group.items))
        lines = [f"{with_links(group.intro)} {titles}." if group.intro else f"{heading}: {titles}."]
        return [*lines, deck.words("pages_follow", pages=pages)]

    deck.list_slides(
        "content",
        (Span(heading),),
        items,
        notes,
        lead=[Para(spans(group.intro), colour="accent3")] if group.intro else [],
        sizes=FINDING_SIZES,
        where=lambda i: ("findings", key, "items", i, "title", lang) if i >= 0 else where,
        divider=divider,
    )
