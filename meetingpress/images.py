"""Images, checked before anything is rendered: (folder, file name) → a safe path, or a problem.

An image must be a PNG, JPEG or SVG file inside the meeting's own folder
(no symlink may lead out of it), at most 10 MB and 40 megapixels, and must
decode completely: a wrong format, a truncated file or a decompression bomb
is a `file:line` error at the field that names it.  SVG files must be
well-formed XML without scripts, event handlers or external references.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from .errors import Problem
from .loader import dotted

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_SVG_DANGER = re.compile(
    r"<\s*(script|foreignObject|iframe|embed|object)\b|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[\"']\s*(?!#|data:image/)[^\"']*"
    r"|<!ENTITY|<!DOCTYPE[^>]*\[|url\(\s*[\"']?\s*(?!#)",
    re.IGNORECASE,
)


class ImageProblem(ValueError):
    """Why an image cannot be used (the message is for the editor)."""


def resolve(folder: Path, name: str) -> Path:
    """The image's real path inside `folder`; raises ImageProblem when it is missing or outside."""
    folder = Path(folder)
    shown = folder.name + "/"
    candidate = folder / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise ImageProblem(f"`{name}` must be a file name inside the meeting's folder {shown}, not a path")
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
        raise ImageProblem(f"`{path.name}` contains scripts, entities or links to other files; export a plain SVG")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ImageProblem(f"`{path.name}` is not a well-formed SVG file ({exc})") from None
    if not root.tag.endswith("svg"):
        raise ImageProblem(f"`{path.name}` is not an SVG image")
    return "image/svg+xml"


def check(folder: Path, name: str) -> Path:
    """`resolve` and `media_type` together."""
    path = resolve(folder, name)
    media_type(path)
    return path


def fields(meeting, folders: dict[tuple, Path], meeting_folder: Path) -> list[tuple[tuple, Path, str]]:
    """Every image a meeting names: (field path, the folder it is relative to, file name)."""
    named = [(("logo", "file"), folders.get(("logo", "file")), meeting.logo.file)] if meeting.logo else []
    return named + [(("figures", i, "file"), meeting_folder, f.file) for i, f in enumerate(meeting.figures)]


def problems(source, meeting, folders: dict[tuple, Path], meeting_folder: Path) -> list[Problem]:
    """Every image field of a meeting checked; `folders` maps a field path to the folder it is relative to.
    Photos (`figures`) must be PNG or JPEG: they are resized and cleaned of metadata for every output."""
    found = []
    for path, folder, name in fields(meeting, folders, meeting_folder):
        try:
            kind = media_type(resolve(folder, name))
            if path[0] == "figures" and kind not in FORMATS.values():
                raise ImageProblem(f"`{name}` is an SVG drawing; a figure must be a photo (PNG or JPEG)")
        except ImageProblem as exc:
            found.append(Problem(source.locate(path), dotted(path), str(exc)))
    return found


def privacy_warnings(source, meeting, meeting_folder: Path) -> list[Problem]:
    """A warning for each photo whose file records where it was taken (the outputs never carry it)."""
    from . import photos

    return [
        Problem(source.locate(("figures", i, "file")), dotted(("figures", i, "file")),
                f"`{f.file}` records a GPS position; meetingpress removes it from every output, "
                "but remove it from the file too before sharing it", warning=True)
        for i, f in enumerate(meeting.figures)
        if photos.gps(meeting_folder / f.file)
    ]
