"""Slides drawn before, kept for the next build in the same process (`watch`, a warm API).

A slide's bytes follow from its plan, its number (the slide-number field shows it), the footer
line, and the deck-wide things drawing reads: the brand, the language, the master's layouts and
grid, the template file, the workbooks' date. The key hashes all of them, so a hit gives the
very bytes a fresh drawing would: the cache makes a build faster, never different.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarydeck.ooxml.package_writer import BasePart
from summarydeck.ooxml.slide_bundle import SlideDesk

if TYPE_CHECKING:
    from summarydeck.model.deck import Deck
    from summarydeck.plan.types import SlidePlan
    from summarydeck.render.slides import RenderedSlide

_LIMIT_BYTES = 256 * 1024 * 1024  # the bundles' bytes kept, at most


@dataclass
class Master:
    """A master's package, kept to draw the next build's slides into."""

    prs: Any  # python-pptx's Presentation, without slides
    layouts: dict[str, Any]  # python-pptx's slide layouts by our layout name
    base: list[BasePart]  # its parts, serialised
    desk: SlideDesk  # draws slides into it one at a time
    notes: Any = None  # an empty notes page, copied for each slide once the first is made


_MASTERS = 2  # masters kept: a watch flipping between two brands or variants


class SlideCache:
    """Rendered slides by key, least recently used dropped first once over `limit` bytes."""

    def __init__(self, limit: int = _LIMIT_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[bytes, tuple[RenderedSlide, int]] = OrderedDict()
        self.masters: OrderedDict[bytes, Master] = OrderedDict()

    def master(self, key: bytes) -> Master | None:
        found = self.masters.get(key)
        if found is not None:
            self.masters.move_to_end(key)
        return found

    def forget_master(self, key: bytes) -> None:
        self.masters.pop(key, None)

    def keep_master(self, key: bytes, master: Master) -> None:
        self.masters[key] = master
        while len(self.masters) > _MASTERS:
            self.masters.popitem(last=False)

    def get(self, key: bytes) -> RenderedSlide | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.entries.move_to_end(key)
        return found[0]

    def put(self, key: bytes, slide: RenderedSlide) -> None:
        size = sum(len(part.blob) for part in slide.part.walk())
        if key in self.entries:
            return
        self.entries[key] = (slide, size)
        self.size += size
        while self.size > self.limit and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= dropped

    def clear(self) -> None:
        self.entries.clear()
        self.masters.clear()
        self.size = 0


def _digest(*values: Any) -> bytes:
    return hashlib.sha256(pickle.dumps(values, protocol=5)).digest()


def deck_render_key(
    deck: Deck,
    layouts: Any,
    grid: Any,
    when: dt.datetime,
    used: frozenset[str],
    template_bytes: bytes | None,
) -> bytes:
    """What every slide's drawing reads besides its own plan. `used`: the template's layouts
    the deck uses (a template's master keeps only those); `template_bytes`: the template file
    as read once for this build (the master is made from these very bytes)."""
    template: Any = b""
    if deck.template is not None and template_bytes is not None:
        # the bytes, and which roles the brand file sets over them: a role set to the value
        # the template already has leaves the brand the same but writes the theme otherwise
        template = (
            hashlib.sha256(template_bytes).digest(),
            sorted(deck.template.colours),
            sorted(deck.template.fonts),
            deck.template.info,
        )
    # picture charts draw with the brand's own font files
    fonts = sorted(
        (family, style, font.digest)
        for family, styles in deck.fonts.items()
        for style, font in styles.items()
    )
    return _digest(
        deck.brand.model_dump_json(),
        deck.info.language,
        template,
        layouts,
        grid,
        when.isoformat(),
        fonts,
        sorted(used),
    )


def slide_key(
    master_key: bytes, plan: SlidePlan, number: int, footer: str, pictures: Path | None
) -> bytes:
    """`pictures`: the picture-chart cache the slide was drawn with (a build pointed at
    another draws its pictures there)."""
    return _digest(master_key, _as_drawn(plan), number, footer, str(pictures))


_SHOWN: dict[type, tuple[str, ...]] = {}  # a plan class's fields but where it came from


def _bare(value: Any) -> Any:
    """An element as its fields' values, its `source` (a content path) left out."""
    kind = type(value)
    names = _SHOWN.get(kind)
    if names is None:
        names = _SHOWN[kind] = tuple(
            f.name for f in dataclasses.fields(value) if f.name != "source"
        )
    return (kind.__name__, tuple(getattr(value, name) for name in names))


# a plan's fields that only locate it in the content: its entry's place, what is to be
# confirmed and where, whether its notes were drafted. Every other field is in the key, so a
# field added to SlidePlan later is keyed without a change here.
NOT_DRAWN = frozenset({"entry", "unconfirmed", "notes_drafted"})
_ELEMENTS = frozenset({"title", "subtitle"})


def _as_drawn(plan: SlidePlan) -> tuple[Any, ...]:
    """The plan without what only locates it in the content (`NOT_DRAWN`, and each element's
    `source`): drawing never reads those, and a line added above a slide in the YAML moves
    them without changing the slide. (Tuples, not copies of the plan: a rebuild after one
    edit keys every slide.)"""
    names = _SHOWN.get(type(plan))
    if names is None:
        names = _SHOWN[type(plan)] = tuple(
            f.name for f in dataclasses.fields(plan) if f.name not in NOT_DRAWN
        )
    shown = []
    for name in names:
        value = getattr(plan, name)
        if name in _ELEMENTS and value is not None:
            value = _bare(value)
        elif name == "elements":
            value = tuple(_bare(element) for element in value)
        shown.append(value)
    return tuple(shown)
