"""The meeting file's schema: plain data from the loader → validated pydantic models.

Every field carries a docstring; `docs/content-format.md` describes the same
fields for editors.  Prose is bilingual (`Localized`: `nl:` and `en:` side by
side); language-neutral facts (dates, times, counts, names, URLs) are plain.
A translation may be absent at this stage: `loading/validate.py` reports missing ones
as errors unless the build is a draft.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    create_model,
    field_validator,
    model_validator,
)

from meetingpress import registry

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Dutch", "en": "English"}
Lang = Literal["nl", "en"]
MAX_PARTICIPANTS = 1_000_000
"""More than a meeting can hold; a larger count is a typing error (and beyond what the formatting handles)."""
MAX_NUMBER = 9_999
"""The highest meeting number in a series."""


def unwrap(annotation):
    """A field's type without its Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True
    )


PLACEHOLDER = re.compile(r"^\s*TODO\b")
"""A text still starting with "TODO" (as `python build.py new` writes them) is a placeholder, not a text."""


def is_placeholder(value) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.match(value))


def _blank_to_none(value):
    """An empty text and a placeholder are both a missing text, in every command."""
    if isinstance(value, str) and (not value.strip() or is_placeholder(value)):
        return None
    return value


Prose = Annotated[str | None, BeforeValidator(_blank_to_none)]


class Localized(Model):
    """One text in Dutch and English side by side; inline Markdown allowed."""

    nl: Prose = None
    """The Dutch text."""
    en: Prose = None
    """The English text."""

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)


def _name(value):
    """A plain string is a name that is the same in both languages."""
    if isinstance(value, str):
        return {"nl": value, "en": value}
    return value


Name = Annotated[Localized, BeforeValidator(_name)]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_ALLOWED_URL = re.compile(r"^(https?://|mailto:)[^\s]+$", re.IGNORECASE)


def _time(value):
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
    return value


Time = Annotated[dt.time, BeforeValidator(_time)]


def _url(value):
    if isinstance(value, str) and not _ALLOWED_URL.match(value.strip()):
        raise ValueError("must be an http://, https:// or mailto: address")
    return value.strip() if isinstance(value, str) else value


Url = Annotated[str, BeforeValidator(_url)]


class Lead(Model):
    """The opening of the story: a premise or quotation and the question it raises."""

    quote: Localized
    """The premise or quotation, without quotation marks (the templates add them)."""
    source: Localized | None = None
    """Where the quotation comes from, as a sentence (shown under it)."""
    question: Localized
    """The question the premise raises."""


def _switch(value):
    """`false` (however YAML spelled it) switches a generated text off; anything else is the text itself."""
    if value is False or (isinstance(value, str) and value.strip().lower() in ("false", "no", "off")):
        return False
    if isinstance(value, str):
        raise ValueError("write `false` to leave the sentence out, or your own sentence under `nl:` and `en:`")
    return value


SentenceField = Annotated[
    Annotated[
        Annotated[Localized, Tag("text")] | Annotated[Literal[False], Tag("off")],
        Discriminator(lambda value: "off" if value is False else "text"),
    ] | None,
    BeforeValidator(_switch),
]


class Participants(Model):
    """Who took part."""

    count: int = Field(ge=1, le=MAX_PARTICIPANTS)
    """How many people took part."""
    approximate: bool = False
    """`true` when the count is an estimate ("about 25")."""
    who: Localized | None = None
    """Who they were, continuing "about 25 participants …", e.g. "from NGOs and the ministry"."""
    sentence: SentenceField = Field(default=None, json_schema_extra={"generated": True})
    """The news item's sentence about the participants: left out, it is generated from `count` and `who`;
    `false` drops it (when the intro already says who came); a text of your own replaces it."""
    organisations: list[str] = []
    """Optional list of participating organisations, for the report."""


class Finding(Model):
    """One finding, in three grains."""

    title: Localized
    """A short title: one slide bullet."""
    text: Localized
    """A sentence or paragraph, for the news item and the report."""
    details: Localized | None = None
    """A longer passage, for the report only."""


class Group(Model):
    """A named group of findings, such as challenges or recommendations."""

    heading: Localized
    """The group's heading, e.g. "Uitdagingen" / "Challenges"."""
    intro: Localized | None = None
    """A lead sentence before the items, e.g. "Belangrijke aanbevelingen zijn:"."""
    style: Literal["prose", "list", "lead-ins", "sections"] = "prose"
    """How the news item shows the items: `prose` (one paragraph of their texts), `list` (bullets),
    `lead-ins` (the heading, then bullets that start with each item's title in bold) or `sections` (the
    heading, then each item's title as a subheading over its text)."""
    plain_up_to: int = Field(default=3, ge=0)
    """`prose` and `list` show neither the heading nor the titles up to this many items; a larger group is
    shown as `lead-ins`, so that each item keeps its title."""
    items: list[Finding] = Field(min_length=1)
    """The findings in this group, in order."""

    def layout(self) -> str:
        """How the news item shows the group: its style, but `lead-ins` for a prose or list group too large to
        read without its heading and titles."""
        if self.style in ("prose", "list") and len(self.items) > self.plain_up_to:
            return "lead-ins"
        return self.style


class Closings(Model):
    """Each output's own closing lines.  An output left out gets its own generated closing, which points to
    the other outputs; an output never links to itself."""

    news: list[Localized] | None = None
    """The news item's closing lines (a list of downloads with format, language and size follows them)."""
    report: list[Localized] | None = None
    """The report's closing lines (default: where to find the slides and the news item)."""
    slides: list[Localized] | None = None
    """The speaker notes' closing lines on the last slide (default: the organisers, the report and the news
    item)."""


def _closing_form(value) -> str:
    return "lines" if isinstance(value, list) else "outputs"


ClosingField = Annotated[
    Annotated[list[Localized], Tag("lines")] | Annotated[Closings, Tag("outputs")], Discriminator(_closing_form)
]


class Resource(Model):
    """A link for further reading."""

    title: Localized
    """What the link is called."""
    url: Url
    """The address (http, https or mailto)."""


class Image(Model):
    """An image from the meeting's own folder."""

    file: str
    """File name inside `content/<id>/` (PNG, JPEG or SVG)."""
    alt: Localized
    """Alternative text for screen readers: what the image shows."""


OutputLangs = Annotated[list[Lang], Field(min_length=1)]
OutputName = Literal[tuple(registry.names())]  # type: ignore[valid-type]  (the registry's outputs)
EVERY_OUTPUT: list[OutputName] = registry.names()


class Figure(Model):
    """A photo or image from the meeting, shown with its caption."""

    file: str
    """File name inside `content/<id>/` (PNG or JPEG); its metadata (GPS position, camera) is never published."""
    alt: Localized
    """What the image shows, for people who cannot see it (required in both languages)."""
    caption: Localized | None = None
    """The caption under the image."""
    credit: Name | None = None
    """Who made the photo, e.g. "Foto: Jan de Vries" / "Photo: Jan de Vries", or a plain name."""
    group: str | None = None
    """The finding group (its key) the figure belongs with; without it, it follows the meeting's introduction."""
    show: list[OutputName] = Field(default=EVERY_OUTPUT, min_length=1)
    """Where the figure appears: any of `news`, `report`, `slides` (default: all three)."""


class PollOption(Model):
    """One answer of a poll and how many chose it."""

    label: Name
    """The answer as it was put, e.g. "Ja" / "Yes"."""
    count: int | None = Field(default=None, ge=0, le=1_000_000)
    """How many people chose it."""
    percent: float | None = Field(default=None, ge=0, le=100)
    """Instead of `count`: the share that chose it, in percent (then give the poll's `respondents`)."""


class Poll(Model):
    """A live poll taken during the meeting, shown as a chart."""

    question: Localized
    """The question as it was asked."""
    options: list[PollOption] = Field(min_length=2, max_length=12)
    """The answers, in the order they were offered, each with a `count` (or a `percent`)."""
    respondents: int | None = Field(default=None, ge=1, le=1_000_000)
    """How many people answered; required with percentages, otherwise the sum of the counts."""
    note: Localized | None = None
    """How the poll was taken, e.g. "Online poll during the meeting"."""
    group: str | None = None
    """The finding group (its key) the poll belongs with; without it, it follows the meeting's introduction."""
    show: list[OutputName] = Field(default=EVERY_OUTPUT, min_length=1)
    """Where the poll appears: any of `news`, `report`, `slides` (default: all three)."""

    @model_validator(mode="after")
    def _numbers(self) -> Poll:
        counts = [o.count is not None for o in self.options]
        percents = [o.percent is not None for o in self.options]
        if any(c and p for c, p in zip(counts, percents, strict=True)):
            raise ValueError("give each option either a `count` or a `percent`, not both")
        if all(counts):
            if sum(o.count for o in self.options) == 0:
                raise ValueError("every count is 0; give the poll's results")
            return self
        if all(percents):
            total = sum(o.percent for o in self.options)
            if not 99 <= total <= 101:
                raise ValueError(f"the percentages add up to {total:g}, not 100; check them")
            if self.respondents is None:
                raise ValueError("with percentages, give `respondents`: how many people answered")
            return self
        raise ValueError("give every option a `count`, or every option a `percent`")


Outputs = create_model(
    "Outputs",
    __base__=Model,
    __doc__="Which language each output is built in.",
    **{output.name: (list[Lang], Field(default=list(output.languages), description=output.about))
       for output in registry.outputs().values()},
)
"""One field per output of the registry (`outputs/__init__.py`), its languages; the output's own declaration says
its default languages and its description."""


class Meeting(Model):
    """One meeting: everything the news item, the report and the deck are made of."""

    series: Localized
    """The series: the name of a file in content/series/ to inherit from, or the series itself as it reads
    after an ordinal ("leerbijeenkomst voor Strategische Partnerschappen")."""
    number: int = Field(ge=1, le=MAX_NUMBER)
    """The meeting's number in the series (5 for the fifth)."""
    date: dt.date
    """The day of the meeting, as YYYY-MM-DD."""
    start: Time | None = None
    """Optional start time, as HH:MM."""
    end: Time | None = None
    """Optional end time, as HH:MM."""
    place: Localized
    """Where the meeting took place."""
    organisers: list[Name] = Field(min_length=1)
    """Who organised it: plain names, or `nl:`/`en:` for a description."""
    participants: Participants
    """How many took part and who they were."""
    outputs: Outputs = Outputs()
    """Which language each output is built in."""
    base_url: Url | None = None
    """Public web address of the folder the outputs are published in; links become absolute."""
    logo: Image | None = None
    """Optional logo for the report cover and the title slide."""

    category: Localized
    """The category label above the news title, e.g. "Nieuws" / "News"."""
    title: Localized
    """The title of the news item, report and deck."""
    lead: Lead
    """The premise or quotation that opens the story, and its question."""
    questions: list[Localized] = Field(min_length=1)
    """The central questions of the meeting."""
    outcome: Localized | None = None
    """What the meeting arrived at, completing "During the meeting … we …"."""
    intro: list[Localized] = []
    """Free paragraphs after the meeting paragraph."""
    findings: dict[str, Group] = Field(min_length=1)
    """Groups of findings by a short key of your choice (e.g. `challenges`), in order."""
    closing: ClosingField = []
    """Closing lines: a list is the news item's; `news:`, `report:` and `slides:` give each output its own.
    `[text](@slides)`, `[text](@report)` and `[text](@news)` link the built outputs."""
    resources: list[Resource] = []
    """Links for further reading, listed in the report and the deck."""
    figures: list[Figure] = Field(default=[], json_schema_extra={"scaffold": "named"})
    """Optional. Photos from the meeting, with captions, in the news item, the report and the deck."""
    polls: list[Poll] = Field(default=[], json_schema_extra={"scaffold": "named"})
    """Optional. Poll results, as charts in the news item, the report and the deck."""

    @field_validator("findings")
    @classmethod
    def _keys(cls, value: dict[str, Group]) -> dict[str, Group]:
        for key in value:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                raise ValueError(
                    f"group key {key!r} must be lower-case letters, digits and underscores"
                )
        return value
