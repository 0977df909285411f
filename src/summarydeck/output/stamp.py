"""The build's stamp in the deck's custom document properties (File > Info > Properties >
Custom in PowerPoint): which tool version wrote it, from which content, and a fingerprint of
what its slides showed. PowerPoint keeps custom properties when it saves, so a later build can
tell whether someone edited the deck since (see `output/guard.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarydeck.ooxml.names import STAMP_PREFIX as PREFIX
from summarydeck.ooxml.properties import read_custom_properties


@dataclass(frozen=True)
class Stamp:
    version: str
    content_hash: str  # the content files, variant and selection the deck was built from
    slides_hash: str  # ooxml/inventory.fingerprint of the slides as written
    variant: str = ""

    def properties(self) -> dict[str, str]:
        return {
            f"{PREFIX}version": self.version,
            f"{PREFIX}content-hash": self.content_hash,
            f"{PREFIX}slides-hash": self.slides_hash,
            f"{PREFIX}variant": self.variant,
        }


def read_stamp(path: Path) -> Stamp | None:
    """The stamp of a deck on disk, or None when it has none (not written by summarydeck, or
    not a deck at all)."""
    values = read_custom_properties(path)
    if values is None or f"{PREFIX}slides-hash" not in values:
        return None
    return Stamp(
        values.get(f"{PREFIX}version", ""),
        values.get(f"{PREFIX}content-hash", ""),
        values[f"{PREFIX}slides-hash"],
        values.get(f"{PREFIX}variant", ""),
    )
