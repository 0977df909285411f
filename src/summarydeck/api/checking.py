"""`check`: the findings for a deck on disk, or for the deck the content would build."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from summarydeck.check.runner import CheckReport, check_deck, check_parts
from summarydeck.diagnostics import ContentError, SelectionError
from summarydeck.output.stamp import read_stamp

if TYPE_CHECKING:
    from summarydeck.model.deck import Deck
    from summarydeck.plan.types import SlidePlan

# `check DECK` reads no content: the content model, the layouts and the renderer (0.4 s to
# import) are imported only when content is checked or a deck is pointed at its content
DEFAULT_CONTENT = Path("content")  # as `api.loading`'s


def check(
    content_dir: Path | None = DEFAULT_CONTENT,
    deck_path: Path | None = None,
    *,
    final: bool = False,
    min_size: float | None = None,
    variant: str | None = None,
    type_scale: tuple[float, ...] | None = None,
) -> CheckReport:
    """The findings for a deck on disk (`deck_path`), or for the deck the content would build
    (built in memory, nothing written). With both, findings on the deck are pointed at the
    content when the deck was built from it (as the variant its stamp names, unless `variant`
    says otherwise). Sizes are checked against `type_scale`, else the content's brand's.
    Picture charts come from the cache `build` keeps beside its deck, as in a build."""
    if deck_path is not None:
        return _check_file(deck_path, content_dir, final, min_size, variant, type_scale)
    assert content_dir is not None
    from summarydeck.api.building import render_package
    from summarydeck.api.loading import Selection, default_output, plan
    from summarydeck.api.unconfirmed import with_content_list
    from summarydeck.check.locate import content_locator

    selection = Selection(variant)
    deck, plans, _ = plan(content_dir, selection=selection)
    rendered = render_package(deck, plans, _chart_cache(default_output(deck, selection)))
    report = check_parts(
        rendered.parts,
        final=final,
        min_size=min_size or deck.brand.type_scale.small,
        type_scale=type_scale or deck.brand.type_scale.steps(),
        locate=content_locator(plans, deck.source_map),
        audience_fonts=_audience_fonts(deck),
    )
    if final:  # the content knows exactly what is unconfirmed, and where to confirm it
        report.findings = with_content_list(report.findings, plans, deck.source_map)
    return report


def _chart_cache(deck_file: Path) -> Path | None:
    """Where `build` keeps the picture charts of the deck it writes to `deck_file`, when that
    folder is there: a picture chart (matplotlib: a second to start, then ~130 ms a chart)
    drawn by a build is not drawn again, and one drawn here is kept for the next build. Without
    the deck's folder, nothing is written: checking never creates an output folder."""
    output = deck_file.parent
    return output / ".cache" / "charts" if output.is_dir() else None


def _check_file(
    deck_path: Path,
    content_dir: Path | None,
    final: bool,
    min_size: float | None,
    variant: str | None,
    type_scale: tuple[float, ...] | None,
) -> CheckReport:
    built_from: Deck | None = None
    plans: list[SlidePlan] = []
    locate = None
    if content_dir is not None:
        from summarydeck.api.loading import Selection, plan
        from summarydeck.check.locate import content_locator

        stamp = read_stamp(deck_path) if variant is None else None
        as_built = Selection(variant or (stamp and stamp.variant) or None)
        try:
            built_from, plans, _ = plan(content_dir, selection=as_built)
        except ContentError:
            built_from = None  # content that does not build cannot say where things are
        except SelectionError:
            if variant is not None:
                raise
            built_from = None  # the variant the deck names is gone from the content
        locate = content_locator(plans, built_from.source_map) if built_from else None
    scale = type_scale or (built_from.brand.type_scale.steps() if built_from else ())
    report = check_deck(
        deck_path,
        final=final,
        min_size=min_size or 12.0,
        type_scale=scale,
        locate=locate,
        audience_fonts=_audience_fonts(built_from) if built_from else (),
    )
    if final and built_from and report.slide_ids == [p.id for p in plans]:
        from summarydeck.api.unconfirmed import with_content_list

        # the deck is this content's: list each unconfirmed item once, at its status line
        report.findings = with_content_list(report.findings, plans, built_from.source_map)
    return report


def _audience_fonts(deck: Deck) -> tuple[str, ...]:
    """The brand's fonts, when it says the people who open its decks have them."""
    fonts = deck.brand.fonts
    return fonts.families() if fonts.audience_has_fonts else ()
