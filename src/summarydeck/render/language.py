"""What a deck's language asks of the package: the direction paragraphs run in, and the theme
fonts PowerPoint uses for East Asian and complex scripts (which a Latin brand font lacks).

PowerPoint picks a run's font by its script: Latin text takes the theme's `a:latin` typeface,
Chinese, Japanese and Korean its `a:ea`, and Arabic, Hebrew, Indic and Thai its `a:cs`. A theme
that leaves `a:ea` and `a:cs` empty leaves the choice to each viewer's settings, so a deck in
Japanese could open in a different font on every machine; the fonts named here ship with
Windows and Office for that language.
"""

from __future__ import annotations

from typing import Any

from pptx.oxml.ns import qn

from summarydeck.model.labels import primary

# languages written right to left (ISO 639 primary subtags)
RIGHT_TO_LEFT = frozenset({"ar", "arc", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})

# East Asian languages -> the theme's `a:ea` typeface (Chinese by script subtag or region)
_EAST_ASIAN = {"ja": "Yu Gothic", "ko": "Malgun Gothic", "zh": "Microsoft YaHei"}
_TRADITIONAL_CHINESE = "Microsoft JhengHei"

# complex-script languages -> the theme's `a:cs` typeface
_COMPLEX = {
    "ar": "Arial",
    "fa": "Arial",
    "ur": "Arial",
    "ps": "Arial",
    "ku": "Arial",
    "sd": "Arial",
    "ug": "Arial",
    "he": "Arial",
    "yi": "Arial",
    "hi": "Nirmala UI",
    "mr": "Nirmala UI",
    "ne": "Nirmala UI",
    "bn": "Nirmala UI",
    "gu": "Nirmala UI",
    "pa": "Nirmala UI",
    "ta": "Nirmala UI",
    "te": "Nirmala UI",
    "kn": "Nirmala UI",
    "ml": "Nirmala UI",
    "si": "Nirmala UI",
    "th": "Leelawadee UI",
    "dv": "MV Boli",
}


def language_is_rtl(language: str) -> bool:
    return primary(language) in RIGHT_TO_LEFT


def script_fonts(language: str) -> dict[str, str]:
    """The theme typefaces the language needs beyond Latin: {"ea": ...} or {"cs": ...}."""
    code = primary(language)
    tags = {tag.lower() for tag in language.split("-")[1:]}
    if code in _EAST_ASIAN:
        traditional = code == "zh" and bool(tags & {"hant", "tw", "hk", "mo"})
        return {"ea": _TRADITIONAL_CHINESE if traditional else _EAST_ASIAN[code]}
    if code in _COMPLEX:
        return {"cs": _COMPLEX[code]}
    return {}


def write_script_fonts(theme: Any, language: str, *, keep_theirs: bool = False) -> None:
    """Name the theme's East Asian or complex-script typeface for the deck's language, in both
    its heading and body fonts. On an organisation's template (`keep_theirs`) a typeface the
    template already names stays: it is their choice."""
    for script, typeface in script_fonts(language).items():
        for which in ("majorFont", "minorFont"):
            slot = theme.find(f".//{qn('a:fontScheme')}/{qn('a:' + which)}/{qn('a:' + script)}")
            if slot is None or (keep_theirs and slot.get("typeface")):
                continue
            slot.set("typeface", typeface)
