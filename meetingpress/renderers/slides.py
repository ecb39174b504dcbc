"""The slide deck: a meeting in one language → {"slides.<lang>.pptx": bytes}, 16:9, made with python-pptx.

The slides, in order:

1. title: the meeting's title; "Fifth learning meeting on …" (ordinal from
   Babel/num2words); date, time and place; the logo (with its alt text);
2. premise: the quotation, where it comes from, and the question it raises;
3. central questions, numbered;
4. per group of findings: a section slide (heading and intro), then the
   items' short titles as bullets;
5. closing: "Thank you", the report (`@report`, resolved like the news
   item's links) and the resources as links.

Speaker notes hold the full texts: each item's sentence and details, the
quotation's source, the meeting's facts.  Long lists continue on slides titled
"… (continued)"; text shrinks to 18 pt at the least and never relies on
autofit (`pptx_deck`, `pptx_fit`).

Own master: put your organisation's `slides.pptx` into the project's
`templates/` folder; its layouts are found by their placeholders, so their
names and language do not matter (`pptx_master`).  Colours and the font come
from `theme.yaml`, like the report's.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import i18n
from ..view import link_resolver, output_name

NAME = "slides"
QUOTE_SIZES = (32, 30, 28, 26, 24, 22, 20, 18)
LINE_SIZES = (24, 22, 20, 18, 16)
IN = 914400


def spans(text, bold: bool = False, italic: bool = False) -> tuple:
    """A view `Text` as fit spans, keeping its emphasis and links."""
    from .pptx_fit import Span

    runs = tuple(Span(run.text, run.bold or bold, run.italic or italic, run.href) for run in text.runs)
    return runs or (Span("", bold, italic),)


def with_links(text) -> str:
    """Plain text for the notes, with each link's address after its words."""
    return "".join(run.text + (f" ({run.href})" if run.href and run.href != run.text else "") for run in text.runs)


def shown(url: str) -> str:
    """An address as people read it: "example.org/report.pdf", "info@example.org"."""
    return re.sub(r"^(https?://(www\.)?|mailto:)", "", url, flags=re.IGNORECASE).rstrip("/") or url


def _facts(job, m) -> dict[str, str]:
    f = i18n.filters(job.lang)
    _ = i18n.translations(job.lang).gettext
    ordinal = f["ordinal"](m.number)
    times = " – ".join(f["time"](t) for t in (m.start, m.end) if t)
    count = f["number"](m.participants.count)
    people = (_("Participants: about %(num)s") if m.participants.approximate else _("Participants: %(num)s")) % {
        "num": count
    }
    if m.participants.who:
        people += f" {m.participants.who}"
    organisers = f["list"]([str(name) for name in m.organisers])
    return {
        "ordinal": ordinal[:1].upper() + ordinal[1:],
        "when": " · ".join(part for part in (f["date"](m.date), times, str(m.place)) if part),
        "organisers": organisers,
        "organised": _("Organised by %(organisers)s") % {"organisers": organisers},
        "people": people,
    }


def _title_slide(deck, job, m, facts) -> None:
    from . import pptx_deck
    from .pptx_fit import Para, Span

    lang = job.lang
    slide, roles = deck.new_slide("title")
    title, sub = roles["title"], roles.get("body")
    if sub is None:  # a master whose title layout has no subtitle: a text box under the title
        top = title.top + title.height
        sub = slide.shapes.add_textbox(title.left, top, title.width, min(int(1.8 * IN), deck.prs.slide_height - top))
    deck.title(title, [Para(spans(m.title, bold=True))], pptx_deck.COVER_SIZES, below=sub, path=("title", lang))
    lines = [
        Para((Span(facts["ordinal"] + " ", bold=True), *spans(m.series, bold=True))),
        Para((Span(facts["when"]),), scale=0.8, before=0.5, colour="accent3"),
    ]
    deck.fit(sub, lines, LINE_SIZES, ("series", lang))
    _logo(deck, slide, job, m)
    deck.finish(slide, [f"{facts['ordinal']} {m.series}", facts["when"], facts["organised"], facts["people"]],
                number=False)


def _logo(deck, slide, job, m) -> None:
    from . import pptx_text

    if job.meeting.logo:
        where = ("logo", "file")
        path, alt = job.folder_for(*where) / job.meeting.logo.file, str(m.logo.alt)
    elif deck.theme.logo:
        try:
            path, where = deck.theme.file(deck.theme.logo), ()
        except FileNotFoundError:
            raise deck.problem((), f"the theme's logo {deck.theme.logo} is in none of the template folders") from None
        alt = deck.gettext("Logo of the organisers")
    else:
        return
    if path.suffix.lower() == ".svg":  # python-pptx embeds bitmaps only: use a PNG or JPEG beside the SVG
        bitmaps = [path.with_suffix(ext) for ext in (".png", ".jpg", ".jpeg")]
        path = next((p for p in bitmaps if p.is_file()), None)
        if path is None:
            raise deck.problem(where, f"the slides need a PNG or JPEG copy of this SVG logo: add {bitmaps[0].name}")
    if not path.is_file():
        raise deck.problem(where, f"logo file {path.name} not found")
    width, height = int(2.8 * IN), int(0.8 * IN)
    pptx_text.picture(slide, path, alt, deck.prs.slide_width - width - int(0.6 * IN), int(0.3 * IN), width, height)


def _premise(deck, job, m) -> None:
    from . import pptx_deck
    from .pptx_fit import Para, Span

    lead, lang = m.lead, job.lang
    slide, roles = deck.new_slide("content")
    heading = [Para((Span(deck.gettext("The premise"), bold=True),))]
    deck.title(roles["title"], heading, pptx_deck.TITLE_SIZES, below=roles["body"])
    paras = [Para((Span("“", italic=True), *spans(lead.quote, italic=True), Span("”", italic=True)))]
    if lead.source:
        paras.append(Para(spans(lead.source), scale=0.7, before=0.6, colour="accent3"))
    paras.append(Para(spans(lead.question, bold=True), before=1.0, colour="tx2"))
    deck.fit(roles["body"], paras, QUOTE_SIZES, ("lead", "quote", lang))
    notes = [f"“{with_links(lead.quote)}”"]
    if lead.source:
        notes.append(with_links(lead.source))
    deck.finish(slide, [*notes, with_links(lead.question)])


def _questions(deck, job, m) -> None:
    from .pptx_fit import Para, Span

    items = [Para(spans(q), bullet="number", before=0.5) for q in m.questions]
    intro = [with_links(paragraph) for paragraph in m.intro]
    deck.list_slides(
        "content",
        (Span(deck.gettext("The central questions")),),
        items,
        notes=lambda i: [with_links(m.questions[i]), *(intro if i == len(items) - 1 else [])],
        where=lambda i: ("questions", i, job.lang) if i >= 0 else ("questions",),
    )


def _group(deck, job, key: str, group) -> None:
    from . import pptx_deck
    from .pptx_fit import Para

    lang = job.lang
    where = ("findings", key, "heading", lang)
    slide, roles = deck.new_slide("section")
    if "body" in roles:  # the intro leads into the bullets instead
        deck.drop(roles["body"])
    deck.title(roles["title"], [Para(spans(group.heading, bold=True))], pptx_deck.COVER_SIZES, path=where)
    deck.finish(slide, [with_links(group.heading), *([with_links(group.intro)] if group.intro else [])])

    def notes(i: int) -> list[str]:
        item = group.items[i]
        lines = [f"{item.title}", with_links(item.text)]
        if item.details:
            lines.append(with_links(item.details))
        return [*lines, ""]

    deck.list_slides(
        "content",
        spans(group.heading),
        [Para(spans(item.title), bullet="bullet", before=0.5) for item in group.items],
        notes=notes,
        lead=[Para(spans(group.intro), colour="accent3")] if group.intro else [],
        where=lambda i: ("findings", key, "items", i, "title", lang) if i >= 0 else where,
    )


def _closing(deck, job, m, facts) -> None:
    from .pptx_fit import Para, Span

    report = link_resolver(job.meeting, job.meeting_id, job.lang)("@report")
    links = [(Span(deck.gettext("Report of this meeting")),), report]
    links = [links] + [(spans(resource.title), resource.url) for resource in m.resources]
    items = [Para((*words, Span(" – "), Span(shown(url), href=url)), bullet="bullet", before=0.4)
             for words, url in links]
    closing = [with_links(line) for line in m.closing]

    def notes(i: int) -> list[str]:
        words, url = links[i]
        line = f"{''.join(span.text for span in words)}: {url}"
        return [*closing, facts["organised"], line] if i == 0 else [line]

    deck.list_slides(
        "content",
        (Span(deck.gettext("Thank you")),),
        items,
        notes=notes,
        lead=[Para((Span(deck.gettext("Read more"), bold=True),), colour="tx2")],
        where=lambda i: ("resources", i - 1, "title", job.lang) if i >= 1 else ("closing",),
    )


def _media(deck, job, items) -> None:
    """A slide per poll (a native chart) and per figure (the photo), where the meeting places them."""
    from . import pptx_media

    when = f"{job.meeting.date.isoformat()}T00:00:00Z"
    for item in items:
        if item.kind == "poll":
            pptx_media.poll_slide(deck, item.result, when, ("polls", item.index, "question", job.lang))
            continue
        figure = item.view
        title = str(figure.caption) if figure.caption else str(figure.alt)
        credit = str(figure.credit) if figure.credit else None
        notes = [str(figure.alt), *([credit] if credit else [])]
        where = ("figures", item.index, "caption" if figure.caption else "alt", job.lang)
        pptx_media.figure_slide(deck, item.path, title, str(figure.alt), credit, notes, where)


def render(job) -> dict[str, bytes]:
    from .. import media
    from .pptx_deck import Deck

    deck = Deck(job)
    m = job.view
    facts = _facts(job, m)
    placed = media.placed(job, NAME)
    _title_slide(deck, job, m, facts)
    _premise(deck, job, m)
    _questions(deck, job, m)
    _media(deck, job, placed.get(None, []))
    for key, group in m.findings.items():
        _group(deck, job, key, group)
        _media(deck, job, placed.get(key, []))
    _closing(deck, job, m, facts)
    data = deck.to_bytes(
        title=str(m.title),
        author=facts["organisers"],
        subject=f"{facts['ordinal']} {m.series}",
        language=i18n.LANGUAGE_TAG[job.lang],
        when=dt.datetime.combine(job.meeting.date, job.meeting.start or dt.time(0)),
        status=deck.gettext("DRAFT – not for distribution") if job.draft else "",
    )
    return {output_name(NAME, job.lang): data}
