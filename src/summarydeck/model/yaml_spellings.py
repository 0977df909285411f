"""YAML 1.1 spellings of booleans and numbers, which YAML 1.2 reads as text.

Content is read by YAML 1.2's core schema, as editors read it (`source/yaml_core.py`): `yes`,
`on` and `1_000` arrive as text. pydantic would still take that text as a boolean or a number
(its lax mode reads `"yes"` as true and `"1_000"` as 1000), and the content's schema, which
editors check, would not: the editor underlines what the tool accepts. So a field that expects
a boolean takes only `true` or `false`, and one that expects a number refuses digits split by
`_`, each with a hint on how to write it (`hint`). Text of digits alone (`minutes: "10"`) is
still read as a number, as it always was.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal

from pydantic_core import PydanticKnownError

# the words YAML 1.1 (and pydantic, from text) read as booleans; YAML 1.2 reads only true/false
_TRUE = frozenset({"yes", "y", "on", "true"})
_FALSE = frozenset({"no", "n", "off", "false"})
# what else pydantic reads as a boolean from text
_BOOL_TEXT = _TRUE | _FALSE | {"t", "f", "1", "0"}
# digits split by `_`: a number to YAML 1.1 and Python, text to YAML 1.2
_UNDERSCORED = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\Z")

Kind = Literal["bool", "maybe-bool", "int", "float"]


def field_kind(annotation: Any) -> Kind | None:
    """What a field of this type expects, for these checks: a boolean ("bool", or
    "maybe-bool" when text of another kind is accepted too: an address or `false`), a whole
    number or a number; None for anything else (lists, text, mappings)."""
    members = _members(annotation)
    if bool in members:
        return "bool" if members <= {bool, type(None)} else "maybe-bool"
    if int in members:
        return "int"
    if float in members:
        return "float"
    return None


def _members(annotation: Any) -> set[Any]:
    """The types a field takes: the members of a union, each without `Annotated`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return {t for member in typing.get_args(annotation) for t in _members(member)}
    return {annotation}


def check(kind: Kind, value: Any) -> None:
    """Refuse what pydantic would take but YAML 1.2 and the schema do not: raise the error
    pydantic gives a value of the wrong type, which `pydantic_errors` words with a hint."""
    if isinstance(value, bool) or value is None:
        return
    if kind == "bool" or (
        kind == "maybe-bool" and (isinstance(value, int | float) or _bool_text(value) in _BOOL_TEXT)
    ):
        raise PydanticKnownError("bool_type")
    if kind in ("int", "float") and _underscored(value):
        raise PydanticKnownError("int_parsing" if kind == "int" else "float_parsing")


def _underscored(value: Any) -> bool:
    return isinstance(value, str) and "_" in value and bool(_UNDERSCORED.match(value.strip()))


def _bool_text(value: Any) -> str | None:
    return value.strip().lower() if isinstance(value, str) else None


def hint(error_type: str, value: Any) -> str | None:
    """How to write a value YAML 1.2 read as text where a boolean or a number was expected
    (`error_type` is pydantic's, or "not_a_number" for a chart's value): `yes` -> "write `true`
    (YAML reads `yes` as text)", `1_000` -> "write 1000 ..."."""
    if error_type in ("bool_type", "bool_parsing"):
        word = _bool_text(value)
        if word in _TRUE | _FALSE:
            meant = "true" if word in _TRUE else "false"
            if word == meant:  # `"true"`, in quotes
                return f"write `{meant}` without quotes (in quotes it is text)"
            return f"write `{meant}` (YAML reads `{value}` as text)"
        return None
    if error_type in _NUMBER_ERRORS and _underscored(value):
        number = value.strip().replace("_", "")
        return f"write {number} (YAML reads `{value}` as text, not a number)"
    return None


# the errors of a value that is not the number a field expects
_NUMBER_ERRORS = ("int_parsing", "int_type", "float_parsing", "float_type", "not_a_number")
