"""The pipeline: load -> validate -> plan -> render -> save. Returns results; never prints."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.check.findings import Finding, Severity
from summarydeck.check.run import CheckReport
from summarydeck.diagnostics import ContentError, Diagnostic, Diagnostics, OutputError
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
    check: CheckReport | None = None  # what `summarydeck check` finds in the deck written


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
    """Build the deck. Nothing is written unless the whole build succeeds: the content is
    valid, every text fits, and the deck passes `check` without errors; a `final` build also
    fails while anything in the deck is still to be confirmed."""
    import hashlib

    from summarydeck.output.package import write_atomically

    started = time.perf_counter()
    deck, plans, diags = plan(content_dir, final=final)
    target = out or default_output(deck)
    cache = cache_dir if cache_dir is not None else target.parent / ".cache" / "charts"
    data = _render(deck, plans, cache)
    report = _check(data, deck, plans)
    broken = [f for f in report.findings if f.code == "C101"]
    if broken:  # our own bug, not the content's: say so, and write nothing
        listed = "; ".join(f.message for f in broken[:5])
        raise OutputError(
            f"the deck failed its own package checks, so it was not written: {listed}"
        )
    found = [_as_diagnostic(f) for f in report.findings if f.level is not Severity.INFO]
    if any(d.is_error for d in found):
        raise ContentError(diags.items + found)
    write_atomically(target, data)
    return BuildResult(
        target,
        len(plans),
        time.perf_counter() - started,
        diags.items + found,
        hashlib.sha256(data).hexdigest(),
        _count_to_confirm(plans),
        report,
    )


def _render(deck: Deck, plans: list[SlidePlan], cache: Path | None) -> bytes:
    """The deck's bytes (their package checks run with the other checks, in `_check`)."""
    from summarydeck.output.package import (
        build_timestamp,
        deck_bytes,
        replace_template_leftovers,
        set_core_properties,
    )
    from summarydeck.render.slides import render_deck

    prs = render_deck(plans, deck, cache)
    when = build_timestamp(deck.info)
    set_core_properties(prs, deck.info, when)
    replace_template_leftovers(
        prs, "Widescreen" if deck.brand.slide_size == "16:9" else "On-screen Show (4:3)"
    )
    data: bytes = deck_bytes(prs, when)
    return data


def _check(data: bytes, deck: Deck, plans: list[SlidePlan]) -> CheckReport:
    from summarydeck.check.locate import content_locator
    from summarydeck.check.run import check_deck

    return check_deck(
        data,
        min_size=deck.brand.type_scale.small,
        locate=content_locator(plans, deck.source_map),
    )


def _as_diagnostic(finding: Finding) -> Diagnostic:
    on = f"slide {finding.slide} `{finding.slide_id}`" if finding.slide else "the deck"
    shape = f" ({finding.shape})" if finding.shape else ""
    return Diagnostic(
        finding.code,
        f"{on}{shape}: {finding.message}",
        finding.location,
        "error" if finding.level is Severity.ERROR else "warning",
        finding.hint,
    )


def check(
    content_dir: Path | None = DEFAULT_CONTENT,
    deck_path: Path | None = None,
    *,
    final: bool = False,
    min_size: float | None = None,
) -> CheckReport:
    """`summarydeck check`: the findings for a deck on disk (`deck_path`), or for the deck the
    content would build (built in memory, nothing written). With both, findings on the deck
    are pointed at the content when the deck was built from it."""
    from summarydeck.check.locate import content_locator
    from summarydeck.check.run import check_deck

    if deck_path is not None:
        built_from: Deck | None = None
        plans: list[SlidePlan] = []
        if content_dir is not None:
            try:
                built_from, plans, _ = plan(content_dir)
            except ContentError:
                built_from = None  # content that does not build cannot say where things are
        locate = content_locator(plans, built_from.source_map) if built_from else None
        report = check_deck(deck_path, final=final, min_size=min_size or 12.0, locate=locate)
        if final and built_from and report.slide_ids == [p.id for p in plans]:
            # the deck is this content's: list each unconfirmed item once, at its status line
            report.findings = [f for f in report.findings if f.code != "C701"]
            report.findings += _unconfirmed(plans, built_from)
        return report
    assert content_dir is not None
    deck, plans, _ = plan(content_dir)
    data = _render(deck, plans, None)
    report = check_deck(
        data,
        min_size=min_size or deck.brand.type_scale.small,
        locate=content_locator(plans, deck.source_map),
    )
    if final:  # the content knows exactly what is unconfirmed, and where to confirm it
        report.findings += _unconfirmed(plans, deck)
    return report


def _unconfirmed(plans: list[SlidePlan], deck: Deck) -> list[Finding]:
    """C701 for each unconfirmed item the deck shows, at its `status:` line, on the first slide
    that shows it (the message lists them all)."""
    diags = Diagnostics()
    check_final(plans, deck.source_map, diags)
    first: dict[tuple[str | int, ...], int] = {}
    for number, slide in enumerate(plans, 1):
        for item in slide.unconfirmed:
            first.setdefault(item.path, number)
    return [
        Finding(
            "C701",
            diag.message,
            number,
            plans[number - 1].id,
            location=diag.location,
            hint="check it against its source, set `status: confirmed`, and build again",
        )
        for diag, number in zip(diags.items, first.values(), strict=True)
    ]


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
