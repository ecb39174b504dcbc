"""A translation memory from the archive: every meeting (and series) file in content/ → matches for an export.

Every Dutch–English pair in the project's files is a translation that was
already paid for.  The memory reads them from the files themselves and their
sync records (no build needed): a pair is *confirmed* when its record holds
exactly these two texts, *unconfirmed* when written by hand and never
confirmed; a draft that is not yet approved, a missing text and a placeholder
are left out.

For a text to translate, `matches` gives the best translations of the same or
a similar source text from *other* files, each with its quality as a
percentage (100% for the same text; fuzzy matches from `MIN_QUALITY`, by
word-level similarity).  Higher quality ranks first; at the same quality a
confirmed pair ranks above an unconfirmed one.  `export` writes them as
XLIFF `<alt-trans>` elements, which CAT tools (Trados, memoQ, Poedit,
translate-toolkit) show as matches.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from meetingpress.errors import ContentError
from meetingpress.schema import LANGS
from meetingpress.translation.compare import state_of
from meetingpress.translation.ready import load_files
from meetingpress.translation.translatable import series_files

if TYPE_CHECKING:
    from meetingpress.project import Project

MIN_QUALITY = 70
"""The lowest fuzzy match offered, in percent (most CAT tools start at 70–75%)."""
MAX_MATCHES = 3
_WORDS = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Pair:
    texts: dict[str, str]
    """{"nl": …, "en": …}"""
    origin: str
    """The file it comes from, as shown (`content/2017-sp-5.yaml`)."""
    confirmed: str | None
    """The day it was confirmed (ISO), or None when it never was."""


@dataclass(frozen=True)
class Match:
    """A pair offered for a text, and how alike its source is to that text."""

    quality: int
    """In percent: 100 only for the same text."""
    pair: Pair

    @property
    def rank(self) -> tuple:
        """Higher quality first; at the same quality a confirmed pair first, the latest confirmation first."""
        return (self.quality, self.pair.confirmed is not None, self.pair.confirmed or "")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def quality(a: str, b: str) -> int:
    """How alike two texts are, in percent: 100 only for the same text."""
    if a == b:
        return 100
    score = difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()
    return min(99, int(score * 100))


class Memory:
    """The pairs of every file in the project (see the module docstring)."""

    def __init__(self, pairs: list[Pair]):
        self.pairs = pairs

    @classmethod
    def of_project(cls, project: Project) -> Memory:
        pairs = []
        for path in [*project.meetings(), *series_files(project)]:
            try:
                [item] = load_files(project, [path])
                state = state_of(item, project.root)
            except ContentError:
                continue  # a file that does not load offers nothing; its own commands report it
            drafts = {u.field.name for u in state.comparison.unapproved}
            record = state.record or {}
            for name, field in state.fields.items():
                if not field.complete or name in drafts:
                    continue
                texts = {lang: field.get(lang) for lang in LANGS}
                entry = record.get(name)
                same = entry is not None and (entry.nl, entry.en) == (texts["nl"], texts["en"])
                pairs.append(Pair(texts, item.source.file, entry.date.isoformat() if same else None))
        return cls(pairs)

    def matches(self, text: str, src: str, lang: str, exclude: str) -> list[Match]:
        """The best translations into `lang` of `text` (in `src`) from files other than `exclude`."""
        best: dict[str, Match] = {}
        wanted = _words(text)
        for pair in self.pairs:
            if pair.origin == exclude:
                continue
            source = pair.texts[src]
            if source != text:
                matcher = difflib.SequenceMatcher(None, wanted, _words(source), autojunk=False)
                if matcher.real_quick_ratio() * 100 < MIN_QUALITY or matcher.quick_ratio() * 100 < MIN_QUALITY:
                    continue
            score = quality(text, source)
            if score < MIN_QUALITY:
                continue
            key = pair.texts[lang]
            found = Match(score, pair)
            if key not in best or found.rank > best[key].rank:
                best[key] = found
        return sorted(best.values(), key=lambda match: match.rank, reverse=True)[:MAX_MATCHES]
