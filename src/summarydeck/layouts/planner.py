"""Plan a whole deck: every storyboard entry through its registered kind, in order."""

from __future__ import annotations

import dataclasses

from summarydeck.diagnostics import Diagnostics
from summarydeck.layouts.context import LayoutContext, Section
from summarydeck.layouts.deck_layouts import deck_grid, deck_layouts
from summarydeck.layouts.fit_advice import explainer
from summarydeck.layouts.registry import kinds
from summarydeck.model.content import Status
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.balance import balance_plan
from summarydeck.plan.continuation import fit_with_continuation
from summarydeck.plan.fit import Role, RoleSize, one_size_per_role, report_overflows, role_sizes
from summarydeck.plan.layout_design import LIST_ROLES
from summarydeck.plan.lonely_words import without_lonely_words
from summarydeck.plan.types import ColourRole, SlidePlan
from summarydeck.source.yaml_loader import slide_name


def plan_deck(deck: Deck, diags: Diagnostics, *, sources_slide: bool = True) -> list[SlidePlan]:
    """SlidePlans in storyboard order (of the entries a variant keeps). Deferred kinds (the
    sources slide) are planned last so they see every citation, then put back in their place.
    `sources_slide`: whether the deck written will have the sources slide the storyboard names
    (a mini-deck of a few slides may not), so citations may refer to it by number."""
    registry = kinds()
    ctx = LayoutContext(deck, diags, deck_grid(deck), deck_layouts(deck, diags))
    ctx.numbered_sources = sources_slide and any(e.spec.kind == "sources" for e in deck.entries)
    entries = deck.entries
    ctx.sections = [
        Section(
            e.index,
            e.spec.slide_id,
            getattr(e.spec, "title", e.spec.slide_id),
            getattr(e.spec, "subtitle", None),
        )
        for e in entries
        if e.spec.kind == "section"
    ]
    planned: dict[int, list[SlidePlan]] = {}
    centred: set[tuple[int, int]] = set()  # (position, page) of the slides to balance
    order = sorted(range(len(entries)), key=lambda i: (registry[entries[i].spec.kind].deferred, i))
    for position in order:
        spec, index = entries[position].spec, entries[position].index
        ctx.slide_index, ctx.kind = index, spec.kind
        location = deck.source_map.locate(("slides", index))
        said_before = len(diags.items)
        pages: list[tuple[SlidePlan, bool]] = []
        for laid_out in registry[spec.kind].plan(spec, ctx):
            kept = dataclasses.replace(_keep_slide_status(laid_out, spec, ctx), entry=index)
            for page, overflows in fit_with_continuation(kept, deck.brand, deck.labels):
                report_overflows(
                    page,
                    overflows,
                    diags,
                    deck.source_map,
                    location,
                    brand=deck.brand,
                    explain=explainer(registry[spec.kind], deck),
                )
                pages.append((page, not overflows))
        _name_the_slide(diags, said_before, spec.slide_id)
        # short content is centred on a content slide (light or tinted; display slides on the
        # primary colour are placed by their layout), but a list that reads from the top, or
        # runs over several pages, starts at one height on every page
        planned[position] = [page for page, _ in pages]
        if len(pages) == 1 and not registry[spec.kind].top_aligned:
            page, fits = pages[0]
            if fits and page.background is not ColourRole.PRIMARY:
                centred.add((position, 0))
    _check_continued_ids(deck, planned, diags)
    _warn_duplicate_titles(deck, planned, diags)
    if ctx.citations.order and not any(e.spec.kind == "sources" for e in entries):
        diags.warning(
            "W203",
            f"slides cite {len(ctx.citations.order)} sources by number, but the deck has no "
            "sources slide to list them",
            deck.source_map.locate(("slides",), key=True),
            "add `- kind: sources` near the end of `slides:`",
        )
    placed = [(p, i) for p in range(len(entries)) for i in range(len(planned[p]))]
    plans = [planned[p][i] for p, i in placed]
    # sizes first (one per role across the deck); then places (balancing measures the title at
    # its final size) and lines (binding words needs the final size)
    exempt = frozenset(LIST_ROLES)
    _warn_smaller_roles(deck, role_sizes(plans, exempt), diags)
    sized = one_size_per_role(plans, exempt)
    grid = ctx.grid
    return [
        without_lonely_words(
            balance_plan(plan, deck.brand, grid.body, grid.gutter) if at in centred else plan,
            deck.brand,
        )
        for at, plan in zip(placed, sized, strict=True)
    ]


def _name_the_slide(diags: Diagnostics, start: int, slide_id: str) -> None:
    """The errors laying out one slide gave (from `start` on) say which slide failed, where
    they do not already name a page of it: `preview` shows them in that slide's place."""
    for number in range(start, len(diags.items)):
        found = diags.items[number]
        if found.is_error and found.slide is None:
            diags.items[number] = dataclasses.replace(found, slide=slide_id)


def _warn_smaller_roles(deck: Deck, sizes: dict[Role, RoleSize], diags: Diagnostics) -> None:
    """One frame that had to step down takes every frame of its role with it (one size per
    role): say which, so an editor can shorten it and give the deck its size back."""
    for role in sizes.values():
        if not role.stepped_down:
            continue
        entry = ("slides", role.entry) if role.entry is not None else None
        at = role.element.source or entry
        where = deck.source_map.locate(at) if at else None
        if where is None and entry is not None:  # a label left at its default: the slide
            where = deck.source_map.locate(entry)
        diags.warning(
            "W210",
            f"every `{role.name}` in the deck is set at {role.size:g} pt instead of "
            f"{role.largest:g} pt, because slide `{role.slide}` needs it "
            "(one role keeps one size on every slide)",
            where,
            f"shorten this text to give every `{role.name}` its {role.largest:g} pt back",
        )


def _keep_slide_status(plan: SlidePlan, spec: SlideSpec, ctx: LayoutContext) -> SlidePlan:
    """An entry's own `status: unconfirmed` must reach a final build and the review report even
    when its kind (a section or closing slide) draws no mark: record it."""
    if spec.status is not Status.UNCONFIRMED:
        return plan
    if any(item.path == ("slides", ctx.slide_index) for item in plan.unconfirmed):
        return plan
    own = ctx.unconfirmed(spec, ())
    return dataclasses.replace(plan, unconfirmed=plan.unconfirmed + own)


def _check_continued_ids(
    deck: Deck, planned: dict[int, list[SlidePlan]], diags: Diagnostics
) -> None:
    """A slide that continues takes ids `<id>-2`, `<id>-3` ...: one may clash with an id the
    editor wrote, and slide ids must stay unique (reuse, the manifest and diffs rely on them)."""
    entries = deck.entries
    owner: dict[str, int] = {}
    for position in range(len(entries)):
        for plan in planned[position]:
            first = owner.setdefault(plan.id, position)
            if first == position:
                continue
            continued, entry = (
                (position, first)
                if plan.id != entries[position].spec.slide_id
                else (first, position)
            )
            index = entries[entry].index
            diags.error(
                "E207",
                f"slide `{entries[continued].spec.slide_id}` continues on a slide with id "
                f"`{plan.id}`, which {slide_name(index)} also uses",
                deck.source_map.locate(("slides", index)),
                "give this entry another `id:`",
            )


def _warn_duplicate_titles(
    deck: Deck, planned: dict[int, list[SlidePlan]], diags: Diagnostics
) -> None:
    """Screen-reader users navigate by slide title, so each title should be unique."""
    seen: dict[str, str] = {}
    for position, entry in enumerate(deck.entries):
        for plan in planned[position]:
            title = " ".join(p.text for p in plan.title.paragraphs).strip()
            if title in seen:
                diags.warning(
                    "W202",
                    f'slide `{plan.id}` has the same title as slide `{seen[title]}`: "{title}"',
                    deck.source_map.locate(("slides", entry.index)),
                    "give one of them its own `title:`",
                )
            else:
                seen[title] = plan.id
