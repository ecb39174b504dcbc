"""The one theme: `theme.yaml` on the template search path → colours, fonts and logo.

The news item and the report get the colours as CSS custom properties
(`theme.css()`), the deck as RGB values; all three use the same font files.
Every value is checked for what it may be, with `file:line` errors (`check`
reports them too): a colour is `#rrggbb`, the family is a plain font family
name (letters, digits, spaces, hyphens: it goes into CSS and into the PDF's
font names), a font is a .ttf or .otf file and the logo a PNG, JPEG or SVG
image, each a path inside a template folder that exists there and passes the
checks for its kind (`problems`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, PrivateAttr, ValidationError

from meetingpress.errors import ContentError, Location, Problem
from meetingpress.loading.read import Source, dotted, load
from meetingpress.loading.validate import schema_problems
from meetingpress.paths import BUILTIN_TEMPLATES, find, inside


def _hex(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError("must be a colour written as #rrggbb")
    return value.lower()


def _family(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+)*", value) or len(value) > 63:
        raise ValueError("must be a font family name: letters, digits, single spaces and hyphens, such as `Lato` or "
                         "`Source Sans 3` (no quotes, brackets or other signs)")
    return value


def _relative(value: str, suffixes: tuple[str, ...], what: str) -> str:
    path = PurePosixPath(value.replace("\\", "/"))
    if not value.strip() or path.is_absolute() or ".." in path.parts or ":" in value:
        raise ValueError(f"must be the path of {what} inside the templates folder, such as `{EXAMPLES[what]}`")
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"must be {what} ({', '.join(suffixes)}), such as `{EXAMPLES[what]}`")
    return value


EXAMPLES = {"a font file": "fonts/Lato-Regular.ttf", "an image": "images/logo.png"}
FONT_SUFFIXES = (".ttf", ".otf")
FACES = ("regular", "italic", "bold", "bold_italic", "light")
Colour = Annotated[str, AfterValidator(_hex)]
Family = Annotated[str, AfterValidator(_family)]
FontFile = Annotated[str, AfterValidator(lambda v: _relative(v, FONT_SUFFIXES, "a font file"))]
ImageFile = Annotated[str, AfterValidator(lambda v: _relative(v, (".png", ".jpg", ".jpeg", ".svg"), "an image"))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # docstrings: documentation only


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


class FallbackFonts(_Strict):
    family: Family
    """The font a viewer without the theme's family sees (LibreOffice on Linux: DejaVu Sans)."""
    regular: FontFile
    italic: FontFile
    bold: FontFile
    bold_italic: FontFile


class Fonts(_Strict):
    family: Family
    """The font family name used in CSS and in the deck."""
    regular: FontFile
    italic: FontFile
    bold: FontFile
    bold_italic: FontFile
    light: FontFile
    fallback: FallbackFonts | None = None
    """The deck's text is fitted so that it fits in this font too, wherever a width differs."""


QUOTE_MARKS = {"double": ("\u201c", "\u201d"), "single": ("\u2018", "\u2019")}


class Quotes(_Strict):
    """The quotation marks of each language: `double` (“…”) or `single` (‘…’); a quote inside uses the other."""

    nl: Literal["double", "single"] = "double"
    en: Literal["double", "single"] = "double"

    def marks(self, lang: str) -> tuple[tuple[str, str], tuple[str, str]]:
        """(outer, inner) pairs of marks for `lang`."""
        outer = getattr(self, lang, "double")
        return QUOTE_MARKS[outer], QUOTE_MARKS["single" if outer == "double" else "double"]


class ThemeFile(_Strict):
    """What theme.yaml may hold."""

    colors: Colours
    fonts: Fonts
    logo: ImageFile | None = None
    """An image inside the templates folder, used when a meeting has no logo of its own."""
    quotes: Quotes = Quotes()
    """Quotation marks per language."""


class Theme(ThemeFile):
    """The theme as read: theme.yaml's values, where it was found, and where each value stands in it."""

    folder: Path | None = None
    search: tuple[Path, ...] = ()
    _source: Source | None = PrivateAttr(None)
    """theme.yaml as loaded, for the location of each value in errors."""

    def file(self, name: str) -> Path:
        """A file theme.yaml names (font, logo), looked up along the template search path, overrides first."""
        return find(name, self.search or (self.folder,)).resolve()

    def font_file(self, style: str = "regular") -> Path:
        return self.file(getattr(self.fonts, style))

    def image(self, name: str) -> Path:
        """The theme's image `name`, checked like every image (`images.check`) in the template folder that has
        it; FileNotFoundError if none has it, images.ImageProblem if it cannot be used."""
        from meetingpress.loading import images

        for folder in self.search or (self.folder,):
            if (folder / name).exists() or (folder / name).is_symlink():
                return images.check(folder, name)
        raise FileNotFoundError(name)

    def problems(self) -> list[Problem]:
        """Every file theme.yaml names that is missing, outside its template folder, or not what it should be."""
        from meetingpress.loading import glyphs, images

        found = []
        faces = [(("fonts", style), getattr(self.fonts, style)) for style in type(self.fonts).model_fields
                 if style not in ("family", "fallback")]
        if self.fonts.fallback:
            faces += [(("fonts", "fallback", style), getattr(self.fonts.fallback, style))
                      for style in type(self.fonts.fallback).model_fields if style != "family"]
        for path, name in faces:
            try:
                glyphs.coverage(self.inside(name))
            except (FileNotFoundError, images.ImageProblem, glyphs.FontProblem) as exc:
                found.append(self._problem(path, f"`{name}` {_why(exc)}"))
        if self.logo:
            try:
                self.image(self.logo)
            except (FileNotFoundError, images.ImageProblem) as exc:
                found.append(self._problem(("logo",), _why(exc) if isinstance(exc, images.ImageProblem)
                                           else f"`{self.logo}` {_why(exc)}"))
        return found

    def inside(self, name: str) -> Path:
        """The file `name` (a font) in the first template folder that has it, links inside that folder only."""
        from meetingpress.loading import images

        for folder in self.search or (self.folder,):
            if (folder / name).exists() or (folder / name).is_symlink():
                return images.resolve(folder, name)
        raise FileNotFoundError(name)

    def _problem(self, path: tuple, message: str) -> Problem:
        return Problem(self._source.locate(path), dotted(path), message)

    def fallback_file(self, style: str = "regular") -> Path | None:
        """The fallback font's file for `style`, or None when theme.yaml names no fallback."""
        fallback = self.fonts.fallback
        return self.file(getattr(fallback, style)) if fallback else None

    def css(self) -> str:
        """`:root { --primary: #…; … }` for the HTML templates."""
        lines = [f"  --{name.replace('_', '-')}: {value};" for name, value in self.colors]
        lines.append(f"  --font-family: '{self.fonts.family}';")
        return ":root {\n" + "\n".join(lines) + "\n}\n"

def theme(templates: tuple[Path, ...]) -> Theme:
    """The theme.yaml found first on the search path; read again when it changed (a warm process lives long)."""
    path = find("theme.yaml", templates)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size, templates)


def _why(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "is in none of the template folders; add it there or fix the name"
    return str(exc)


def problems(templates: tuple[Path, ...], source: Source | None = None, meeting=None,
             root: Path | None = None) -> list[Problem]:
    """Every problem of the theme found first on the search path (its values, the files it names); with a
    meeting, also what the meeting needs of it: a PNG or JPEG copy of an SVG logo for its deck, and every
    character of its report's texts in the report's fonts (`glyphs.missing`).  With the project's `root`, a
    template folder outside it (a `templates/` that is a link elsewhere) is a problem: the report may not read it."""
    from meetingpress.loading import glyphs, images

    outside = [folder for folder in templates if root and not inside(folder, root, BUILTIN_TEMPLATES)]
    if outside:
        own = (root / "templates").resolve()
        return [Problem(Location("templates" if folder == own else str(folder)), "", "this templates folder lies outside "
                        "the project (a link?); keep the templates inside the project folder") for folder in outside]
    try:
        found = theme(templates)
        wrong = found.problems()
    except ContentError as exc:
        return exc.problems
    if wrong or meeting is None:
        return wrong
    if found.logo and meeting.logo is None and meeting.outputs.slides:
        try:
            folder = next(f for f in found.search if (f / found.logo).exists() or (f / found.logo).is_symlink())
            images.bitmap(folder, found.logo)
        except images.ImageProblem as exc:
            wrong.append(found._problem(("logo",), str(exc)))
    fonts = tuple(found.inside(getattr(found.fonts, style)) for style in FACES)
    return wrong + glyphs.missing(source, meeting, found.fonts.family, fonts)


@lru_cache(maxsize=8)  # a long watch session edits the theme many times: keep only the recent ones
def _read(path: Path, _mtime_ns: int, _size: int, templates: tuple[Path, ...]) -> Theme:
    source = load(path)
    try:
        loaded = ThemeFile.model_validate(source.data)
    except ValidationError as exc:
        raise ContentError(schema_problems(source, exc, ThemeFile)) from None
    read = Theme(**dict(loaded), folder=path.parent, search=tuple(templates))
    read._source = source
    return read
