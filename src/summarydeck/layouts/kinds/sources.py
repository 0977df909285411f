"""The numbered list of every source cited in the deck, in order of first citation."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style, content_layout
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import typeset_plain
from summarydeck.markdown.typography import address_runs, shown_address
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Source, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.continuation import continued_id
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import available_height, text_height
from summarydeck.plan.types import SlidePlan, TextElement
from summarydeck.source.yaml_loader import DataPath
from summarydeck.values import Paragraph, Run

MAX_PER_SLIDE = 8  # a longer list is hard to read from a slide even when it fits
LONG_ADDRESS = 60  # characters: a longer address is hard to read off a slide and to type


class SourcesSlide(SlideSpec):
    title: Text | None = Field(
        default=None,
        description='The slide\'s title (default: the `sources_title` label, "Sources").',
    )
    include_uncited: bool = Field(
        default=False, description="`true`: also list sources no slide cites."
    )

    def default_id(self) -> str:
        return self.kind


def _entry(number: int, source: Source) -> Paragraph:
    runs = [Run(f"[{number}] ", bold=True)]
    who = source.author or source.publisher
    runs.append(Run(f"{typeset_plain(who)}. " if who else ""))
    runs.append(Run(typeset_plain(source.title), italic=True))
    runs.append(Run(f" ({source.year})." if source.year else "."))
    if source.note:
        runs.append(Run(f" {typeset_plain(source.note)}"))
    target = source.url or source.short_url
    if target:
        # the short address is what a reader sees and types; the link opens the page itself
        runs.append(Run(" "))
        runs.extend(address_runs(shown_address(str(source.short_url or target)), str(target)))
    return Paragraph(tuple(r for r in runs if r.text))


def _warn_long_address(source_id: str, source: Source, ctx: LayoutContext) -> None:
    """W208 at a source's `url:` when the address the slide shows is too long to type."""
    if source.url is None or source.short_url is not None:
        return
    shown = shown_address(str(source.url))
    if len(shown) > LONG_ADDRESS:
        ctx.diags.warning(
            "W208",
            f"sources.{source_id}: the Sources slide shows its address in full, "
            f"{len(shown)} characters, too long to read off a slide and type",
            ctx.deck.source_map.locate(("sources", source_id, "url")),
            f"add `short_url:` with an address of {LONG_ADDRESS} characters or fewer that "
            "opens the same page (a short link your organisation keeps); `url:` stays the link",
        )


def sources_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Sources",
        grid,
        scale,
        body_placeholder(
            grid.body, body_style(scale, size=scale.caption, space_after=6.0), name="Sources"
        ),
        description="the numbered list of sources the slides cite",
    )


@register("sources", SourcesSlide, deferred=True, layout=sources_layout, top_aligned=True)
def plan_sources(spec: SourcesSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Numbered sources, as many as fit on a slide, continued on more slides when needed."""
    sources = ctx.deck.content.sources
    order = list(ctx.citations.order)
    if spec.include_uncited:
        for source_id in sources:
            ctx.citations.cite(source_id)
        order = list(ctx.citations.order)
    if not order:  # an empty slide helps nobody: say so, and leave it out
        ctx.diags.warning(
            "W201",
            "the sources slide is left out: no slide cites a source",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
        )
        return []
    for source_id in order:
        _warn_long_address(source_id, sources[source_id], ctx)
    entries = [_entry(n, sources[s]) for n, s in enumerate(order, 1)]
    pages = _pages(entries, ctx)
    plans = []
    first = 1
    for page, chunk in enumerate(pages, 1):
        numbers = range(first, first + len(chunk))
        first += len(chunk)
        draft = (
            ctx.label("sources_notes")
            + " "
            + " ".join(
                f"[{n}] {sources[order[n - 1]].citation()}: {sources[order[n - 1]].title}."
                for n in numbers
            )
        )
        shown = spec.title or ctx.label("sources_title")
        title = (
            shown
            if len(pages) == 1
            else ctx.label("sources_page", title=shown, page=page, pages=len(pages))
        )
        only = ("sources", order[numbers[0] - 1]) if len(chunk) == 1 else None
        plan = ctx.content_slide(spec, title, _columns(chunk, ctx, only), draft)
        # later pages need ids of their own
        plans.append(dataclasses.replace(plan, id=continued_id(spec.slide_id, page)))
    return plans


def _pages(entries: list[Paragraph], ctx: LayoutContext) -> list[list[Paragraph]]:
    """Entries in slide-sized pages, measured at the caption size: each page takes as many as
    fit (up to MAX_PER_SLIDE), so long titles or notes move entries on rather than shrink."""
    pages: list[list[Paragraph]] = [[]]
    for entry in entries:
        candidate = [*pages[-1], entry]
        if pages[-1] and (len(candidate) > MAX_PER_SLIDE or not _fits(candidate, ctx)):
            pages.append([entry])
        else:
            pages[-1] = candidate
    # as many slides, but evened out (6 + 6 rather than 8 + 4) when the even split fits
    per_page = -(-len(entries) // len(pages))
    even = [entries[i : i + per_page] for i in range(0, len(entries), per_page)]
    if len(even) == len(pages) and all(_fits(page, ctx) for page in even):
        return even
    return pages


def _fits(entries: list[Paragraph], ctx: LayoutContext) -> bool:
    frame = _columns(entries, ctx)[0]
    size = frame.style.size
    return text_height(frame, ctx.deck.brand, size) <= available_height(frame)


def _columns(
    entries: list[Paragraph], ctx: LayoutContext, source: DataPath | None = None
) -> list[TextElement]:
    """One column across the slide: a reference list reads down, not across. `source` names
    the entry when a page holds one alone, so an entry too long for a slide is reported there."""
    if not entries:
        return []
    return [
        ctx.design.text(
            "body",
            tuple(entries),
            name="Sources",
            min_size=ctx.scale.caption,
            source=source,
        )
    ]
