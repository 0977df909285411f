"""Write the brand into the deck's theme, master and layouts.

Colours go into the theme's colour scheme and fonts into its font scheme, so text and charts that
refer to theme slots stay on brand when someone edits the deck in PowerPoint. The default
template is 4:3; for 16:9 its master and layout shapes are stretched to the new width.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from summarydeck.model.brand import Brand
from summarydeck.model.template_brand import Template
from summarydeck.ooxml.names import A_NS, P_NS, qn
from summarydeck.plan.grid import Grid
from summarydeck.plan.types import ColourRole
from summarydeck.render.language import script_fonts, write_script_fonts

THEME_SLOTS: dict[ColourRole, Any] = {
    ColourRole.TEXT: MSO_THEME_COLOR.TEXT_1,
    ColourRole.BACKGROUND: MSO_THEME_COLOR.BACKGROUND_1,
    ColourRole.PRIMARY: MSO_THEME_COLOR.TEXT_2,
    ColourRole.SURFACE: MSO_THEME_COLOR.BACKGROUND_2,
    ColourRole.ACCENT1: MSO_THEME_COLOR.ACCENT_1,
    ColourRole.ACCENT2: MSO_THEME_COLOR.ACCENT_2,
    ColourRole.ACCENT3: MSO_THEME_COLOR.ACCENT_3,
    ColourRole.ACCENT4: MSO_THEME_COLOR.ACCENT_4,
    ColourRole.ACCENT5: MSO_THEME_COLOR.ACCENT_5,
    ColourRole.ACCENT6: MSO_THEME_COLOR.ACCENT_6,
    ColourRole.LINK: MSO_THEME_COLOR.HYPERLINK,
}


def set_colour(colour_format: Any, role: ColourRole, brand: Brand) -> None:
    """Point a python-pptx ColorFormat at a theme slot (RGB only for the muted text role)."""
    if role is ColourRole.MUTED:
        colour_format.rgb = RGBColor.from_string(brand.colours.muted.lstrip("#"))
    else:
        colour_format.theme_color = THEME_SLOTS[role]


def colour_fill(role: ColourRole, brand: Brand) -> Any:
    """`<a:solidFill>` of a colour role, as `set_colour` writes it through python-pptx: a theme
    slot, or RGB for the muted text role."""
    fill = etree.Element(qn("a:solidFill"))
    if role is ColourRole.MUTED:
        hex_value = str(RGBColor.from_string(brand.colours.muted.lstrip("#")))
        etree.SubElement(fill, qn("a:srgbClr"), val=hex_value)
    else:
        etree.SubElement(fill, qn("a:schemeClr"), val=THEME_SLOTS[role].xml_value)
    return fill


def apply_brand(
    prs: Any, brand: Brand, only: Template | None = None, language: str = "en-GB"
) -> None:
    """Write the brand into the deck's theme and master. On an organisation's template
    (`only`), write just the colours and fonts the brand file sets: the rest is theirs.
    `language` names the theme's East Asian or complex-script font where it needs one."""
    if only is not None:
        _over_template(prs, brand, only, language)
        return
    grid = Grid.for_size(brand.slide_size)
    prs.slide_width, prs.slide_height = grid.width, grid.height
    size = prs.part._element.find(qn("p:sldSz"))
    if brand.slide_size == "4:3":
        size.set("type", "screen4x3")
    elif "type" in size.attrib:
        del size.attrib["type"]  # Widescreen has no preset name in the schema's list
    _brand_master(prs, brand)
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    _write_colours(theme, brand)
    _write_fonts(theme, brand)
    write_script_fonts(theme, language)
    theme.set("name", f"{brand.name} theme")
    theme_part._blob = etree.tostring(
        theme, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _over_template(prs: Any, brand: Brand, template: Template, language: str) -> None:
    if not template.colours and not template.fonts and not script_fonts(language):
        return
    for master in prs.slide_masters:
        theme_part = master.part.part_related_by(RT.THEME)
        theme = etree.fromstring(theme_part.blob)
        if template.colours:
            _write_colours(theme, brand, template.colours)
        if template.fonts:
            _write_fonts(theme, brand, template.fonts)
        write_script_fonts(theme, language, keep_theirs=True)
        theme_part._blob = etree.tostring(
            theme, xml_declaration=True, encoding="UTF-8", standalone=True
        )


_ROLE_SLOTS = {
    "text": ("dk1",),
    "background": ("lt1",),
    "primary": ("dk2",),
    "surface": ("lt2",),
    "link": ("hlink", "folHlink"),
    "accents": tuple(f"accent{i}" for i in range(1, 7)),
}


def _write_colours(theme: Any, brand: Brand, roles: frozenset[str] | None = None) -> None:
    """The brand's colours into the theme's slots (only `roles`' slots, when given)."""
    scheme = theme.find(f".//{{{A_NS}}}clrScheme")
    if roles is None:
        scheme.set("name", brand.name)
    c = brand.colours
    accents = [c.accents[i % len(c.accents)] for i in range(6)]
    slots = {
        "dk1": c.text,
        "lt1": c.background,
        "dk2": c.primary,
        "lt2": c.surface,
        "hlink": c.link,
        "folHlink": c.link,
        **{f"accent{i + 1}": a for i, a in enumerate(accents)},
    }
    if roles is not None:
        wanted = {slot for role in roles for slot in _ROLE_SLOTS.get(role, ())}
        slots = {slot: value for slot, value in slots.items() if slot in wanted}
    for slot, hex_colour in slots.items():
        element = scheme.find(f"{{{A_NS}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A_NS}}}srgbClr", val=hex_colour.lstrip("#").upper())


def _write_fonts(theme: Any, brand: Brand, roles: frozenset[str] | None = None) -> None:
    scheme = theme.find(f".//{{{A_NS}}}fontScheme")
    if roles is None:
        scheme.set("name", brand.name)
    for tag, role, family in (
        ("majorFont", "heading", brand.fonts.heading),
        ("minorFont", "body", brand.fonts.body),
    ):
        if roles is not None and role not in roles:
            continue
        scheme.find(f"{{{A_NS}}}{tag}/{{{A_NS}}}latin").set("typeface", family)


def _brand_master(prs: Any, brand: Brand) -> None:
    """Master text styles on brand, so text anywhere without a style of its own (a layout
    someone adds in PowerPoint) gets the deck's rather than Office's defaults."""
    master = prs.slide_master.element
    scale = brand.type_scale
    title = master.find(f"{{{P_NS}}}txStyles/{{{P_NS}}}titleStyle/{{{A_NS}}}lvl1pPr")
    title.set("algn", "l")
    _style_run_defaults(title, scale.title, "tx2", bold=True)
    body = master.find(f"{{{P_NS}}}txStyles/{{{P_NS}}}bodyStyle")
    for level, size in zip(range(1, 4), (scale.body, scale.body, scale.body_min), strict=True):
        _style_run_defaults(body.find(f"{{{A_NS}}}lvl{level}pPr"), size, "tx1")


def _style_run_defaults(level: Any, size: float, scheme_colour: str, bold: bool = False) -> None:
    defaults = level.find(f"{{{A_NS}}}defRPr")
    defaults.set("sz", str(round(size * 100)))
    if bold:
        defaults.set("b", "1")
    fill = defaults.find(f"{{{A_NS}}}solidFill")
    for child in list(fill):
        fill.remove(child)
    etree.SubElement(fill, f"{{{A_NS}}}schemeClr", val=scheme_colour)
