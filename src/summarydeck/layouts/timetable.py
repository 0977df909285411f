"""A workshop's timetable: when each timed slide of the variant's deck starts.

The content gives the minutes: a section's `minutes:` (the time to present it), a discussion's
(the `workshop.minutes` of the opportunity or slide it discusses), an activity's, a break's,
the wrap-up's. The variant gives the `start:`. The timetable adds them up in deck order, so the
agenda and the break slides tell the same times. Only a timed variant (`Variant.timed`: a
workshop) has one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.variants import minutes_of_day
from summarydeck.source.yaml_loader import DataPath


@runtime_checkable
class TimedByContent(Protocol):
    """A slide whose minutes live in the content it shows (a discussion's opportunity)."""

    def workshop_minutes(self, deck: Deck) -> int | None: ...

    def minutes_path(self, deck: Deck) -> DataPath: ...


@dataclass(frozen=True)
class Slot:
    """One timed slide: a section (its talk), a discussion, an activity, a break ..."""

    index: int  # its entry's place in `slides:`
    slide_id: str
    kind: str
    title: str
    minutes: int | None  # None: the content does not say
    starts: int | None  # minutes after midnight; None without a start time
    minutes_path: DataPath  # where its minutes are (or belong) in the content

    @property
    def ends(self) -> int | None:
        if self.starts is None or self.minutes is None:
            return None
        return self.starts + self.minutes


@dataclass(frozen=True)
class Timetable:
    slots: tuple[Slot, ...]
    start: int | None  # minutes after midnight; None without `start:` or with an untimed slot
    wanted_start: int | None = None  # the variant's `start:`, kept when clock times cannot be

    @property
    def untimed(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.minutes is None)

    @property
    def total(self) -> int | None:
        """The minutes of every slot, when each has some."""
        if self.untimed:
            return None
        return sum(s.minutes or 0 for s in self.slots)

    @property
    def end(self) -> int | None:
        total = self.total
        return None if self.start is None or total is None else self.start + total

    def slot(self, slide_id: str) -> Slot | None:
        return next((s for s in self.slots if s.slide_id == slide_id), None)


def is_timed_kind(spec: SlideSpec) -> bool:
    """Whether a slide takes time of its own in a workshop: its kind has `minutes`, or takes
    them from its content."""
    return isinstance(spec, TimedByContent) or "minutes" in type(spec).model_fields


def timetable(deck: Deck) -> Timetable | None:
    """The deck's timetable, or None when it is not cut to a timed variant."""
    variant = deck.variants.get(deck.variant) if deck.variant else None
    if variant is None or not variant.timed:
        return None
    slots: list[Slot] = []
    for entry in deck.entries:
        spec = entry.spec
        if not is_timed_kind(spec):
            continue
        if isinstance(spec, TimedByContent):
            minutes, path = spec.workshop_minutes(deck), spec.minutes_path(deck)
        else:
            value = getattr(spec, "minutes", None)
            minutes = value if isinstance(value, int) else None
            path = ("slides", entry.index, "minutes")
        # a break left untitled is "Break" in the deck's language, as on its own slide
        default = deck.labels.text("break_title") if spec.kind == "break" else spec.slide_id
        title = str(getattr(spec, "title", None) or default)
        slots.append(Slot(entry.index, spec.slide_id, spec.kind, title, minutes, None, path))
    # clock times only when every slot has its minutes: a time after a gap would be a guess
    start = minutes_of_day(variant.start) if variant.start else None
    if start is None or any(s.minutes is None for s in slots):
        return Timetable(tuple(slots), None, start)
    timed: list[Slot] = []
    now = start
    for slot in slots:
        timed.append(dataclasses.replace(slot, starts=now))
        now += slot.minutes or 0
    return Timetable(tuple(timed), start, start)
