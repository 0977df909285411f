"""Which slides a build makes: a variant's entries (before layout), then `--only` slide ids or
one `--section` (after layout, so a continued slide such as `sources-2` can be picked too)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from summarydeck.diagnostics import Diagnostics, SelectionError, did_you_mean
from summarydeck.layouts.kinds.opportunity import OpportunitySlide
from summarydeck.layouts.registry import kinds
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.variants import Entry, sections_of
from summarydeck.plan.types import SlidePlan
from summarydeck.source.yaml_loader import slide_name


def default_variant(deck: Deck) -> str | None:
    """The first variant listed is the deck `build` makes when none is named."""
    return next(iter(deck.variants), None)


def apply_variant(deck: Deck, name: str | None, diags: Diagnostics) -> Deck:
    """The deck cut to variant `name` (the default variant when None)."""
    name = name or default_variant(deck)
    if name is None:
        return deck
    if name not in deck.variants:
        listed = ", ".join(f"`{v}`" for v in deck.variants) or "none"
        raise SelectionError(
            f"no variant `{name}` in the content (variants: {listed})",
            did_you_mean(name, deck.variants) if deck.variants else _no_variants_hint(),
        )
    variant = deck.variants[name]
    owners = sections_of(deck.slides)
    # what the storyboard already discusses in a slide of its own gets no second discussion
    placed = {getattr(s, "opportunity", None) for s in deck.slides if s.kind == "discussion"}
    placed_about = {getattr(s, "about", None) for s in deck.slides if s.kind == "discussion"}
    kept: list[Entry] = []
    for index, (spec, section) in enumerate(zip(deck.slides, owners, strict=True)):
        if not variant.keeps(spec, section):
            continue
        kept.append(Entry(index, spec))
        if not variant.discussion or spec.kind == "discussion":
            continue
        if spec.workshop is not None and spec.slide_id not in placed_about:
            kept.extend(_discussion(deck, name, index, spec, {"about": spec.slide_id}, diags))
        elif (
            isinstance(spec, OpportunitySlide)
            and spec.opportunity not in placed
            and _has_prompts(deck, name, spec, diags)
        ):
            subject = {"opportunity": spec.opportunity}
            kept.extend(_discussion(deck, name, index, spec, subject, diags))
    info = deck.info
    if variant.subtitle:
        info = info.model_copy(update={"subtitle": variant.subtitle})
    return dataclasses.replace(deck, info=info, variant=name, selected=tuple(kept))


def _has_prompts(deck: Deck, variant: str, slide: OpportunitySlide, diags: Diagnostics) -> bool:
    opportunity = slide.opportunity
    if deck.content.opportunities[opportunity].workshop is not None:
        return True
    diags.warning(
        "W205",
        f"variant `{variant}` adds discussion slides, but opportunities.{opportunity} has "
        "no `workshop:` prompts, so it gets none",
        deck.source_map.locate(("opportunities", opportunity), key=True),
        "add `workshop:` with `prompts:` (and `facilitator_notes:`) to the opportunity",
    )
    return False


def _discussion(
    deck: Deck,
    variant: str,
    index: int,
    slide: SlideSpec,
    subject: dict[str, str],
    diags: Diagnostics,
) -> list[Entry]:
    """The discussion slide a workshop variant adds after `slide`: of its opportunity, or of
    the slide itself (`about:`) when the entry has `workshop:` of its own."""
    generated = f"{slide.slide_id}-discussion"
    taken = next((i for i, s in enumerate(deck.slides) if s.slide_id == generated), None)
    if taken is not None:
        field, value = next(iter(subject.items()))
        diags.error(
            "E216",
            f"variant `{variant}` adds a discussion slide `{generated}` after slide "
            f"`{slide.slide_id}`, but {slide_name(taken)} already has that id",
            deck.source_map.locate(("slides", taken)),
            f"give {slide_name(taken)} another `id:`, or make it `kind: discussion` with "
            f"`{field}: {value}` to place the discussion yourself",
        )
        return []
    spec = kinds()["discussion"].spec.model_validate(
        {"kind": "discussion", "id": generated, **subject}
    )
    return [Entry(index, spec)]


def _no_variants_hint() -> str:
    return "define variants under `variants:` in content/deck.yaml (see docs/content-format.md)"


def section_of(plan: SlidePlan, deck: Deck) -> str | None:
    """The section a laid-out slide belongs to."""
    if plan.entry is None:
        return None
    return sections_of(deck.slides)[plan.entry]


def pick_slides(
    plans: list[SlidePlan], deck: Deck, only: Sequence[str] = (), section: str | None = None
) -> list[SlidePlan]:
    """The slides named by id (in deck order), or every slide of one section."""
    if section is not None:
        sections = [s.slide_id for s in deck.slides if s.kind == "section"]
        if section not in sections:
            raise SelectionError(
                f"no section `{section}` in this deck",
                did_you_mean(section, sections) if sections else "the storyboard has no sections",
            )
        plans = [p for p in plans if section_of(p, deck) == section]
        if not plans:
            raise SelectionError(f"section `{section}` has no slides in this variant")
    if only:
        ids = [p.id for p in plans]
        for wanted in only:
            if wanted not in ids:
                raise SelectionError(f"no slide `{wanted}` in this deck", did_you_mean(wanted, ids))
        plans = [p for p in plans if p.id in only]
    return plans
