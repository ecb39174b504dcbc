"""Photos for publishing: a checked PNG or JPEG → clean pixels at the size an output needs.

Photos of partners can put people at risk, so nothing but pixels leaves here:
the orientation that EXIF records is applied first, then every piece of
metadata is dropped (EXIF with its GPS position and camera serial, XMP, IPTC,
comments, text chunks).  The encoding is fixed, so the same photo always gives
the same bytes.  (Whether a source file records where it was taken, which
`check` and the build warn about, is told by loading/images.py.)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

WEB_WIDTHS = (800, 1600)
"""The news item's two sizes (`srcset`); the first is the default `src`."""
PRINT_WIDTH = 2400
"""The report's size: about 300 dpi across its text column."""
SLIDE_WIDTH = 1920
"""The deck's size: a full 16:9 slide."""


@dataclass(frozen=True)
class Clean:
    data: bytes
    width: int
    height: int
    suffix: str
    """".jpg" or ".png"."""
    media_type: str


def clean(path: Path, max_width: int) -> Clean:
    """The photo at `path` upright, at most `max_width` pixels wide, without any metadata."""
    from PIL import Image, ImageOps

    with Image.open(path) as source:
        kind = source.format
        image = ImageOps.exif_transpose(source)  # a copy, upright, without the orientation tag
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels only: no info, EXIF, XMP or ICC
    buffer = io.BytesIO()
    if kind == "JPEG":
        if pixels.mode not in ("RGB", "L"):
            pixels = pixels.convert("RGB")
        pixels.save(buffer, "JPEG", quality=85, optimize=True, progressive=False)
        return Clean(buffer.getvalue(), pixels.width, pixels.height, ".jpg", "image/jpeg")
    pixels.save(buffer, "PNG", optimize=True)
    return Clean(buffer.getvalue(), pixels.width, pixels.height, ".png", "image/png")
