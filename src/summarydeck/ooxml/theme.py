"""Colours and fonts as PowerPoint resolves them: the master's colour map, the theme's scheme
and style lists, and the modifiers (lumMod, tint ...) Office's colour picker writes."""

from __future__ import annotations

import colorsys
import dataclasses
from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.names import REL_THEME, local_name, qn
from summarydeck.ooxml.xml import parse


@dataclass
class Theme:
    colours: dict[str, str]  # scheme name (dk1, accent1 ...) -> hex
    colour_map: dict[str, str]  # bg1/tx1/bg2/tx2 ... -> scheme name
    major: str
    minor: str
    fill_styles: list[str]  # the theme's fill styles by kind: "solidFill", "gradFill" ...
    background_styles: list[str]

    def scheme(self, name: str) -> str | None:
        return self.colours.get(self.colour_map.get(name, name))


def read_theme(master: Any) -> Theme:
    """The theme of python-pptx's slide master `master`, through its colour map."""
    theme_part = next(
        rel.target_part for rel in master.part.rels.values() if rel.reltype == REL_THEME
    )
    root = parse(theme_part.blob)  # a deck's part: no entities, no network
    return theme_from(root, master._element)


def theme_from(root: Any, master: Any) -> Theme:
    """The theme whose part's root element is `root`, as the master element `master` maps
    its colours."""
    colours: dict[str, str] = {}
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for slot in scheme if scheme is not None else []:
        srgb = slot.find(qn("a:srgbClr"))
        sys = slot.find(qn("a:sysClr"))
        value = (
            srgb.get("val") if srgb is not None else sys.get("lastClr") if sys is not None else None
        )
        if value:
            colours[local_name(slot)] = "#" + value.upper()
    fonts = root.find(f".//{qn('a:fontScheme')}")
    major = _latin(fonts, "a:majorFont") if fonts is not None else "Calibri"
    minor = _latin(fonts, "a:minorFont") if fonts is not None else "Calibri"
    clr_map = master.find(qn("p:clrMap"))
    colour_map = dict(clr_map.attrib) if clr_map is not None else {}

    def kinds(name: str) -> list[str]:
        found = root.find(f".//{qn(name)}")
        return [local_name(c) for c in found] if found is not None else []

    return Theme(
        colours, colour_map, major, minor, kinds("a:fillStyleLst"), kinds("a:bgFillStyleLst")
    )


def _style_reference(ref: Any, theme: Theme) -> tuple[str | None, bool]:
    """A fill or background reference to the theme's style lists: a solid style takes the
    reference's own colour; a gradient or picture style cannot be judged."""
    idx = int(ref.get("idx", "0"))
    styles, index = (
        (theme.background_styles, idx - 1001) if idx >= 1001 else (theme.fill_styles, idx - 1)
    )
    if index < 0:
        return None, False
    kind = styles[index] if index < len(styles) else "solidFill"
    if kind == "solidFill":
        return colour_of(ref, theme), False
    return (None, False) if kind == "noFill" else (None, True)


def _latin(fonts: Any, which: str) -> str:
    latin = fonts.find(f"{qn(which)}/{qn('a:latin')}")
    return latin.get("typeface", "Calibri") if latin is not None else "Calibri"


def colour_of(parent: Any, theme: Theme) -> str | None:
    """The colour a fill or colour element names, modifiers applied; None if there is none."""
    if parent is None:
        return None
    for child in parent:
        tag = local_name(child)
        if tag == "srgbClr":
            base = "#" + child.get("val", "000000").upper()
        elif tag == "schemeClr":
            found = theme.scheme(child.get("val", ""))
            if found is None:
                return None
            base = found
        elif tag == "sysClr":
            base = "#" + (child.get("lastClr") or "000000").upper()
        elif tag == "prstClr":
            preset = _PRESETS.get(child.get("val", ""))
            if preset is None:
                return None  # a preset we do not know: unknown, not guessed
            base = preset
        elif tag == "scrgbClr":  # linear-light percentages, in 1/1000 %
            base = _hex(*(_to_srgb(int(child.get(c, "0")) / 100_000) for c in "rgb"))
        elif tag == "hslClr":  # hue in 1/60000 degree, saturation and lightness in 1/1000 %
            hue = int(child.get("hue", "0")) / 21_600_000
            sat, lum = (int(child.get(k, "0")) / 100_000 for k in ("sat", "lum"))
            base = _hex(*colorsys.hls_to_rgb(hue, lum, sat))
        else:
            continue
        return _modified(base, child)
    return None


# the preset colours documents commonly use (the full list has 140 CSS-like names)
_PRESETS = {
    "black": "#000000",
    "white": "#FFFFFF",
    "red": "#FF0000",
    "green": "#008000",
    "lime": "#00FF00",
    "blue": "#0000FF",
    "yellow": "#FFFF00",
    "orange": "#FFA500",
    "gray": "#808080",
    "grey": "#808080",
    "dkGray": "#A9A9A9",
    "dkGrey": "#A9A9A9",
    "ltGray": "#D3D3D3",
    "ltGrey": "#D3D3D3",
    "silver": "#C0C0C0",
    "navy": "#000080",
    "darkBlue": "#00008B",
    "dkBlue": "#00008B",
    "purple": "#800080",
    "maroon": "#800000",
    "teal": "#008080",
}


def _to_srgb(linear: float) -> float:
    linear = max(0.0, min(1.0, linear))
    return 12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (r, g, b))


def _modified(base: str, element: Any) -> str:
    """Apply lumMod/lumOff/tint/shade, the modifiers Office's colour picker writes."""
    r, g, b = (int(base[i : i + 2], 16) / 255 for i in (1, 3, 5))
    for mod in element:
        name, value = local_name(mod), int(mod.get("val", "100000")) / 100_000
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * value if name == "lumMod" else min(1.0, lum + value)
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - value) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * value for c in (r, g, b))
    return _hex(r, g, b)


def fill_of(sp_pr: Any, style: Any, theme: Theme) -> tuple[str | None, bool]:
    """(solid colour, whether the fill is a picture or gradient) of a shape's properties."""
    if sp_pr is not None:
        if sp_pr.find(qn("a:noFill")) is not None:
            return None, False
        solid = sp_pr.find(qn("a:solidFill"))
        if solid is not None:
            return colour_of(solid, theme), False
        if sp_pr.find(qn("a:gradFill")) is not None or sp_pr.find(qn("a:blipFill")) is not None:
            return None, True
    # no fill of its own: a shape style's fill reference (what python-pptx's shapes get)
    if style is not None:
        ref = style.find(qn("a:fillRef"))
        if ref is not None:
            return _style_reference(ref, theme)
    return None, False


def for_slide(theme: Theme, slide: Any) -> Theme:
    """The theme as a slide sees it: a slide's or its layout's colour-map override (a dark
    section layout mapping `bg1` to `dk1`, say) replaces the master's map."""
    return for_parts(theme, (slide._element, slide.slide_layout._element))


_OVERRIDE = f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}"
_BACKGROUND = f"{qn('p:cSld')}/{qn('p:bg')}"


def for_parts(theme: Theme, parts: tuple[Any, ...]) -> Theme:
    """`for_slide` for a slide's element and its layout's."""
    for part in parts:
        override = part.find(_OVERRIDE)
        if override is not None:
            return dataclasses.replace(theme, colour_map=dict(override.attrib))
    return theme


def background_of(parts: tuple[Any, ...], theme: Theme) -> tuple[str | None, bool]:
    """The first background set on the slide, its layout or its master (their elements)."""
    for part in parts:
        bg = part.find(_BACKGROUND)
        if bg is None:
            continue
        bg_pr = bg.find(qn("p:bgPr"))
        if bg_pr is not None:
            colour, unknown = fill_of(bg_pr, None, theme)
            return (colour, unknown) if colour or unknown else ("#FFFFFF", False)
        ref = bg.find(qn("p:bgRef"))
        if ref is not None:
            return _style_reference(ref, theme)
    return theme.scheme("bg1") or "#FFFFFF", False
