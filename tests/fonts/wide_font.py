"""A test font of our own making: the bundled Carlito, cut to Latin text, stretched wider by
a quarter and renamed "Deckwide Test".

The SIL Open Font License lets anyone modify Carlito and use or share the result under another
name than its Reserved Font Name ("Carlito"); see LICENSE.md here. It is made when a test needs
it, never committed: `python tests/fonts/wide_font.py DIR` writes the four faces into DIR (to
install them for a LibreOffice render, say).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

import summarydeck

FAMILY = "Deckwide Test"
STRETCH = 1.25  # every glyph and advance this much wider than Carlito's
STYLES = {
    "regular": ("Regular", "Carlito-Regular.ttf"),
    "bold": ("Bold", "Carlito-Bold.ttf"),
    "italic": ("Italic", "Carlito-Italic.ttf"),
    "bold_italic": ("BoldItalic", "Carlito-BoldItalic.ttf"),
}
_BUNDLED = Path(summarydeck.__file__).resolve().parent / "fonts"
# Basic Latin, Latin-1, general punctuation (dashes, quotes, ellipsis), the euro and pound signs
_TEXT = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2040), 0x20AC, 0x2122]


def make_font(style: str, target: Path, family: str = FAMILY, stretch: float = STRETCH) -> Path:
    """Write the `style` face (regular, bold, italic, bold_italic) to `target`."""
    words, source = STYLES[style]
    font = TTFont(_BUNDLED / source)
    options = subset.Options()
    options.hinting = False  # stretched outlines would be hinted for the old ones
    options.layout_features = []  # no kerning: widths are the advances alone
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_TEXT)
    subsetter.subset(font)
    _stretch(font, stretch)
    _rename(font, family, words)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


def _stretch(font: TTFont, factor: float) -> None:
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:
                component.x = round(component.x * factor)
        elif glyph.numberOfContours > 0:
            glyph.coordinates.scale((factor, 1))
            glyph.coordinates.toInt()
        glyph.recalcBounds(glyf)
    metrics = font["hmtx"].metrics
    for name, (advance, lsb) in list(metrics.items()):
        metrics[name] = (round(advance * factor), round(lsb * factor))
    font["OS/2"].recalcAvgCharWidth(font)


def _rename(font: TTFont, family: str, style_words: str) -> None:
    """Every name that says Carlito says the new family instead (the OFL's rule for a
    modified font); the copyright and the licence stay."""
    table = font["name"]
    subfamily = {"BoldItalic": "Bold Italic"}.get(style_words, style_words)
    postscript = family.replace(" ", "") + "-" + style_words
    for record in table.names:
        if record.nameID in (1, 16):
            table.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            full = f"{family} {subfamily}" if subfamily != "Regular" else family
            table.setName(full, 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            table.setName(
                postscript, record.nameID, record.platformID, record.platEncID, record.langID
            )
    # vendor, designer and description name Carlito's makers and its own story: not ours
    table.names = [r for r in table.names if r.nameID not in (7, 8, 9, 10, 11, 12, 17, 21, 22)]


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    for style in STYLES:
        print(make_font(style, folder / f"DeckwideTest-{STYLES[style][0]}.ttf"))
