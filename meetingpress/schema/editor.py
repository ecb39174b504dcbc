"""JSON Schemas for editors: the pydantic models of `schema/` → `schemas/meeting.schema.json` and
`schemas/series.schema.json`, for meeting and series files as people write them by hand.

They differ from pydantic's own schema of `Meeting` where a hand-written file differs from the validated
meeting: `series` is the name of a series file (or the series itself, in both languages); whatever a series
file may give is optional in a meeting that names one; organisers may be plain names; dates are YAML dates
(YYYY-MM-DD), times HH:MM, addresses http(s) or mailto.  What a series may give: every field reached from the
top through mappings only (a series' mapping merges key by key; a list is replaced whole, so inside a list
item what is required stays required).

With `# yaml-language-server: $schema=…` at the top of a file (the scaffolds of `init` and `new` write it),
VS Code's YAML extension completes field names and flags typos while typing, and shows each field's
docstring (`schema/docstrings.py`) as its description.  meetingpress's own check stays the judge.  The
schemas are shipped as files (`paths.SCHEMAS`); tests/test_editor_schema.py checks that they are what this
module makes from the models, and `python -m meetingpress.schema.editor` writes them again.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path

from pydantic import BaseModel

from meetingpress.schema.docstrings import documented
from meetingpress.schema.fields import unwrap
from meetingpress.schema.meeting import Meeting

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"meeting": "meeting.schema.json", "series": "series.schema.json"}
PROJECT_FOLDER = "schemas"
"""Where a project keeps copies of the schemas, beside content/."""
OWN = ("series", "number", "date")
"""A meeting's own fields: required in every meeting file, never taken from a series."""
SERIES_ONLY = {
    "name": ("#/$defs/Localized", "The series as it reads after an ordinal, in both languages "
             '("learning meeting on Strategic Partnerships"); a meeting naming this series gets it as its `series`.'),
    "templates": (None, "Optional folder of templates for this series' meetings, relative to this file "
                  "(e.g. `../../templates-partos`); found before the project's and the built-in ones."),
}
TIME = r"^([01]?\d|2[0-3])[:.][0-5]\d$"
URL = r"^([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)\S+$"
GROUP_KEY = r"^[a-z][a-z0-9_]*$"


def _models(annotation) -> tuple[str, type[BaseModel] | None]:
    """("model" | "mapping" | "list" | "fact", the model inside) for a field's annotation."""
    annotation = unwrap(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    inner = unwrap(args[-1]) if args else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if origin is dict and isinstance(inner, type) and issubclass(inner, BaseModel):
        return "mapping", inner
    if origin is list and isinstance(inner, type) and issubclass(inner, BaseModel):
        return "list", inner
    return "fact", None


def _reached(model: type[BaseModel], through_lists: bool, found: dict) -> dict:
    """Every model under `model` → whether it is reached through a list somewhere (True) or mappings only."""
    for info in model.model_fields.values():
        kind, inner = _models(info.annotation)
        if inner is None:
            continue
        in_list = through_lists or kind == "list"
        if inner in found and found[inner] != in_list and _requirements(inner):
            raise ValueError(f"{inner.__name__} is reached both through a list and not: give it two definitions")
        if inner not in found:
            found[inner] = in_list
            _reached(inner, in_list, found)
    return found


def _requirements(model: type[BaseModel]) -> dict:
    """What the models reached through mappings require, as a schema to add when no series can give it."""
    result: dict = {}
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    if required:
        result["required"] = required
    nested = {}
    for name, info in model.model_fields.items():
        kind, inner = _models(info.annotation)
        if kind == "model" and _requirements(inner):
            nested[name] = _requirements(inner)
        elif kind == "mapping" and _requirements(inner):
            nested[name] = {"additionalProperties": _requirements(inner)}
    if nested:
        result["properties"] = nested
    return result


def _tidy(node, key: str = ""):
    """Without pydantic's generated titles (the descriptions say it better); dicts of names stay as they are."""
    if isinstance(node, dict):
        names = key in ("properties", "$defs")
        return {k: _tidy(v, k if not names else "") for k, v in node.items() if names or k != "title"}
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _as_written(pydantic_schema: dict) -> dict:
    """pydantic's schema of `Meeting`, with the fields as they are written in a file."""
    schema = _tidy(pydantic_schema)
    defs, props = schema["$defs"], schema["properties"]
    props["series"] = {
        "description": Meeting.model_fields["series"].description,
        "anyOf": [{"type": "string", "minLength": 1, "description": "The name of a file in content/series/, "
                   "without .yaml"}, _ref("Localized")],
    }
    props["date"].update(pattern=r"^\d{4}-\d{2}-\d{2}$")
    for name in ("start", "end"):
        props[name]["anyOf"] = [{"type": "string", "pattern": TIME}, {"type": "null"}]
    props["organisers"]["items"] = {"anyOf": [{"type": "string", "minLength": 1}, _ref("Localized")]}
    props["findings"]["propertyNames"] = {"pattern": GROUP_KEY}
    for node in (defs["Resource"]["properties"]["url"], props["base_url"]["anyOf"][0]):
        node["pattern"] = URL
    for model, in_list in _reached(Meeting, False, {}).items():
        if not in_list:  # a series may give any of its fields
            defs[model.__name__].pop("required", None)
    return schema


def meeting_schema() -> dict:
    """The schema of a meeting file."""
    written = _as_written(documented(Meeting).model_json_schema())
    full = _requirements(Meeting)
    return {
        "$schema": DRAFT,
        "title": "meetingpress meeting file",
        "description": "One meeting: content/<id>.yaml. See docs/content-format.md.",
        "type": "object",
        "properties": written["properties"],
        "required": list(OWN),
        "additionalProperties": False,
        "if": {"properties": {"series": {"type": "string"}}},
        "else": full,  # without a series file, nothing is given: everything required is required here
        "$defs": written["$defs"],
    }


def series_schema() -> dict:
    """The schema of a series file: what its meetings share."""
    written = _as_written(documented(Meeting).model_json_schema())
    props = {}
    for name, (ref, description) in SERIES_ONLY.items():
        props[name] = {**(_ref(ref.rsplit("/", 1)[1]) if ref else {"type": "string", "minLength": 1}),
                       "description": description}
    props.update((name, value) for name, value in written["properties"].items() if name not in OWN)
    return {
        "$schema": DRAFT,
        "title": "meetingpress series file",
        "description": "What every meeting of a series shares: content/series/<name>.yaml. A meeting that names "
        "the series inherits every field here; anything the meeting writes itself wins.",
        "type": "object",
        "properties": props,
        "required": ["name"],
        "additionalProperties": False,
        "$defs": written["$defs"],
    }


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generated() -> dict[str, str]:
    """File name → text of each schema, made from the models now."""
    return {FILES["meeting"]: render(meeting_schema()), FILES["series"]: render(series_schema())}


def modeline(schema_file: Path, yaml_file: Path) -> str:
    """`# yaml-language-server: $schema=…` for `yaml_file`, pointing to `schema_file` relative to it."""
    import os

    relative = Path(os.path.relpath(schema_file, yaml_file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def write(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Write file name → text into `folder`, each file only if its text differs; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in texts.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def install(root: Path) -> list[Path]:
    """The shipped schemas into the project's `schemas/`, where its scaffolds' modelines point (kept up to date
    by `init` and `new`); the files written."""
    from meetingpress.paths import SCHEMAS

    if (root / PROJECT_FOLDER).resolve() == SCHEMAS.resolve():
        return []
    return write(root / PROJECT_FOLDER, {name: (SCHEMAS / name).read_text(encoding="utf-8") for name in FILES.values()})


if __name__ == "__main__":  # for developers, after a change to the models: rewrite the repository's schemas/
    from meetingpress.paths import SCHEMAS

    for path in write(SCHEMAS, generated()):
        print(f"wrote {path}")
