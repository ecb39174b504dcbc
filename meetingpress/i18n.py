"""Babel for each output language: language code → gettext catalog and Jinja filters.

The templates' own words live in `locales/<lang>/LC_MESSAGES/messages.po`
(extracted with `pybabel extract -F babel.cfg`), read at run time: no compiled
`.mo` files in git.  An installed meetingpress reads the `.mo` files its wheel
was built with (see `paths.catalog`).  The filters format dates, times, numbers, lists and
ordinals the way each language writes them.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import typing
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from meetingpress import paths

LOCALE_OF = {"nl": "nl_NL", "en": "en_GB"}
LANGUAGE_TAG = {"nl": "nl-NL", "en": "en-GB"}
DOMAIN = paths.CATALOG


def compile_po(source: typing.BinaryIO, lang: str) -> bytes:
    """A `.po` catalog as `.mo` bytes, fuzzy entries left out (setup.py compiles the wheel's catalogs alike)."""
    catalog = read_po(source, locale=LOCALE_OF[lang])
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The catalog for `lang`: compiled in memory from its `.po` file, or the `.mo` file an installed copy has."""
    path = paths.catalog(lang)
    with path.open("rb") as handle:
        compiled = compile_po(handle, lang) if path.suffix == ".po" else handle.read()
    return gettext.GNUTranslations(io.BytesIO(compiled))


def locale(lang: str) -> Locale:
    return Locale.parse(LOCALE_OF[lang])


def filters(lang: str) -> dict:
    """Jinja filters bound to one language."""
    loc = LOCALE_OF[lang]

    def date(value: dt.date, fmt: str = "long") -> str:
        return format_date(value, fmt, locale=loc)

    def time(value: dt.time, fmt: str = "short") -> str:
        return format_time(value, fmt, locale=loc)

    def number(value) -> str:
        return format_decimal(value, locale=loc)

    def join_list(values, style: str = "standard"):
        """"a, b en c"; keeps the markup of `Text` values (their links, emphasis)."""
        values = list(values)
        if not any(hasattr(v, "__html__") for v in values):
            return format_list([str(v) for v in values], style=style, locale=loc)
        marks = [f"\x00{i}\x00" for i in range(len(values))]
        joined = escape(format_list(marks, style=style, locale=loc))
        for mark, value in zip(marks, values, strict=True):
            joined = joined.replace(mark, escape(value))
        return Markup(joined)

    def ordinal(value: int) -> str:
        from num2words import num2words

        return num2words(value, to="ordinal", lang=lang)

    return {"date": date, "time": time, "number": number, "list": join_list, "ordinal": ordinal, "tie_last": tie_last,
            "keep_compounds": keep_compounds}


def tie_last(value):
    """The text with its last two words in `<span class="tie">`, which the report's stylesheet keeps on one line
    and unhyphenated, so a paragraph never ends in a line of one word (or half of one); left as it is when
    either word is part of markup (a link) or the two are long."""
    html = str(escape(value))
    head, space, tail = html.rpartition(" ")
    rest, space_before, last_before = head.rpartition(" ")
    if not space or "<" in tail or ">" in tail or "<" in last_before or ">" in last_before or len(tail) + len(
            last_before) > 24:
        return value if hasattr(value, "__html__") else Markup(html)
    return Markup(f'{rest}{space_before}<span class="tie">{last_before} {tail}</span>')


COMPOUND = re.compile(r"(?<=\w)-(?=\w)")
WORD_JOINER = "\u2060"


def keep_compounds(value):
    """Words written with a hyphen ("five-year") with a word joiner (U+2060, invisible, not copied) after it, so a
    line never breaks there: text tools join a line that ends in a hyphen, and "five-\nyear" would copy and
    search as "fiveyear".  Markup (a link's address) is left alone."""
    parts = re.split(r"(<[^>]*>)", str(escape(value)))
    return Markup("".join(part if part.startswith("<") else COMPOUND.sub("-" + WORD_JOINER, part) for part in parts))
