"""Facts that must agree: a meeting → warnings where one language states a fact the other lacks.

A fact is a number, a date (or time of day), a web address or an e-mail
address written in a bilingual text.  "25" in the Dutch and "twenty" in the
English is worth a look, so is a date or a link that appears on one side
only.  The other side may write a number out ("vijfentwintig",
"twenty-five", "5th") or a date its own way ("23 november 2017",
"November 23, 2017", "2017-11-23"); that counts as agreeing.  These are
warnings: they never fail a build or a check (`status` lists them, and
`check` prints them with `print_fact_warnings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from num2words import num2words

from meetingpress.errors import Problem
from meetingpress.loading.read import Source, dotted
from meetingpress.loading.validate import localized_fields
from meetingpress.schema import LANG_NAMES, LANGS, Meeting
from meetingpress.translation.translatable import other

if TYPE_CHECKING:
    from rich.console import Console

    from meetingpress.loading.load import Loaded

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "maart": 3, "march": 3,
    "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7, "augustus": 8, "august": 8, "aug": 8, "september": 9, "sept": 9,
    "sep": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|e|ste|de)?"
_YEAR = r"(?:,?\s+(\d{4}))?"

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE)
_TIME = re.compile(
    r"\b([01]?\d|2[0-3])(?::([0-5]\d)|\.([0-5]\d)(?=\s*(?:uur|u\b|h\b|[ap]\.?m\b)))(?:\s*([ap])\.?m\b\.?)?", re.IGNORECASE
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Date:
    year: int | None
    """None when the text gives no year ("23 november")."""
    month: int
    day: int


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int


@dataclass
class Facts:
    """What one language's text states, each fact with the words it was written as."""

    urls: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    dates: dict[Date, str] = field(default_factory=dict)
    times: dict[Clock, str] = field(default_factory=dict)
    numbers: dict[Decimal | str, str] = field(default_factory=dict)
    words: str = ""  # the rest of the text, lower case, for numbers written out


def _number(token: str, lang: str) -> Decimal | str:
    """ "1.000" (nl) and "1,000" (en) → 1000; "2,5" (nl) → 2.5; "13.30" (nl) → 13.3; odder → as written."""
    decimal, group = (",", ".") if lang == "nl" else (".", ",")
    whole, fraction = token.rsplit(decimal, 1) if decimal in token else (token, "")
    groups = whole.split(group)
    if decimal in whole or group in fraction or (len(groups) > 1 and not all(len(part) == 3 for part in groups[1:])):
        if len(groups) != 2 or fraction:
            return token  # a version or phone number: compare as written
        groups, fraction = groups[:1], groups[1]  # the other language's decimal point
    return Decimal("".join(groups) + ("." + fraction if fraction else "")).normalize()


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, with a space at both ends."""
    return " " + re.sub(r"[\W_]+", " ", text.lower()).strip() + " "


def extract(text: str, lang: str) -> Facts:
    facts = Facts()
    rest = text

    def take(pattern: re.Pattern, store: dict, key) -> None:
        nonlocal rest
        for match in pattern.finditer(rest):
            store.setdefault(key(match), match.group(0).strip())
        rest = pattern.sub(" ", rest)

    take(_URL, facts.urls, lambda m: m.group(0).rstrip(".,;:!?").rstrip("/").lower())
    take(_EMAIL, facts.emails, lambda m: m.group(1).lower())
    take(_ISO, facts.dates, lambda m: Date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    take(_NUMERIC_DATE, facts.dates, lambda m: Date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    take(_DAY_MONTH, facts.dates, lambda m: Date(_int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    take(_MONTH_DAY, facts.dates, lambda m: Date(_int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    take(_TIME, facts.times, _clock)
    take(_NUMBER, facts.numbers, lambda m: _number(m.group(0), lang))
    facts.words = _words(rest)
    return facts


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _clock(match: re.Match) -> Clock:
    hour = int(match.group(1))
    if match.group(4) and match.group(4).lower() == "p" and hour < 12:
        hour += 12
    return Clock(hour, int(match.group(2) or match.group(3)))


def _spelled(number: Decimal | str, facts: Facts, lang: str) -> bool:
    """Is `number` written out in words (or as part of a date or time) in `facts`?"""
    if not isinstance(number, Decimal) or number != number.to_integral_value() or not 0 <= number <= 10_000:
        return False
    value = int(number)
    if any(value in (date.year, date.day) for date in facts.dates) or any(
        value in (time.hour, time.minute) for time in facts.times
    ):
        return True
    words = {num2words(value, lang=lang), num2words(value, lang=lang, to="ordinal")}
    if lang == "nl" and value == 1:
        words.add("een")
    return any(_words(word) in facts.words for word in words)


def _as_clock(written: str) -> Clock | None:
    """ "13.30" written without "uur" may still be a time of day."""
    match = re.fullmatch(r"([01]?\d|2[0-3])[.,]([0-5]\d)", written)
    return Clock(int(match.group(1)), int(match.group(2))) if match else None


def _date_found(date: Date, dates: dict[Date, str]) -> bool:
    """Is `date` among `dates`?  A date written without a year matches the same day in any year."""
    return any(
        (found.year is None or date.year is None or found.year == date.year)
        and (found.month, found.day) == (date.month, date.day)
        for found in dates
    )


def missing_facts(have: Facts, other: Facts, other_lang: str) -> list[str]:
    """How each fact in `have` was written, for every fact that `other` lacks."""
    missing = [text for key, text in have.urls.items() if key not in other.urls]
    missing += [text for key, text in have.emails.items() if key not in other.emails]
    missing += [text for key, text in have.dates.items() if not _date_found(key, other.dates)]
    clocks = {_as_clock(written) for written in other.numbers.values()}
    missing += [text for key, text in have.times.items() if key not in other.times and key not in clocks]
    missing += [
        text
        for key, text in have.numbers.items()
        if key not in other.numbers and not _spelled(key, other, other_lang) and _as_clock(text) not in other.times
    ]
    return missing


def fact_problems(source: Source, meeting: Meeting) -> list[Problem]:
    """A warning at the other language's text for each fact only one language states."""
    problems = []
    for path, text in localized_fields(meeting):
        if not all(text.get(lang) for lang in LANGS):
            continue
        facts = {lang: extract(text.get(lang), lang) for lang in LANGS}
        for lang in LANGS:
            lacking = other(lang)
            for written in missing_facts(facts[lang], facts[lacking], lacking):
                problems.append(
                    Problem(
                        source.locate(path + (lacking,)),
                        dotted(path),
                        f"“{written}” is in the {LANG_NAMES[lang]} text but not in the {LANG_NAMES[lacking]}; "
                        "check that both say the same",
                        warning=True,
                    )
                )
    return problems


def print_fact_warnings(console: Console, loaded: list[Loaded]) -> int:
    """Print (for `check`) the warnings for facts that do not agree between the languages, and for photos that
    record where they were taken, in the order of the files; how many."""
    warnings = [p for item in loaded for p in (*fact_problems(item.source, item.meeting), *item.warnings)]
    for problem in sorted(warnings, key=lambda p: p.location):
        console.print(str(problem), markup=False, style="yellow" if problem.warning else None)
    return len(warnings)
