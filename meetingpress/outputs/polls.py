"""Poll results: a `Poll` in one language → rounded shares, their words and a vector bar chart (SVG).

Shares are computed once, here, for every output: whole percentages that add
up to exactly 100 (largest remainder), formatted by Babel's percent format of
the language.  The same `Result` feeds the news item's inline SVG, the
report's vector chart and the deck's native chart, so the three always agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from babel.numbers import format_percent
from markupsafe import escape

from meetingpress import i18n


def shares(values: list[float | int]) -> list[int]:
    """Whole percentages of `values` that add up to 100: each share rounded down, then the points left over go
    to the largest remainders (ties: the earlier option)."""
    exact = [Fraction(value).limit_denominator(10**6) for value in values]
    total = sum(exact)
    if total <= 0:
        return [0] * len(values)
    scaled = [value * 100 / total for value in exact]
    whole = [math.floor(value) for value in scaled]
    order = sorted(range(len(values)), key=lambda i: (-(scaled[i] - whole[i]), i))
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


@dataclass(frozen=True)
class Bar:
    label: str
    share: int
    """Whole percent; the bars of a poll add up to 100."""
    shown: str
    """The share as the language writes it: "42%" / "42 %"."""
    count: int | None


@dataclass(frozen=True)
class Result:
    """One poll in one language, ready for any output."""

    question: str
    bars: tuple[Bar, ...]
    respondents: int
    note: str | None
    people: str
    """How many answered, in words: "26 respondents" / "26 respondenten"."""
    summary: str
    """The result in words, for alt text and screen readers: "Yes: 42%, partly: 46%, no: 12% (26 respondents)"."""


def result(poll, lang: str) -> Result:
    """`poll` (the schema's Poll) in `lang`; texts in the other language are not read."""
    _ = i18n.translations(lang).gettext
    loc = i18n.LOCALE_OF[lang]
    counted = all(option.count is not None for option in poll.options)
    values = [option.count if counted else option.percent for option in poll.options]
    respondents = poll.respondents or (sum(values) if counted else 0)
    labels = [_plain(option.label.get(lang)) for option in poll.options]
    bars = tuple(
        Bar(label, share, format_percent(share / 100, locale=loc), option.count)
        for label, share, option in zip(labels, shares(values), poll.options, strict=True)
    )
    people = _("%(num)s respondents") % {"num": i18n.filters(lang)["number"](respondents)}
    summary = i18n.filters(lang)["list"]([f"{bar.label}: {bar.shown}" for bar in bars]) + f" ({people})."
    note = poll.note.get(lang) if poll.note else None
    return Result(_plain(poll.question.get(lang)), bars, respondents, _plain(note) if note else None, people, summary)


def _plain(text: str | None) -> str:
    """A poll's text without inline Markdown marks (a chart label is plain text)."""
    from meetingpress.text import Text

    return Text(text or "").plain if text else ""


BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 24, 10, 170, 440


def svg(res: Result, colors: dict, font: str, ident: str) -> str:
    """A horizontal bar chart, accessible on its own: `role="img"`, a title (the question) and a description (the
    result in words); every number is also text in the chart."""
    primary, text, muted, tint = (escape(colors[k]) for k in ("primary", "text", "muted", "tint"))
    bar_space = CHART_WIDTH - LABEL_WIDTH - 60
    height = len(res.bars) * (BAR_HEIGHT + GAP) + GAP
    rows = []
    for i, bar in enumerate(res.bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = round(bar_space * bar.share / 100, 1)
        middle = y + BAR_HEIGHT / 2 + 5
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:g}" text-anchor="end" fill="{text}">{escape(_short(bar.label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar_space}" height="{BAR_HEIGHT}" fill="{tint}"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:g}" height="{BAR_HEIGHT}" fill="{primary}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:g}" y="{middle:g}" fill="{text}" font-weight="bold">{escape(bar.shown)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" font-family="{escape(font)}, sans-serif" '
        f'font-size="15"><title id="{ident}-t">{escape(res.question)}</title>'
        f'<desc id="{ident}-d">{escape(res.summary)}</desc>'
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" stroke="{muted}" stroke-width="1"/>'
        + "".join(rows) + "</svg>"
    )


def _short(label: str, limit: int = 22) -> str:
    """A label that fits beside its bar; the full label is in the description and the table."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
