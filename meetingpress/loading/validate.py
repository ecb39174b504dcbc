"""Check a loaded file against the schema: `Source` → `Meeting`, or every problem at once.

Pydantic's errors are rewritten for editors (`file:line:col: field: message`,
with "did you mean" for misspelt keys); then each bilingual text is checked
for a missing translation and for links that may not be published.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from meetingpress import registry
from meetingpress.errors import ContentError, Problem
from meetingpress.loading.read import Source, dotted
from meetingpress.loading.shown import not_shown
from meetingpress.schema import LANG_NAMES, LANGS, Localized, Meeting, is_placeholder, unwrap
from meetingpress.text import link_problems

# The forms a field may take (schema.ClosingField, schema.SentenceField): not part of the file's paths.
_TAGS = {"closing": ("lines", "outputs"), "sentence": ("text", "off")}
_OUTPUT_LINK = re.compile(r"\]\(\s*<?@([a-z_]+)>?\s*\)")  # `[text](@news)`: an output of the registry

_FRIENDLY = {
    "missing": "required field is missing; add it",
    "int_parsing": "must be a whole number, such as 5",
    "int_type": "must be a whole number, such as 5",
    "bool_parsing": "must be true or false",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD, such as 2017-11-23",
    "date_parsing": "must be a date written as YYYY-MM-DD, such as 2017-11-23",
    "date_type": "must be a date written as YYYY-MM-DD, such as 2017-11-23",
    "time_parsing": "must be a time written as HH:MM, such as 13:30",
    "time_type": "must be a time written as HH:MM, such as 13:30",
    "string_type": "must be a text, not a list or a mapping",
    "list_type": "must be a list: put each entry on its own line starting with `- `",
    "dict_type": "must be a mapping of `field: value` lines",
    "model_type": "must be a mapping of `field: value` lines",
    "model_attributes_type": "must be a mapping of `field: value` lines",
}


def _fields_at(loc: tuple, model: type[BaseModel] = Meeting) -> list[str]:
    """The field names allowed in the mapping at `loc` of `model` (for "did you mean")."""
    annotation: typing.Any = model
    for part in loc:
        annotation = unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return []
            annotation = info.annotation
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else typing.Any
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _message(error: dict, model: type[BaseModel] = Meeting) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(loc[:-1], model)
        close = _suggestion(loc, model)
        if close:
            return f"unknown field `{key}`; did you mean `{close}`?"
        hint = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"unknown field `{key}`; remove it or check its indentation.{hint}"
    if kind == "missing" and loc and loc[-1] in LANGS:
        return f"{LANG_NAMES[loc[-1]]} text missing"
    if kind == "missing" and loc:
        return f"required field `{loc[-1]}` is missing; add it (see docs/content-format.md)"
    if kind in ("too_short",) and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty; add at least one entry"
    if kind == "greater_than_equal":
        return f"must be at least {error['ctx']['ge']}"
    if kind == "less_than_equal":
        return f"must be at most {error['ctx']['le']:,}; check the number"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return _FRIENDLY.get(kind, error["msg"])


def _suggestion(loc: tuple, model: type[BaseModel] = Meeting) -> str | None:
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1], model), n=1, cutoff=0.6)
    return close[0] if close else None


def schema_problems(source: Source, exc: ValidationError, model: type[BaseModel] = Meeting) -> list[Problem]:
    errors = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        loc = tuple(part for i, part in enumerate(loc) if not (i and loc[i - 1] in _TAGS and part in _TAGS[loc[i - 1]]))
        errors.append((loc, error))
    # A misspelt key also makes its field "missing": the "did you mean" says it all.
    misspelt = {loc[:-1] + (_suggestion(loc, model),) for loc, e in errors if e["type"] == "extra_forbidden"}
    return [
        Problem(source.locate(loc), dotted(loc), _message(error, model))
        for loc, error in errors
        if not (error["type"] == "missing" and loc in misspelt)
    ]


def localized_fields(value, path: tuple = ()) -> Iterator[tuple[tuple, Localized]]:
    """Every bilingual text in a model, with its field path, in document order."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_fields(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from localized_fields(child, path + (key,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from localized_fields(child, path + (index,))


def missing_message(raw, lang: str) -> str:
    """The one message for a missing text: absent, empty, or still the placeholder `new` wrote."""
    if is_placeholder(raw):
        return f"still TODO: write the {LANG_NAMES[lang]} text"
    return f"{LANG_NAMES[lang]} text missing"


def _raw_text(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def missing_translations(source: Source, meeting: Meeting) -> list[Problem]:
    """A missing text (absent, empty or a "TODO" placeholder) at its line, the same message in every command;
    only for texts an output shows (shown.not_shown: the others need not be written)."""
    problems = []
    hidden = not_shown(meeting)
    for path, text in localized_fields(meeting):
        raw = _raw_text(source.data, path)
        present = [lang for lang in LANGS if text.get(lang)]
        for lang in LANGS:
            if not text.get(lang) and (path, lang) not in hidden:
                written = isinstance(raw, dict) and raw.get(lang) is not None
                where = source.locate(path + (lang,)) if present or written else source.locate(path)
                message = missing_message(raw.get(lang) if isinstance(raw, dict) else raw, lang)
                problems.append(Problem(where, dotted(path), message))
    return problems


def still_todo(source: Source) -> list[Problem]:
    """Values under a `# … TODO: …` comment (as `python build.py new` writes them): not ready to publish.
    (Texts that are still a "TODO" placeholder are missing texts: see `missing_translations`.)"""
    problems = []
    marked = {}  # line → the deepest field on it
    for path, location in source.locations.items():
        if location.file == source.file and location.line in source.todo and len(path) >= len(marked.get(location.line, ())):
            marked[location.line] = path
    for line, path in sorted(marked.items()):
        what = source.todo[line].rstrip(".")
        problems.append(Problem(source.locate(path), dotted(path), f"still TODO: {what[:1].lower()}{what[1:]}"))
    return problems


def _raw_missing(source: Source, value, path: tuple) -> list[Problem]:
    """Missing translations in data that failed the schema: mappings of only `nl`/`en`."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS):
            return [
                Problem(source.locate(path + (lang,)), dotted(path), missing_message(value.get(lang), lang))
                for lang in LANGS
                if not (isinstance(value.get(lang), str) and value[lang].strip()) or is_placeholder(value.get(lang))
            ]
        return [p for key, child in value.items() for p in _raw_missing(source, child, path + (key,))]
    if isinstance(value, list):
        return [p for i, child in enumerate(value) for p in _raw_missing(source, child, path + (i,))]
    return []


def group_problems(source: Source, meeting: Meeting) -> list[Problem]:
    """Figures and polls that name a finding group the meeting does not have."""
    problems = []
    for kind in ("figures", "polls"):
        for index, item in enumerate(getattr(meeting, kind)):
            if item.group is not None and item.group not in meeting.findings:
                close = difflib.get_close_matches(item.group, list(meeting.findings), n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"use one of: {', '.join(meeting.findings)}"
                path = (kind, index, "group")
                problems.append(Problem(source.locate(path), dotted(path), f"no finding group `{item.group}`; {hint}"))
    return problems


def validate(source: Source, draft: bool = False) -> Meeting:
    """The meeting in `source`, or ContentError with every problem in it."""
    try:
        meeting = Meeting.model_validate(source.data)
    except ValidationError as exc:
        problems = schema_problems(source, exc)
        if not draft:  # report missing translations in the same run
            problems += _raw_missing(source, source.data, ())
        raise ContentError(problems) from None
    problems = group_problems(source, meeting)
    if not draft:
        problems += missing_translations(source, meeting) + still_todo(source)
    for path, text in localized_fields(meeting):
        for lang in LANGS:
            for message in link_problems(text.get(lang) or ""):
                problems.append(Problem(source.locate(path + (lang,)), dotted(path + (lang,)), message))
            for output in _OUTPUT_LINK.findall(text.get(lang) or ""):
                if output not in registry.outputs():
                    continue  # (reported by link_problems: not a link meetingpress knows)
                if path[:2] == ("closing", output):
                    problems.append(Problem(
                        source.locate(path + (lang,)), dotted(path + (lang,)),
                        f"the {output} cannot link to itself; link the other outputs "
                        f"({', '.join('@' + name for name in registry.names() if name != output)})",
                    ))
                elif not getattr(meeting.outputs, output):
                    problems.append(Problem(
                        source.locate(path + (lang,)), dotted(path + (lang,)),
                        f"links to @{output}, but this meeting builds no {output}; "
                        f"add a language under `outputs.{output}` or remove the link",
                    ))
    if problems:
        raise ContentError(problems)
    return meeting
