"""A brand's own font files (`brand.fonts.files`): each read once from the content folder (or
an `--assets` folder), checked to be a TrueType or OpenType font of the family and style it is
given for, and the warning that people who open the deck need the font installed.

The bytes checked here are the bytes measured: a file changed after the check is not read again.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.model.brand import OFFICE_FONTS, Brand
from summarydeck.source import limits
from summarydeck.source.assets import allowed_folders, problem_with, read_asset
from summarydeck.source.yaml_loader import SourceMap

FILE_CODE = "E209"
AUDIENCE_CODE = "W213"
STYLES = ("regular", "bold", "italic", "bold_italic")
_FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"})
_MOST_LOOKED_AT = 2_000  # files looked at for "did you mean": a huge folder is not walked whole
# what a file's first bytes say it is, for a file that is not a font we can use
_NOT_FONTS = {
    b"ttcf": "a font collection (.ttc), several fonts in one file",
    b"wOFF": "a web font (WOFF)",
    b"wOF2": "a web font (WOFF2)",
    b"\x89PNG": "a PNG picture",
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a zip archive",
}
_FONT_STARTS = (b"\x00\x01\x00\x00", b"true", b"OTTO")


@dataclass(frozen=True)
class FontFile:
    """One face of a brand's font, as read and checked."""

    family: str
    style: str  # regular, bold, italic or bold_italic
    name: str  # the file as the brand file names it
    path: Path  # where it was read from (for matplotlib, which opens fonts by path)
    digest: str  # sha256 of the bytes: what caches of measurements and pictures are keyed by
    data: bytes = field(repr=False, compare=False)
    where: Location | None = field(default=None, compare=False)  # its line in the brand file


BrandFonts = dict[str, dict[str, FontFile]]  # family -> style -> its file


def check_font_files(brand: Brand, root: Path, smap: SourceMap, diags: Diagnostics) -> BrandFonts:
    """The brand's font files, each checked (every problem reported, E209), and the W213
    warning for a deck set in a font PowerPoint does not come with."""
    found: BrandFonts = {}
    for family, files in brand.fonts.files.items():
        faces = {}
        for style, name in files.named().items():
            where = smap.locate(("brand", "fonts", "files", family, style))
            face = _checked(family, style, name, root, where, diags)
            if face is not None:
                faces[style] = face
        if faces:
            found[family] = faces
    _warn_audience(brand, smap, diags)
    return found


def _checked(
    family: str, style: str, name: str, root: Path, where: Location | None, diags: Diagnostics
) -> FontFile | None:
    field_name = f"brand.fonts.files.{family}.{style}"
    problem = problem_with(root, name, limits.MAX_FONT_BYTES)
    if problem == "not found":
        near = _near(root, name)
        diags.error(
            FILE_CODE,
            f"{field_name}: font file `{name}` not found",
            where,
            f"did you mean `{near}`?"
            if near
            else "the path is relative to the content folder (or names a file in an --assets "
            "folder)",
        )
        return None
    if problem is not None:
        diags.error(
            FILE_CODE,
            f"{field_name}: font file `{name}` {problem}",
            where,
            "copy the font into the content folder and name it from there, or name its folder "
            "with --assets DIR",
        )
        return None
    try:
        data = read_asset(root, name, limits.MAX_FONT_BYTES)
    except OSError as exc:
        diags.error(FILE_CODE, f"{field_name}: {exc}", where)
        return None
    digest = hashlib.sha256(data).hexdigest()
    wrong = _not_a_font(data) or _wrong_face(data, family, style) or _damaged_glyph(data, digest)
    if wrong is not None:
        message, hint = wrong
        diags.error(FILE_CODE, f"{field_name}: `{name}` {message}", where, hint)
        return None
    return FontFile(family, style, name, (root / name).resolve(), digest, data, where)


def _not_a_font(data: bytes) -> tuple[str, str] | None:
    """Why the bytes are not a TrueType or OpenType font that FreeType (Pillow) can measure."""
    if not data.startswith(_FONT_STARTS):
        kind = next((what for start, what in _NOT_FONTS.items() if data.startswith(start)), None)
        if kind is not None and kind.startswith(("a font collection", "a web font")):
            return (
                f"is {kind}, not a single TrueType or OpenType font",
                "give the family's .ttf or .otf file of this style (what people install)",
            )
        return (
            f"is not a font: it is {kind or 'neither a TrueType nor an OpenType font'}",
            "name the family's .ttf or .otf file of this style",
        )
    from PIL import ImageFont

    try:
        ImageFont.truetype(io.BytesIO(data), 100).getlength("Hamburgefonstiv")
    except Exception:  # FreeType raises OSError, and others for damaged tables
        return (
            "is damaged: it starts like a font, but its glyphs cannot be read",
            "download the font again from where your organisation keeps it",
        )
    return None


def _wrong_face(data: bytes, family: str, style: str) -> tuple[str, str] | None:
    """A font of another family, or of another style, than the brand file gives it for."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            names = font["name"]
            legacy = (names.getDebugName(1) or "").strip()  # the family PowerPoint lists
            typographic = (names.getDebugName(16) or "").strip()
            subfamily = (names.getDebugName(2) or "").strip()
            mac_style = int(font["head"].macStyle)
            selection = int(font["OS/2"].fsSelection) if "OS/2" in font else 0
            has_map = font.getBestCmap() is not None
    except Exception:  # fontTools raises many kinds for a damaged table
        return (
            "is damaged: its name or header table cannot be read",
            "download the font again from where your organisation keeps it",
        )
    if not has_map:
        return ("has no map from characters to glyphs (a symbol font?)", "use a text font")
    if _same(legacy, family):
        bold = bool(mac_style & 1 or selection & 0x20)
        italic = bool(mac_style & 2 or selection & 0x01)
        wanted_bold, wanted_italic = style in ("bold", "bold_italic"), "italic" in style
        if (bold, italic) != (wanted_bold, wanted_italic):
            return (
                f"is the {subfamily or _style_words(bold, italic)} face of {family}, not its "
                f"{style.replace('_', ' ')} face",
                f"give the file of the {style.replace('_', ' ')} face here",
            )
        return None
    if typographic and _same(typographic, family):
        return (
            f"is the `{legacy}` font (of the {typographic} family): PowerPoint lists it as "
            f"`{legacy}`, and finds `{family}` only in its regular, bold and italic faces",
            f"give the {family} {style.replace('_', ' ')} file, or name the font `{legacy}`",
        )
    return (
        f"is a font of the family `{legacy or typographic or 'unnamed'}`, not `{family}`",
        f"give a file of {family} here, or name the font `{legacy}` as PowerPoint lists it"
        if legacy
        else f"give a file of {family} here",
    )


# font files (by digest) whose every mapped glyph was read: a rebuild of the same content (watch)
# does not read them all again
_WHOLE: set[str] = set()


def _damaged_glyph(data: bytes, digest: str) -> tuple[str, str] | None:
    """A glyph of the character map whose outline cannot be read (FreeType stops drawing there:
    a picture chart with that character would fail), found by drawing every mapped glyph, and
    the components of composite ones, with fontTools. About a tenth of a second for a Latin
    font; checked once per file in a process."""
    if digest in _WHOLE:
        return None
    from fontTools.pens.basePen import NullPen
    from fontTools.ttLib import TTFont

    broken: list[int] = []
    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            glyphs = font.getGlyphSet()
            done: dict[str, bool] = {}  # glyph name -> readable
            for code, name in sorted((font.getBestCmap() or {}).items()):
                if name not in done:
                    try:
                        glyphs[name].draw(NullPen())
                        done[name] = True
                    except Exception:  # fontTools raises many kinds for a damaged outline
                        done[name] = False
                if not done[name]:
                    broken.append(code)
    except Exception:  # a table the glyphs need (loca, hmtx, CFF) cannot be read at all
        return (
            "is damaged: its glyph outlines cannot be read",
            "download the font again from where your organisation keeps it",
        )
    if broken:
        first = _shown(broken[0])
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        return (
            f"is damaged: the glyph for {first}{more} cannot be read",
            "download the font again from where your organisation keeps it",
        )
    _WHOLE.add(digest)
    return None


def _shown(code: int) -> str:
    """A character as a message names it: `Q`, or U+00A0 for one that does not show."""
    char = chr(code)
    return f"`{char}`" if char.isprintable() and not char.isspace() else f"U+{code:04X}"


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _style_words(bold: bool, italic: bool) -> str:
    return ("Bold " if bold else "") + ("Italic" if italic else "") or "Regular"


def _near(root: Path, name: str) -> str | None:
    """The font file in the content folder (or an --assets folder) whose name is closest to
    `name`, as a path relative to the content folder: only names are looked at, never read."""
    candidates: dict[str, str] = {}  # lower-cased path -> as written
    for folder in (root, *allowed_folders()):
        for path in _font_files(folder):
            shown = Path(os.path.relpath(path, root)).as_posix()
            candidates.setdefault(shown.casefold(), shown)
    wanted = Path(name).as_posix().casefold()
    close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    if not close:  # the right file in another folder: match on the file's own name
        by_name = {Path(k).name: k for k in candidates}
        close = difflib.get_close_matches(Path(wanted).name, list(by_name), n=1, cutoff=0.6)
        close = [by_name[c] for c in close]
    return candidates[close[0]] if close else None


def _font_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    seen = 0
    # os.walk does not follow links into other folders; hidden folders (.git) are skipped
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for file in sorted(files):
            seen += 1
            if seen > _MOST_LOOKED_AT:
                return found
            if Path(file).suffix.lower() in _FONT_SUFFIXES:
                found.append(Path(top) / file)
    return found


def _warn_audience(brand: Brand, smap: SourceMap, diags: Diagnostics) -> None:
    """W213, once: the deck is set in a font that does not come with PowerPoint, and the brand
    has not said that the people who open it have the font."""
    if brand.fonts.audience_has_fonts:
        return
    missing = [f for f in brand.fonts.families() if f not in OFFICE_FONTS]
    if not missing:
        return
    named = " and ".join(f"`{f}`" for f in missing)
    diags.warning(
        AUDIENCE_CODE,
        f"brand.fonts: the deck is set in {named}, which PowerPoint does not come with: on a "
        "computer without it, PowerPoint shows the text in another font and does not say so, "
        "and lines may break differently or overflow their boxes",
        smap.locate(("brand", "fonts"), key=True),
        "install the font for everyone who opens the deck (or share it as a PDF: `summarydeck "
        "export`); when they have it, say so with `audience_has_fonts: true` under `fonts:`",
    )
