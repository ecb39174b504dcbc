"""Each field's docstring, read from the source when something shows it: the models → their fields' descriptions.

The docstring under a field is its one documentation.  Only the editors'
JSON Schemas (`schema/editor.py`) and the scaffolds of `init` and `new`
(`scaffold.py`) show it; validation never does.  So the models do not read
their docstrings at import, as pydantic's `use_attribute_docstrings` would
(it reads every model's source again on every start of the program); those
that show them call `documented()` first, which reads them with the same
pydantic function and makes them the fields' descriptions, once per process.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from meetingpress.schema.meeting import Meeting


def models(model: type[BaseModel], found: list | None = None) -> list[type[BaseModel]]:
    """`model` and every model its fields may hold, each after the models it holds."""
    found = [] if found is None else found
    for info in model.model_fields.values():
        for inner in _held(info.annotation):
            if inner not in found and inner is not model:
                models(inner, found)
    found.append(model)
    return found


def _held(annotation) -> Iterator[type[BaseModel]]:
    """The models in a type, however wrapped: `list[Group]`, `Closings | None`, `Annotated[…]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _held(argument)


@cache
def documented(root: type[BaseModel] = Meeting) -> type[BaseModel]:
    """`root`, with every field of it and of the models it holds described by its docstring (in `description`,
    and in the JSON Schema pydantic makes)."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls  # what `use_attribute_docstrings` runs

    for model in models(root):  # the inner models first: a model built again uses theirs
        docstrings = extract_docstrings_from_cls(model, use_inspect=True)
        for name, info in model.model_fields.items():
            if info.description is None and name in docstrings:
                info.description = docstrings[name]
        if model.__pydantic_complete__:  # built already, without the descriptions: build it again
            model.model_rebuild(force=True)
    return root
