"""Validate raw content into a `Deck`, turning every problem into a located `Diagnostic`."""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from summarydeck.diagnostics import Diagnostics, Location, did_you_mean, narrow, split_lines
from summarydeck.layouts.registry import kinds
from summarydeck.model.brand import SUPPORTED_FONTS, Brand
from summarydeck.model.colour import contrast_ratio
from summarydeck.model.content import Content, ContentId, DeckInfo
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.source.content_dir import SECTIONS, RawContent
from summarydeck.source.yaml_loader import DataPath, SourceMap, display_path

_COLLECTIONS = ("essays", "opportunities", "statistics", "quotes", "sources")


def validate(raw: RawContent, diags: Diagnostics) -> Deck | None:
    """Check everything, collecting all problems; None when any error was found."""
    smap = raw.source_map
    # sections that are absent but may be in content that could not be read (a file with a
    # syntax error, a misspelt section name): stay quiet about them rather than pile up errors
    unsure = (set(SECTIONS) if raw.incomplete else set(raw.guessed)) - set(raw.data)
    folder = Location(display_path(raw.root))  # where a missing section is reported
    info = _model(DeckInfo, raw.data, "deck", smap, diags, unsure, folder)
    brand = _model(Brand, raw.data, "brand", smap, diags, unsure, folder)
    collections = {k: raw.data.get(k) or {} for k in _COLLECTIONS}
    ids = _ids(collections)
    # a collection that is not a mapping is reported once, not again for each reference to it
    unsure |= {name for name, items in collections.items() if not isinstance(items, dict)}
    content = _validated(Content, collections, (), smap, diags, ids)
    slides, slides_ok = _storyboard(raw.data, smap, diags, unsure, folder)
    # cross-references are checked against the ids written in the files, so that one invalid
    # item does not hide a wrong reference elsewhere (nor make references to it look wrong)
    _check_sources_used(collections, ids, smap, diags, unsure)
    _check_references(slides, ids, smap, diags, unsure)
    _check_unique_ids(slides, smap, diags)
    if content is not None:
        _check_charts(content, smap, diags)
    if brand is not None:
        _check_brand(brand, raw.root, smap, diags)
    if diags.errors or info is None or brand is None or content is None or not slides_ok:
        return None
    return Deck(info, brand, content, tuple(spec for _, spec in slides), raw.root, smap)


def _ids(collections: dict[str, Any]) -> dict[str, list[str]]:
    """The ids written in each collection, valid or not (an invalid one is reported anyway)."""
    return {
        name: [str(key) for key in items] if isinstance(items, dict) else []
        for name, items in collections.items()
    }


_ID_ADAPTER: TypeAdapter[str] = TypeAdapter(ContentId)


def _is_id(value: Any) -> bool:
    try:
        _ID_ADAPTER.validate_python(value)
    except ValidationError:
        return False
    return True


def _model(
    cls: type[BaseModel],
    data: dict[str, Any],
    key: str,
    smap: SourceMap,
    diags: Diagnostics,
    unsure: set[str],
    folder: Location | None = None,
) -> Any:
    if key not in data:
        if key in unsure:
            return None  # the section may be in content that could not be read
        diags.error(
            "E104",
            f"no `{key}:` section in any content file",
            folder,
            f"add a file such as content/{key}.yaml that starts with `{key}:`",
        )
        return None
    return _validated(cls, data[key], (key,), smap, diags)


def _validated(
    cls: type[BaseModel],
    value: Any,
    path: DataPath,
    smap: SourceMap,
    diags: Diagnostics,
    ids: dict[str, list[str]] | None = None,
) -> Any:
    """The validated model, or None after reporting every problem. `ids` (collection -> ids)
    makes hints such as "add `source: report-a`"."""
    try:
        return cls.model_validate(value)
    except ValidationError as exc:
        report_validation_error(exc, cls, path, smap, diags, ids=ids)
        return None


# Model-level checks (a model's own validator) name the field at fault only in their message;
# these find that field, so the caret points at it rather than at the whole mapping, and say how
# to fix it. A message that no longer matches still gets reported, at the item's key.
_SubPath = Callable[[re.Match[str], Any], DataPath]
_FIELD_IN_MESSAGE: tuple[tuple[re.Pattern[str], _SubPath, str | None], ...] = (
    (
        re.compile(r"^series (\d+) "),
        lambda m, _: ("series", int(m[1]) - 1, "values"),
        "give every series one value per category, in the same order",
    ),
    (
        re.compile(r"^highlight (-?\d+) "),
        lambda m, data: ("highlight", _index_of(data.get("highlight"), int(m[1]))),
        None,
    ),
    (
        re.compile(r"^value \d+ is more than total"),
        lambda m, _: ("value",),
        "`value` is how many of the `total` icons are highlighted",
    ),
    (
        re.compile(r"shows exactly one series"),
        lambda m, _: ("series", 1),
        "use a column or bar chart to compare several series",
    ),
    (re.compile(r"^type_scale\.body_min "), lambda m, _: ("type_scale", "body_min"), None),
    (re.compile(r"^a logo needs"), lambda m, _: ("logo",), None),
)
_NEEDS_KEY = re.compile(r"^an? \w+ needs an? `(\w+)`")


def _index_of(values: Any, wanted: int) -> int:
    if isinstance(values, list) and wanted in values:
        return values.index(wanted)
    return 0


def report_validation_error(
    exc: ValidationError,
    cls: type[BaseModel],
    path: DataPath,
    smap: SourceMap,
    diags: Diagnostics,
    *,
    ids: dict[str, list[str]] | None = None,
) -> None:
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        full = (*path, *loc)
        dotted = _dotted(full)
        kind = err["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            fields = _fields_at(cls, loc[:-1])
            diags.error(
                "E201",
                f"unknown key `{name}` in {_dotted(full[:-1]) or 'the file'}",
                smap.locate(full, key=True),
                did_you_mean(name, fields),
            )
        elif kind == "missing":
            diags.error(
                "E202",
                f"{_dotted(full[:-1]) or 'this section'}: missing required key `{loc[-1]}`",
                smap.locate(full[:-1], key=True),
                f"add `{loc[-1]}: ...`",
            )
        elif loc and loc[-1] == "[key]":
            # a mapping key that is not a valid id, e.g. `Intro:` under `essays:`
            bad = str(full[-2])
            diags.error(
                "E203",
                f"{_dotted(full[:-2])}: `{bad}` is not a valid id; "
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
            diags.error(code, f"{dotted}: {message}", location, hint)


def _report_model_error(
    err: Any, full: DataPath, smap: SourceMap, diags: Diagnostics, ids: dict[str, list[str]]
) -> None:
    """A model's own check failed: point at the field it names, else at the item's key."""
    message = err["msg"].removeprefix("Value error, ")
    needs = _NEEDS_KEY.match(message)
    if needs and needs[1] not in err["input"]:
        key = needs[1]
        choices = ids.get(key + "s")
        example = f"`{key}: {choices[0]}`" if choices else f"`{key}: ...`"
        listed = ", ".join(f"`{c}`" for c in choices[:6]) if choices else ""
        diags.error(
            "E202",
            f"{_dotted(full)}: missing required key `{key}`",
            smap.locate(full, key=True),
            f"add {example}" + (f" (ids: {listed})" if listed else ""),
        )
        return
    location = smap.locate(full, key=True)
    hint = None
    for pattern, sub_path, fix in _FIELD_IN_MESSAGE:
        match = pattern.search(message)
        if match:
            target = (*full, *sub_path(match, err["input"]))
            if target in smap.values:
                location = smap.values[target]
            elif target[:-1] in smap.values:
                location = smap.values[target[:-1]]
            hint = fix
            break
    diags.error("E203", f"{_dotted(full)}: {message}", location, hint)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def _id_suggestion(bad: str) -> str | None:
    slug = _slug(bad)
    return f"write it as `{slug}`" if slug and slug != bad else None


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


def _shown(value: Any) -> str:
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
        elif kind in ("enum", "literal_error") and (err.get("ctx") or {}).get("expected"):
            message = f"{_shown(value)} is not one of {err['ctx']['expected']}"
        elif kind in ("string_too_long", "too_long") and isinstance(value, str | list):
            unit = "characters" if isinstance(value, str) else "items"
            limit = (err.get("ctx") or {}).get("max_length")
            message = f"has {len(value)} {unit}; at most {limit} fit"
            if full and full[-1] == "headline":
                hint = "keep the big number short, e.g. `1 in 4`, and put the words in `label`"
        hint = hint or _choices_hint(err)
        if isinstance(value, str) and message.startswith("an id uses"):
            hint = _id_suggestion(value)
        elif isinstance(value, str) and len(full) >= 2 and full[-2] == "fonts":
            hint = did_you_mean(value, SUPPORTED_FONTS)
        return message, hint
    message = f"expected {expected}, got {_shown(value)}"
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
    elif kind == "string_type" and isinstance(value, int | float | dt.date):
        hint = f'put it in quotes so it is read as text: {name}: "{value}"'
    elif kind == "list_type" and isinstance(value, str):
        hint = "write one `- item` per line, or [one, two] on one line"
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


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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


def _storyboard(
    data: dict[str, Any],
    smap: SourceMap,
    diags: Diagnostics,
    unsure: set[str],
    folder: Location | None = None,
) -> tuple[list[tuple[int, SlideSpec]], bool]:
    """The slides that are valid, with their positions, and whether all of them were."""
    value = data.get("slides")
    if value is None and "slides" in data:
        diags.error(
            "E203",
            "slides: the storyboard is empty",
            smap.locate(("slides",), key=True),
            "list the slides under it, e.g. `  - kind: title`",
        )
        return [], False
    if value is None:
        if "slides" in unsure:
            return [], False  # the storyboard may be in content that could not be read
        diags.error(
            "E104",
            "no `slides:` section in any content file",
            folder,
            "add the storyboard to content/deck.yaml as `slides:`, a list of slides",
        )
        return [], False
    if not isinstance(value, list):
        diags.error(
            "E203",
            "slides: expected a list of slides (each line starting with `- `)",
            smap.locate(("slides",)),
        )
        return [], False
    registry = kinds()
    specs: list[tuple[int, SlideSpec]] = []
    ok = True
    for index, entry in enumerate(value):
        path: DataPath = ("slides", index)
        if not isinstance(entry, dict):
            name = str(entry).strip() if isinstance(entry, str) else ""
            diags.error(
                "E203",
                f"slides[{index}]: expected a slide (a mapping with `kind:`)",
                smap.locate(path),
                f"write `- kind: {name}`" if name in registry else "write `- kind: ...`",
            )
            ok = False
            continue
        kind_name = entry.get("kind")
        if kind_name is None:
            diags.error(
                "E202",
                f"slides[{index}]: missing required key `kind`",
                smap.locate(path),
                _kind_hint(entry, registry),
            )
            ok = False
            continue
        kind = registry.get(str(kind_name))
        if kind is None:
            diags.error(
                "E204",
                f"slides[{index}]: unknown slide kind `{kind_name}`",
                smap.locate((*path, "kind")),
                did_you_mean(str(kind_name), registry),
            )
            ok = False
            continue
        spec = _validated(kind.spec, entry, path, smap, diags)
        if spec is None:
            ok = False
        else:
            specs.append((index, spec))
    return specs, ok


def _kind_hint(entry: dict[Any, Any], registry: dict[str, Any]) -> str:
    """Suggest `kind: essay` when the entry's keys name one kind's content, else every kind."""
    guesses = sorted(
        name for name, kind in registry.items() if set(kind.spec.references) & set(entry)
    )
    if len(guesses) == 1:
        return f"add `kind: {guesses[0]}`"
    return "add `kind:`, one of " + ", ".join(f"`{name}`" for name in guesses or registry)


_SINGULAR = {
    "essays": "essay",
    "opportunities": "opportunity",
    "statistics": "statistic",
    "quotes": "quote",
    "sources": "source",
}


def _missing_id_hint(ref: str, collection: str, available: list[str]) -> str | None:
    if not available:
        return f"there are no {collection} yet; add `{ref}:` under `{collection}:`"
    return did_you_mean(ref, available)


def _present(ref: str, available: list[str]) -> bool:
    """Whether `ref` names an item; `intro` also matches a key written `Intro` (reported as an
    invalid id already, so a reference to it is not a second problem)."""
    return ref in available or any(_slug(key) == ref for key in available)


def _check_references(
    slides: list[tuple[int, SlideSpec]],
    ids: dict[str, list[str]],
    smap: SourceMap,
    diags: Diagnostics,
    unsure: set[str],
) -> None:
    for index, spec in slides:
        for field_name, collection in spec.references.items():
            if collection in unsure:
                continue  # that collection may be in content that could not be read
            value = getattr(spec, field_name, None)
            wanted = value if isinstance(value, list) else [value] if value else []
            available = ids.get(collection, [])
            for position, ref in enumerate(wanted):
                if not _present(ref, available):
                    path: DataPath = ("slides", index, field_name)
                    if isinstance(value, list):
                        path = (*path, position)
                    diags.error(
                        "E206",
                        f"slides[{index}].{field_name}: "
                        f"no {_SINGULAR.get(collection, collection)} with id `{ref}`",
                        smap.locate(path),
                        _missing_id_hint(ref, collection, available),
                    )


def _check_sources_used(
    collections: dict[str, Any],
    ids: dict[str, list[str]],
    smap: SourceMap,
    diags: Diagnostics,
    unsure: set[str],
) -> None:
    if "sources" in unsure:
        return  # the sources may be in content that could not be read
    for collection in ("essays", "opportunities", "statistics", "quotes"):
        items = collections.get(collection)
        if not isinstance(items, dict):
            continue
        for item_id, item in items.items():
            source = item.get("source") if isinstance(item, dict) else None
            if not isinstance(source, str) or not _is_id(source):
                continue  # absent, or not an id at all: the model reports that
            if _present(source, ids["sources"]):
                continue
            diags.error(
                "E206",
                f"{collection}.{item_id}.source: no source with id `{source}`",
                smap.locate((collection, item_id, "source")),
                _missing_id_hint(source, "sources", ids["sources"]),
            )


def _check_charts(content: Content, smap: SourceMap, diags: Diagnostics) -> None:
    """Chart data the model lets through but no chart can draw."""
    for stat_id, stat in content.statistics.items():
        chart = stat.chart
        if chart is None:
            continue
        path: DataPath = ("statistics", stat_id, "chart")
        for s_index, series in enumerate(chart.series):
            for v_index, number in enumerate(series.values):
                if not math.isfinite(number):
                    where = (*path, "series", s_index, "values", v_index)
                    diags.error(
                        "E203",
                        f"{_dotted(where)}: `{number}` is not a number a chart can show",
                        smap.locate(where),
                        "write a finite number such as 0 or 12.5",
                    )
        for h_index, position in enumerate(chart.highlight):
            if position < 0:
                where = (*path, "highlight", h_index)
                diags.error(
                    "E203",
                    f"{_dotted(where)}: highlight {position} is not a category position",
                    smap.locate(where),
                    "positions count from 0 (the first category)",
                )


def _check_unique_ids(
    slides: list[tuple[int, SlideSpec]], smap: SourceMap, diags: Diagnostics
) -> None:
    seen: dict[str, int] = {}
    for index, spec in slides:
        sid = spec.slide_id
        if sid in seen:
            first = smap.locate(("slides", seen[sid]))
            on_line = f" (line {first.line})" if first and first.line else ""
            explicit = spec.id is not None
            diags.error(
                "E207",
                f"slides[{index}]: slide id `{sid}` is already used by slides[{seen[sid]}]"
                + on_line,
                smap.locate(("slides", index, "id") if explicit else ("slides", index)),
                "change one of the `id:` values" if explicit else "give one of them its own `id:`",
            )
        else:
            seen[sid] = index


def _check_brand(brand: Brand, root: Path, smap: SourceMap, diags: Diagnostics) -> None:
    c = brand.colours
    pairs = [
        ("text", c.text, "background", c.background, 4.5),
        ("background", c.background, "primary", c.primary, 4.5),
        ("muted", c.muted, "background", c.background, 4.5),
        ("text", c.text, "surface", c.surface, 4.5),
        ("link", c.link, "background", c.background, 4.5),
    ]
    for name_a, a, name_b, b, needed in pairs:
        ratio = contrast_ratio(a, b)
        if ratio < needed:
            # point at a colour the brand file sets, not at a default it never mentions
            given = [n for n in (name_a, name_b) if ("brand", "colours", n) in smap.values]
            diags.error(
                "E208",
                f"brand colours `{name_a}` on `{name_b}` have contrast "
                f"{ratio:.2f}:1; text needs at least {needed}:1 (WCAG 2.1 AA)",
                smap.locate(("brand", "colours", given[0] if given else name_a)),
                f"make `{name_a}` and `{name_b}` differ more in lightness",
            )
    if brand.logo:
        logo = root / brand.logo
        if not logo.is_file():
            diags.error(
                "E209",
                f"brand.logo: picture file `{brand.logo}` not found",
                smap.locate(("brand", "logo")),
                "the path is relative to the content folder",
            )
        elif _picture_format(logo) not in _PICTURE_FORMATS:
            diags.error(
                "E209",
                f"brand.logo: `{brand.logo}` is not a picture PowerPoint can show",
                smap.locate(("brand", "logo")),
                "use a PNG or JPEG file",
            )


# what python-pptx can embed
_PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WMF")


def _picture_format(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
            return image.format if image.width > 0 and image.height > 0 else None
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        return None
