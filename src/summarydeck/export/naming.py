"""Slide ids -> safe file names and contact-sheet captions. Pure functions."""

from __future__ import annotations

import re
import unicodedata

MAX_ID_LENGTH = 60  # keeps `NN-<id>.png` well inside every file system's name limit
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def sanitise_id(text: str) -> str:
    """`text` as lower-case ASCII letters, digits and single hyphens ("" if nothing is left).

    Accents are dropped rather than the letters (`Ŵyl` -> `wyl`), so a Welsh or French id still
    reads as itself."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SAFE.sub("-", ascii_text).strip("-")[:MAX_ID_LENGTH].rstrip("-")


def slide_id(name: str | None, number: int) -> str:
    """The id a slide's file is named by: its `p:cSld` name made safe, else `slide-NN`."""
    return sanitise_id(name or "") or f"slide-{number:02d}"


def number_width(slide_count: int) -> int:
    """Digits in a slide number: 2, or as many as the deck needs (3 past 99 slides)."""
    return max(2, len(str(slide_count)))


def slide_file_name(number: int, ident: str, slide_count: int) -> str:
    """`07-why-it-matters.png`: numbered first, so a folder listing is in slide order."""
    return f"{number:0{number_width(slide_count)}d}-{ident}.png"


def caption(number: int, ident: str) -> str:
    return f"{number} · {ident}"
