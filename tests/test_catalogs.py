"""The gettext catalogs: every word the templates use is translated, nothing fuzzy, nothing empty."""

from __future__ import annotations

import polib
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from conftest import REPO

from meetingpress import i18n, paths


def extracted() -> set[str]:
    """What `pybabel extract -F babel.cfg .` would find."""
    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def used() -> set[str]:
    return extracted()


def test_extraction_finds_the_template_words(used):
    assert "[text missing]" in used
    assert len(used) > 5


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalog_is_complete(lang, used):
    catalog = polib.pofile(str(paths.catalog(lang)))
    fuzzy = [e.msgid for e in catalog if "fuzzy" in e.flags]
    assert not fuzzy, f"{lang}: fuzzy entries: {fuzzy}"
    untranslated = [e.msgid for e in catalog if not e.obsolete and not e.translated()]
    assert not untranslated, f"{lang}: untranslated: {untranslated}"
    ids = {e.msgid for e in catalog if not e.obsolete}
    missing = sorted(used - ids)
    assert not missing, f"{lang}: strings the templates use but the catalog lacks: {missing}"
    duplicates = [e.msgid for e in catalog if [x.msgid for x in catalog].count(e.msgid) > 1]
    assert not duplicates, f"{lang}: duplicate entries: {set(duplicates)}"


def test_catalogs_load_at_run_time_from_po():
    assert i18n.translations("nl").gettext("[text missing]") == "[Nederlandse tekst ontbreekt]"
    assert i18n.translations("en").gettext("[text missing]") == "[English text missing]"
    assert not list((REPO / "locales").rglob("*.mo")), "no compiled catalogs in the repository"
