"""The pipeline: load -> validate -> plan -> render -> save. Returns results; never prints."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.diagnostics import Diagnostic, Diagnostics, OutputError
from summarydeck.layouts.planner import plan_deck
from summarydeck.layouts.registry import kinds
from summarydeck.model.deck import Deck
from summarydeck.model.validate import validate
from summarydeck.plan.final import check_final
from summarydeck.plan.types import SlidePlan
from summarydeck.source.content_dir import load_content_dir

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT_DIR = Path("output")


@dataclass
class BuildResult:
    path: Path | None
    slides: int
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sha256: str | None = None
    to_confirm: int = 0  # items still to be confirmed (a draft build)


def load_deck(content_dir: Path, diags: Diagnostics) -> Deck | None:
    """Read and validate a content folder; every problem goes to `diags`."""
    raw = load_content_dir(content_dir, diags)
    specs = {name: kind.spec for name, kind in kinds().items()}
    deck = validate(raw, diags, specs)  # even after load errors: report as much as possible
    return None if diags.errors else deck


def plan(content_dir: Path, *, final: bool = False) -> tuple[Deck, list[SlidePlan], Diagnostics]:
    """Load, validate and lay out; raises ContentError with every diagnostic on failure.

    `final`: a deck for publishing, so anything still to be confirmed is an error."""
    diags = Diagnostics()
    deck = load_deck(content_dir, diags)
    diags.raise_if_errors()
    assert deck is not None
    plans = plan_deck(deck, diags)
    if final:
        check_final(plans, deck.source_map, diags)
    diags.raise_if_errors()
    return deck, plans, diags


def default_output(deck: Deck) -> Path:
    return DEFAULT_OUTPUT_DIR / f"{deck.info.slug}.pptx"


def build(
    content_dir: Path = DEFAULT_CONTENT,
    out: Path | None = None,
    cache_dir: Path | None = None,
    *,
    final: bool = False,
) -> BuildResult:
    """Build the deck. Nothing is written unless the whole build succeeds; a `final` build
    also fails while anything in the deck is still to be confirmed."""
    import hashlib

    from summarydeck.output.checks import check_package
    from summarydeck.output.package import (
        build_timestamp,
        deck_bytes,
        replace_template_leftovers,
        set_core_properties,
        write_atomically,
    )
    from summarydeck.render.slides import render_deck

    started = time.perf_counter()
    deck, plans, diags = plan(content_dir, final=final)
    target = out or default_output(deck)
    cache = cache_dir if cache_dir is not None else target.parent / ".cache" / "charts"
    prs = render_deck(plans, deck, cache)
    when = build_timestamp(deck.info)
    set_core_properties(prs, deck.info, when)
    replace_template_leftovers(
        prs, "Widescreen" if deck.brand.slide_size == "16:9" else "On-screen Show (4:3)"
    )
    data = deck_bytes(prs, when)
    problems = check_package(data)  # ~60 ms: cheap insurance against a deck needing "repair"
    if problems:
        listed = "; ".join(f"{p.part}: {p.message}" for p in problems[:5])
        raise OutputError(
            f"the deck failed its own package checks, so it was not written: {listed}"
        )
    write_atomically(target, data)
    return BuildResult(
        target,
        len(plans),
        time.perf_counter() - started,
        diags.items,
        hashlib.sha256(data).hexdigest(),
        _count_to_confirm(plans),
    )


def check_content(content_dir: Path = DEFAULT_CONTENT, *, final: bool = False) -> BuildResult:
    """Validate and lay out without writing anything (`summarydeck validate`)."""
    started = time.perf_counter()
    _, plans, diags = plan(content_dir, final=final)
    return BuildResult(
        None,
        len(plans),
        time.perf_counter() - started,
        diags.items,
        to_confirm=_count_to_confirm(plans),
    )


def _count_to_confirm(plans: list[SlidePlan]) -> int:
    return len({item.path for plan in plans for item in plan.unconfirmed})
