"""What each output shows: a meeting → the texts that no output built in their language shows.

Such a text need not be written (loading/validate.py does not ask for it): with the
default outputs the Dutch news item is the only Dutch output, and it shows a
small group of findings as prose, without the group's heading or its items'
titles.
"""

from __future__ import annotations

from meetingpress.schema import LANGS, Meeting


def not_shown(meeting: Meeting) -> set[tuple]:
    """(field path, language) of the texts that no output built in that language shows: they need not be written.
    The report and the deck show every text; the news item no logo, no details, and a group's heading and titles
    only when it shows the group as `lead-ins` or `sections`."""
    hidden = set()
    for lang in LANGS:
        if lang in meeting.outputs.report or lang in meeting.outputs.slides:
            continue
        if meeting.logo is not None:
            hidden.add((("logo", "alt"), lang))
        for key, group in meeting.findings.items():
            titled = group.layout() in ("lead-ins", "sections")
            if not titled:
                hidden.add((("findings", key, "heading"), lang))
            for index, _item in enumerate(group.items):
                hidden.add((("findings", key, "items", index, "details"), lang))
                if not titled:
                    hidden.add((("findings", key, "items", index, "title"), lang))
    return hidden
