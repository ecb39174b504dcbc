"""The slide deck: a meeting in one language → {"slides.<lang>.pptx": bytes}, 16:9, made with python-pptx.

The slides, in order, each with a title of its own:

1. title, premise and central questions (opening.py);
2. per group of findings, its slides (findings.py), each group followed by
   the polls and photos the meeting places there (media.py; those without a
   group follow the questions);
3. "Further information": the meeting, its organisers and what to read next
   (ending.py).

Speaker notes hold what the slide does not: each finding's full text and
details, the context, the quotation's source, the facts of the meeting, the
question to put to the room, and every link's full address.  Text is fitted
by measurement and never relies on autofit (deck.py, fit.py).  The deck's
own words (slide titles, prompts in the notes) come from the template
`slides/words.j2` (words.py).

The master is `slides.pptx` on the template search path: the built-in
`templates/slides.pptx`, or an organisation's own before it; its layouts are
found by their placeholders, so their names and language do not matter
(master.py, layouts.py, docs/slides.md).  Colours and the font come from
`theme.yaml`, like the report's.
"""

from __future__ import annotations

import datetime as dt

from meetingpress import i18n
from meetingpress.outputs import phrases
from meetingpress.outputs.slides.spans import with_links
from meetingpress.registry import file_name

NAME = "slides"


def _facts(job, m, words) -> dict:
    f = i18n.filters(job.lang)
    nth_meeting = phrases.nth_meeting(m, job.lang, capital=True)
    people = str(phrases.participants(m, job.lang, capital=True))
    if m.participants.who:
        people += f" {m.participants.who}"
    organisers = f["list"]([str(name) for name in m.organisers])
    return {
        "nth_meeting": nth_meeting,
        "when": str(phrases.when(m, job.lang)),
        "organisers": organisers,
        "organised": words("organised", organisers=organisers),
        "people": people,
        "meeting": str(nth_meeting),
        "outcome": words("outcome", outcome=with_links(m.outcome)) if m.outcome else "",
    }


def render(job) -> dict[str, bytes]:
    from meetingpress.outputs import media
    from meetingpress.outputs.slides.deck import Deck
    from meetingpress.outputs.slides.ending import closing_slide
    from meetingpress.outputs.slides.findings import group_slides
    from meetingpress.outputs.slides.media import media_slides
    from meetingpress.outputs.slides.opening import premise, questions, title_slide

    deck = Deck(job)
    m = job.view
    facts = _facts(job, m, deck.words)
    placed = media.placed(job, NAME)
    title_slide(deck, job, m, facts)
    premise(deck, job, m)
    questions(deck, job, m, facts)
    media_slides(deck, job, placed.get(None, []))
    for key, group in m.findings.items():
        group_slides(deck, job, key, group)
        media_slides(deck, job, placed.get(key, []))
    closing_slide(deck, job, m, facts)
    data = deck.to_bytes(
        title=str(m.title),
        author=facts["organisers"],
        subject=facts["meeting"],
        language=i18n.LANGUAGE_TAG[job.lang],
        when=dt.datetime.combine(job.meeting.date, job.meeting.start or dt.time(0)),
        status=deck.words("draft") if job.draft else "",
    )
    return {file_name(NAME, job.lang): data}
