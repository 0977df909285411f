"""The one read-only walk over an open deck that the checker's reader, the inventory (manifest,
`diff`, edit guard) and export share: each slide with its XML, its name, whether it is hidden,
its relationships, notes, layout and master."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from summarydeck.ooxml.names import R_NS, qn
from summarydeck.ooxml.opening import DeckReadError, open_presentation

T = TypeVar("T")


@dataclass(frozen=True)
class SlideParts:
    number: int  # counted from 1
    slide: Any  # python-pptx's slide: its shape proxies and layout chain

    @property
    def element(self) -> Any:
        """The slide's `<p:sld>`."""
        return self.slide._element

    @property
    def name(self) -> str:
        """The name summarydeck gives a slide (its id); "" when it has none."""
        tree = self.element.find(qn("p:cSld"))
        return str(tree.get("name", "")) if tree is not None else ""

    @property
    def hidden(self) -> bool:
        """PowerPoint's Hide Slide: not shown in a slide show, left out of a PDF."""
        return self.element.get("show") in ("0", "false")

    @property
    def layout(self) -> Any:
        return self.slide.slide_layout

    @property
    def master(self) -> Any:
        return self.slide.slide_layout.slide_master

    def external_targets(self) -> dict[str, str]:
        """Relationship id to address, for the slide's links to outside the deck."""
        return {rid: rel.target_ref for rid, rel in self.slide.part.rels.items() if rel.is_external}

    def target_of(self, element: Any) -> str:
        """The address an element's `r:id` names (a link's), or its `action` when it has none;
        relationship ids themselves are left out, since a re-save renumbers them."""
        rel_id = element.get(f"{{{R_NS}}}id")
        if not rel_id:
            return str(element.get("action", ""))
        try:
            return str(self.slide.part.rels[rel_id].target_ref)
        except KeyError:
            return str(rel_id)

    def related_blob(self, rel_id: str) -> bytes:
        """The bytes of a part the slide refers to (a picture)."""
        return bytes(self.slide.part.related_part(rel_id).blob)

    def related_chart(self, rel_id: str) -> Any:
        """python-pptx's chart for a chart part the slide refers to."""
        return self.slide.part.related_part(rel_id).chart

    @property
    def notes(self) -> str:
        """The speaker notes; "" when there are none, or the notes page has no body (another
        tool's deck may have such a page)."""
        if not self.slide.has_notes_slide:
            return ""
        frame = self.slide.notes_slide.notes_text_frame
        return str(frame.text) if frame is not None else ""


def slides(prs: Any) -> Iterator[SlideParts]:
    """Every slide of an open deck, in order."""
    for number, slide in enumerate(prs.slides, 1):
        yield SlideParts(number, slide)


def read_each_slide(source: Path, read: Callable[[SlideParts], T]) -> list[T]:
    """`read` applied to every slide of the deck at `source`. Raises DeckReadError when it is
    not a deck, or when a slide cannot be read (a damaged package that opened)."""
    prs = open_presentation(source)
    # what was being read, for the message: python-pptx resolves every slide before the first
    reading = "its list of slides is damaged"
    try:
        found = []
        for parts in slides(prs):
            reading = f"slide {parts.number} is damaged"
            found.append(read(parts))
        return found
    except Exception as exc:  # python-pptx and lxml raise many kinds for a damaged slide
        raise DeckReadError(
            f"{source}: cannot be read as a PowerPoint deck: {reading} ({type(exc).__name__})",
            "open it in PowerPoint and save it again, or build it again",
        ) from exc


@dataclass(frozen=True)
class SlideSummary:
    number: int
    name: str  # "" when the slide has none
    hidden: bool


def slide_summaries(source: Path) -> list[SlideSummary]:
    """Each slide's number, name and whether it is hidden: what export needs to name files."""
    return read_each_slide(source, lambda s: SlideSummary(s.number, s.name, s.hidden))


def default_text_style(prs: Any) -> Any:
    """The presentation's `<p:defaultTextStyle>`, the last link of every text style chain."""
    return prs.part._element.find(qn("p:defaultTextStyle"))
