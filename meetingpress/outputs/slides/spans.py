"""The meeting's texts for slides and notes: a view `Text` → fit `Span`s, plain text, or its first sentence.

`spans` keeps a text's emphasis and links for a slide, `with_links` gives
the notes plain text with each link's address after its words, `plain` the
words alone, and `takeaway` a finding's text cut after its first sentence
(the one line a slide shows).
"""

from __future__ import annotations

import re

from meetingpress.outputs.slides.fit import Span


def spans(text, bold: bool = False, italic: bool = False) -> tuple[Span, ...]:
    """A view `Text` as fit spans, keeping its emphasis and links."""
    runs = tuple(Span(run.text, run.bold or bold, run.italic or italic, run.href) for run in text.runs)
    return runs or (Span("", bold, italic),)


def with_links(text) -> str:
    """Plain text for the notes, with each link's address after its words."""
    return "".join(run.text + (f" ({run.href})" if run.href and run.href != run.text else "") for run in text.runs)


def plain(text) -> str:
    """The words of a view `Text`, without emphasis or links."""
    return "".join(run.text for run in text.runs)


def takeaway(text) -> tuple[Span, ...]:
    """A finding's text cut after its first sentence (the one line a slide shows), emphasis and links kept."""
    runs = spans(text)
    found = re.search(r"[.!?…](?=\s+[\"“‘(]?[A-ZÀ-ÖØ-Þ0-9])", "".join(run.text for run in runs))
    end = found.end() if found else sum(len(run.text) for run in runs)
    out, offset = [], 0
    for run in runs:
        piece = run.text[: max(0, end - offset)]
        if piece:
            out.append(Span(piece, run.bold, run.italic, run.href))
        offset += len(run.text)
    return tuple(out)
