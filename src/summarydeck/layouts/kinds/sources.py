"""The numbered list of every source cited in the deck, in order of first citation."""

from __future__ import annotations

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.model.content import Source, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import Element, Paragraph, Run, SlidePlan, TextElement


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
    """Numbered sources, one or two columns depending on how many there are."""
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
    columns = ctx.grid.columns(2 if len(entries) > 5 else 1)
    half = (len(entries) + 1) // 2 if len(columns) == 2 else len(entries)
    elements: list[Element] = []
    for i, column in enumerate(columns):
        chunk = entries[i * half : (i + 1) * half]
        if chunk:
            elements.append(
                TextElement(
                    f"Sources {i + 1}",
                    column,
                    tuple(chunk),
                    ctx.body_style(size=ctx.scale.caption, space_after=10.0),
                    min_size=ctx.scale.small,
                )
            )
    draft = "Sources cited in this deck: " + " ".join(
        f"[{n}] {sources[s].citation()}: {sources[s].title}." for n, s in enumerate(order, 1)
    )
    return [ctx.content_slide(spec, spec.title, elements, draft)]
