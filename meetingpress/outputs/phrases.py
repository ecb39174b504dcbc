"""The phrases every output writes about a meeting: a meeting's view + language → "about 25 participants",
"23 November 2017 · 13:30–17:00 · The Hague", "fifth learning meeting".

One place for the news item and the report (whose templates get these functions through the template
context, see context.py) and the deck (which calls them).  Their words are gettext messages, translated in
`locales/`.  A phrase is a `Phrase`: like a meeting's `Text`, `str()` gives plain text (the deck, the
news item's JSON, the PDF's metadata) and a template shows it as HTML, with the emphasis and links of the
meeting texts in it.
"""

from __future__ import annotations

from markupsafe import Markup

from meetingpress import i18n
from meetingpress.text import Run

ENDS_SENTENCE = ".?!…"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Phrase:
    """Translated words with `%(name)s` places for values: plain strings, meeting texts (`Text`) or phrases.

    The words are the catalog's and trusted as markup, as Jinja trusts them in a template's `_()`; the
    values are escaped, and a `Text` keeps its emphasis and links."""

    def __init__(self, words: str, **values):
        self.words = words
        self.values = values

    def __str__(self) -> str:
        return self.words % {name: str(value) for name, value in self.values.items()}

    def __html__(self) -> str:
        return Markup(self.words) % self.values

    def __bool__(self) -> bool:
        return bool(str(self))

    def __repr__(self) -> str:
        return f"Phrase({self.words!r}, {self.values!r})"

    @property
    def runs(self) -> list[Run]:
        """The deck's runs: the words and plain values as one run each stretch, a `Text` value with its own."""
        runs: list[Run] = []
        plain = ""
        for literal, name in _pieces(self.words):
            plain += literal
            value = self.values.get(name) if name else None
            if hasattr(value, "runs"):
                runs += [Run(plain)] if plain else []
                runs += value.runs
                plain = ""
            elif name:
                plain += str(value)
        return runs + ([Run(plain)] if plain else [])

    def capitalised(self) -> Phrase:
        """The phrase as it starts a line: its first letter a capital, in its words or in its first value."""
        if not self.words.startswith("%("):
            return Phrase(upper_first(self.words), **self.values)
        first = self.words[2:self.words.index(")")]
        value = self.values[first]
        return Phrase(self.words, **{**self.values, first: upper_first(value) if isinstance(value, str) else value})


def _pieces(words: str) -> list[tuple[str, str | None]]:
    """ "%(ordinal)s %(series)s" → [("", "ordinal"), (" ", "series")]: each place with the words before it."""
    pieces = []
    while "%(" in words:
        before, rest = words.split("%(", 1)
        name, words = rest.split(")s", 1)
        pieces.append((before.replace("%%", "%"), name))
    return pieces + ([(words.replace("%%", "%"), None)] if words else [])


def participants(meeting, lang: str, *, capital: bool = False) -> Phrase:
    """ "about 25 participants", "1 participant" (Babel's number and the language's plural forms); `who`
    is not part of it, each output writes that after it."""
    facts = meeting.participants
    words = i18n.translations(lang)
    if facts.approximate:
        text = words.ngettext("about %(num)s participant", "about %(num)s participants", facts.count)
    else:
        text = words.ngettext("%(num)s participant", "%(num)s participants", facts.count)
    phrase = Phrase(text, num=i18n.filters(lang)["number"](facts.count))
    return phrase.capitalised() if capital else phrase


def when_parts(meeting, lang: str, *, place: bool = True) -> list:
    """The date, the time ("13:30–17:00", "13:30" or left out) and the place (a `Text`), each as its
    language writes it: the parts of `when`, for a template that sets them apart."""
    f = i18n.filters(lang)
    times = "–".join(f["time"](t) for t in (meeting.start, meeting.end) if t)
    return [part for part in (f["date"](meeting.date), times, *([meeting.place] if place else [])) if part]


def when(meeting, lang: str, *, sep: str = " · ", place: bool = True) -> Phrase:
    """ "23 November 2017 · 13:30–17:00 · The Hague": when and where the meeting was, on one line; the
    news item writes it with `sep=", "`."""
    parts = {f"part{index}": part for index, part in enumerate(when_parts(meeting, lang, place=place))}
    return Phrase(sep.replace("%", "%%").join(f"%({name})s" for name in parts), **parts)


def nth_meeting(meeting, lang: str, *, capital: bool = False) -> Phrase:
    """ "fifth learning meeting", "vijfde leerbijeenkomst": the meeting's number as an ordinal word
    (num2words), then its series."""
    words = i18n.translations(lang).gettext("%(ordinal)s %(series)s")
    phrase = Phrase(words, ordinal=i18n.filters(lang)["ordinal"](meeting.number), series=meeting.series)
    return phrase.capitalised() if capital else phrase


def lead_in(title) -> Markup:
    """An item's title as the bold start of its bullet: "Tijd en capaciteit." (a title that ends a sentence stays)."""
    plain = str(title).rstrip()
    return Markup("%s%s") % (title, "" if plain[-1:] in ENDS_SENTENCE + ":" else ".")
