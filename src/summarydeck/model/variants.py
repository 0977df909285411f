"""Variants: named decks cut from one storyboard (`full`, a short talk, a workshop).

A variant picks storyboard entries by section, slide id or tag, and can add a discussion slide
after each opportunity. Selecting happens before layout, so the agenda, the sources slide and
the slide numbers describe the variant's own deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictBool

from summarydeck.model.content import ContentId, Strict, Text
from summarydeck.model.schema_hints import SchemaPattern
from summarydeck.model.storyboard import SlideSpec


class Selector(Strict):
    """Entries named by the section they are in, their own id, or a tag they carry."""

    sections: list[ContentId] = Field(
        default_factory=list, description="Section ids: every entry in these sections."
    )
    slides: list[ContentId] = Field(default_factory=list, description="Slide ids.")
    tags: list[ContentId] = Field(
        default_factory=list, description="Tags: every entry that carries one of them."
    )

    def matches(self, spec: SlideSpec, section: str | None) -> bool:
        return (
            (section is not None and section in self.sections)
            or spec.slide_id in self.slides
            or any(tag in self.tags for tag in spec.tags)
        )


_CLOCK_PATTERN = r"^([01]?\d|2[0-3]):([0-5]\d)$"
_CLOCK = re.compile(_CLOCK_PATTERN)


def _clock_time(value: Any) -> Any:
    """A time of day written HH:MM, quoted or not: YAML 1.2 reads an unquoted `10:00` as text
    (YAML 1.1 read it as 600, minutes in base 60). A number (`start: 10`) is not a time."""
    if isinstance(value, int) and not isinstance(value, bool):
        example = f"{value:02d}:00" if 0 <= value < 24 else "10:00"
        raise ValueError(f"the number `{value}` is not a time of day; write it as HH:MM: {example}")
    if not isinstance(value, str) or not _CLOCK.match(value.strip()):
        shown = f"`{value}`" if isinstance(value, str) else "this"
        raise ValueError(f'{shown} is not a time of day; write it as "HH:MM", e.g. "10:00"')
    hours, minutes = (int(part) for part in value.strip().split(":"))
    return f"{hours:02d}:{minutes:02d}"


# a time of day on the 24-hour clock, always written back as HH:MM (text: YAML 1.2 reads an
# unquoted 10:00 as text)
ClockTime = Annotated[
    str,
    BeforeValidator(_clock_time),
    SchemaPattern(r"^\s*" + _CLOCK_PATTERN[1:-1] + r"\s*$", "a time of day, HH:MM, e.g. 10:00"),
]


def minutes_of_day(clock: str) -> int:
    """`10:05` -> 605."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


class Variant(Strict):
    """A named deck cut from the storyboard: which entries it keeps, and how it runs."""

    description: Text | None = Field(default=None, description="What the variant is for.")
    include: Selector | None = Field(
        default=None,
        description="Keep only the entries named by `sections`, `slides` or `tags` (absent: every "
        "entry).",
    )
    exclude: Selector = Field(
        default_factory=Selector,
        description="Leave out the entries named by `sections`, `slides` or `tags` (after "
        "`include`).",
    )
    # after each opportunity slide, a slide of that opportunity's workshop prompts
    # `yes` in quotes is text, not a yes
    discussion: StrictBool = Field(
        default=False,
        description="`true`: after each opportunity slide, a discussion slide of its `workshop:` "
        "prompts.",
    )
    # a promise the build keeps: a talk slot of ten minutes has room for ten slides
    max_slides: int | None = Field(
        default=None,
        ge=1,
        le=999,
        strict=True,
        description="The most slides the variant may have, continued slides included (error E215 "
        "past it).",
    )
    subtitle: Text | None = Field(
        default=None,
        max_length=255,
        description="Replaces the deck's subtitle on this variant's title slide.",
    )
    # when a workshop starts: its agenda and break slides then give clock times
    start: ClockTime | None = Field(
        default=None,
        description="When a workshop starts, HH:MM (e.g. 10:00): its agenda and break slides give "
        "clock times.",
    )

    @property
    def timed(self) -> bool:
        """A workshop's deck (it adds discussions, or says when it starts) has a timed agenda."""
        return self.discussion or self.start is not None

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
