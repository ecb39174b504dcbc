"""Inline Markdown in one language: source string → `Text` (safe HTML, plain text, runs).

markdown-it-py's `zero` preset with only emphasis, links, code spans and
escapes enabled: raw HTML is off, so `<script>` stays literal text.  Links may
be http, https, mailto or relative; `@slides` and `@report` point at the
meeting's own outputs and are resolved by the renderer.  Any other link is a
content error (see `link_problems`), and is never rendered as a link.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from meetingpress import registry


def output_links() -> tuple[str, ...]:
    """`@news`, `@report`, `@slides`: a link to each output in the registry."""
    return tuple(f"@{name}" for name in registry.names())
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_SAFE_SCHEMES = {"http", "https", "mailto"}

Resolver = Callable[[str], str]


def _clean(url: str) -> str:
    """What a browser would see: decoded, without control characters or spaces."""
    url = unquote(url)
    return "".join(ch for ch in url if unicodedata.category(ch)[0] not in "CZ").strip()


def link_allowed(url: str) -> bool:
    """http, https, mailto, relative paths and our own `@output` links."""
    if url in output_links():
        return True
    cleaned = _clean(url)
    match = _SCHEME.match(cleaned)
    if match:
        return match.group(1).lower() in _SAFE_SCHEMES
    if _protocol_relative(cleaned):
        return False
    return not cleaned.startswith(("\\", "@")) and ":" not in cleaned.split("/")[0]


def _protocol_relative(cleaned: str) -> bool:
    """`//server/share/x`: another server, on whatever scheme the reader happens to use (browsers read `/\\`
    and `\\/` the same way); each output would resolve it differently."""
    return cleaned[:2].replace("\\", "/") == "//"


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "typographer": False})
    md.enable(["emphasis", "link", "backticks", "escape", "entity"])
    md.validateLink = link_allowed
    return md


def _tokens(source: str):
    tokens = _md().parseInline(source)
    return tokens[0].children if tokens else []


@lru_cache(maxsize=1)
def _loose() -> MarkdownIt:
    """A parser that keeps every link: markdown-it drops refused links silently, so they are found with this."""
    loose = MarkdownIt("zero").enable(["link", "escape", "entity"])
    loose.validateLink = lambda url: True
    return loose


def link_problems(source: str) -> list[str]:
    """Messages for every link in `source` that will not be published."""
    problems = []
    for token in _loose().parseInline(source)[0].children or []:
        if token.type == "link_open":
            raw = token.attrGet("href") or ""
            if _protocol_relative(_clean(raw)):
                problems.append(
                    f"link `{_clean(raw)[:60]}` names another server without saying how to reach it; "
                    "write the full address, starting with https://"
                )
            elif not link_allowed(raw):
                problems.append(
                    f"link `{_clean(raw)[:60]}` is not allowed; use an http://, https:// or mailto: "
                    f"address, a relative path, or {' or '.join(output_links())}"
                )
    return problems


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; `href` makes it a link (the deck's runs)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    @property
    def style(self) -> str:
        """The font style it needs: regular, bold, italic or bold_italic."""
        return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
            (self.bold, self.italic), "bold_italic"
        )


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\s)'(?=\d\d\b)")
_OPENS_AFTER = " \t\n([{\u2014\u2013/-"


def typographic(text: str, inner: tuple[str, str]) -> str:
    """Straight quotes inside a quotation → the `inner` pair (‘…’ inside “…”), apostrophes → ’."""
    text = _APOSTROPHE.sub("\u2019", text)
    out = []
    for index, char in enumerate(text):
        if char in "'\"":
            before = text[index - 1] if index else " "
            char = inner[0] if before in _OPENS_AFTER else inner[1]
        out.append(char)
    return "".join(out)


class Text:
    """One piece of prose: `str()` is plain text, `__html__` is safe inline HTML."""

    def __init__(self, source: str, resolve: Resolver | None = None, missing: bool = False,
                 inner: tuple[str, str] | None = None):
        self.source = source
        self.missing = missing
        self._resolve = resolve or (lambda url: url)
        self._inner = inner

    def quoted(self, inner: tuple[str, str]) -> Text:
        """This text as it reads inside a quotation: its own quotes become `inner`, apostrophes typographic."""
        return Text(self.source, self._resolve, self.missing, inner)

    def __str__(self) -> str:
        return self.plain

    def __bool__(self) -> bool:
        return bool(self.source)

    def __repr__(self) -> str:
        return f"Text({self.source!r})"

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)

    def __html__(self) -> str:
        return str(self.html)

    @property
    def html(self) -> Markup:
        return self._html(links=True)

    @property
    def unlinked(self) -> Markup:
        """`html` without its links, for text that stands inside a link of its own (a contents entry)."""
        return self._html(links=False)

    def _html(self, links: bool) -> Markup:
        out = []
        for run in self.runs:
            piece = escape(run.text)
            if run.italic:
                piece = Markup("<em>%s</em>") % piece
            if run.bold:
                piece = Markup("<strong>%s</strong>") % piece
            if links and run.href is not None:
                piece = Markup('<a href="%s">%s</a>') % (run.href, piece)
            out.append(piece)
        html = Markup("").join(out)
        if self.missing:
            html = Markup('<mark class="missing">%s</mark>') % html
        return html

    @property
    def runs(self) -> list[Run]:
        runs: list[Run] = []
        bold = italic = 0
        href = None
        for token in _tokens(self.source):
            kind = token.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = self._resolve(token.attrGet("href") or "")
            elif kind == "link_close":
                href = None
            elif kind in ("text", "code_inline", "text_special"):
                runs.append(Run(token.content, bold > 0, italic > 0, href))
            elif kind in ("softbreak", "hardbreak"):
                runs.append(Run(" ", bold > 0, italic > 0, href))
        merged: list[Run] = []
        for run in runs:
            if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
                merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
            else:
                merged.append(run)
        if self._inner:
            merged = [Run(typographic(run.text, self._inner), run.bold, run.italic, run.href) for run in merged]
        return merged
