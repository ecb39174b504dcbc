"""Property-based tests: whatever the file holds, a good build or `file:line` errors, never a traceback.

The default budget fits CI. For a longer run set MEETINGPRESS_HYPOTHESIS_SCALE,
e.g. `MEETINGPRESS_HYPOTHESIS_SCALE=20 python -m pytest tests/test_properties.py`
(twenty times as many examples per test).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE, copy_series
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingpress.build.plan import jobs
from meetingpress.cli import main
from meetingpress.errors import ContentError
from meetingpress.outputs.news import page as news
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

SCALE = float(os.environ.get("MEETINGPRESS_HYPOTHESIS_SCALE", "1"))
LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
PROBLEM_LINE = re.compile(r"^content/(m|series/strategic-partnerships)\.yaml:\d+:\d+: ")
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](<java\tscript:alert(1)>)", "[x](vbscript:msgbox(1))", "[x](data:text/html,<script>)",
    "{{ 7*7 }}", "{% raw %}", "</article><script>", "\" onmouseover=\"alert(1)", "' onfocus='x'",
    "<a href=\"javascript:alert(1)\">a</a>", "&lt;script&gt;", "*em* **strong** `code`", "@slides", "[r](@report)",
    "\u202e", "\ufeff", "👍", "ß", "\\", "\n", "  ", ":", "- ", "# ", "&", "<", ">", "\"", "'",
]


def settings_for(examples: int, **extra):
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        **extra,
    )


def run_check(text: str | bytes, capsys) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        copy_series(Path(tmp))
        target = content / "m.yaml"
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        capsys.readouterr()
        code = main(["check"], root=Path(tmp))
        captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_clean_outcome(code: int, output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output
    assert code in (0, 1), output
    if code == 1:
        problems = [line for line in output.splitlines() if line and not line.startswith("✗")]
        assert problems, output
        for line in problems:
            assert PROBLEM_LINE.match(line), line


edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "replace"]),
        st.integers(0, len(LINES) - 1),
        st.integers(0, 200),
        st.text(min_size=0, max_size=12) | st.sampled_from(HOSTILE + [": ", "- ", "\t", "&a ", "*a", "!!str ", "---\n"]),
    ),
    min_size=1,
    max_size=6,
)


def mutate(operations) -> str:
    lines = list(LINES)
    for op, index, position, text in operations:
        index %= len(lines)
        line = lines[index]
        if op == "delete" and len(lines) > 1:
            del lines[index]
        elif op == "duplicate":
            lines.insert(index, line)
        elif op == "swap":
            other = position % len(lines)
            lines[index], lines[other] = lines[other], line
        elif op == "indent":
            lines[index] = "  " + line
        elif op == "dedent":
            lines[index] = line[2:] if line.startswith("  ") else line
        elif op == "insert":
            cut = position % (len(line) + 1)
            lines[index] = line[:cut] + text + line[cut:]
        elif op == "replace":
            cut = position % (len(line) + 1)
            lines[index] = line[:cut] + text + line[cut + len(text):]
    return "".join(lines)


@given(edits)
@settings_for(1000)
def test_random_edits_of_the_example_never_crash(capsys, operations):
    assert_clean_outcome(*run_check(mutate(operations), capsys))


@given(st.binary(max_size=400))
@settings_for(300)
def test_arbitrary_bytes_never_crash(capsys, data):
    assert_clean_outcome(*run_check(data, capsys))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))


DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def assert_safe_html(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed"), tag
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            cleaned = "".join(ch for ch in (value or "") if ch.isprintable() and not ch.isspace())
            assert not DANGEROUS_URL.match(cleaned), (tag, name, value)
    assert "<script" not in html.lower()


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar holding `text` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


TEXT_LINE = re.compile(r"^(\s+(?:- )?(?:nl|en): )(.+)$")
TEXT_LINES = [i for i, line in enumerate(LINES) if TEXT_LINE.match(line)]

hostile_text = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=8), min_size=1, max_size=4).map("".join)


@given(st.lists(st.tuples(st.sampled_from(TEXT_LINES), hostile_text), min_size=1, max_size=8))
@settings_for(200)
def test_hostile_text_in_any_field_never_reaches_the_html(capsys, replacements):
    lines = list(LINES)
    for index, text in replacements:
        prefix = TEXT_LINE.match(lines[index]).group(1)
        lines[index] = prefix + yaml_string(text) + "\n"
    source = "".join(lines)
    code, output = run_check(source, capsys)
    assert_clean_outcome(code, output)
    if code != 0:
        return
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "content").mkdir()
        copy_series(Path(tmp))
        path = Path(tmp) / "content" / "m.yaml"
        path.write_text(source, encoding="utf-8")
        project = Project(Path(tmp))
        try:
            (item,) = load_all(project, [path])
        except ContentError:  # pragma: no cover - check said it was fine
            pytest.fail("check passed but the build's loading failed")
        for name, job in jobs(project, item):
            if name == "news":
                for name, html in news.render(job).items():
                    if name.endswith(".json"):  # plain text for a CMS's own fields, which escapes it
                        json.loads(html)
                        continue
                    assert_safe_html(html.decode("utf-8"))
                    assert "49" not in html.decode() or "{{ 7*7 }}" not in source
