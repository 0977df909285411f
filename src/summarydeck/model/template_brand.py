"""A brand built on an organisation's template: its theme colours and fonts, and its slide
size, unless the brand file sets them.

The template is read once, here, so every problem with it is reported at the `template:` line
of the brand file with the content's other errors, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import Diagnostics
from summarydeck.model.brand import SUPPORTED_FONTS, Brand, Colours, Fonts
from summarydeck.ooxml.templates import TemplateError, TemplateInfo, read_template
from summarydeck.source import limits
from summarydeck.source.assets import problem_with
from summarydeck.source.yaml_loader import SourceMap

TEMPLATE_CODE = "E217"
# the slide sizes our grid lays out: PowerPoint's Widescreen and Standard (4:3), in EMU
_SIZES = {(12_192_000, 6_858_000): "16:9", (9_144_000, 6_858_000): "4:3"}
# theme slot -> the brand's colour role (muted is not a theme slot: the brand's stays)
_SLOTS = {"text": "dk1", "background": "lt1", "primary": "dk2", "surface": "lt2", "link": "hlink"}


@dataclass(frozen=True)
class Template:
    """The organisation's template a deck is built on, and what the brand file sets over it
    (written into the deck's theme; the rest of the theme stays the template's)."""

    path: Path
    info: TemplateInfo
    colours: frozenset[str]  # colour roles the brand file sets: text, primary, accents ...
    fonts: frozenset[str]  # heading, body


def with_template(
    brand: Brand, root: Path, smap: SourceMap, diags: Diagnostics
) -> tuple[Brand, Template | None]:
    """The brand with what its template gives, and the template; (brand, None) when it names
    none, or when the template cannot be used (reported)."""
    if not brand.template:
        return brand, None
    where = smap.locate(("brand", "template"))
    path = root / brand.template
    problem = problem_with(root, brand.template, limits.MAX_TEMPLATE_BYTES)
    if problem is not None:
        diags.error(
            TEMPLATE_CODE,
            f"brand.template: `{brand.template}` {problem}",
            where,
            "the path is relative to the content folder"
            if problem == "not found"
            else "copy the template into the content folder, or name its folder with --assets DIR",
        )
        return brand, None
    try:
        info = read_template(path)
    except TemplateError as exc:
        message = str(exc).replace(str(path), f"`{brand.template}`", 1)
        diags.error(TEMPLATE_CODE, f"brand.template: {message}", where, exc.hint)
        return brand, None
    size = _SIZES.get((info.width, info.height))
    if size is None:
        diags.error(
            TEMPLATE_CODE,
            f"brand.template: its slides are {info.width / 914400:.2f} x "
            f"{info.height / 914400:.2f} in; summarydeck lays out Widescreen (13.33 x 7.5 in) "
            "or Standard (10 x 7.5 in) slides",
            where,
            "in PowerPoint, Design > Slide Size > Widescreen or Standard (4:3), then save "
            "the template again",
        )
        return brand, None
    zero = [
        f"`{p.name}` on layout `{layout.name}`"
        for master in info.masters
        for layout in master.layouts
        for p in layout.placeholders
        if p.box is not None and (p.box.width <= 0 or p.box.height <= 0)
    ]
    if zero:
        # a shape of no size is one PowerPoint may offer to repair: the deck would not pass
        # its own package checks
        diags.error(
            TEMPLATE_CODE,
            "brand.template: placeholders of no size: "
            + ", ".join(zero[:5])
            + (f" and {len(zero) - 5} more" if len(zero) > 5 else ""),
            where,
            "give them a size in PowerPoint (View > Slide Master), or delete them; "
            f"`summarydeck template check {brand.template}` lists every problem",
        )
        return brand, None
    colours = brand.colours.model_fields_set if "colours" in brand.model_fields_set else set()
    fonts = brand.fonts.model_fields_set if "fonts" in brand.model_fields_set else set()
    updates: dict[str, Any] = {
        "slide_size": size,
        "colours": _colours(brand, info, colours),
        "fonts": _fonts(brand, info, fonts, smap, diags),
    }
    template = Template(path, info, frozenset(colours), frozenset(fonts))
    return brand.model_copy(update=updates), template


def _colours(brand: Brand, info: TemplateInfo, given: set[str]) -> Colours:
    """The template's theme colours for every role the brand file does not set."""
    theme = info.colours
    values: dict[str, Any] = {}
    for role, slot in _SLOTS.items():
        if role not in given and slot in theme:
            values[role] = theme[slot]
    if "accents" not in given:
        accents = [theme[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in theme]
        if accents:
            values["accents"] = accents
    # model_copy skips validation: write the colours the way the validator would
    return brand.colours.model_copy(
        update={
            k: [a.upper() for a in v] if isinstance(v, list) else v.upper()
            for k, v in values.items()
        }
    )


def _fonts(
    brand: Brand, info: TemplateInfo, given: set[str], smap: SourceMap, diags: Diagnostics
) -> Fonts:
    """The template's theme fonts for the roles the brand file does not set, when summarydeck
    can measure them; otherwise the brand's own, with a warning."""
    values: dict[str, str] = {}
    for role, family in (("heading", info.major_font), ("body", info.minor_font)):
        if role in given or not family:
            continue
        if family in SUPPORTED_FONTS or family in brand.fonts.files:
            values[role] = family
        else:
            diags.warning(
                "W207",
                f"brand.template: its {role} font `{family}` has no metric-compatible font "
                f"here; text is fitted as if set in {getattr(brand.fonts, role)}",
                smap.locate(("brand", "template")),
                f"give the files of `{family}` under `brand.fonts.files` (docs/fonts.md), set "
                "`brand.fonts`, or use " + ", ".join(SUPPORTED_FONTS[:3]) + " in the template",
            )
    return brand.fonts.model_copy(update=values)
