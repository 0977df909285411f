"""Our layouts mapped onto an organisation's template: by name, or as `brand.layouts` says.

A layout the template has takes the template's place for the title and the template's look;
the kind's other text goes into the template's body placeholders where the kind puts it. A
layout the template lacks stays ours (added to the template's master), with a warning that
names it, as pandoc's reference documents do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from summarydeck.diagnostics import Diagnostics, did_you_mean
from summarydeck.model.template_brand import Template
from summarydeck.ooxml.templates import LayoutInfo, PlaceholderInfo
from summarydeck.plan.layout_design import (
    TEMPLATE_FILLS,
    LayoutDesign,
    LayoutSet,
    PlaceholderDesign,
)
from summarydeck.plan.types import ColourRole
from summarydeck.source.yaml_loader import SourceMap

BACKGROUND = ColourRole.BACKGROUND


def onto_template(
    ours: LayoutSet,
    template: Template,
    mapping: dict[str, str],
    used_kinds: Iterable[str],
    smap: SourceMap,
    diags: Diagnostics,
) -> LayoutSet:
    """`ours` with each layout the template has replaced by the template's (reported: a
    mapping that names what does not exist, a layout the deck uses that the template lacks)."""
    available: dict[str, tuple[int, LayoutInfo]] = {}
    for number, master in enumerate(template.info.masters, 1):
        for layout in master.layouts:
            available.setdefault(layout.name.casefold(), (number, layout))
    names = [d.name for d in ours.designs]
    template_names = [layout.name for _, layout in available.values()]
    for key, target in mapping.items():
        where = smap.locate(("brand", "layouts", key), key=True)
        if key not in names:
            diags.error(
                "E217",
                f"brand.layouts: `{key}` is not one of summarydeck's layouts",
                where,
                did_you_mean(key, names) or "the layouts are: " + ", ".join(names),
            )
        elif target.casefold() not in available:
            diags.error(
                "E217",
                f"brand.layouts: the template has no layout `{target}` (for `{key}`)",
                smap.locate(("brand", "layouts", key)),
                did_you_mean(target, template_names)
                or "its layouts are: " + ", ".join(template_names),
            )
    used = {ours.for_kind[kind] for kind in used_kinds if kind in ours.for_kind}
    designs: list[LayoutDesign] = []
    missing: list[str] = []
    for design in ours.designs:
        wanted = mapping.get(design.name, design.name)
        found = available.get(wanted.casefold())
        size = (template.info.width, template.info.height)
        derived = _derived(design, *found, size) if found else None
        if derived is None and design.name in used:
            why = "" if found is None else " (it has no title placeholder of a size on the slide)"
            missing.append(f"`{wanted}`{why}")
        designs.append(derived or design)
    if missing:
        diags.warning(
            "W206",
            f"the template has no layout {_listed(missing)}: slides that use "
            f"{'it get' if len(missing) == 1 else 'them get'} summarydeck's own",
            smap.locate(("brand", "template")),
            "add layouts of those names to the template, or map them onto its own in "
            "`brand.layouts` (`<our layout>: <a layout of the template>`)",
        )
    return LayoutSet(tuple(designs), ours.for_kind)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _derived(
    design: LayoutDesign, master: int, layout: LayoutInfo, size: tuple[int, int]
) -> LayoutDesign | None:
    """`design` as the template's `layout` draws it; None when the layout has no title. A
    placeholder of no size, or not wholly on the slide, is as good as none."""
    free = sorted(
        (p for p in layout.placeholders if _usable(p, *size)), key=lambda p: (p.idx, p.type)
    )
    placeholders: list[PlaceholderDesign] = []
    for ours in design.placeholders:
        fills = TEMPLATE_FILLS[ours.role]
        theirs = next((p for kind in fills for p in free if p.type == kind), None)
        if theirs is None:
            if ours.role == "title":
                return None
            if ours.role not in ("footer", "slide_number"):
                placeholders.append(ours)  # no such placeholder there: a text box of its own
            continue
        free.remove(theirs)
        placeholders.append(_placed(ours, theirs, display=design.background != BACKGROUND))
    # still named as ours (two of ours may be drawn by one of theirs, each with its own places)
    return LayoutDesign(
        design.name,
        tuple(placeholders),
        background=design.background,
        kind=design.kind,
        description=design.description,
        template_layout=(master, layout.index),
    )


def _usable(placeholder: PlaceholderInfo, width: int, height: int) -> bool:
    box = placeholder.box
    return (
        box is not None
        and box.width > 0
        and box.height > 0
        and box.left >= 0
        and box.top >= 0
        and box.right <= width
        and box.bottom <= height
    )


def _placed(ours: PlaceholderDesign, theirs: PlaceholderInfo, display: bool) -> PlaceholderDesign:
    """Our placeholder, filled into theirs: a title where their layout puts it (at their
    size), and on a title, section or closing layout (`display`) its other text too; other
    text where the kind puts it (their box kept, so the slide says its own)."""
    ph = (theirs.type, theirs.idx)
    footer = ours.role in ("footer", "slide_number")
    if (ours.role == "title" or (display and not footer)) and theirs.box is not None:
        style = dataclasses.replace(ours.style, size=theirs.size or ours.style.size)
        return dataclasses.replace(
            ours, box=theirs.box, style=style, ph=ph, inset=theirs.left_inset
        )
    # our place, their inset: the text is measured as their placeholder draws it
    return dataclasses.replace(ours, ph=ph, layout_box=theirs.box, inset=theirs.left_inset)
