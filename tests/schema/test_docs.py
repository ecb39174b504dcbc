"""docs/content-format.md documents every field, and its complete example is valid."""

from __future__ import annotations

import re

from conftest import REPO

from meetingpress.loading.read import load
from meetingpress.loading.validate import validate
from meetingpress.schema import Meeting
from meetingpress.schema.docstrings import documented, models

DOC = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")


def test_every_field_is_documented_in_schema_and_docs():
    for model in models(documented(Meeting)):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no docstring"
            assert f"`{name}`" in DOC, f"docs/content-format.md does not mention `{name}`"


def test_the_complete_example_is_valid(fixture_project):
    block = re.search(r"## A complete example.*?```yaml\n(.*?)```", DOC, re.S).group(1)
    meeting = validate(load(fixture_project.add("2025-sp-9.yaml", block)))
    assert meeting.number == 9
    assert meeting.findings["recommendations"].items[0].details.en


def test_the_docs_name_every_output_with_its_default_languages():
    from meetingpress import registry

    for output in registry.outputs().values():
        langs = ", ".join(output.languages)
        assert f"`{output.name}` (default `[{langs}]`)" in DOC, f"docs/content-format.md: `outputs` lacks {output.name}"
        assert f"`@{output.name}`" in DOC, f"docs/content-format.md does not say how to link to the {output.name}"
