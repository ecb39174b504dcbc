"""The meeting: plain data from the loader → a validated `Meeting`, with its figures, polls and outputs.

Every field carries a docstring; `docs/content-format.md` describes the same
fields for editors.  Prose is bilingual (`Localized`: `nl:` and `en:` side by
side); language-neutral facts (dates, times, counts, names, URLs) are plain.
A translation may be absent at this stage: `loading/validate.py` reports missing ones
as errors unless the build is a draft.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, create_model, field_validator, model_validator

from meetingpress import registry
from meetingpress.schema.fields import Lang, Localized, Model, Name, Time, Url
from meetingpress.schema.parts import ClosingField, Group, Image, Lead, Participants, Resource

MAX_NUMBER = 9_999
"""The highest meeting number in a series."""

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
