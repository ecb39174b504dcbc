"""What there is to translate: meeting and series files (`content/series/<name>.yaml`) → their bilingual fields.

A series file's headings and names are bilingual too; `status`, `export`,
`import` and `sync` take it like a meeting.  `ready.load_files` turns either into an item
(`Translatable`) with what the translation workflow reads: `path`,
`meeting_id`, `source` and `meeting` (None for a series file, whose texts are
read from its data).  `fields` lists the texts of one such item.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from meetingpress.loading.read import Source, dotted
from meetingpress.loading.read import load as load_yaml
from meetingpress.loading.series import SERIES_DIR
from meetingpress.loading.validate import localized_fields
from meetingpress.schema import LANGS, Localized

if TYPE_CHECKING:
    from meetingpress.loading.load import Loaded
    from meetingpress.project import Project
    from meetingpress.schema import Meeting


@dataclass(frozen=True)
class SeriesFile:
    """A series file, read (not validated as a meeting): its texts are the mappings of only `nl:` and `en:`."""

    path: Path
    meeting_id: str
    """The file's name without `.yaml` (its sync record is `.sync/<meeting_id>.yaml` beside it)."""
    source: Source
    meeting: None = None

    @classmethod
    def read(cls, project: Project, path: Path) -> SeriesFile:
        return cls(path, path.stem, load_yaml(path, project.root))


Translatable: TypeAlias = "Loaded | SeriesFile"
"""A file whose texts the translation workflow reads: a loaded meeting or a series file."""


def other(lang: str) -> str:
    """The other language: "nl" → "en", "en" → "nl"."""
    return "en" if lang == "nl" else "nl"


def is_series(project: Project, path: Path) -> bool:
    return path.resolve().parent == (project.content / SERIES_DIR).resolve()


def series_files(project: Project) -> list[Path]:
    folder = project.content / SERIES_DIR
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []


def inherited_from(item: Translatable) -> list[str]:
    """The series files a meeting's inherited texts come from (as shown), or []."""
    if item.meeting is None:
        return []
    found = {item.source.locate(path).file for path, _text in localized_fields(item.meeting)}
    return sorted(name for name in found if name != item.source.file)


@dataclass(frozen=True)
class Field:
    """A bilingual field of a meeting: its path, its dotted name and its texts."""

    path: tuple
    name: str
    text: Localized

    def get(self, lang: str) -> str | None:
        return self.text.get(lang)

    @property
    def complete(self) -> bool:
        return all(self.text.get(lang) for lang in LANGS)


def fields(source: Source, meeting: Meeting | None = None) -> dict[str, Field]:
    """Every field written with `nl:`/`en:` keys in this file, by dotted name, in document order.

    A plain name such as `- Partos` stands for both languages at once, so it
    can neither be missing nor go stale; it is left out.  So are the texts a
    meeting inherits from its series file: they belong to that file's own
    status.  Without a `meeting` (a series file), the texts are read from the
    file's data: every mapping of only `nl:` and `en:`.
    """
    if meeting is None:
        return {dotted(path): Field(path, dotted(path), text) for path, text in _raw_texts(source.data, ())}
    result = {}
    for path, text in localized_fields(meeting):
        if isinstance(raw_value(source, path), dict) and source.locate(path).file == source.file:
            result[dotted(path)] = Field(path, dotted(path), text)
    return result


def _raw_texts(value, path: tuple):
    if isinstance(value, dict) and value and set(value) <= set(LANGS):
        texts = {lang: value[lang] for lang in LANGS if isinstance(value.get(lang), str)}
        yield path, Localized.model_validate(texts)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _raw_texts(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _raw_texts(child, path + (index,))


def raw_value(source: Source, path: tuple):
    """The value at `path` in the file's data, as written (before the schema)."""
    data = source.data
    for part in path:
        data = data[part]
    return data
