"""The one theme: `theme.yaml` on the template search path → colours, fonts and logo.

The news item and the report get the colours as CSS custom properties
(`theme.css()`), the deck as RGB values; all three use the same font files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from .errors import ContentError
from .loader import load
from .templating import find
from .validate import schema_problems


def _hex(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError("must be a colour written as #rrggbb")
    return value.lower()


Colour = Annotated[str, AfterValidator(_hex)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Colours(_Strict):
    primary: Colour
    """Headings, title bars and links."""
    accent: Colour
    """Rules, bullets and highlights."""
    text: Colour
    """Body text."""
    muted: Colour
    """Captions, dates and footers."""
    background: Colour
    """Page and slide background."""
    tint: Colour
    """Quotation and cover panels."""


class Fonts(_Strict):
    family: str
    """The font family name used in CSS and in the deck."""
    regular: str
    italic: str
    bold: str
    bold_italic: str
    light: str


QUOTE_MARKS = {"double": ("\u201c", "\u201d"), "single": ("\u2018", "\u2019")}


class Quotes(_Strict):
    """The quotation marks of each language: `double` (“…”) or `single` (‘…’); a quote inside uses the other."""

    nl: Literal["double", "single"] = "double"
    en: Literal["double", "single"] = "double"

    def marks(self, lang: str) -> tuple[tuple[str, str], tuple[str, str]]:
        """(outer, inner) pairs of marks for `lang`."""
        outer = getattr(self, lang, "double")
        return QUOTE_MARKS[outer], QUOTE_MARKS["single" if outer == "double" else "double"]


class Theme(_Strict):
    colors: Colours
    fonts: Fonts
    logo: str | None = None
    """An image inside the templates folder, used when a meeting has no logo of its own."""
    quotes: Quotes = Quotes()
    """Quotation marks per language."""

    folder: Path | None = None
    search: tuple[Path, ...] = ()

    def file(self, name: str) -> Path:
        """A file theme.yaml names (font, logo), looked up along the template search path, overrides first."""
        return find(name, self.search or (self.folder,)).resolve()

    def font_file(self, style: str = "regular") -> Path:
        return self.file(getattr(self.fonts, style))

    def css(self) -> str:
        """`:root { --primary: #…; … }` for the HTML templates."""
        lines = [f"  --{name.replace('_', '-')}: {value};" for name, value in self.colors]
        lines.append(f"  --font-family: '{self.fonts.family}';")
        return ":root {\n" + "\n".join(lines) + "\n}\n"

    def rgb(self, name: str) -> tuple[int, int, int]:
        value = getattr(self.colors, name)
        return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))


def theme(templates: tuple[Path, ...]) -> Theme:
    """The theme.yaml found first on the search path; read again when it changed (a warm process lives long)."""
    path = find("theme.yaml", templates)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size, templates)


@lru_cache(maxsize=8)  # a long watch session edits the theme many times: keep only the recent ones
def _read(path: Path, _mtime_ns: int, _size: int, templates: tuple[Path, ...]) -> Theme:
    source = load(path)
    try:
        loaded = Theme.model_validate(source.data)
    except ValidationError as exc:
        raise ContentError(schema_problems(source, exc)) from None
    return loaded.model_copy(update={"folder": path.parent, "search": tuple(templates)})
