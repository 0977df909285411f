"""Plan a whole deck: every storyboard entry through its registered kind, in order."""

from __future__ import annotations

import dataclasses

from summarydeck.diagnostics import Diagnostics
from summarydeck.layouts.context import LayoutContext, Section
from summarydeck.layouts.registry import kinds
from summarydeck.model.content import Status
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.continuation import fit_with_continuation
from summarydeck.plan.fit import report_overflows
from summarydeck.plan.grid import Grid
from summarydeck.plan.types import SlidePlan, to_confirm_section


def plan_deck(deck: Deck, diags: Diagnostics) -> list[SlidePlan]:
    """SlidePlans in storyboard order. Deferred kinds (the sources slide) are planned last so
    they see every citation, then put back in their place."""
    registry = kinds()
    ctx = LayoutContext(deck, diags, Grid.for_size(deck.brand.slide_size))
    ctx.sections = [
        Section(index, s.slide_id, getattr(s, "title", s.slide_id), getattr(s, "subtitle", None))
        for index, s in enumerate(deck.slides)
        if s.kind == "section"
    ]
    planned: dict[int, list[SlidePlan]] = {}
    order = sorted(
        range(len(deck.slides)), key=lambda i: (registry[deck.slides[i].kind].deferred, i)
    )
    for index in order:
        spec = deck.slides[index]
        ctx.slide_index = index
        location = deck.source_map.locate(("slides", index))
        planned[index] = []
        for laid_out in registry[spec.kind].plan(spec, ctx):
            kept = dataclasses.replace(_keep_slide_status(laid_out, spec, ctx), entry=index)
            for page, overflows in fit_with_continuation(kept, deck.brand):
                report_overflows(page, overflows, diags, deck.source_map, location)
                planned[index].append(page)
    _check_continued_ids(deck, planned, diags)
    _warn_duplicate_titles(deck, planned, diags)
    if ctx.citations.order and not any(s.kind == "sources" for s in deck.slides):
        diags.warning(
            "W203",
            f"slides cite {len(ctx.citations.order)} sources by number, but the deck has no "
            "sources slide to list them",
            deck.source_map.locate(("slides",), key=True),
            "add `- kind: sources` near the end of `slides:`",
        )
    return [plan for index in range(len(deck.slides)) for plan in planned[index]]


def _keep_slide_status(plan: SlidePlan, spec: SlideSpec, ctx: LayoutContext) -> SlidePlan:
    """An entry's own `status: unconfirmed` must reach a final build even when its kind (a
    section or closing slide) draws no marker: record it, and say it in the notes."""
    if spec.status is not Status.UNCONFIRMED:
        return plan
    if any(item.path == ("slides", ctx.slide_index) for item in plan.unconfirmed):
        return plan
    own = ctx.unconfirmed(spec, ())
    return dataclasses.replace(
        plan,
        unconfirmed=plan.unconfirmed + own,
        notes=(plan.notes + to_confirm_section(own)).strip(),
    )


def _check_continued_ids(
    deck: Deck, planned: dict[int, list[SlidePlan]], diags: Diagnostics
) -> None:
    """A slide that continues takes ids `<id>-2`, `<id>-3` ...: one may clash with an id the
    editor wrote, and slide ids must stay unique (reuse, the manifest and diffs rely on them)."""
    owner: dict[str, int] = {}
    for index in range(len(deck.slides)):
        for plan in planned[index]:
            first = owner.setdefault(plan.id, index)
            if first == index:
                continue
            continued, entry = (
                (index, first)
                if plan.id != deck.slides[index].slide_id
                else (
                    first,
                    index,
                )
            )
            diags.error(
                "E207",
                f"slide `{deck.slides[continued].slide_id}` continues on a slide with id "
                f"`{plan.id}`, which slides[{entry}] also uses",
                deck.source_map.locate(("slides", entry)),
                "give this entry another `id:`",
            )


def _warn_duplicate_titles(
    deck: Deck, planned: dict[int, list[SlidePlan]], diags: Diagnostics
) -> None:
    """Screen-reader users navigate by slide title, so each title should be unique."""
    seen: dict[str, str] = {}
    for index in range(len(deck.slides)):
        for plan in planned[index]:
            title = " ".join(p.text for p in plan.title.paragraphs).strip()
            if title in seen:
                diags.warning(
                    "W202",
                    f'slide `{plan.id}` has the same title as slide `{seen[title]}`: "{title}"',
                    deck.source_map.locate(("slides", index)),
                    "give one of them its own `title:`",
                )
            else:
                seen[title] = plan.id
