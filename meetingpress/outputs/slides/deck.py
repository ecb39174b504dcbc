"""The mechanics of one deck: a `Job` → slides whose text is measured, fitted, numbered and annotated.

The slide modules (opening.py, findings.py, media.py, ending.py) say what
goes on which slide; a `Deck` knows how: it opens the master (master.py),
picks each slide's placeholders by type, fits every text with fit.py
(shrinking to a floor, growing a title box downwards if even the floor is
too big, splitting lists over continuation slides) and writes it with
`xml.write_text`.  Text that cannot fit even at the floor is a content error
pointing at its field.  Every slide gets a number, speaker notes, and in a
draft build a visible "DRAFT" mark; the deck's own words come from
`slides/words.j2` (words.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from meetingpress import i18n
from meetingpress.errors import ContentError, Problem
from meetingpress.loading.read import dotted
from meetingpress.loading.theme import theme as load_theme
from meetingpress.outputs.slides import file, master, xml
from meetingpress.outputs.slides.fit import IN, Box, Para, Span, metrics_for
from meetingpress.outputs.slides.text import box_of, place, with_breaks
from meetingpress.outputs.slides.words import Words

MIN_BODY = int(1.2 * IN)
TITLE_SIZES = (36, 34, 32, 30, 28, 26, 24)
COVER_SIZES = (44, 42, 40, 38, 36, 34, 32, 30, 28)
BODY_SIZES = (28, 26, 24, 22, 20, 18)
PAGE_SIZE = 24
SMALL_SIZES = (12, 11, 10, 9, 8)
MARK_SIZES = (20, 18, 16, 14, 12)


def _role(ph) -> str | None:
    """"title" for a title placeholder, "body" for a text one, None for the rest."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    kind = ph.placeholder_format.type
    if kind in (PH.TITLE, PH.CENTER_TITLE):
        return "title"
    if kind in (PH.SUBTITLE, PH.BODY, PH.OBJECT):
        return "body"
    return None


def _numbered(paras: Sequence[Para]) -> list[Para]:
    """Numbered paragraphs in a row all state the first one's number: clients count on from it (an unnumbered
    paragraph in between starts a new count, so a numbered one after it states its own)."""
    out, start = [], None
    for para in paras:
        if para.bullet == "number":
            start = para.number if start is None else start
            para = replace(para, number=start)
        else:
            start = None
        out.append(para)
    return out


class Deck:
    def __init__(self, job):
        self.job = job
        self.theme = load_theme(job.templates)
        self.metrics = metrics_for(self.theme)
        self.prs, self.layouts = master.open_base(job.templates, self.theme)
        file.clean_package(self.prs)
        self.tag = i18n.LANGUAGE_TAG[job.lang]
        self.family = self.theme.fonts.family
        self.words = Words(job.lang, job.templates)

    # ------------------------------------------------------------ placeholders

    def new_slide(self, kind: str):
        """A slide on the title/content/section layout and its text placeholders by role."""
        slide = self.prs.slides.add_slide(getattr(self.layouts, kind))
        roles = {}
        for ph in list(slide.placeholders):
            role = _role(ph)
            if role and role not in roles:
                roles[role] = ph
                place(ph, ph.left, ph.top, ph.width, ph.height)
            else:
                self.drop(ph)  # a second text box or a picture placeholder the deck does not fill
        return slide, roles

    @staticmethod
    def drop(shape) -> None:
        """Remove an unused placeholder (an empty one would show a prompt in PowerPoint)."""
        xml.drop_shape(shape)

    def problem(self, path: tuple, message: str) -> ContentError:
        return ContentError([Problem(self.job.locate(*path), dotted(path), message)])

    # ------------------------------------------------------------ fitting

    def balance(self, paras: Sequence[Para], size: float, box: Box) -> list[Para]:
        """Paragraphs marked `balance` broken into lines of even length (as many lines as they need anyway)."""
        return [with_breaks(para, self.metrics.balanced(para, size, box.inner_width)) if para.balance else para
                for para in paras]

    def fit(self, shape, paras: Sequence[Para], sizes: Sequence[float], path: tuple, anchor="top") -> float:
        """Write `paras` at the largest size that fits the shape, or fail naming the field."""
        box = box_of(shape)
        size = self.metrics.fit(paras, box, sizes)
        if size is None:
            raise self.problem(path, f"too long to fit on a slide even at {min(sizes)} pt; shorten it")
        paras = self.balance(paras, size, box)
        xml.write_text(shape, paras, size, lang=self.tag, family=self.family, anchor=anchor)
        return size

    def title(self, shape, paras: Sequence[Para], sizes: Sequence[float], below=None, path: tuple = ()) -> None:
        """Fit a title, shrinking to the floor; if still too tall, grow its box down over `below`."""
        paras = [replace(para, spans=tuple(replace(span, text=re.sub(r"[\t\n\r]", " ", span.text))
                                           for span in para.spans)) for para in paras]  # breaks are ours
        box = box_of(shape)
        size = self.metrics.fit(paras, box, sizes)
        if size is None:
            size = min(sizes)
            grow = self.metrics.needed_height(paras, size, box) - shape.height
            room = (below.height - MIN_BODY) if below is not None else self.prs.slide_height - shape.top - shape.height
            if grow > room:
                raise self.problem(path, f"too long for a slide title even at {size} pt; shorten it")
            shape.height += grow
            if below is not None:
                below.top, below.height = below.top + grow, below.height - grow
        width = box_of(shape).inner_width
        paras = [replace(with_breaks(para, self.metrics.balanced(para, size, width)), align=None)
                 for para in paras]  # balanced lines; the layout's alignment for titles
        xml.write_text(shape, paras, size, lang=self.tag, family=self.family, anchor="bottom")

    def list_slides(self, kind: str, heading: Sequence[Span], items: Sequence[Sequence[Para]],
                    notes: Callable[[list[int], int, int], list[str]], *, lead: Sequence[Para] = (),
                    sizes: Sequence[float] = BODY_SIZES, where: Callable[[int], tuple] = lambda i: (),
                    divider: Callable[[int], list[str]] | None = None) -> None:
        """Items (each one or more paragraphs kept together) on one slide under `heading`, the `lead` first.

        When they need several slides (as few as can be, at the largest size
        that needs no more): with `divider`, a section slide with the heading
        opens them (its notes from `divider(pages)`); the slides are titled
        "Heading (1 of 3)" …, the lead opens the first one only, and a
        numbered list counts on from slide to slide.  Every slide of the list
        gets the same body box: the one left under the longest of these
        titles.  `notes(page, index, count)` gives each slide's notes from the
        items on it.
        """
        plain = "".join(span.text for span in heading)

        def paged(page: int, pages: int) -> tuple[Span, ...]:
            return (Span(self.words("paged", title=plain, page=page, pages=pages), bold=True),)

        layout = {"title": None, "body": None}
        for ph in getattr(self.layouts, kind).placeholders:
            role = _role(ph)
            if role and layout[role] is None:
                layout[role] = ph
        title_box, body_top, body_height = box_of(layout["title"]), layout["body"].top, layout["body"].height
        longest = [Para(paged(99, 99))]
        if self.metrics.fit(longest, title_box, TITLE_SIZES) is None:
            grow = self.metrics.needed_height(longest, min(TITLE_SIZES), title_box) - title_box.height
            body_top, body_height = body_top + max(grow, 0), body_height - max(grow, 0)
        box = Box(layout["body"].width, body_height)
        if body_height < MIN_BODY:
            raise self.problem(where(-1), f"too long for a slide title even at {min(TITLE_SIZES)} pt; shorten it")
        size = self.metrics.fit([*lead, *(para for item in items for para in item)], box, sizes)
        if size is not None:
            pages = [list(range(len(items)))]
        else:
            # as few slides as possible, at the largest size that needs no more
            options = [(len(split), -s, split) for s in sizes if s <= PAGE_SIZE
                       for split in [self._pages(items, s, box, lead)] if split]
            if not options:
                index = self._too_big(items, box, lead, min(sizes))
                raise self.problem(where(index), f"too long for one slide even at {min(sizes)} pt; shorten it")
            _count, size, pages = min(options, key=lambda option: option[:2])
            size = -size
            if divider:
                self._divider(heading, divider(len(pages)), where(-1))
        for number, page in enumerate(pages):
            slide, roles = self.new_slide(kind)
            title, body = roles["title"], roles["body"]
            place(body, body.left, body_top, body.width, body_height)
            words = tuple(Span(s.text, True, s.italic) for s in heading) if len(pages) == 1 else paged(
                number + 1, len(pages))
            self.title(title, [Para(words)], TITLE_SIZES, path=where(-1))
            shown = [*(lead if number == 0 else ()), *(para for i in page for para in items[i])]
            shown = self.balance(_numbered(shown), size, Box(body.width, body_height))
            xml.write_text(body, shown, size, lang=self.tag, family=self.family)
            self.finish(slide, notes(page, number, len(pages)))

    def _divider(self, heading: Sequence[Span], notes: list[str], path: tuple) -> None:
        """A section slide with the heading alone (the lead sentence opens the first slide of the list)."""
        slide, roles = self.new_slide("section")
        if roles.get("body") is not None:
            self.drop(roles["body"])
        self.title(roles["title"], [Para(tuple(Span(s.text, True, s.italic) for s in heading))], COVER_SIZES,
                   path=path)
        self.finish(slide, notes)

    def _pages(self, items, size, box, lead):
        try:
            return self.metrics.pages(items, size, box, lead)
        except ValueError:
            return None

    def _too_big(self, items, box, lead, floor) -> int:
        try:
            self.metrics.pages(items, floor, box, lead)
        except ValueError as exc:
            return exc.args[0]
        return -1

    # ------------------------------------------------------------ every slide

    def finish(self, slide, notes: Sequence[str], number: bool = True) -> None:
        """Slide number, draft mark and speaker notes."""
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        if number:
            layout = slide.slide_layout
            own = [ph for ph in layout.placeholders if ph.placeholder_format.type == PH.SLIDE_NUMBER]
            source = next((ph for ph in [*own, *layout.slide_master.placeholders]
                           if ph.placeholder_format.type == PH.SLIDE_NUMBER), None)
            if own:
                slide.shapes.clone_placeholder(own[0])
                shape = slide.placeholders[own[0].placeholder_format.idx]
            else:
                left, top, width, height = (
                    (source.left, source.top, source.width, source.height) if source is not None
                    else (self.prs.slide_width - int(2.6 * IN), self.prs.slide_height - int(0.6 * IN), 2 * IN, int(0.4 * IN))
                )
                shape = slide.shapes.add_textbox(left, top, width, height)
            place(shape, shape.left, shape.top, shape.width, shape.height)
            digits = [Para((Span(str(len(self.prs.slides))),), align="right")]
            size = self.metrics.fit(digits, box_of(shape), SMALL_SIZES)
            xml.write_slide_number(shape, len(self.prs.slides), size or 8, lang=self.tag, family=self.family)
        if self.job.draft:
            width, height = 7 * IN, int(0.5 * IN)
            mark = slide.shapes.add_textbox((self.prs.slide_width - width) // 2,
                                            self.prs.slide_height - height - int(0.1 * IN), width, height)
            mark.name = "Draft mark"
            words = [Para((Span(self.words("draft"), bold=True),), colour="accent2", align="center")]
            self.fit(mark, words, MARK_SIZES, ())
        notes = list(notes)
        while notes and not notes[-1].strip():
            notes.pop()
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)

    def to_bytes(self, **properties) -> bytes:
        master.apply_theme(self.prs, self.theme)  # again: the notes master exists only now
        file.set_properties(self.prs, **properties)
        return file.to_bytes(self.prs, self.tag)
