"""The deck's first slides: a meeting's view and facts → the title slide, the premise and the central questions.

1. title: the meeting's title; "Fifth learning meeting on …"; date, time and
   place; who organised it; the logo (the meeting's, else the theme's);
2. premise: the quotation, where it comes from, and the question it raises
   (the notes: put it to the room);
3. central questions, numbered, over as many slides as they need (the notes:
   the context, what the meeting arrived at).
"""

from __future__ import annotations

from pathlib import Path

from meetingpress.outputs.slides.deck import COVER_SIZES, TITLE_SIZES
from meetingpress.outputs.slides.fit import IN, Para, Span
from meetingpress.outputs.slides.spans import spans, with_links

QUOTE_SIZES = (32, 30, 28, 26, 24, 22, 20, 18)
LINE_SIZES = (24, 22, 20, 18, 16)


def title_slide(deck, job, m, facts) -> None:
    lang = job.lang
    slide, roles = deck.new_slide("title")
    title, sub = roles["title"], roles.get("body")
    if sub is None:  # a master whose title layout has no subtitle: a text box under the title
        top = title.top + title.height
        sub = slide.shapes.add_textbox(title.left, top, title.width, min(int(1.8 * IN), deck.prs.slide_height - top))
    deck.title(title, [Para(spans(m.title, bold=True))], COVER_SIZES, below=sub, path=("title", lang))
    lines = [
        Para(spans(facts["nth_meeting"], bold=True)),
        Para((Span(facts["when"]),), scale=0.8, before=0.5, colour="accent3"),
        Para((Span(facts["organised"]),), scale=0.8, before=0.2, colour="accent3"),
    ]
    deck.fit(sub, lines, LINE_SIZES, ("series", lang))
    logo(deck, slide, job, m)
    deck.finish(slide, [facts["meeting"], facts["when"], facts["organised"], facts["people"],
                        *([facts["outcome"]] if facts["outcome"] else [])], number=False)


def logo(deck, slide, job, m) -> None:
    """The meeting's logo, else the theme's, at the top right."""
    from meetingpress.loading import images
    from meetingpress.outputs.slides.text import picture

    try:  # python-pptx embeds bitmaps only: for an SVG, the PNG or JPEG beside it; checked like every image
        if job.meeting.logo:
            where = ("logo", "file")
            path, alt = images.bitmap(job.folder_for(*where), job.meeting.logo.file), str(m.logo.alt)
        elif deck.theme.logo:
            where, alt = (), deck.words("logo_alt")
            path = images.bitmap(deck.theme.image(deck.theme.logo).parent, Path(deck.theme.logo).name)
        else:
            return
    except FileNotFoundError:
        raise deck.problem((), f"the theme's logo {deck.theme.logo} is in none of the template folders") from None
    except images.ImageProblem as exc:
        raise deck.problem(where, str(exc)) from None
    width, height = int(2.8 * IN), int(0.8 * IN)
    picture(slide, path, alt, deck.prs.slide_width - width - int(0.6 * IN), int(0.3 * IN), width, height)


def premise(deck, job, m) -> None:
    lead, lang = m.lead, job.lang
    slide, roles = deck.new_slide("content")
    heading = [Para((Span(deck.words("premise_title"), bold=True),))]
    deck.title(roles["title"], heading, TITLE_SIZES, below=roles["body"])
    (start, end), inner = deck.theme.quotes.marks(lang)
    quote = lead.quote.quoted(inner)
    paras = [Para((Span(start, italic=True), *spans(quote, italic=True), Span(end, italic=True)))]
    if lead.source:
        paras.append(Para(spans(lead.source), scale=0.7, before=0.6, colour="accent3"))
    paras.append(Para(spans(lead.question, bold=True), before=1.0, colour="tx2", balance=True))
    deck.fit(roles["body"], paras, QUOTE_SIZES, ("lead", "quote", lang))
    notes = [f"{start}{with_links(quote)}{end}"]
    if lead.source:
        notes.append(with_links(lead.source))
    deck.finish(slide, [*notes, "", deck.words("ask_premise", question=with_links(lead.question))])


def questions(deck, job, m, facts) -> None:
    digits = len(str(len(m.questions)))
    items = [[Para(spans(q), bullet="number", number=i + 1, digits=digits, before=0.5)]
             for i, q in enumerate(m.questions)]
    context = [*([facts["outcome"]] if facts["outcome"] else []), *(with_links(p) for p in m.intro)]

    def notes(page: list[int], number: int, count: int) -> list[str]:
        lines = [f"{i + 1}. {with_links(m.questions[i])}" for i in page]
        if number == count - 1:
            lines += ["", *context, "", deck.words("ask_questions")]
        return lines

    deck.list_slides("content", (Span(deck.words("questions_title")),), items, notes,
                     where=lambda i: ("questions", i, job.lang) if i >= 0 else ("questions",))
