"""Validate raw content into a `Deck`, turning every problem into a located `Diagnostic`."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarydeck.diagnostics import Diagnostics, did_you_mean
from summarydeck.layouts.registry import kinds
from summarydeck.model.brand import Brand
from summarydeck.model.colour import contrast_ratio
from summarydeck.model.content import Content, DeckInfo
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.source.content_dir import RawContent
from summarydeck.source.yaml_loader import DataPath, SourceMap

_COLLECTIONS = ("essays", "opportunities", "statistics", "quotes", "sources")


def validate(raw: RawContent, diags: Diagnostics) -> Deck | None:
    """Check everything, collecting all problems; None when any error was found."""
    smap = raw.source_map
    info = _model(DeckInfo, raw.data, "deck", smap, diags)
    brand = _model(Brand, raw.data, "brand", smap, diags)
    content = _validated(Content, {k: raw.data.get(k) or {} for k in _COLLECTIONS}, (), smap, diags)
    slides = _storyboard(raw.data.get("slides"), smap, diags)
    if content is not None:
        _check_sources_used(content, smap, diags)
        if slides is not None:
            _check_references(slides, content, smap, diags)
    if brand is not None:
        _check_brand(brand, raw.root, smap, diags)
    if slides is not None:
        _check_unique_ids(slides, smap, diags)
    if diags.errors or info is None or brand is None or content is None or slides is None:
        return None
    return Deck(info, brand, content, tuple(slides), raw.root, smap)


def _model(
    cls: type[BaseModel], data: dict[str, Any], key: str, smap: SourceMap, diags: Diagnostics
) -> Any:
    if key not in data:
        diags.error(
            "E104",
            f"no `{key}:` section in any content file",
            None,
            f"add a file such as content/{key}.yaml that starts with `{key}:`",
        )
        return None
    return _validated(cls, data[key], (key,), smap, diags)


def _validated(
    cls: type[BaseModel], value: Any, path: DataPath, smap: SourceMap, diags: Diagnostics
) -> Any:
    try:
        return cls.model_validate(value)
    except ValidationError as exc:
        report_validation_error(exc, cls, path, smap, diags)
        return None


def report_validation_error(
    exc: ValidationError, cls: type[BaseModel], path: DataPath, smap: SourceMap, diags: Diagnostics
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
        else:
            message = err["msg"].removeprefix("Value error, ")
            if kind in ("model_type", "dict_type") and err.get("input") is None:
                message = "this is empty; expected a mapping of keys and values"
            code = "E205" if kind == "enum" or kind == "literal_error" else "E203"
            diags.error(code, f"{dotted}: {message}", smap.locate(full), _choices_hint(err))


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


def _storyboard(value: Any, smap: SourceMap, diags: Diagnostics) -> list[SlideSpec] | None:
    if value is None:
        diags.error(
            "E104",
            "no `slides:` section in any content file",
            None,
            "add the storyboard to content/deck.yaml as `slides:`, a list of slides",
        )
        return None
    if not isinstance(value, list):
        diags.error(
            "E203",
            "slides: expected a list of slides (each line starting with `- `)",
            smap.locate(("slides",)),
        )
        return None
    registry = kinds()
    specs: list[SlideSpec] = []
    ok = True
    for index, entry in enumerate(value):
        path: DataPath = ("slides", index)
        if not isinstance(entry, dict):
            diags.error(
                "E203",
                f"slides[{index}]: expected a slide (a mapping with `kind:`)",
                smap.locate(path),
            )
            ok = False
            continue
        kind_name = entry.get("kind")
        if kind_name is None:
            diags.error(
                "E202",
                f"slides[{index}]: missing required key `kind`",
                smap.locate(path),
                did_you_mean("", registry),
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
            specs.append(spec)
    return specs if ok else None


def _check_references(
    slides: list[SlideSpec], content: Content, smap: SourceMap, diags: Diagnostics
) -> None:
    for index, spec in enumerate(slides):
        for field_name, collection in spec.references.items():
            value = getattr(spec, field_name, None)
            wanted = value if isinstance(value, list) else [value] if value else []
            available = getattr(content, collection)
            for position, ref in enumerate(wanted):
                if ref not in available:
                    path: DataPath = ("slides", index, field_name)
                    if isinstance(value, list):
                        path = (*path, position)
                    diags.error(
                        "E206",
                        f"slides[{index}].{field_name}: no {collection[:-1]} with id `{ref}`",
                        smap.locate(path),
                        did_you_mean(ref, available),
                    )


def _check_sources_used(content: Content, smap: SourceMap, diags: Diagnostics) -> None:
    for collection in ("essays", "opportunities", "statistics", "quotes"):
        for item_id, item in getattr(content, collection).items():
            if item.source and item.source not in content.sources:
                diags.error(
                    "E206",
                    f"{collection}.{item_id}.source: no source with id `{item.source}`",
                    smap.locate((collection, item_id, "source")),
                    did_you_mean(item.source, content.sources),
                )


def _check_unique_ids(slides: list[SlideSpec], smap: SourceMap, diags: Diagnostics) -> None:
    seen: dict[str, int] = {}
    for index, spec in enumerate(slides):
        sid = spec.slide_id
        if sid in seen:
            diags.error(
                "E207",
                f"slides[{index}]: slide id `{sid}` is already used by slides[{seen[sid]}]",
                smap.locate(("slides", index)),
                "give one of them its own `id:`",
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
            diags.error(
                "E208",
                f"brand colours `{name_a}` on `{name_b}` have contrast "
                f"{ratio:.2f}:1; text needs at least {needed}:1 (WCAG 2.1 AA)",
                smap.locate(("brand", "colours", name_a)),
                "darken the text colour or lighten the background",
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
