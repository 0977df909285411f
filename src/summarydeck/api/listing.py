"""`slides`, `kinds` and `labels`: what a deck holds, what a storyboard entry can be, and the
words written on slides.

Each function imports what it needs when it runs: `kinds` and `labels` start in a fraction of
the time `slides` takes, which lays out the whole deck (tests/test_startup.py holds them to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SlideRow:
    number: int
    id: str
    section: str | None
    kind: str
    title: str


@dataclass(frozen=True)
class SlideList:
    variant: str | None  # the variant listed (None: the content has none)
    others: tuple[str, ...]  # the content's other variants
    slides: tuple[SlideRow, ...]


def list_slides(content_dir: Path = Path("content"), variant: str | None = None) -> SlideList:
    """Every slide of the deck (or of a variant), in order; raises ContentError or
    SelectionError when the content does not lay out. (The default is `api.DEFAULT_CONTENT`,
    spelt out so that listing kinds does not import the loading half.)"""
    from summarydeck.api.loading import Selection, plan
    from summarydeck.layouts.selection import section_of

    deck, plans, _ = plan(content_dir, selection=Selection(variant))
    rows = tuple(
        SlideRow(
            number,
            plan_.id,
            section_of(plan_, deck),
            plan_.kind,
            " ".join(p.text for p in plan_.title.paragraphs),
        )
        for number, plan_ in enumerate(plans, 1)
    )
    others = tuple(v for v in deck.variants if v != deck.variant)
    return SlideList(deck.variant, others, rows)


@dataclass(frozen=True)
class KindInfo:
    name: str
    summary: str
    fields: tuple[tuple[str, bool], ...]  # its own fields, in order, and whether each is required


def list_kinds() -> tuple[list[KindInfo], list[str]]:
    """Every registered slide kind with its own fields, and the fields every kind takes."""
    from summarydeck.layouts.registry import kinds
    from summarydeck.model.storyboard import SlideSpec

    common = set(SlideSpec.model_fields)
    found = []
    for name, kind in kinds().items():
        own = tuple(
            (n, f.is_required()) for n, f in kind.spec.model_fields.items() if n not in common
        )
        found.append(KindInfo(name, kind.summary, own))
    return found, sorted(common - {"kind"})


@dataclass(frozen=True)
class LabelInfo:
    name: str
    default: str  # in the language asked for (English where it has no table)
    placeholders: tuple[str, ...]


def list_labels(language: str) -> tuple[list[LabelInfo], bool]:
    """Every label with its default in `language`, and whether the language has a table of
    its own (else the defaults listed are English)."""
    from summarydeck.model.labels import PLACEHOLDERS, Labels, has_table

    table = Labels(language)
    found = [
        LabelInfo(key, table.raw(key), tuple(sorted(names))) for key, names in PLACEHOLDERS.items()
    ]
    return found, has_table(language)
