"""The storyboard: the ordered list of slides, each naming its kind and the content it shows."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.model.content import ContentId, Markdown, Status, Strict, Text, Workshop, slug


class SlideSpec(Strict):
    """Fields every slide entry may carry; each slide kind adds its own."""

    kind: str
    id: ContentId | None = None  # stable id used as the slide's name; derived when absent
    notes: Markdown | None = None  # speaker notes; drafted from the slide when absent
    tags: list[ContentId] = Field(default_factory=list)
    # for text written on the slide itself (bullets, cards): `unconfirmed` marks the slide and
    # stops a final build, like an unconfirmed statistic; absent means nothing is claimed
    status: Status | None = None
    check: Text | None = None
    # prompts for a workshop's discussion of this slide: a variant with `discussion: true`
    # adds a discussion slide after it (as it does after an opportunity with `workshop:`)
    workshop: Workshop | None = None

    # field name -> content collection it refers to, checked once for every kind
    references: ClassVar[dict[str, str]] = {}

    def default_id(self) -> str:
        """The id used when the entry gives none: the referenced content id, else the title's
        words, else the kind. Give an explicit `id` to keep it stable while a title is edited."""
        for field_name in self.references:
            value = getattr(self, field_name, None)
            if isinstance(value, str):
                return value
        title = getattr(self, "title", None)
        if isinstance(title, str) and title.strip():
            words = slug(title)[:40].strip("-")
            if words:
                return words
        return self.kind

    @property
    def slide_id(self) -> str:
        return self.id or self.default_id()
