"""A translation memory from the archive: every meeting (and series) file in content/ → matches for an export.

Every Dutch–English pair in the project's files is a translation that was
already paid for.  The memory reads them from the files themselves and their
sync records (no build needed): a pair is *confirmed* when its record holds
exactly these two texts, *unconfirmed* when written by hand and never
confirmed; a draft that is not yet approved, a missing text and a placeholder
are left out.

For a text to translate, `offer` adds XLIFF 1.2 `<alt-trans>` elements with the
best translations of the same or a similar source text from *other* files:
`match-quality` as a percentage (100% for the same text; fuzzy matches from
`MIN_QUALITY`, by word-level similarity), `origin` the file it came from, and a
note saying whether the pair was confirmed.  Higher quality ranks first; at the
same quality a confirmed pair ranks above an unconfirmed one.  CAT tools
(Trados, memoQ, Poedit, translate-toolkit) show them as matches.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from meetingpress.errors import ContentError
from meetingpress.schema import LANGS

MIN_QUALITY = 70
"""The lowest fuzzy match offered, in percent (most CAT tools start at 70–75%)."""
MAX_MATCHES = 3
_WORDS = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Pair:
    texts: dict
    """{"nl": …, "en": …}"""
    origin: str
    """The file it comes from, as shown (`content/2017-sp-5.yaml`)."""
    confirmed: str | None
    """The day it was confirmed (ISO), or None when it never was."""


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
    def of_project(cls, project) -> Memory:
        from meetingpress.translation.sync import state_of
        from meetingpress.translation.translatable import load, series_files

        pairs = []
        for path in [*project.meetings(), *series_files(project)]:
            try:
                [item] = load(project, [path])
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

    def matches(self, text: str, src: str, lang: str, exclude: str) -> list[tuple[int, Pair]]:
        """The best translations into `lang` of `text` (in `src`) from files other than `exclude`."""
        best: dict[str, tuple[int, Pair]] = {}
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
            if key not in best or _rank(score, pair) > _rank(*best[key]):
                best[key] = (score, pair)
        return sorted(best.values(), key=lambda found: _rank(*found), reverse=True)[:MAX_MATCHES]

    def offer(self, unit, text: str, src: str, lang: str, exclude: str, q) -> int:
        """Append `<alt-trans>` matches to the XLIFF `unit`; how many."""
        from lxml import etree

        found = self.matches(text, src, lang, exclude)
        for score, pair in found:
            alt = etree.SubElement(unit, q("alt-trans"), {"match-quality": f"{score}%", "origin": pair.origin,
                                                          "tool-id": "meetingpress"})
            etree.SubElement(alt, q("source"), {"{http://www.w3.org/XML/1998/namespace}lang": src}).text = \
                pair.texts[src]
            etree.SubElement(alt, q("target"), {"{http://www.w3.org/XML/1998/namespace}lang": lang}).text = \
                pair.texts[lang]
            how = f"confirmed on {pair.confirmed}" if pair.confirmed else "never confirmed"
            etree.SubElement(alt, q("note"), {"from": "meetingpress"}).text = f"From {pair.origin}, {how}"
        return len(found)


def _rank(score: int, pair: Pair) -> tuple:
    return (score, pair.confirmed is not None, pair.confirmed or "")
