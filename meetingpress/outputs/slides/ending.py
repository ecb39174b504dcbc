"""The deck's last slide: a meeting's view and facts → "Further information": the meeting and its organisers, then
what to read next in words, each a link.

What to read next is the report and the news item (`closing.links`; never
the deck itself), then the resources.  Addresses come from the view's link
resolver, so they are absolute when the meeting has a `base_url`; the slide
shows the words as a link and, for an absolute address, the address as
people read it.  The notes hold the meeting's own closing lines
(`closing.slides`), thanks to the organisers, and each address in full.
"""

from __future__ import annotations

import re

from meetingpress.outputs import closing
from meetingpress.outputs.slides.fit import Para, Span
from meetingpress.outputs.slides.spans import with_links


def closing_links(deck, job) -> list[tuple[str, str]]:
    """What the closing slide points to, as (words, address): the report and the news item with their language,
    format and size, then the resources."""
    links = [(deck.words("link", output=link.output, details=link.details), link.url)
             for link in closing.links(job, ("report", "news"))]
    return links + [(str(resource.title), resource.url) for resource in job.view.resources]


def closing_slide(deck, job, m, facts) -> None:
    links = closing_links(deck, job)
    own = [with_links(line) for line in closing.slides_lines(job)]
    lead = [
        Para((Span(facts["meeting"], bold=True),), colour="tx2", balance=True),
        Para((Span(facts["when"]),), scale=0.8, before=0.2, colour="accent3"),
        Para((Span(facts["organised"]),), scale=0.8, before=0.2, colour="accent3"),
    ]
    if links:  # `outputs: report: []` and no resources: nothing to read, no "Read more"
        lead.append(Para((Span(deck.words("read_more"), bold=True),), before=1.0, colour="tx2"))
    items = []
    for words, url in links:
        address = (Span(" – "), Span(closing.shown(url), href=url)) if re.match(r"(?i)(https?|mailto):", url) else ()
        items.append([Para((Span(words, href=url), *address), bullet="bullet", before=0.4)])

    def notes(page: list[int], number: int, count: int) -> list[str]:
        lines = [*own, deck.words("thanks", organisers=facts["organisers"]), ""] if number == 0 else []
        return lines + [f"{links[i][0]}: {links[i][1]}" for i in page]

    deck.list_slides("content", (Span(deck.words("closing_title")),), items, notes, lead=lead,
                     where=lambda i: ("resources", i - (len(links) - len(m.resources)), "title", job.lang)
                     if i >= len(links) - len(m.resources) else ("closing",))
