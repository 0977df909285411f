"""Turn pydantic's validation errors into located diagnostics an editor can act on:
plain-words messages, the caret on the faulty value, and a hint on how to write it."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarydeck.diagnostics import Diagnostics, Location, did_you_mean, narrow, split_lines
from summarydeck.model import yaml_spellings
from summarydeck.model.content import slug
from summarydeck.model.errors import FieldProblem
from summarydeck.source.yaml_loader import DataPath, SourceMap, dotted


def report_validation_error(
    exc: ValidationError,
    cls: type[BaseModel],
    path: DataPath,
    smap: SourceMap,
    diags: Diagnostics,
    *,
    ids: dict[str, list[str]] | None = None,
) -> None:
    errors = exc.errors(include_url=False)
    typos = _typos(errors)
    for err in errors:
        loc = tuple(err["loc"])
        full = (*path, *loc)
        where = dotted(full)
        kind = err["type"]
        if kind == "extra_forbidden" and loc in typos:
            # one typo, one error: the misspelt key, not also the key it was meant to be
            meant = typos[loc][-1]
            diags.error(
                "E201",
                f"unknown key `{loc[-1]}`: did you mean `{meant}`?",
                smap.locate(full, key=True),
                f"rename it `{meant}:` ({dotted(full[:-1]) or 'the file'} needs `{meant}`)",
            )
        elif kind == "missing" and loc in typos.values():
            continue  # said with its misspelling, above
        elif kind == "extra_forbidden":
            name = str(loc[-1])
            # a model whose keys are data (a table row's column headings) names its own choices
            fields = list((err.get("ctx") or {}).get("choices") or _fields_at(cls, loc[:-1]))
            diags.error(
                "E201",
                f"unknown key `{name}` in {dotted(full[:-1]) or 'the file'}",
                smap.locate(full, key=True),
                did_you_mean(name, fields),
            )
        elif kind == "missing":
            diags.error(
                "E202",
                f"{dotted(full[:-1]) or 'this section'}: missing required key `{loc[-1]}`",
                smap.locate(full[:-1], key=True),
                f"add `{loc[-1]}: ...`",
            )
        elif loc and loc[-1] == "[key]" and full[-4:-2] == ("fonts", "files"):
            message = err["msg"].removeprefix("Value error, ")
            diags.error(
                "E203",
                f"{dotted(full[:-2])}: `{full[-2]}`: {message}",
                smap.locate(full[:-1], key=True),
                "write the font's name as PowerPoint's font list shows it",
            )
        elif loc and loc[-1] == "[key]":
            # a mapping key that is not a valid id, e.g. `Intro:` under `essays:`
            bad = str(full[-2])
            diags.error(
                "E203",
                f"{dotted(full[:-2])}: `{bad}` is not a valid id; "
                "ids use lower-case letters, digits and hyphens",
                smap.locate(full[:-1], key=True),
                _id_suggestion(bad),
            )
        elif kind == "value_error" and isinstance(err.get("input"), dict):
            _report_model_error(err, full, smap, diags, ids or {})
        else:
            code = "E205" if kind in ("enum", "literal_error") else "E203"
            message, hint = _describe(err, full, smap)
            location = smap.locate(full)
            if err.get("input") is None and hint and hint.startswith(_COMMENT_HINT):
                location = narrow(location, "#", 1)  # point at the comment that ate the value
            diags.error(code, f"{where}: {message}", location, hint)


def _typos(errors: list[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Unknown keys that are misspellings of a missing required key beside them: the unknown
    key's location -> the missing key's. Each missing key takes its closest match."""
    unknown = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "missing" or not loc:
            continue
        beside = {str(u[-1]): u for u in unknown if u[:-1] == loc[:-1] and u not in found}
        close = difflib.get_close_matches(str(loc[-1]), list(beside), n=1, cutoff=0.6)
        if close:
            found[beside[close[0]]] = loc
    return found


def _report_model_error(
    err: Any, full: DataPath, smap: SourceMap, diags: Diagnostics, ids: dict[str, list[str]]
) -> None:
    """A model's own check failed: point at the field it names (`FieldProblem.at`)."""
    message = err["msg"].removeprefix("Value error, ")
    problem = (err.get("ctx") or {}).get("error")
    if not isinstance(problem, FieldProblem):
        diags.error("E203", f"{dotted(full)}: {message}", smap.locate(full, key=True))
        return
    if problem.missing is not None:
        key = problem.missing
        choices = ids.get(key + "s")
        example = f"`{key}: {choices[0]}`" if choices else f"`{key}: ...`"
        listed = ", ".join(f"`{c}`" for c in choices[:6]) if choices else ""
        hint = problem.hint or f"add {example}" + (f" (ids: {listed})" if listed else "")
        diags.error(
            "E202",
            f"{dotted(full)}: missing required key `{key}`",
            smap.locate(full, key=True),
            hint,
        )
        return
    target = (*full, *problem.at)
    location = (
        smap.values.get(target) or smap.values.get(target[:-1]) or smap.locate(full, key=True)
    )
    advice = problem.hint
    meant = smap.empty_blocks.get(target)
    if meant is not None:  # `- >5`: YAML read a block of text, empty, not the value
        quote = "'" if '"' in meant else '"'
        advice = (
            f"YAML reads `{meant[0]}` at the start of a value as the start of a block of text "
            f"(here empty), not as part of the value: put it in quotes: {quote}{meant}{quote}"
        )
    written = _at(err.get("input"), problem.at) if problem.at and problem.number else None
    spelling = yaml_spellings.hint("not_a_number", written)
    if spelling is not None:  # a chart's `1_000`: text to YAML 1.2
        advice = spelling
    split = _split_by_comma(err.get("input"), full, (problem.at, *problem.compared), smap)
    if split is not None:
        advice = f"{advice}; {split}" if advice else split
    diags.error("E203", f"{dotted(full)}: {message}", location, advice)


def _split_by_comma(
    model_input: Any, full: DataPath, lists: tuple[DataPath, ...], smap: SourceMap
) -> str | None:
    """Lists that should be as long as each other are not, and the longest was written in
    `[a, b]` style, where a comma inside an item splits it in two: say so, with the pair of
    items most likely to be one (`Northern Ireland, UK`)."""
    lengths = {path: len(v) for path in lists if isinstance(v := _at(model_input, path), list)}
    if len(lengths) < 2:
        return None
    longest = max(lengths, key=lambda path: lengths[path])
    shorter = [n for path, n in lengths.items() if path != longest]
    if lengths[longest] <= max(shorter) or (*full, *longest) not in smap.flow_lists:
        return None
    items = _at(model_input, longest)
    where = smap.values.get((*full, *longest))
    name = f"`{longest[-1]}`" + (f" (line {where.line})" if where else "")
    if all(isinstance(i, int | float) and not isinstance(i, bool) for i in items):
        return (
            f"{name} is written in `[...]`, where a comma splits a number in two: "
            "write 1234, not 1,234"
        )
    pair = _likely_pair([str(i) for i in items])
    example = f'"{pair[0]}, {pair[1]}"' if pair else '"Northern Ireland, UK"'
    return (
        f"{name} is written in `[...]`, where a comma inside an item splits it in two: "
        f"put an item that holds a comma in quotes, e.g. {example}"
    )


def _at(value: Any, path: DataPath) -> Any:
    """The value at `path` inside `value`, or None."""
    for part in path:
        inside = isinstance(value, dict) and part in value
        inside |= isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not inside:
            return None
        value = value[part]
    return value


def _likely_pair(items: list[str]) -> tuple[str, str] | None:
    """Two neighbours that read as one item cut at its comma: the second an abbreviation
    (`Northern Ireland, UK`) or going on in lower case (`Help, not hindrance`)."""
    for first, second in itertools.pairwise(items):
        abbreviation = second.isupper() and len(second) <= 4 and not first.isupper()
        if abbreviation or second[:1].islower():
            return first, second
    return None


def _id_suggestion(bad: str) -> str | None:
    fixed = slug(bad)
    return f"write it as `{fixed}`" if fixed and fixed != bad else None


_COMMENT_HINT = "a `#` starts a comment in YAML"

_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "model_attributes_type": "a mapping of `key: value` lines",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
    "url_type": "a web address",
    "url_parsing": "a full web address",
    "url_scheme": "an http or https address",
}


def shown_value(value: Any) -> str:
    """A value as a message quotes it: `text` (cut at 40 characters), "a list", "nothing"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, str):
        return f"`{text}`"
    kind = "date" if isinstance(value, dt.date) else "number"
    return f"the {kind} `{text}`"


def _describe(err: Any, full: DataPath, smap: SourceMap) -> tuple[str, str | None]:
    """A short message for a failed field check, and a hint on how to write the value."""
    kind, value = err["type"], err.get("input")
    expected = _EXPECTED.get(kind)
    hint: str | None = None
    if expected is None:
        message = err["msg"].removeprefix("Value error, ")
        if kind == "string_too_short" and value == "":
            message = "must not be empty"
        elif kind == "finite_number":
            message = f"`{value}` is not a number a chart can show"
            hint = "write a finite number such as 0 or 12.5"
        elif kind == "greater_than_equal" and len(full) >= 2 and full[-2] == "highlight":
            message = f"highlight {value} is not a category position"
            hint = "positions count from 0 (the first category)"
        elif kind in ("enum", "literal_error") and (err.get("ctx") or {}).get("expected"):
            message = f"{shown_value(value)} is not one of {err['ctx']['expected']}"
        elif kind in ("string_too_long", "too_long") and isinstance(value, str | list):
            unit = "characters" if isinstance(value, str) else "items"
            limit = (err.get("ctx") or {}).get("max_length")
            message = f"has {len(value)} {unit}; at most {limit} fit"
            if full and full[-1] == "headline":
                hint = "keep the big number short, e.g. `1 in 4`, and put the words in `label`"
        hint = hint or _choices_hint(err)
        if isinstance(value, str) and message.startswith("an id uses"):
            hint = _id_suggestion(value)
        elif isinstance(value, str) and "fonts" in full[-3:]:
            hint = "write the font's name as PowerPoint's font list shows it"
        return message, hint
    message = f"expected {expected}, got {shown_value(value)}"
    reason = (err.get("ctx") or {}).get("error")
    if reason and kind.startswith("date") and value is not None:
        message += f" ({reason})"
    name = str(full[-1]) if full and isinstance(full[-1], str) else "value"
    if value is None:
        line = _source_text(smap.locate(full))
        if line is not None and "#" in line.partition(":")[2]:
            hint = _COMMENT_HINT + '; put the value in quotes, e.g. "#1B3A5C"'
        elif kind in ("dict_type", "model_type"):
            hint = "add its keys on the lines below, indented, or remove it"
        else:
            hint = "write a value after the colon, or remove the line"
    elif kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # `- Point 1: more text` is a one-key mapping to YAML: the colon-space did it
        key, rest = next(iter(value.items()))
        whole = f"{key}: {rest}" if rest is not None else f"{key}:"
        shown = whole if len(whole) <= 50 else whole[:47].rstrip() + "..."
        hint = f'the ": " made YAML read a key and a value; put the whole text in quotes: "{shown}"'
    elif kind == "string_type" and isinstance(value, int | float | dt.date):
        hint = f'put it in quotes so it is read as text: {name}: "{value}"'
    elif kind == "list_type" and isinstance(value, str):
        hint = "write one `- item` per line, or [one, two] on one line"
    elif (spelling := yaml_spellings.hint(kind, value)) is not None:
        hint = spelling  # `yes`, `1_000`: a boolean or a number to YAML 1.1, text to 1.2
    elif kind in ("int_parsing", "float_parsing"):
        hint = "write digits only, e.g. 8 or 0.25, without units, words or % signs"
    elif kind.startswith("date"):
        hint = "write the date as YYYY-MM-DD, e.g. 2024-03-01"
    elif kind.startswith("url"):
        hint = "write the full address, starting with https://"
    elif kind == "dict_type" and isinstance(value, list):
        hint = (
            "start each item with its id instead of `- `, e.g. `  my-id:`, keys indented under it"
        )
    elif kind in ("dict_type", "model_type") and isinstance(value, str | list):
        hint = "put each `key: value` on its own line, indented under this one"
    return message, hint


def _source_text(location: Location | None) -> str | None:
    if location is None or location.line <= 0:
        return None
    try:
        lines = split_lines(Path(location.file).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return lines[location.line - 1] if location.line <= len(lines) else None


def _choices_hint(err: Any) -> str | None:
    ctx = err.get("ctx") or {}
    expected = ctx.get("expected")
    if expected and isinstance(err.get("input"), str):
        options = [o.strip().strip("'") for o in str(expected).replace(" or ", ",").split(",")]
        return did_you_mean(err["input"], [o for o in options if o])
    return None


def _fields_at(cls: Any, loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found by walking `loc` down from `cls`."""
    current: Any = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin in (list, tuple) and args:
                current = args[0]
            elif origin is dict and len(args) == 2:
                current = args[1]
            else:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated wrappers down to the model or container type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            non_none = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(non_none) != 1:
                return tp
            tp = non_none[0]
        else:
            return tp
