"""The parts of a meeting: plain data for one part → a validated model (Lead, Participants, Group, Finding,
Closings, Resource, Image).

Each field's docstring is its documentation: the scaffolds of `init` and `new`
and the editors' JSON Schemas show it (`schema/docstrings.py`), and
`docs/content-format.md` describes the same fields for editors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag

from meetingpress.schema.fields import Localized, Model, Url

MAX_PARTICIPANTS = 1_000_000
"""More than a meeting can hold; a larger count is a typing error (and beyond what the formatting handles)."""


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

