"""`slides` and `kinds`: what a deck holds, and what a storyboard entry can be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarydeck.api.loading import DEFAULT_CONTENT, Selection, plan
from summarydeck.layouts.registry import kinds
from summarydeck.layouts.selection import section_of
from summarydeck.model.labels import PLACEHOLDERS, Labels, has_table
from summarydeck.model.storyboard import SlideSpec


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


def list_slides(content_dir: Path = DEFAULT_CONTENT, variant: str | None = None) -> SlideList:
    """Every slide of the deck (or of a variant), in order; raises ContentError or
    SelectionError when the content does not lay out."""
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
    table = Labels(language)
    found = [
        LabelInfo(key, table.raw(key), tuple(sorted(names))) for key, names in PLACEHOLDERS.items()
    ]
    return found, has_table(language)
