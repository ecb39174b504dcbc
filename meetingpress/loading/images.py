"""Images, checked before anything is rendered: (folder, file name) → a safe path, or a problem.

An image must be a PNG, JPEG or SVG file inside the meeting's own folder
(no symlink may lead out of it), at most 10 MB and 40 megapixels, and must
decode completely: a wrong format, a truncated file or a decompression bomb
is a `file:line` error at the field that names it.  SVG files must be
well-formed XML without scripts, event handlers, external references or
style sheets that load anything (`@import`, `url(…)` other than `#id`).

Every image an output reads goes through `check`: the meeting's logo, the
PNG or JPEG the deck uses beside an SVG logo (`bitmap`), the theme's logo, and
every image the PDF engine fetches (outputs/report/fetch.py).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from meetingpress.errors import Problem

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_SVG_DANGER = re.compile(
    r"<\s*(script|foreignObject|iframe|embed|object)\b|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[\"']\s*(?!#|data:image/)[^\"']*"
    r"|<!ENTITY|<!DOCTYPE[^>]*\[|url\(\s*[\"']?\s*(?!#)|@\s*import|<\?xml-stylesheet",
    re.IGNORECASE,
)
# In the parsed SVG (character references decoded), a style sheet or attribute value must load nothing either;
# a CSS escape (`@\69mport`, `u\72l(`) could hide that, so none is allowed in style.
_CSS_DANGER = re.compile(r"@\s*import|url\(\s*[\"']?\s*(?!#)|\\|expression\s*\(", re.IGNORECASE)


BITMAP_SUFFIXES = (".png", ".jpg", ".jpeg")
"""What the deck can embed; beside an SVG logo it looks for a copy with one of these, in this order."""


class ImageProblem(ValueError):
    """Why an image cannot be used (the message is for the editor)."""


def resolve(folder: Path, name: str) -> Path:
    """The image's real path inside `folder`; raises ImageProblem when it is missing or outside."""
    folder = Path(folder)
    shown = folder.name + "/"
    candidate = folder / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise ImageProblem(f"`{name}` must be a file name inside the meeting's folder {shown}, not a path")
    if folder.is_symlink():
        raise ImageProblem(f"the folder {shown} is a link to another folder; make it a real folder with the images in it")
    if not candidate.exists():
        raise ImageProblem(f"no image `{name}` in {shown}; add it there or fix the name")
    real = candidate.resolve()
    if not real.is_relative_to(folder.resolve()):
        raise ImageProblem(f"`{name}` is a link to a file outside {shown}; copy the image into the folder instead")
    if not real.is_file():
        raise ImageProblem(f"`{name}` is not a file")
    return real


def media_type(path: Path) -> str:
    """Check the image completely; return its media type or raise ImageProblem."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImageProblem(f"`{path.name}` is {size / 1e6:.1f} MB; images may be at most {MAX_BYTES // 1_000_000} MB")
    head = path.read_bytes()[:512]
    if path.suffix.lower() == ".svg" or b"<svg" in head:
        return _check_svg(path)
    from PIL import Image, ImageFile

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it on import; our check must be strict
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                if kind not in FORMATS:
                    raise ImageProblem(f"`{path.name}` is a {kind} image; use PNG, JPEG or SVG")
                if image.width * image.height > MAX_PIXELS:
                    raise ImageProblem(f"`{path.name}` has too many pixels ({image.width}×{image.height})")
                image.load()  # decode every pixel: truncated files fail here
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(f"`{path.name}` is far too large when decoded (more than {MAX_PIXELS:,} pixels)") from None
    except Exception as exc:  # Pillow's own errors: unknown format, truncated data
        reason = str(exc).replace(str(path), path.name)
        raise ImageProblem(f"`{path.name}` is not a readable PNG or JPEG image ({reason}); export it again") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return FORMATS[kind]


def _check_svg(path: Path) -> str:
    from xml.etree import ElementTree

    text = path.read_bytes().decode("utf-8", errors="replace")
    if _SVG_DANGER.search(text):
        raise ImageProblem(f"`{path.name}` contains scripts, entities, style sheet imports (`@import`) or links to "
                           "other files; export a plain SVG")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ImageProblem(f"`{path.name}` is not a well-formed SVG file ({exc})") from None
    if not root.tag.endswith("svg"):
        raise ImageProblem(f"`{path.name}` is not an SVG image")
    for element in root.iter():
        styles = [element.text or ""] if str(element.tag).rsplit("}", 1)[-1].lower() == "style" else []
        if any(_CSS_DANGER.search(value) for value in [*styles, *element.attrib.values()]) or any(
            _SVG_DANGER.search(f" {name}={value!r}") for name, value in element.attrib.items()
        ):
            raise ImageProblem(f"`{path.name}` contains a style sheet or a link that loads other files; export a plain SVG")
    return "image/svg+xml"


def check(folder: Path, name: str) -> Path:
    """`resolve` and `media_type` together: the one check every image any output reads goes through."""
    path = resolve(folder, name)
    media_type(path)
    return path


def bitmap(folder: Path, name: str) -> Path:
    """The checked image the deck embeds for `name`: the image itself, or for an SVG (which python-pptx cannot
    embed) the PNG or JPEG beside it with the same name; raises ImageProblem."""
    if Path(name).suffix.lower() != ".svg":
        return check(folder, name)
    copies = [str(Path(name).with_suffix(suffix)) for suffix in BITMAP_SUFFIXES]
    for copy in copies:
        if (Path(folder) / copy).exists() or (Path(folder) / copy).is_symlink():
            return check(folder, copy)
    raise ImageProblem(f"the slides need a PNG or JPEG copy of this SVG logo: add {Path(copies[0]).name}")


def fields(meeting, folders: dict[tuple, Path], meeting_folder: Path) -> list[tuple[tuple, Path, str]]:
    """Every image a meeting names: (field path, the folder it is relative to, file name)."""
    named = [(("logo", "file"), folders.get(("logo", "file")), meeting.logo.file)] if meeting.logo else []
    return named + [(("figures", i, "file"), meeting_folder, f.file) for i, f in enumerate(meeting.figures)]


def problems(source, meeting, folders: dict[tuple, Path], meeting_folder: Path) -> list[Problem]:
    """Every image field of a meeting checked; `folders` maps a field path to the folder it is relative to.
    Photos (`figures`) must be PNG or JPEG: they are resized and cleaned of metadata for every output; a logo
    needs a PNG or JPEG copy beside an SVG for the deck."""
    from meetingpress.loading.read import dotted

    found = []
    for path, folder, name in fields(meeting, folders, meeting_folder):
        try:
            kind = media_type(resolve(folder, name))
            if path[0] == "figures" and kind not in FORMATS.values():
                raise ImageProblem(f"`{name}` is an SVG drawing; a figure must be a photo (PNG or JPEG)")
            if path[0] == "logo" and meeting.outputs.slides:
                bitmap(folder, name)
        except ImageProblem as exc:
            found.append(Problem(source.locate(path), dotted(path), str(exc)))
    return found


def privacy_warnings(source, meeting, meeting_folder: Path) -> list[Problem]:
    """A warning for each photo whose file records where it was taken (the outputs never carry it)."""
    from meetingpress.loading.read import dotted

    return [
        Problem(source.locate(("figures", i, "file")), dotted(("figures", i, "file")),
                f"`{f.file}` records a GPS position; meetingpress removes it from every output, "
                "but remove it from the file too before sharing it", warning=True)
        for i, f in enumerate(meeting.figures)
        if gps(meeting_folder / f.file)
    ]


def gps(path: Path) -> bool:
    """Whether the image's EXIF data records a GPS position."""
    from PIL import Image
    from PIL.ExifTags import IFD

    try:
        with Image.open(path) as image:
            return bool(image.getexif().get_ifd(IFD.GPSInfo))
    except Exception:  # an unreadable file is reported by the image check, not here
        return False
