"""Writing texts into a YAML file in place: only the changed value differs, byte for byte."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sync import MEETING, RECO_EN

from meetingpress.loading.read import load
from meetingpress.translation.yamledit import EditError, set_texts


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_no_edits_leave_the_example_byte_for_byte(example_copy):
    text = (example_copy.root / MEETING).read_text(encoding="utf-8")
    assert set_texts(text, {}) == text


@pytest.mark.parametrize(
    "before, edits, after",
    [
        ("a:\n  nl: x\n  en: y # note\nb: 1\n", {("a", "en"): "z"}, "a:\n  nl: x\n  en: z # note\nb: 1\n"),
        ("a:\n  nl: x\n  en: \"y\"\n", {("a", "en"): "z"}, "a:\n  nl: x\n  en: \"z\"\n"),
        ("a:\n  nl: x\n  en: 'y'\n", {("a", "en"): "it's"}, "a:\n  nl: x\n  en: 'it''s'\n"),
        ("a:\n  nl: x\n  en: y\n", {("a", "en"): "Key: value"}, "a:\n  nl: x\n  en: 'Key: value'\n"),
        ("a:\n  nl: x\n  en: y\n", {("a", "en"): "two\nlines"}, "a:\n  nl: x\n  en: \"two\\nlines\"\n"),
        ("a:\n  nl: x\n  en:\nb: 1\n", {("a", "en"): "z"}, "a:\n  nl: x\n  en: z\nb: 1\n"),
        ("a:\n  nl: x\n  en: ~\n", {("a", "en"): "z"}, "a:\n  nl: x\n  en: z\n"),
        ("a:\n  nl: x  # c\nb: 1\n", {("a", "en"): "z"}, "a:\n  nl: x  # c\n  en: z\nb: 1\n"),
        ("q:\n    - nl: x\n      en: y\n", {("q", 0, "en"): "z"}, "q:\n    - nl: x\n      en: z\n"),
        ("q:\n  - nl: x\n", {("q", 0, "en"): "z"}, "q:\n  - nl: x\n    en: z\n"),
        ("a:\n  nl: x", {("a", "en"): "z"}, "a:\n  nl: x\n  en: z"),
        ("a:\r\n  nl: x\r\nb: 1\r\n", {("a", "en"): "z"}, "a:\r\n  nl: x\r\n  en: z\r\nb: 1\r\n"),
        ("a:\n  nl: een lange\n    tekst\n  en: y\n", {("a", "nl"): "kort"}, "a:\n  nl: kort\n  en: y\n"),
        ("a:\n  nl: |\n    r1\n    r2\n\n\nb: 1\n", {("a", "nl"): "s1\ns2\ns3"},
         "a:\n  nl: |\n    s1\n    s2\n    s3\n\n\nb: 1\n"),
        ("t: {nl: x, en: y}\n", {("t", "en"): "a, b"}, "t: {nl: x, en: \"a, b\"}\n"),
    ],
)
def test_only_the_changed_value_is_rewritten(before, edits, after):
    assert set_texts(before, edits) == after


def test_a_value_that_cannot_be_placed_is_refused():
    with pytest.raises(EditError, match="add `en:` by hand"):
        set_texts("t: {nl: x}\n", {("t", "en"): "y"})
    with pytest.raises(EditError, match="nothing to put it next to"):
        set_texts("t:\n  other: x\n", {("t", "en"): "y"})


SAFE = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), whitelist_characters="\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(SAFE, min_size=1).map(str.strip).filter(bool))
def test_any_translation_reads_back_and_touches_only_its_line(example_copy, text):
    path = example_copy.root / MEETING
    original = path.read_text(encoding="utf-8")
    new = set_texts(original, {("findings", "recommendations", "items", 2, "text", "en"): text})
    assert changed_lines(original, new) == [
        f"-           en: {RECO_EN}",
        "+ " + new.splitlines()[original.splitlines().index(f"          en: {RECO_EN}")],
    ]
    (example_copy.root / "content" / "probe.yaml").write_text(new, encoding="utf-8")
    data = load(example_copy.root / "content" / "probe.yaml").data
    assert data["findings"]["recommendations"]["items"][2]["text"]["en"] == text
