"""Property-based tests of `import`: whatever a translator's XLIFF targets hold, import never writes a meeting
file that `check` refuses, and reports what it refuses at its XLIFF line, never with a traceback.

Scaled like tests/test_properties.py (MEETINGPRESS_HYPOTHESIS_SCALE).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, copy_series
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from test_properties import HOSTILE, settings_for

from meetingpress.cli import main

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
PROBLEM_LINE = re.compile(r"^(\S*m\.en\.xlf|content/m\.yaml|content/\.sync/m\.yaml):\d+:\d+: ")
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A project with the example as content/m.yaml, and every text of it exported into English."""
    root = tmp_path_factory.mktemp("exported")
    (root / "content").mkdir()
    copy_series(root)
    (root / "content" / "m.yaml").write_bytes(EXAMPLE.read_bytes())
    assert main(["export", "--to", "en", "--all", "content/m.yaml", "-o", str(root / "m.en.xlf")], root=root) == 0
    units = [u.get("id") for u in etree.parse(str(root / "m.en.xlf")).iter(f"{NS}trans-unit")]
    return root, units


targets = (
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
    | st.text(st.sampled_from("ab \r\n\t\x7f\x85\x9f\u2028\u2029\ufeff[]()*`<>&:#-'\"\\"), max_size=20)
    | st.sampled_from(HOSTILE + ["[x](https://example.org)", "TODO: translate", "@slides", "x" * 3000])
).map(lambda text: XML_INVALID.sub("", text))


@given(st.data())
@settings_for(30)
def test_import_never_writes_what_check_refuses(exported, capsys, data):
    root, units = exported
    chosen = data.draw(st.dictionaries(st.sampled_from(units), targets, min_size=1, max_size=4))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(root / "content", project / "content")
        tree = etree.parse(str(root / "m.en.xlf"))
        for unit in tree.iter(f"{NS}trans-unit"):
            if unit.get("id") in chosen:
                unit.find(f"{NS}target").text = chosen[unit.get("id")]
                unit.find(f"{NS}target").set("state", "translated")  # the translator marks it final
        tree.write(str(project / "m.en.xlf"), xml_declaration=True, encoding="UTF-8")
        meeting = project / "content" / "m.yaml"
        before = meeting.read_bytes()
        capsys.readouterr()
        code = main(["import", "m.en.xlf"], root=project)
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert "Traceback" not in output and "internal error" not in output, output
        assert code in (0, 1), output
        for line in captured.err.splitlines():
            assert line.startswith("✗") or PROBLEM_LINE.match(line), line
        if meeting.read_bytes() != before:
            assert main(["check"], root=project) == 0, capsys.readouterr().err
