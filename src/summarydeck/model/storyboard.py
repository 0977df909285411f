"""The storyboard: the ordered list of slides, each naming its kind and the content it shows."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.model.content import ContentId, Markdown, Status, Strict, Text, Workshop, slug


class SlideSpec(Strict):
    """Fields every slide entry may carry; each slide kind adds its own."""

    kind: str
    id: ContentId | None = Field(
        default=None,
        description="The slide's stable id: its name in the deck, and what `build --only` and "
        "variants take. Default: the content id it shows, else its title's words, else its kind.",
    )
    notes: Markdown | None = Field(
        default=None, description="Speaker notes (Markdown); drafted from the slide when absent."
    )
    tags: list[ContentId] = Field(
        default_factory=list,
        description="Tags that variants keep or leave out slides by, e.g. `[workshop]`.",
    )
    # for text written on the slide itself (bullets, cards): `unconfirmed` marks the slide and
    # stops a final build, like an unconfirmed statistic; absent means nothing is claimed
    status: Status | None = Field(
        default=None,
        description="`unconfirmed`: the slide's own text still has to be checked; it says \"To be "
        'confirmed" and a final build refuses it.',
    )
    check: Text | None = Field(
        default=None,
        description="What an editor still has to check on this slide, and where; listed in the "
        "review report.",
    )
    # prompts for a workshop's discussion of this slide: a variant with `discussion: true`
    # adds a discussion slide after it (as it does after an opportunity with `workshop:`)
    workshop: Workshop | None = Field(
        default=None,
        description="Prompts for a workshop's discussion of this slide: a variant with "
        "`discussion: true` adds a discussion slide after it.",
    )

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
