"""QR codes for slides that send people somewhere: a picture a phone can scan from the screen.

segno (pure Python, no dependencies) encodes the address and writes the PNG itself, with no
timestamp or software chunk, so one address always gives the same bytes and builds stay
byte-identical. The code is drawn dark on light whatever the brand's colours (many phone
cameras cannot read a code drawn light on dark), with the four-module quiet zone the QR
standard asks for, and at a whole number of pixels per module, so no module is blurred.
"""

from __future__ import annotations

import functools
import io

import segno

from summarydeck.markdown.typography import shown_address
from summarydeck.model.brand import Brand
from summarydeck.model.colour import contrast_ratio, relative_luminance
from summarydeck.model.labels import Labels

QUIET_ZONE = 4  # light modules around the code, as ISO/IEC 18004 asks
PIXELS_PER_MODULE = 16  # sharp on a projector at any size a slide gives it
# M recovers from about 15% damage (a glare spot, a keystoned projector); segno raises it when
# the same size of code has room for more
ERROR_LEVEL = "m"
_BLACK, _WHITE = "#000000", "#FFFFFF"


def qr_code(url: str) -> segno.QRCode:
    """The QR code of `url` (never a Micro QR, which phone cameras do not read)."""
    return segno.make_qr(url, error=ERROR_LEVEL)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, dark as True, without the quiet zone: what a scanner reads."""
    return tuple(tuple(bool(module) for module in row) for row in qr_code(url).matrix)


def qr_colours(brand: Brand) -> tuple[str, str]:
    """(dark, light): the brand's text colour on its background when those are dark on light
    with strong contrast (7:1), else black on white."""
    dark, light = brand.colours.text, brand.colours.background
    if relative_luminance(dark) < relative_luminance(light) and contrast_ratio(dark, light) >= 7:
        return dark, light
    return _BLACK, _WHITE


def qr_png(url: str, brand: Brand) -> bytes:
    """PNG bytes of the code of `url` with its quiet zone, dark modules on a light square."""
    return _png(url, *qr_colours(brand))


@functools.lru_cache(maxsize=64)
def _png(url: str, dark: str, light: str) -> bytes:
    """Drawn once per address and colours: `watch` plans the closing slide on every save."""
    out = io.BytesIO()
    qr_code(url).save(
        out, kind="png", scale=PIXELS_PER_MODULE, border=QUIET_ZONE, dark=dark, light=light
    )
    return out.getvalue()


def qr_alt_text(url: str, labels: Labels) -> str:
    """What a screen reader says: that it is a QR code, and where it goes."""
    return labels.text("qr_code", address=shown_address(url))
