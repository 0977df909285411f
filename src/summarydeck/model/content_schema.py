"""The JSON Schema (draft 2020-12) of a content file, made from the content model.

Editors that speak JSON Schema (VS Code's YAML extension, any yaml-language-server client,
JetBrains) read it to offer keys as you type, show what each means and underline a misspelt
key or a wrong type before a build. The loader merges a folder's files by top-level section and
any file may hold any section, so one schema serves every file.

It says what the model says: the same keys (unknown ones are errors), types, enums, bounds and
patterns. What the validator checks across files (a cited id exists), across fields or by
counting (a label's placeholders, W215's words) stays the validator's; docs/editor-setup.md
lists it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from summarydeck.model.brand import Brand
from summarydeck.model.content import (
    ID_HINT,
    ID_PATTERN,
    SINGULAR,
    DeckInfo,
    Essay,
    Opportunity,
    Quote,
    Source,
    Statistic,
)
from summarydeck.model.labels import ENGLISH, PLACEHOLDERS
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.variants import Variant

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BLANK = "write some words here, or leave the key out"

# slide kind -> the model of its fields and one line about it (the `kinds` listing's)
SlideKinds = Mapping[str, tuple[type[SlideSpec], str]]

_COLLECTIONS: dict[str, type[BaseModel]] = {
    "essays": Essay,
    "opportunities": Opportunity,
    "statistics": Statistic,
    "quotes": Quote,
    "sources": Source,
}

_SECTIONS = {
    "deck": "The deck's title, author, date and language.",
    "brand": "The look of the deck: colours, fonts, type sizes, logo, footer, slide size.",
    "labels": "The words summarydeck writes itself, in the deck's language, each overridable "
    "(`summarydeck labels` lists them with their defaults).",
    "slides": "The storyboard: the slides in order, each a `kind` and that kind's fields "
    "(`summarydeck kinds` lists them).",
    "variants": "Named decks cut from the one storyboard (a short talk, a workshop); "
    "`build --variant NAME` makes one.",
    "essays": "Essays the deck summarises, each under its id.",
    "opportunities": "The numbered items (opportunities, recommendations ...), each under its "
    "id, numbered in file order.",
    "statistics": "The figures the deck shows, each under its id, with its source.",
    "quotes": "Quotes from people, each under its id, with who said them and where.",
    "sources": "Every source the deck cites, each under its id; other items cite it by that id.",
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with text as the content model reads it (`Strict`'s config):
    spaces around it are dropped, so text that must not be empty must not be blank; and a
    number where text goes is taken as its digits (`year: 2019`). Text with a pattern of its
    own says for itself whether a number can match (`schema_hints`)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if "pattern" in json_schema:  # pydantic's own (a language tag): no number matches
            return json_schema
        if self._config.str_strip_whitespace and json_schema.get("minLength", 0) >= 1:
            json_schema.update(pattern=r"\S", patternErrorMessage=_BLANK)
        if self._config.coerce_numbers_to_str:
            json_schema["type"] = ["string", "number"]
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """A mapping whose keys have a pattern (a font's family name) rejects other keys, as
        validation does: pydantic's `patternProperties` would let them through unchecked."""
        json_schema = super().dict_schema(schema)
        patterns = json_schema.pop("patternProperties", None)
        if patterns:
            [(_, values)] = patterns.items()
            keys = self.generate_inner(schema["keys_schema"])
            json_schema["propertyNames"] = {
                k: v for k, v in keys.items() if k in ("pattern", "patternErrorMessage")
            }
            json_schema["additionalProperties"] = values
        return json_schema


def content_schema(kinds: SlideKinds) -> dict[str, Any]:
    """The schema of one content file: any of the sections, each as the validator reads it."""
    specs = [spec for spec, _ in kinds.values()]
    if len(set(specs)) != len(specs):  # each kind's `kind:` is pinned in its model's schema
        raise ValueError("two slide kinds share one model")
    models: list[type[BaseModel]] = [DeckInfo, Brand, Variant, *_COLLECTIONS.values(), *specs]
    refs, top = models_json_schema(
        [(model, "validation") for model in models], schema_generator=_Generator
    )
    defs: dict[str, Any] = top["$defs"]

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        return dict(refs[(model, "validation")])

    slides = []
    for name, (spec, summary) in kinds.items():
        target = ref(spec)
        own = defs[target["$ref"].rsplit("/", 1)[1]]
        # a one-value enum, not `const`: the YAML language server completes enums in lists
        own["properties"]["kind"] = {"enum": [name], "title": "Kind", "description": summary}
        own["description"] = summary
        slides.append(target)
    sections: dict[str, Any] = {
        "deck": ref(DeckInfo),
        "brand": ref(Brand),
        "labels": _or_null(_labels()),
        "slides": {"type": "array", "minItems": 1, "items": {"oneOf": slides}},
        "variants": _or_null(_keyed(_or_null(ref(Variant)), "variant name")),
        **{
            name: _or_null(_keyed(ref(model), f"{SINGULAR[name]} id"))
            for name, model in _COLLECTIONS.items()
        },
    }
    for name, about in _SECTIONS.items():
        sections[name]["description"] = about
    schema = {
        "$schema": DIALECT,
        "title": "summarydeck content file",
        "description": "One YAML file of a summarydeck content folder. It holds any of the "
        "sections; each section may appear in only one file of the folder. "
        "Unknown keys are errors.",
        "type": "object",
        "additionalProperties": False,
        "properties": sections,
        "$defs": defs,
    }
    unwrapped: dict[str, Any] = _unwrapped(schema)
    return unwrapped


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A section or value that may be left empty (`quotes:` with nothing under it)."""
    return {"anyOf": [schema, {"type": "null"}]}


def _keyed(items: dict[str, Any], what: str) -> dict[str, Any]:
    """A mapping of ids to items: `statistics: {one-in-four: {...}}`."""
    return {
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN, "patternErrorMessage": f"a {what}: {ID_HINT}"},
        "additionalProperties": items,
    }


def _labels() -> dict[str, Any]:
    """`labels:` is checked by `label_check`, not a pydantic model: every label is words (or a
    number, taken as its digits), never blank, with its English default as its description."""
    properties = {}
    for key, names in PLACEHOLDERS.items():
        allowed = ", ".join(f"{{{name}}}" for name in sorted(names))
        properties[key] = {
            "type": ["string", "number"],
            "pattern": r"\S",
            "patternErrorMessage": "a label is words; leave the key out for the default",
            "description": f"Default: {ENGLISH[key]}"
            + (f" (placeholders: {allowed})" if allowed else ""),
        }
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _unwrapped(value: Any) -> Any:
    """Descriptions as editors show them: a docstring's wrapped lines joined, paragraphs
    kept (a hover shows a line break for each newline)."""
    if isinstance(value, list):
        return [_unwrapped(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _unwrapped(item) for key, item in value.items()}
    if isinstance(out.get("description"), str):
        paragraphs = out["description"].split("\n\n")
        out["description"] = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    return out
