"""The grid and the set of layouts a deck is laid out on: ours, or an organisation's
template's where it has them."""

from __future__ import annotations

from summarydeck.diagnostics import Diagnostics
from summarydeck.layouts.registry import layout_set
from summarydeck.layouts.template_layouts import onto_template
from summarydeck.model.brand import TypeScale
from summarydeck.model.deck import Deck
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutSet


def deck_grid(deck: Deck) -> Grid:
    """Our grid; on a template, with margins and title where its master puts them."""
    size = deck.brand.slide_size
    if deck.template is None:
        return Grid.for_size(size)
    masters = deck.template.info.masters
    title = next((p for p in masters[0].placeholders if p.type in ("title", "ctrTitle")), None)
    if title is None:
        return Grid.for_template(size, None)
    return Grid.for_template(size, title.box, title.left_inset)


def deck_layouts(deck: Deck, diags: Diagnostics | None = None) -> LayoutSet:
    """Every layout the deck's master offers, and which one each kind's slides use."""
    ours = layout_set(deck_grid(deck), deck.brand.type_scale)
    if deck.template is None:
        return ours
    return onto_template(
        ours,
        deck.template,
        deck.brand.layouts,
        # the whole storyboard's kinds: one warning, the same for every variant
        (spec.kind for spec in deck.slides),
        deck.source_map,
        diags if diags is not None else Diagnostics(),
    )


def template_needs() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """What a template needs for each of our layouts, by name: the placeholder roles the
    slides fill (footer and number aside: a template may do without them), and the kinds that
    use it. For `template check`."""
    layouts = layout_set(Grid.for_size("16:9"), TypeScale())
    return {
        design.name: (
            tuple(p.role for p in design.placeholders if p.role not in ("footer", "slide_number")),
            tuple(sorted(k for k, name in layouts.for_kind.items() if name == design.name)),
        )
        for design in layouts.designs
    }
