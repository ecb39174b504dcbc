"""What WeasyPrint may read, and what it complains about: URL → bytes from an allowed folder, or a recorded refusal.

`ConfinedFetcher` serves `file:` URLs whose real path (symlinks resolved)
lies inside one of the allowed folders: the template search path and the
meeting's own asset folder, and of those only the ones inside the project or
the built-in templates (a folder outside is never served, whatever names it).
An image it serves (or a file of no known type) passes the same checks as
every image (`images.media_type`).
Everything else is refused and recorded:
`http:`/`https:` and every other scheme (there is no network access), `data:`
other than the PNG, JPEG and SVG images the report itself makes (charts, cleaned
photos; templates should use files), files outside the
folders (absolute paths, `../` escapes, symlinks pointing out), folders and
missing files.  `captured_log` collects every warning or error WeasyPrint
logs while rendering.  The report renderer turns both lists into a build error.

Imports WeasyPrint: only import this module from inside a render function.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from meetingpress.errors import display_path
from meetingpress.loading.images import ImageProblem, media_type
from meetingpress.outputs.report.engine import weasyprint
from meetingpress.paths import inside

URLFetcher = weasyprint.URLFetcher
URLFetcherResponse = weasyprint.urls.URLFetcherResponse

LOGGERS = ("weasyprint", "weasyprint.progress")
MIME_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf"}


def is_image(path: Path) -> bool:
    """Whether a file is checked as an image: an image by its name, or of no known type."""
    known = MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    return known is None or known.startswith("image/")


@dataclass(frozen=True)
class Refusal:
    """One URL that was not served, and why."""

    url: str
    path: Path | None
    message: str

    def __str__(self) -> str:
        return self.message


class Refused(ValueError):
    """Raised to WeasyPrint for a URL it may not have; it logs it and carries on."""


def url_path(url: str) -> Path | None:
    """The local path of a `file:` URL, or None for any other URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(parts.path))


def shown(path: Path, real: Path) -> str:
    """A path as written (relative to the working folder when possible), and where a link leads."""
    written = f"{display_path(path.parent)}/{path.name}" if path.name else display_path(path)
    return written if path.parent.resolve() / path.name == real else f"{written} (a link to {display_path(real)})"


class ConfinedFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only files inside `roots`."""

    def __init__(self, roots, within: tuple[Path, ...] | None = None):
        """Serve files inside `roots`; with `within`, only the roots that lie inside one of those folders."""
        super().__init__(allowed_protocols=("file",))
        roots = (root for root in roots if within is None or inside(root, *within))
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        self.refusals: list[Refusal] = []

    def where(self) -> str:
        return " or ".join(f"{display_path(root)}/" for root in self.roots)

    def confine(self, url: str) -> Path:
        """The real path behind `url`, if it is an allowed, existing file; else Refused."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        short = url if len(url) <= 80 else url[:77] + "..."
        if scheme != "file":
            kind = "network addresses are" if scheme in ("http", "https", "ftp") else f"`{scheme}:` URLs are"
            raise Refused(f"refused {short}: {kind} not allowed; put the file in {self.where()}")
        path = url_path(url)
        if path is None:
            raise Refused(f"refused {short}: only local files are allowed")
        try:
            real = path.resolve()
        except (OSError, ValueError, RuntimeError) as exc:
            raise Refused(f"refused {short}: {exc}") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise Refused(f"refused {shown(path, real)}: outside the allowed folders {self.where()}")
        if not real.is_file():
            raise Refused(f"file not found: {shown(path, real)}")
        if is_image(real):
            try:
                media_type(real)
            except ImageProblem as exc:
                raise Refused(f"refused {shown(path, real)}: {exc}") from None
        return real

    def fetch(self, url, headers=None):
        embedded = _DATA_IMAGE.match(url)
        if embedded:  # the report's own charts and cleaned photos; content cannot write data: URLs
            return URLFetcherResponse(url, base64.b64decode(embedded.group(2)), {"Content-Type": embedded.group(1)})
        try:
            real = self.confine(url)
            data = real.read_bytes()
        except Refused as exc:
            self.refusals.append(Refusal(url, url_path(url), str(exc)))
            raise
        except OSError as exc:
            self.refusals.append(Refusal(url, url_path(url), f"cannot read {display_path(real)}: {exc.strerror}"))
            raise Refused(str(exc)) from None
        mime = MIME_TYPES.get(real.suffix.lower()) or mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": mime})


_DATA_IMAGE = re.compile(r"^data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=]+)$")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def captured_log() -> Iterator[list[str]]:
    """Every WeasyPrint warning and error logged inside the block, instead of on stderr."""
    handler = _Collect()
    logger = logging.getLogger(LOGGERS[0])
    saved = logger.level, logger.propagate, logger.disabled
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    logger.propagate = False  # ours to report; Python's last-resort handler must not print them
    logger.disabled = False  # (a logging configuration elsewhere in the process may have turned it off)
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.disabled = saved[2]
