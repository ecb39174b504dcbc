"""The slide deck: a meeting in one language → {"slides.<lang>.pptx": bytes}, 16:9, made with python-pptx.

The slides, in order, each with a title of its own:

1. title: the meeting's title; "Fifth learning meeting on …" (ordinal from
   Babel/num2words); date, time and place; who organised it; the logo;
2. premise: the quotation, where it comes from, and the question it raises;
3. central questions, numbered;
4. per group of findings: each finding's title, numbered as the report
   numbers it, with its takeaway (the first sentence of its text) under it.
   The group's lead sentence (`intro`) opens its first slide only.  A group
   that needs several slides gets a section slide with its heading first,
   then slides titled "Challenges (1 of 2)" …, the numbering counting on; a
   group that fits one slide gets no divider;
5. closing: "Further information": the meeting and its organisers, and what
   to read next in words (`closing_links`: the report and the news item, never
   the deck itself, see closing.py; the resources), each a link.

Speaker notes hold what the slide does not: each finding's full text and
details, the context, the quotation's source, the facts of the meeting, the
question to put to the room, and every link's full address.  Text is fitted
by measurement and never relies on autofit (`pptx_deck`, `pptx_fit`).

Own master: put your organisation's `slides.pptx` into the project's
`templates/` folder; its layouts are found by their placeholders, so their
names and language do not matter (`pptx_master`, docs/slides.md).  Colours
and the font come from `theme.yaml`, like the report's.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from meetingpress import i18n
from meetingpress.outputs import phrases
from meetingpress.registry import file_name

NAME = "slides"
QUOTE_SIZES = (32, 30, 28, 26, 24, 22, 20, 18)
LINE_SIZES = (24, 22, 20, 18, 16)
FINDING_SIZES = (28, 26, 24, 22, 20)
IN = 914400


def spans(text, bold: bool = False, italic: bool = False) -> tuple:
    """A view `Text` as fit spans, keeping its emphasis and links."""
    from meetingpress.outputs.slides.fit import Span

    runs = tuple(Span(run.text, run.bold or bold, run.italic or italic, run.href) for run in text.runs)
    return runs or (Span("", bold, italic),)


def with_links(text) -> str:
    """Plain text for the notes, with each link's address after its words."""
    return "".join(run.text + (f" ({run.href})" if run.href and run.href != run.text else "") for run in text.runs)


def shown(url: str) -> str:
    """An address as people read it: "example.org/report.pdf", "info@example.org"."""
    return re.sub(r"^(https?://(www\.)?|mailto:)", "", url, flags=re.IGNORECASE).rstrip("/") or url


def takeaway(text):
    """A finding's text cut after its first sentence (the one line a slide shows), emphasis and links kept."""
    from meetingpress.outputs.slides.fit import Span

    runs = spans(text)
    plain = "".join(run.text for run in runs)
    found = re.search(r"[.!?…](?=\s+[\"“‘(]?[A-ZÀ-ÖØ-Þ0-9])", plain)
    end = found.end() if found else len(plain)
    out, offset = [], 0
    for run in runs:
        piece = run.text[: max(0, end - offset)]
        if piece:
            out.append(Span(piece, run.bold, run.italic, run.href))
        offset += len(run.text)
    return tuple(out)


def closing_links(job) -> list[tuple[str, str]]:
    """What the closing slide points to, as (words, address): the report and the news item with their language,
    format and size (closing.links; never the deck itself), then the resources.

    Addresses come from the view's link resolver, so they are absolute when
    the meeting has a `base_url`.  The slide shows the words as a link and,
    for an absolute address, the address as people read it.
    """
    from meetingpress.outputs import closing

    names = {"report": i18n.translations(job.lang).gettext("Report of this meeting"),
             "news": i18n.translations(job.lang).gettext("News item")}
    links = [(f"{names[link.output]} ({link.details})", link.url) for link in closing.links(job, ("report", "news"))]
    return links + [(str(resource.title), resource.url) for resource in job.view.resources]


def _facts(job, m) -> dict:
    f = i18n.filters(job.lang)
    _ = i18n.translations(job.lang).gettext
    nth_meeting = phrases.nth_meeting(m, job.lang, capital=True)
    people = str(phrases.participants(m, job.lang, capital=True))
    if m.participants.who:
        people += f" {m.participants.who}"
    organisers = f["list"]([str(name) for name in m.organisers])
    return {
        "nth_meeting": nth_meeting,
        "when": str(phrases.when(m, job.lang)),
        "organisers": organisers,
        "organised": _("Organised by %(organisers)s") % {"organisers": organisers},
        "people": people,
        "meeting": str(nth_meeting),
        "outcome": _("During the meeting, %(outcome)s") % {"outcome": with_links(m.outcome)} if m.outcome else "",
    }


def _title_slide(deck, job, m, facts) -> None:
    from meetingpress.outputs.slides import deck as pptx_deck
    from meetingpress.outputs.slides.fit import Para, Span

    lang = job.lang
    slide, roles = deck.new_slide("title")
    title, sub = roles["title"], roles.get("body")
    if sub is None:  # a master whose title layout has no subtitle: a text box under the title
        top = title.top + title.height
        sub = slide.shapes.add_textbox(title.left, top, title.width, min(int(1.8 * IN), deck.prs.slide_height - top))
    deck.title(title, [Para(spans(m.title, bold=True))], pptx_deck.COVER_SIZES, below=sub, path=("title", lang))
    lines = [
        Para(spans(facts["nth_meeting"], bold=True)),
        Para((Span(facts["when"]),), scale=0.8, before=0.5, colour="accent3"),
        Para((Span(facts["organised"]),), scale=0.8, before=0.2, colour="accent3"),
    ]
    deck.fit(sub, lines, LINE_SIZES, ("series", lang))
    _logo(deck, slide, job, m)
    deck.finish(slide, [facts["meeting"], facts["when"], facts["organised"], facts["people"],
                        *([facts["outcome"]] if facts["outcome"] else [])], number=False)


def _logo(deck, slide, job, m) -> None:
    from meetingpress.loading import images
    from meetingpress.outputs.slides import text as pptx_text

    try:  # python-pptx embeds bitmaps only: for an SVG, the PNG or JPEG beside it; checked like every image
        if job.meeting.logo:
            where = ("logo", "file")
            path, alt = images.bitmap(job.folder_for(*where), job.meeting.logo.file), str(m.logo.alt)
        elif deck.theme.logo:
            where, alt = (), deck.gettext("Logo of the organisers")
            path = images.bitmap(deck.theme.image(deck.theme.logo).parent, Path(deck.theme.logo).name)
        else:
            return
    except FileNotFoundError:
        raise deck.problem((), f"the theme's logo {deck.theme.logo} is in none of the template folders") from None
    except images.ImageProblem as exc:
        raise deck.problem(where, str(exc)) from None
    width, height = int(2.8 * IN), int(0.8 * IN)
    pptx_text.picture(slide, path, alt, deck.prs.slide_width - width - int(0.6 * IN), int(0.3 * IN), width, height)


def _premise(deck, job, m) -> None:
    from meetingpress.outputs.slides import deck as pptx_deck
    from meetingpress.outputs.slides.fit import Para, Span

    lead, lang = m.lead, job.lang
    slide, roles = deck.new_slide("content")
    heading = [Para((Span(deck.gettext("Context and premise"), bold=True),))]
    deck.title(roles["title"], heading, pptx_deck.TITLE_SIZES, below=roles["body"])
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
    ask = deck.gettext("Ask the room: %(question)s Let a few people answer before you go on.")
    deck.finish(slide, [*notes, "", ask % {"question": with_links(lead.question)}])


def _questions(deck, job, m, facts) -> None:
    from meetingpress.outputs.slides.fit import Para, Span

    digits = len(str(len(m.questions)))
    items = [[Para(spans(q), bullet="number", number=i + 1, digits=digits, before=0.5)]
             for i, q in enumerate(m.questions)]
    context = [*([facts["outcome"]] if facts["outcome"] else []), *(with_links(p) for p in m.intro)]

    def notes(page: list[int], number: int, count: int) -> list[str]:
        lines = [f"{i + 1}. {with_links(m.questions[i])}" for i in page]
        if number == count - 1:
            lines += ["", *context, "", deck.gettext("Ask the room which of these questions matters most in "
                                                     "their own work.")]
        return lines

    deck.list_slides("content", (Span(deck.gettext("Central questions")),), items, notes,
                     where=lambda i: ("questions", i, job.lang) if i >= 0 else ("questions",))


def _group(deck, job, key: str, group) -> None:
    from meetingpress.outputs.slides.fit import Para, Span

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
            lines.append(deck.gettext("Ask the room: which of these do you recognise from your own work, and "
                                      "what would you add?"))
        return lines

    def divider(pages: int) -> list[str]:
        titles = "; ".join(f"{i + 1}. {item.title}" for i, item in enumerate(group.items))
        lines = [f"{with_links(group.intro)} {titles}." if group.intro else f"{heading}: {titles}."]
        return [*lines, deck.gettext("They follow on the next %(pages)s slides.") % {"pages": pages}]

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


def _closing(deck, job, m, facts) -> None:
    """The last slide: who organised the meeting, where to read the report and the news item (never this deck
    itself), then the resources; the notes hold the meeting's own closing lines (`closing.slides`) and each address."""
    from meetingpress.outputs import closing
    from meetingpress.outputs.slides.fit import Para, Span

    links = closing_links(job)
    own = [with_links(line) for line in closing.slides_lines(job)]
    lead = [
        Para((Span(facts["meeting"], bold=True),), colour="tx2", balance=True),
        Para((Span(facts["when"]),), scale=0.8, before=0.2, colour="accent3"),
        Para((Span(facts["organised"]),), scale=0.8, before=0.2, colour="accent3"),
    ]
    if links:  # `outputs: report: []` and no resources: nothing to read, no "Read more"
        lead.append(Para((Span(deck.gettext("Read more"), bold=True),), before=1.0, colour="tx2"))
    items = []
    for words, url in links:
        address = (Span(" – "), Span(shown(url), href=url)) if re.match(r"(?i)(https?|mailto):", url) else ()
        items.append([Para((Span(words, href=url), *address), bullet="bullet", before=0.4)])

    def notes(page: list[int], number: int, count: int) -> list[str]:
        thanks = deck.gettext("Thank the organisers, %(organisers)s, and everyone who took part.")
        lines = [*own, thanks % {"organisers": facts["organisers"]}, ""] if number == 0 else []
        return lines + [f"{links[i][0]}: {links[i][1]}" for i in page]

    deck.list_slides("content", (Span(deck.gettext("Further information")),), items, notes, lead=lead,
                     where=lambda i: ("resources", i - (len(links) - len(m.resources)), "title", job.lang)
                     if i >= len(links) - len(m.resources) else ("closing",))


def plain(text) -> str:
    return "".join(run.text for run in text.runs)


def render(job) -> dict[str, bytes]:
    from meetingpress.outputs import media
    from meetingpress.outputs.slides import media as pptx_media
    from meetingpress.outputs.slides.deck import Deck

    deck = Deck(job)
    m = job.view
    facts = _facts(job, m)
    placed = media.placed(job, NAME)
    _title_slide(deck, job, m, facts)
    _premise(deck, job, m)
    _questions(deck, job, m, facts)
    pptx_media.media_slides(deck, job, placed.get(None, []))
    for key, group in m.findings.items():
        _group(deck, job, key, group)
        pptx_media.media_slides(deck, job, placed.get(key, []))
    _closing(deck, job, m, facts)
    data = deck.to_bytes(
        title=str(m.title),
        author=facts["organisers"],
        subject=facts["meeting"],
        language=i18n.LANGUAGE_TAG[job.lang],
        when=dt.datetime.combine(job.meeting.date, job.meeting.start or dt.time(0)),
        status=deck.gettext("DRAFT – not for distribution") if job.draft else "",
    )
    return {file_name(NAME, job.lang): data}
