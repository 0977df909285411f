"""The one read-only walk over an open deck that the checker's reader, the inventory (manifest,
`diff`, edit guard) and export share: each slide with its XML, its name, whether it is hidden,
its relationships, notes, layout and master."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.names import R_NS, qn


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


def default_text_style(prs: Any) -> Any:
    """The presentation's `<p:defaultTextStyle>`, the last link of every text style chain."""
    return prs.part._element.find(qn("p:defaultTextStyle"))
