"""What the JSON Schema of the content says about a value that a validator checks in code.

pydantic writes a field's JSON Schema from its type alone: an id is just "a string", an
approximate chart value (`"~40"`) is missing from "a number". These markers go in a field's
`Annotated[...]` beside the validator they describe, so the rule and what an editor is told of
it stay on one line. They change the schema only, never validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

# what a number written where this text goes is read as (`Strict` reads it as its digits)
_NUMBERS: dict[str, dict[str, Any]] = {
    "none": {"type": "string"},  # no number can match: `language: 12` is an error
    "whole": {"type": ["string", "integer"], "minimum": 0},  # `2019` is the id "2019"
    "any": {"type": ["string", "number"]},  # any number reads as words: `year: 2019`
}


@dataclass(frozen=True)
class SchemaPattern:
    """Text the validator matches against a regular expression. `message` is what an editor
    says instead of the bare pattern (VS Code and the YAML language server read
    `patternErrorMessage`); `numbers`, which numbers written there are read as matching text
    (a key of `_NUMBERS`)."""

    pattern: str
    message: str
    numbers: str = "none"
    format: str | None = None  # one editors know: `color-hex` gives VS Code's colour swatch

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(pattern=self.pattern, patternErrorMessage=self.message)
        schema.update(_NUMBERS[self.numbers])
        if self.format:
            schema["format"] = self.format
        return schema


@dataclass(frozen=True)
class SchemaAlsoText:
    """A number that may also be written as text a validator reads first (`"~40"`, `">100"`):
    the schema accepts either."""

    pattern: str
    message: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        text: dict[str, Any] = {
            "type": "string",
            "pattern": self.pattern,
            "patternErrorMessage": self.message,
        }
        return {"anyOf": [handler(core_schema), text]}
