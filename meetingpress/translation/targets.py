"""What `import` must check before it writes a translation: XLIFF targets → the problems `check` would report.

A translation comes from outside (a translator's CAT tool), so it is held to
what the loader and the schema demand of every text, in two steps:
- each target on its own (`refused_target`): characters no meeting file may
  hold, such as U+0085 or a lone carriage return, reported at the unit;
- a placeholder ("TODO: …") is no translation: it is left out;
- the whole meeting file as it would be written (`would_refuse`): the same
  steps as `check` (`load.load_one`: load, series, schema, images, fonts), as a draft since texts
  still to translate are no reason to refuse the others.  Import writes
  nothing that fails them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from meetingpress.errors import ContentError, Problem
from meetingpress.loading.read import refused_characters


def refused_target(text: str) -> str | None:
    """Why a translation cannot go into a meeting file as it is, or None."""
    found = refused_characters(text)
    if found:
        return f"the translation holds {found[0]}, which a meeting file cannot hold; remove it and import again"
    return None


def placeholder(text: str) -> bool:
    """Is this a placeholder, not a translation?  A text starting with "TODO" is one still to write (`check`
    refuses it; `validate.still_todo`), so import counts it as untranslated."""
    return text.startswith("TODO")


def would_refuse(project, item, data: bytes) -> list[Problem]:
    """The problems `check --draft` would report if `item`'s meeting file held `data`."""
    from meetingpress.loading.load import load_one

    try:
        load_one(project, item.path, draft=True, raw=data)
    except ContentError as exc:
        return exc.problems
    return []


def read_only(path: Path) -> bool:
    """Has the file been made read-only (no write permission for anyone, or none for us)?"""
    return not stat.S_IMODE(os.stat(path).st_mode) & 0o222 or not os.access(path, os.W_OK)
