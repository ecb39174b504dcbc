"""What the outputs show: a meeting → the texts that no output built in their language shows.

Such a text need not be written (loading/validate.py does not ask for it).
Each output says what it leaves out (`Output.hides`); an output that says
nothing shows every text.  With the default outputs the Dutch news item is
the only Dutch output, and it shows a small group of findings as prose,
without the group's heading or its items' titles.
"""

from __future__ import annotations

from meetingpress import registry
from meetingpress.schema import LANGS, Meeting


def not_shown(meeting: Meeting) -> set[tuple]:
    """(field path, language) of the texts that no output built in that language shows: they need not be written."""
    hidden = set()
    for lang in LANGS:
        built = [output for name, output in registry.outputs().items() if lang in getattr(meeting.outputs, name)]
        if not built:
            continue  # (nothing is built in this language: its texts are asked for as before, for the other outputs)
        left_out = None
        for output in built:
            paths = registry.function(output.hides)(meeting) if output.hides else set()
            left_out = paths if left_out is None else left_out & paths
        hidden |= {(path, lang) for path in left_out or ()}
    return hidden
