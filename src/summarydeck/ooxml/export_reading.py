"""What export needs of a deck, read once from the bytes it was handed: the slides (numbers,
names, hidden or not, to name the pictures) and the files it links to (to refuse them)."""

from __future__ import annotations

from dataclasses import dataclass

from summarydeck.ooxml.external_links import LinkedFile, linked_files
from summarydeck.ooxml.opening import DeckReadError, open_presentation
from summarydeck.ooxml.walk import SlideSummary, slides


@dataclass(frozen=True)
class ExportFacts:
    slides: tuple[SlideSummary, ...]
    linked: tuple[LinkedFile, ...]


def read_export_facts(data: bytes, shown: str) -> ExportFacts:
    """The slides and linked files of a deck's bytes (`shown`: the file, for messages). Raises
    DeckReadError when they are not a deck, or a slide cannot be read."""
    prs = open_presentation(data, shown)
    reading = "its list of slides is damaged"  # python-pptx resolves every slide before the first
    try:
        found = []
        for parts in slides(prs):
            reading = f"slide {parts.number} is damaged"
            found.append(SlideSummary(parts.number, parts.name, parts.hidden))
        reading = "its relationships are damaged"
        return ExportFacts(tuple(found), tuple(linked_files(prs)))
    except Exception as exc:  # python-pptx and lxml raise many kinds for a damaged part
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck: {reading}",
            "open it in PowerPoint and save it again, or build it again",
        ) from exc
