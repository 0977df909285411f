"""Check every Markdown field of the validated content once, with its location.

Layouts convert Markdown again when they draw it, silently; doing the checks here means every
problem is reported with all the others, also in content no slide uses, and only once.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from summarydeck.diagnostics import Diagnostics
from summarydeck.markdown.inline import to_paragraphs
from summarydeck.model.content import MARKDOWN
from summarydeck.source.yaml_loader import DataPath, SourceMap, dotted


def check_markdown(model: BaseModel, path: DataPath, smap: SourceMap, diags: Diagnostics) -> None:
    for field_path, text in markdown_fields(model, path):
        location = smap.locate(field_path)
        if not to_paragraphs(text, location, diags):
            diags.error(
                "E203",
                f"{dotted(field_path)}: the text has nothing to show",
                location,
                "write the text itself; Markdown such as `---` or a <!-- comment --> shows nothing",
            )


def markdown_fields(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """(path, text) for every Markdown string inside a model, recursively."""
    if isinstance(value, BaseModel):
        for name, markdown in _fields(type(value)):
            child = getattr(value, name)
            if markdown:
                yield from _strings(child, (*path, name))
            elif isinstance(child, _CONTAINERS):  # text, numbers and dates hold no fields
                yield from markdown_fields(child, (*path, name))
        if value.model_extra and _extra_is_markdown(type(value)):
            # keys that are data (a table row's cells, by column heading)
            for key, child in value.model_extra.items():
                yield from _strings(child, (*path, key))
    elif isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, _CONTAINERS):
                yield from markdown_fields(child, (*path, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            if isinstance(child, _CONTAINERS):
                yield from markdown_fields(child, (*path, index))


_CONTAINERS = (BaseModel, dict, list, tuple)  # what `markdown_fields` looks inside


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, index), item


@functools.lru_cache(maxsize=512)
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """A model's fields, each with whether it holds Markdown: the same for every instance."""
    return tuple(
        (name, _is_markdown(field.annotation, field.metadata))
        for name, field in cls.model_fields.items()
    )


@functools.lru_cache(maxsize=512)
def _extra_is_markdown(cls: type[BaseModel]) -> bool:
    """Whether a model that takes any key declares those keys' values Markdown."""
    hint = typing.get_type_hints(cls, include_extras=True).get("__pydantic_extra__")
    return hint is not None and _is_markdown(hint, [])


def _is_markdown(annotation: Any, metadata: list[Any]) -> bool:
    if MARKDOWN in metadata:
        return True
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated and MARKDOWN in typing.get_args(arg)[1:]:
            return True
        if _is_markdown(arg, []):
            return True
    return False
