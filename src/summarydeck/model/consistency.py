"""Checks across the whole content: references between files, unique slide ids, the brand's
contrast and logo. They read the ids written in the files, so one invalid item does not hide a
wrong reference elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import TypeAdapter, ValidationError

from summarydeck.diagnostics import Diagnostics, did_you_mean
from summarydeck.model.brand import Brand, Colours
from summarydeck.model.colour import contrast_ratio, shown_ratio
from summarydeck.model.content import SINGULAR, Content, ContentId, Provenance, Status, slug
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.variants import Variant, sections_of
from summarydeck.source import limits
from summarydeck.source.assets import problem_with
from summarydeck.source.yaml_loader import DataPath, SourceMap, dotted, slide_name

_ID_ADAPTER: TypeAdapter[str] = TypeAdapter(ContentId)


def is_id(value: Any) -> bool:
    try:
        _ID_ADAPTER.validate_python(value)
    except ValidationError:
        return False
    return True


def _missing_id_hint(ref: str, collection: str, available: list[str]) -> str | None:
    if not available:
        return f"there are no {collection} yet; add `{ref}:` under `{collection}:`"
    return did_you_mean(ref, available)


def _present(ref: str, available: list[str]) -> bool:
    """Whether `ref` names an item; `intro` also matches a key written `Intro` (reported as an
    invalid id already, so a reference to it is not a second problem)."""
    return ref in available or any(slug(key) == ref for key in available)


def check_references(
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
                    # `sources: an-id` is read as a list of one: the id is the field itself
                    if isinstance(value, list) and (*path, position) in smap.values:
                        path = (*path, position)
                    diags.error(
                        "E206",
                        f"{dotted(('slides', index, field_name))}: "
                        f"no {SINGULAR.get(collection, collection)} with id `{ref}`",
                        smap.locate(path),
                        _missing_id_hint(ref, collection, available),
                    )


def check_sources_used(
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
            written = item.get("source") if isinstance(item, dict) else None
            # one id, or a list of them: each is checked, at its own line
            refs: list[tuple[DataPath, Any]] = (
                [((collection, item_id, "source", i), ref) for i, ref in enumerate(written)]
                if isinstance(written, list)
                else [((collection, item_id, "source"), written)]
            )
            for path, source in refs:
                if not isinstance(source, str) or not is_id(source):
                    continue  # absent, or not an id at all: the model reports that
                if _present(source, ids["sources"]):
                    continue
                diags.error(
                    "E206",
                    f"{dotted(path)}: no source with id `{source}`",
                    smap.locate(path),
                    _missing_id_hint(source, "sources", ids["sources"]),
                )


def check_unique_ids(
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
                f"{slide_name(index)}: slide id `{sid}` is already used by "
                f"{slide_name(seen[sid])}" + on_line,
                smap.locate(("slides", index, "id") if explicit else ("slides", index)),
                "change one of the `id:` values" if explicit else "give one of them its own `id:`",
            )
        else:
            seen[sid] = index


def check_brand(brand: Brand, root: Path, smap: SourceMap, diags: Diagnostics) -> None:
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
            pointed = _edited_colour(name_a, name_b, c, smap)
            other = name_b if pointed == name_a else name_a
            other_at = smap.values.get(("brand", "colours", other))
            also = f"; `{other}` is on line {other_at.line}" if other_at else ""
            diags.error(
                "E208",
                f"brand colours `{name_a}` on `{name_b}` have contrast "
                f"{shown_ratio(ratio)}; text needs at least {needed}:1 (WCAG 2.1 AA){also}",
                smap.locate(("brand", "colours", pointed)),
                f"make `{name_a}` and `{name_b}` differ more in lightness",
            )
    # accents draw big numbers (large text) and chart marks: WCAG asks 3:1 of both
    for index, accent in enumerate(c.accents):
        grounds = [("background", c.background)] + ([("surface", c.surface)] if index == 0 else [])
        ratio, ground_name = min((contrast_ratio(accent, g), name) for name, g in grounds)
        if ratio < 3.0:
            diags.error(
                "E208",
                f"brand accent {index + 1} ({accent}) on `{ground_name}` has contrast "
                f"{shown_ratio(ratio)}; large text and chart marks need at least 3:1 (WCAG 2.1 AA)",
                smap.locate(("brand", "colours", "accents", index)),
                "use a darker accent",
            )
    logos = [(("brand", "logo"), brand.logo)] + [
        (("brand", "partners", index, "logo"), partner.logo)
        for index, partner in enumerate(brand.partners)
    ]
    for path, name in logos:
        if name:
            _check_picture(root, name, path, diags, smap)


def _edited_colour(foreground: str, background: str, colours: Colours, smap: SourceMap) -> str:
    """Which colour of a pair that contrasts too little the caret points at: the one the user
    probably edited. Only a colour the brand file writes (never a default it does not mention);
    of two, the one that differs from the built-in default brand; else the foreground. (The
    manifest of the last good build does not record the brand, so it cannot say which changed.)"""
    written = [n for n in (foreground, background) if ("brand", "colours", n) in smap.values]
    if len(written) < 2:
        return written[0] if written else foreground
    default = Colours()
    changed = [n for n in written if getattr(colours, n).upper() != getattr(default, n).upper()]
    return changed[0] if len(changed) == 1 else foreground


def _check_picture(
    root: Path, name: str, path: tuple[str | int, ...], diags: Diagnostics, smap: SourceMap
) -> None:
    field = ".".join(str(p) for p in path)
    problem = problem_with(root, name, limits.MAX_PICTURE_BYTES)
    if problem == "not found":
        diags.error(
            "E209",
            f"{field}: picture file `{name}` not found",
            smap.locate(path),
            "the path is relative to the content folder",
        )
    elif problem is not None:
        diags.error(
            "E209",
            f"{field}: picture file `{name}` {problem}",
            smap.locate(path),
            "copy the picture into the content folder and name it from there, or name its "
            "folder with --assets DIR",
        )
    elif _picture_format(root / name) not in _PICTURE_FORMATS:
        diags.error(
            "E209",
            f"{field}: `{name}` is not a picture PowerPoint can show, or is far too large",
            smap.locate(path),
            "use a PNG or JPEG file, at most a few thousand pixels wide",
        )


# what python-pptx can embed
_PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WMF")


def _picture_format(path: Path) -> str | None:
    """The picture's format, or None when it is not a picture, or far too large to embed."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()
                too_big = image.width * image.height > limits.MAX_PICTURE_PIXELS
                return (
                    image.format if image.width > 0 and image.height > 0 and not too_big else None
                )
    except (
        OSError,
        UnidentifiedImageError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None


def check_provenance(
    content: Content, slides: list[tuple[int, SlideSpec]], smap: SourceMap, diags: Diagnostics
) -> None:
    """A `check:` on a confirmed item is a to-do nobody will see (only unconfirmed items show
    it): say so, since it usually means the status was changed and the check forgotten."""
    items: list[tuple[DataPath, Provenance | SlideSpec]] = [
        ((collection, item_id), item)
        for collection in ("essays", "opportunities", "statistics", "quotes")
        for item_id, item in getattr(content, collection).items()
    ]
    items += [(("slides", index), spec) for index, spec in slides]
    for path, item in items:
        if item.check and item.status is Status.CONFIRMED:
            diags.warning(
                "W204",
                f"{dotted(path)} is confirmed but still has a `check:`, which is not shown",
                smap.locate((*path, "check"), key=True),
                "delete the `check:` line, or move a caveat for the presenter into `note:`",
            )
        if isinstance(item, Provenance):
            check_fingerprint(path, item, smap, diags)


def check_fingerprint(
    path: DataPath, item: Provenance, smap: SourceMap, diags: Diagnostics
) -> None:
    """W212 at a confirmed item whose claim changed since `summarydeck confirm` stamped it: it
    counts as unconfirmed until it is checked and confirmed again."""
    what = item.what_changed()
    if not what:
        return
    # at the first changed field, else the item (a field left out is not in the file)
    first = item.changed_since_confirmed()[0]
    at = (*path, *item.claim_paths.get(first, (first,)))
    while at not in smap.keys and len(at) > len(path):  # a chart's format left at its default
        at = at[:-1]
    location = smap.locate(at, key=True)
    diags.warning(
        "W212",
        f"{dotted(path)} was confirmed, but {what} since (it is shown as to be confirmed, "
        "and a final build refuses it)",
        location,
        f"check it against its source again, then run `summarydeck confirm {dotted(path)}`",
    )


def check_variants(
    variants: dict[str, Variant], slides: list[SlideSpec], smap: SourceMap, diags: Diagnostics
) -> None:
    """Every section, slide id and tag a variant names must be in the storyboard (a misspelt
    one would silently drop slides), and every variant must keep at least one slide."""
    known = {
        "sections": [s.slide_id for s in slides if s.kind == "section"],
        "slides": [s.slide_id for s in slides],
        "tags": sorted({tag for s in slides for tag in s.tags}),
    }
    what = {"sections": "section slide", "slides": "slide", "tags": "slide tagged"}
    owners = sections_of(tuple(slides))
    for name, variant in variants.items():
        wrong = False
        for part in ("include", "exclude"):
            selector = getattr(variant, part)
            if selector is None:
                continue
            for field_name, available in known.items():
                for position, ref in enumerate(getattr(selector, field_name)):
                    if ref in available:
                        continue
                    wrong = True
                    hint = did_you_mean(ref, available) if available else None
                    if field_name == "tags" and not available:
                        hint = "tag slides first, e.g. `tags: [short]` on a storyboard entry"
                    diags.error(
                        "E212",
                        f"variants.{name}.{part}.{field_name}: no {what[field_name]} `{ref}` "
                        "in the storyboard",
                        smap.locate(("variants", name, part, field_name, position)),
                        hint,
                    )
        kept = any(variant.keeps(s, owner) for s, owner in zip(slides, owners, strict=True))
        if not kept and not wrong:  # a misspelt name explains it already
            diags.error(
                "E213",
                f"variant `{name}` keeps no slides",
                smap.locate(("variants", name), key=True),
                "check its `include:` and `exclude:`",
            )


def check_duplicate_sources(sources: Any, smap: SourceMap, diags: Diagnostics) -> None:
    """Two sources with one address would get two numbers on the Sources slide for one page
    (W211). Addresses are compared as a browser would open them: scheme and host in any case,
    with or without a trailing slash."""
    if not isinstance(sources, dict):
        return  # not a mapping of sources: the model reports that
    first: dict[str, str] = {}  # normalised address -> id of the first source with it
    for source_id, source in sources.items():
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str) or not url.strip():
            continue
        address = _same_page(url)
        if address not in first:
            first[address] = str(source_id)
            continue
        earlier = first[address]
        at = smap.values.get(("sources", earlier, "url"))
        on_line = f" (line {at.line})" if at and at.line else ""
        diags.warning(
            "W211",
            f"sources `{earlier}`{on_line} and `{source_id}` have the same address; "
            "cite one of them",
            smap.locate(("sources", source_id, "url")),
            f"delete `{source_id}` and write `source: {earlier}` where it was cited, so the "
            "Sources slide lists the page once",
        )


def _same_page(url: str) -> str:
    """An address as a browser would open it: scheme and host lower-case, no trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.rpartition("@")
    netloc = host[0] + host[1] + host[2].lower()
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, parts.fragment))
