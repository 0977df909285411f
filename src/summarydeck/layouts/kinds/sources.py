"""The numbered list of every source cited in the deck, in order of first citation."""

from __future__ import annotations

import dataclasses

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.model.content import Source, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import Element, Paragraph, Run, SlidePlan, TextElement

PER_SLIDE = 10  # two columns of five; more continue on another slide


class SourcesSlide(SlideSpec):
    title: Text = "Sources"
    include_uncited: bool = False  # also list sources no slide cites

    def default_id(self) -> str:
        return self.kind


def _entry(number: int, source: Source) -> Paragraph:
    runs = [Run(f"[{number}] ", bold=True)]
    who = source.author or source.publisher
    runs.append(Run(f"{who}. " if who else ""))
    runs.append(Run(source.title, italic=True))
    runs.append(Run(f" ({source.year})." if source.year else "."))
    if source.url:
        runs.append(Run(" "))
        runs.append(Run(str(source.url), link=str(source.url)))
    return Paragraph(tuple(r for r in runs if r.text))


@register("sources", SourcesSlide, deferred=True)
def plan_sources(spec: SourcesSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Numbered sources in one or two columns, continued on more slides when needed."""
    sources = ctx.deck.content.sources
    order = list(ctx.citations.order)
    if spec.include_uncited:
        for source_id in sources:
            ctx.citations.cite(source_id)
        order = list(ctx.citations.order)
    if not order:
        ctx.diags.warning(
            "W201",
            "the sources slide is empty: no slide cites a source",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
        )
    entries = [_entry(n, sources[s]) for n, s in enumerate(order, 1)]
    pages = [entries[i : i + PER_SLIDE] for i in range(0, len(entries), PER_SLIDE)] or [[]]
    plans = []
    for page, chunk in enumerate(pages, 1):
        first = (page - 1) * PER_SLIDE + 1
        numbers = range(first, first + len(chunk))
        draft = "Sources cited in this deck: " + " ".join(
            f"[{n}] {sources[order[n - 1]].citation()}: {sources[order[n - 1]].title}."
            for n in numbers
        )
        title = spec.title if len(pages) == 1 else f"{spec.title} ({page} of {len(pages)})"
        plan = ctx.content_slide(spec, title, _columns(chunk, ctx), draft)
        if page > 1:  # later pages need ids of their own
            plan = dataclasses.replace(plan, id=f"{spec.slide_id}-{page}")
        plans.append(plan)
    return plans


def _columns(entries: list[Paragraph], ctx: LayoutContext) -> list[Element]:
    """Up to five entries in one column, more in two."""
    columns = ctx.grid.columns(2 if len(entries) > PER_SLIDE // 2 else 1)
    per_column = -(-len(entries) // len(columns)) if entries else 0
    return [
        TextElement(
            f"Sources {i + 1}",
            column,
            tuple(entries[i * per_column : (i + 1) * per_column]),
            ctx.body_style(size=ctx.scale.caption, space_after=10.0),
            min_size=ctx.scale.small,
        )
        for i, column in enumerate(columns)
        if entries[i * per_column : (i + 1) * per_column]
    ]
