"""The numbered list of every source cited in the deck, in order of first citation."""

from __future__ import annotations

import dataclasses

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.model.content import Source, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import Element, Paragraph, Run, SlidePlan, TextElement

PER_SLIDE = 6  # at the caption size (18 pt) six entries of two lines fit; more continue
URL_SHOWN = 60  # longer addresses are shown shortened; the link itself stays whole


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
    if source.note:
        runs.append(Run(f" {source.note}"))
    if source.url:
        runs.append(Run(" "))
        runs.append(Run(shown_url(str(source.url)), link=str(source.url)))
    return Paragraph(tuple(r for r in runs if r.text))


def shown_url(url: str) -> str:
    """The address as the slide shows it: without the scheme, and when long, the site and the
    last part of the path (`q.health.org.uk/…/testing-ideas/`), so an entry stays two lines."""
    bare = url.split("://", 1)[-1]
    if len(bare) <= URL_SHOWN:
        return bare
    site, _, path = bare.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1]
    tail = last + ("/" if path.endswith("/") else "")
    shortened = f"{site}/…/{tail}"
    if len(shortened) <= URL_SHOWN:
        return shortened
    return shortened[: URL_SHOWN - 1] + "…"


@register("sources", SourcesSlide, deferred=True)
def plan_sources(spec: SourcesSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Numbered sources, six to a slide, continued on more slides when needed."""
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
    """One column across the slide: a reference list reads down, not across."""
    if not entries:
        return []
    return [
        TextElement(
            "Sources",
            ctx.grid.body,
            tuple(entries),
            ctx.body_style(size=ctx.scale.caption, space_after=6.0),
            min_size=ctx.scale.caption,
        )
    ]
