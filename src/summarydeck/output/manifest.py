"""`<deck>.manifest.json` beside each deck: every slide's id, title, section, notes and hash,
so a workshop organiser can tell which slides changed between two builds without opening
them. One manifest per deck file, named after it, so variants built into one folder do not
overwrite each other's. Deterministic: the same deck always gives the same manifest."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.ooxml.inventory import SlideRecord
from summarydeck.output.stamp import Stamp


@dataclass(frozen=True)
class SlideEntry:
    """What the manifest says of one slide beyond its record: where it comes from."""

    kind: str
    section: str | None


def manifest_path(deck: Path) -> Path:
    return deck.with_name(f"{deck.stem}.manifest.json")


def manifest_text(
    deck: Path,
    sha256: str,
    stamp: Stamp,
    records: Sequence[SlideRecord],
    entries: Sequence[SlideEntry],
) -> str:
    data = {
        "deck": deck.name,
        "generator": f"summarydeck {stamp.version}",
        "variant": stamp.variant or None,
        "sha256": sha256,
        "content_hash": stamp.content_hash,
        "slides_hash": stamp.slides_hash,
        "slides": [
            {
                "number": record.number,
                "id": record.id,
                "title": record.title,
                "kind": entry.kind,
                "section": entry.section,
                "hash": record.hash,
                "notes": record.notes,
            }
            for record, entry in zip(records, entries, strict=True)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
