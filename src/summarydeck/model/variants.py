"""Variants: named decks cut from one storyboard (`full`, a short talk, a workshop).

A variant picks storyboard entries by section, slide id or tag, and can add a discussion slide
after each opportunity. Selecting happens before layout, so the agenda, the sources slide and
the slide numbers describe the variant's own deck.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field, StrictBool

from summarydeck.model.content import ContentId, Strict, Text
from summarydeck.model.storyboard import SlideSpec


class Selector(Strict):
    """Entries named by the section they are in, their own id, or a tag they carry."""

    sections: list[ContentId] = Field(default_factory=list)
    slides: list[ContentId] = Field(default_factory=list)
    tags: list[ContentId] = Field(default_factory=list)

    def matches(self, spec: SlideSpec, section: str | None) -> bool:
        return (
            (section is not None and section in self.sections)
            or spec.slide_id in self.slides
            or any(tag in self.tags for tag in spec.tags)
        )


class Variant(Strict):
    description: Text | None = None
    include: Selector | None = None  # absent: every entry
    exclude: Selector = Field(default_factory=Selector)
    # after each opportunity slide, a slide of that opportunity's workshop prompts
    discussion: StrictBool = False  # `yes` in quotes is text, not a yes
    # a promise the build keeps: a talk slot of ten minutes has room for ten slides
    max_slides: int | None = Field(default=None, ge=1, le=999, strict=True)
    subtitle: Text | None = Field(default=None, max_length=255)  # replaces the deck's

    def keeps(self, spec: SlideSpec, section: str | None) -> bool:
        """Whether this variant shows a storyboard entry (in `section`)."""
        included = self.include is None or self.include.matches(spec, section)
        return included and not self.exclude.matches(spec, section)


@dataclass(frozen=True)
class Entry:
    """A storyboard entry to lay out; `index` is its place in `slides:`, for locating problems
    (a generated discussion slide takes the place of the opportunity slide it follows)."""

    index: int
    spec: SlideSpec


def sections_of(slides: tuple[SlideSpec, ...]) -> list[str | None]:
    """The section each entry belongs to: the id of the last `section` slide at or before it."""
    current: str | None = None
    owners: list[str | None] = []
    for spec in slides:
        if spec.kind == "section":
            current = spec.slide_id
        owners.append(current)
    return owners
