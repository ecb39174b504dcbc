"""What the news item leaves out: a meeting → the field paths of the texts it does not show.

No logo, no details, and a group's heading and its items' titles only when
it shows the group as `lead-ins` or `sections` (a small group reads as prose).
"""

from __future__ import annotations


def hidden(meeting) -> set[tuple]:
    paths = set()
    if meeting.logo is not None:
        paths.add(("logo", "alt"))
    for key, group in meeting.findings.items():
        titled = group.layout() in ("lead-ins", "sections")
        if not titled:
            paths.add(("findings", key, "heading"))
        for index, _item in enumerate(group.items):
            paths.add(("findings", key, "items", index, "details"))
            if not titled:
                paths.add(("findings", key, "items", index, "title"))
    return paths
