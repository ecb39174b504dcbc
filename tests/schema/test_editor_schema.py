"""The JSON Schemas for editors: made from the models (no drift), and every file we write or show validates.

Files are read as an editor's YAML extension reads them: YAML dates and times are text there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from conftest import EXAMPLE, REPO
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from meetingpress.paths import SCHEMAS
from meetingpress.schema import editor
from meetingpress.starter import start

DOC = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
SERIES = REPO / "content" / "series" / "strategic-partnerships.yaml"
MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / editor.FILES[kind]).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def as_editor_reads(path) -> object:
    """The file as a YAML 1.2 parser reads it, with dates as text, as JSON (and an editor) has them."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def errors(kind: str, path) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(as_editor_reads(path))]


def test_the_shipped_schemas_are_made_from_the_models():
    for name, text in editor.generated().items():
        shipped = (SCHEMAS / name).read_text(encoding="utf-8")
        assert json.loads(shipped) == json.loads(text), (
            f"schemas/{name} no longer matches the models in meetingpress/schema/: run `python -m meetingpress.schema.editor`"
        )


def test_the_schemas_keep_the_docstrings_when_the_models_were_built_before():
    """A process that validated a meeting first (its models built without descriptions) makes the same schemas."""
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from meetingpress.translation.ready import load_all\n"
        "from meetingpress.paths import SCHEMAS\n"
        "from meetingpress.project import Project\n"
        "from meetingpress.schema import Meeting, editor\n"
        f"load_all(Project(Path({str(REPO)!r})), [Path({str(EXAMPLE)!r})])\n"
        "assert Meeting.__pydantic_complete__ and not Meeting.model_fields['title'].description\n"
        "sys.exit(any((SCHEMAS / name).read_text(encoding='utf-8') != text for name, text in editor.generated().items()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("kind", ["meeting", "series"])
def test_the_schemas_are_valid_json_schemas(kind):
    Draft202012Validator.check_schema(validator(kind).schema)


def test_a_meeting_schema_names_every_field_of_the_model():
    from meetingpress.schema import Meeting

    assert set(validator("meeting").schema["properties"]) == set(Meeting.model_fields)


def test_the_example_and_its_series_validate():
    assert errors("meeting", EXAMPLE) == []
    assert errors("series", SERIES) == []
    assert MODELINE.match(EXAMPLE.read_text(encoding="utf-8")).group(1) == "../schemas/meeting.schema.json"
    assert MODELINE.match(SERIES.read_text(encoding="utf-8")).group(1) == "../../schemas/series.schema.json"


def test_the_complete_example_of_the_docs_validates(tmp_path):
    block = re.search(r"## A complete example.*?```yaml\n(.*?)```", DOC, re.S).group(1)
    (tmp_path / "m.yaml").write_text(block, encoding="utf-8")
    assert errors("meeting", tmp_path / "m.yaml") == []


def scaffold_files(root):
    return sorted((root / "content").rglob("*.yaml"))


def test_the_scaffolds_of_new_validate_and_point_to_the_schema(example_copy):
    (example_copy.root / "content" / "series" / "bare.yaml").write_text(
        "name: {nl: bijeenkomst, en: meeting}\norganisers: [Partos]\n", encoding="utf-8")
    assert example_copy.run("new", "strategic-partnerships") == 0
    assert example_copy.run("new", "bare") == 0
    made = [example_copy.root / "content" / name for name in ("strategic-partnerships-6.yaml", "bare-1.yaml")]
    for path in made:
        assert errors("meeting", path) == [], path.name
        target = MODELINE.match(path.read_text(encoding="utf-8")).group(1)
        assert (path.parent / target).resolve() == (example_copy.root / "schemas" / "meeting.schema.json").resolve()
    assert (example_copy.root / "schemas" / "meeting.schema.json").read_bytes() == (SCHEMAS / "meeting.schema.json").read_bytes()


def test_the_scaffolds_of_init_validate_and_point_to_the_schemas(tmp_path):
    started = start(tmp_path / "ours", "meetingpress", dt.date(2025, 3, 1))
    meeting = started.root / "content" / "learning-meetings-1.yaml"
    series = started.root / "content" / "series" / "learning-meetings.yaml"
    assert scaffold_files(started.root) == sorted([meeting, series])
    for kind, path in (("meeting", meeting), ("series", series)):
        assert errors(kind, path) == [], path.name
        target = path.parent / MODELINE.match(path.read_text(encoding="utf-8")).group(1)
        assert target.read_bytes() == (SCHEMAS / editor.FILES[kind]).read_bytes()


def check(kind: str, tmp_path, text: str) -> list[str]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return errors(kind, path)


BASE = "series: sp\nnumber: 6\ndate: 2018-04-12\n"


def test_a_meeting_of_a_series_may_leave_out_what_a_series_gives(tmp_path):
    assert check("meeting", tmp_path, BASE) == []
    assert check("meeting", tmp_path, BASE + "findings:\n  challenges:\n    items:\n"
                 "      - {title: {nl: a, en: a}, text: {nl: b, en: b}}\n") == []


def test_the_schemas_catch_what_people_get_wrong(tmp_path):
    assert any("titel" in e for e in check("meeting", tmp_path, BASE + "titel: {nl: a, en: b}\n"))
    assert any(e.startswith("date:") for e in check("meeting", tmp_path, "series: sp\nnumber: 6\ndate: 12-04-2018\n"))
    assert any(e.startswith("number:") for e in check("meeting", tmp_path, "series: sp\nnumber: six\ndate: 2018-04-12\n"))
    assert check("meeting", tmp_path, "number: 6\ndate: 2018-04-12\n") == [": 'series' is a required property"]
    assert check("meeting", tmp_path, BASE + "title: {nl: a, fr: b}\n") == [
        "title: Additional properties are not allowed ('fr' was unexpected)"]
    items = "findings:\n  Challenges:\n    items:\n      - {title: {nl: a, en: a}}\n"
    found = check("meeting", tmp_path, BASE + items)
    assert any("'text' is a required property" in e for e in found)  # list items: a series cannot give them
    assert any("Challenges" in e for e in found)  # group keys are lower-case
    assert any(e.startswith("start:") for e in check("meeting", tmp_path, BASE + "start: half two\n"))
    assert any("base_url" in e for e in check("meeting", tmp_path, BASE + "base_url: javascript:alert(1)\n"))
    assert check("series", tmp_path, "organisers: [Partos]\n") == [": 'name' is a required property"]
    assert any("number" in e for e in check("series", tmp_path, "name: {nl: a, en: b}\nnumber: 3\n"))


def test_without_a_series_file_everything_required_is_required(tmp_path):
    found = check("meeting", tmp_path, "series: {nl: reeks, en: series}\nnumber: 1\ndate: 2018-04-12\n"
                  "lead: {quote: {nl: a, en: b}}\n")
    for name in ("place", "organisers", "participants", "category", "title", "questions", "findings"):
        assert f": '{name}' is a required property" in found
    assert "lead: 'question' is a required property" in found
