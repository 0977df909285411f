"""Validate raw content into a `Deck`, turning every problem into a located `Diagnostic`."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from summarydeck.diagnostics import Diagnostics, Location, did_you_mean
from summarydeck.model import consistency
from summarydeck.model.brand import Brand
from summarydeck.model.brand_fonts import BrandFonts, check_font_files
from summarydeck.model.content import Content, DeckInfo
from summarydeck.model.count_words import check_count_words
from summarydeck.model.deck import Deck
from summarydeck.model.label_check import check_labels
from summarydeck.model.markdown_check import check_markdown
from summarydeck.model.pydantic_errors import report_validation_error
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.template_brand import with_template
from summarydeck.model.variants import Variant
from summarydeck.source.content_dir import SECTIONS, RawContent
from summarydeck.source.yaml_loader import DataPath, SourceMap, display_path, dotted

_COLLECTIONS = ("essays", "opportunities", "statistics", "quotes", "sources")


SlideSpecs = Mapping[str, type[SlideSpec]]  # slide kind name -> its fields' model


def validate(raw: RawContent, diags: Diagnostics, slide_specs: SlideSpecs) -> Deck | None:
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
    slides, slides_ok = _storyboard(raw.data, smap, diags, unsure, slide_specs, folder)
    # cross-references are checked against the ids written in the files, so that one invalid
    # item does not hide a wrong reference elsewhere (nor make references to it look wrong)
    consistency.check_sources_used(collections, ids, smap, diags, unsure)
    consistency.check_duplicate_sources(collections["sources"], smap, diags)
    consistency.check_references(slides, ids, smap, diags, unsure)
    consistency.check_unique_ids(slides, smap, diags)
    template = None
    fonts: BrandFonts = {}
    if brand is not None:
        brand, template = with_template(brand, raw.root, smap, diags)
        fonts = check_font_files(brand, raw.root, smap, diags)
        consistency.check_brand(brand, raw.root, smap, diags)
    if content is not None:
        check_markdown(content, (), smap, diags)
        consistency.check_provenance(content, slides, smap, diags)
    for index, spec in slides:
        check_markdown(spec, ("slides", index), smap, diags)
    variants = _variants(raw.data.get("variants"), smap, diags)
    language = info.language if info is not None else "en-GB"
    labels = check_labels(raw.data.get("labels"), language, smap, diags)
    if labels is not None:
        check_count_words(raw.data, labels, smap, diags)
    if variants is not None and slides_ok:
        consistency.check_variants(variants, [spec for _, spec in slides], smap, diags)
    if (
        diags.errors
        or info is None
        or brand is None
        or content is None
        or not slides_ok
        or variants is None
        or labels is None
    ):
        return None
    specs = tuple(spec for _, spec in slides)
    return Deck(
        info,
        brand,
        content,
        specs,
        raw.root,
        smap,
        variants,
        template=template,
        labels=labels,
        fonts=fonts,
    )


def _variants(value: Any, smap: SourceMap, diags: Diagnostics) -> dict[str, Variant] | None:
    """The `variants:` section (optional): each variant validated on its own, so one mistake
    does not hide another."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        diags.error(
            "E211",
            "variants: expected a mapping of variant names, e.g. `short:`",
            smap.locate(("variants",)),
            "write each variant as `name:` with its settings indented under it",
        )
        return None
    variants: dict[str, Variant] = {}
    ok = True
    for name, settings in value.items():
        if not consistency.is_id(name):
            diags.error(
                "E211",
                f"variants: `{name}` is not a valid variant name",
                smap.locate(("variants", name), key=True),
                "use lower-case letters, digits and hyphens, e.g. `short` or `workshop-2`",
            )
            ok = False
            continue
        variant = _validated(Variant, settings or {}, ("variants", name), smap, diags)
        if variant is None:
            ok = False
        else:
            variants[str(name)] = variant
    return variants if ok else None


def _ids(collections: dict[str, Any]) -> dict[str, list[str]]:
    """The ids written in each collection, valid or not (an invalid one is reported anyway)."""
    return {
        name: [str(key) for key in items] if isinstance(items, dict) else []
        for name, items in collections.items()
    }


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


def _storyboard(
    data: dict[str, Any],
    smap: SourceMap,
    diags: Diagnostics,
    unsure: set[str],
    registry: SlideSpecs,
    folder: Location | None = None,
) -> tuple[list[tuple[int, SlideSpec]], bool]:
    """The slides that are valid, with their positions, and whether all of them were."""
    value = data.get("slides")
    if (value is None and "slides" in data) or value == []:
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
    specs: list[tuple[int, SlideSpec]] = []
    ok = True
    for index, entry in enumerate(value):
        path: DataPath = ("slides", index)
        if not isinstance(entry, dict):
            name = str(entry).strip() if isinstance(entry, str) else ""
            diags.error(
                "E203",
                f"{dotted(path)}: expected a slide (a mapping with `kind:`)",
                smap.locate(path),
                f"write `- kind: {name}`" if name in registry else "write `- kind: ...`",
            )
            ok = False
            continue
        kind_name = entry.get("kind")
        typo = _misspelt_kind(entry, registry) if kind_name is None else None
        if typo is not None:
            # one typo, one error: the misspelt key, not also the missing `kind`
            diags.error(
                "E201",
                f"unknown key `{typo}`: did you mean `kind`?",
                smap.locate((*path, typo), key=True),
                f"rename it `kind:` ({dotted(path)} needs `kind`)",
            )
            ok = False
            continue
        if kind_name is None:
            diags.error(
                "E202",
                f"{dotted(path)}: missing required key `kind`",
                smap.locate(path),
                _kind_hint(entry, registry),
            )
            ok = False
            continue
        kind = registry.get(str(kind_name))
        if kind is None:
            diags.error(
                "E204",
                f"{dotted(path)}: unknown slide kind `{kind_name}`",
                smap.locate((*path, "kind")),
                did_you_mean(str(kind_name), registry),
            )
            ok = False
            continue
        spec = _validated(kind, entry, path, smap, diags)
        if spec is None:
            ok = False
        else:
            specs.append((index, spec))
    return specs, ok


def _misspelt_kind(entry: dict[Any, Any], registry: SlideSpecs) -> str | None:
    """A key of a slide without `kind:` that is a misspelling of it (`knd:`, `kinds:`), and
    no key some slide kind has (`id:` is not a misspelt `kind:`)."""
    known = {name for spec in registry.values() for name in spec.model_fields}
    keys = [key for key in entry if isinstance(key, str) and key not in known]
    close = difflib.get_close_matches("kind", keys, n=1, cutoff=0.6)
    return close[0] if close else None


def _kind_hint(entry: dict[Any, Any], registry: SlideSpecs) -> str:
    """Suggest `kind: essay` when the entry's keys name one kind's content, else every kind."""
    guesses = sorted(name for name, spec in registry.items() if set(spec.references) & set(entry))
    if len(guesses) == 1:
        return f"add `kind: {guesses[0]}`"
    return "add `kind:`, one of " + ", ".join(f"`{name}`" for name in guesses or registry)
