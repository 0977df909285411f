"""`build`: lay out, render, check and write a deck (or every variant), all or nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck import __version__
from summarydeck.api.loading import (
    DEFAULT_CONTENT,
    Selection,
    brand_files,
    content_hash,
    default_output,
    load,
    plan_selection,
)
from summarydeck.api.unconfirmed import count_to_confirm
from summarydeck.check.findings import Finding, Severity
from summarydeck.check.locate import content_locator
from summarydeck.check.runner import CheckReport, check_parts
from summarydeck.diagnostics import ContentError, Diagnostic, Diagnostics, OutputError
from summarydeck.layouts.deck_layouts import deck_grid, deck_layouts
from summarydeck.layouts.selection import section_of
from summarydeck.model.deck import Deck
from summarydeck.ooxml.inventory import SlideRecord, fingerprint, unique_ids
from summarydeck.ooxml.package_writer import write_package
from summarydeck.ooxml.saving import CoreProperties, property_parts
from summarydeck.output.files import check_targets, write_together
from summarydeck.output.guard import guard_overwrite
from summarydeck.output.manifest import SlideEntry, manifest_path, manifest_text
from summarydeck.output.review import review_path, review_text
from summarydeck.output.stamp import Stamp
from summarydeck.output.timestamp import build_timestamp
from summarydeck.plan.final import unconfirmed_items
from summarydeck.plan.types import SlidePlan
from summarydeck.progress import NO_PROGRESS, Progress
from summarydeck.render.slide_cache import SlideCache


@dataclass
class BuildResult:
    path: Path
    slides: int
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sha256: str | None = None
    to_confirm: int = 0  # items still to be confirmed (a draft build)
    check: CheckReport | None = None  # what `summarydeck check` finds in the deck written
    variant: str | None = None
    manifest: Path | None = None
    backup: Path | None = None  # the edited deck kept aside by `--force`
    outside: list[Path] = field(default_factory=list)  # files read from outside the content folder
    review: Path | None = None  # the review report written beside the deck
    drawn: int = 0  # slides drawn afresh; the rest were kept from an earlier build (watch)
    # each slide's drawing key (hex): equal keys, slides that look the same (`preview` keeps
    # the pictures of slides it has drawn before by it)
    slide_keys: tuple[str, ...] = ()


def build(
    content_dir: Path = DEFAULT_CONTENT,
    out: Path | None = None,
    cache_dir: Path | None = None,
    *,
    final: bool = False,
    selection: Selection = Selection(),
    force: bool = False,
    progress: Progress = NO_PROGRESS,
) -> BuildResult:
    """Build one deck. Nothing is written unless the whole build succeeds: the content is
    valid, every text fits, and the deck passes `check` without errors; a `final` build also
    fails while anything in the deck is still to be confirmed. A deck on disk that was edited
    since it was written is replaced only with `force` (and then kept as a backup).
    `progress` is told of each stage, and of each slide drawn."""
    started = time.perf_counter()
    progress.stage("Loading content")
    deck, diags = load(content_dir)
    loaded = time.perf_counter() - started
    ready = _prepare(deck, diags, out, cache_dir, final, selection, progress)
    result = _write([ready], [guard_overwrite(ready.target, force=force)], loaded, progress)[0]
    progress.done()
    return result


def build_all(
    content_dir: Path = DEFAULT_CONTENT,
    cache_dir: Path | None = None,
    *,
    final: bool = False,
    force: bool = False,
    progress: Progress = NO_PROGRESS,
) -> list[BuildResult]:
    """Every variant, each into its own file (one deck when there are no variants). All are
    planned and checked before any is written, and written all or none, so one broken
    variant, or a disk that fills up half-way, writes none. `progress` is told of each
    variant's stages, named with the variant (`Drawing slides (short)`)."""
    started = time.perf_counter()
    progress.stage("Loading content")
    deck, diags = load(content_dir)
    loaded = time.perf_counter() - started
    names: list[str | None] = list(deck.variants) or [None]
    prepared = [
        _prepare(
            deck,
            Diagnostics(list(diags.items)),
            None,
            cache_dir,
            final,
            Selection(name),
            progress,
            f" ({name})" if name is not None and len(names) > 1 else "",
        )
        for name in names
    ]
    # refuse before writing any, so that one edited deck leaves the whole set as it was
    backups = [guard_overwrite(ready.target, force=force) for ready in prepared]
    results = _write(prepared, backups, loaded, progress)
    progress.done()
    return results


# slides drawn by earlier builds in this process: `watch` and a warm API draw only what changed
SLIDES = SlideCache()


@dataclass(frozen=True)
class RenderedPackage:
    data: bytes  # the deck's bytes
    parts: dict[str, bytes]  # each zip entry's bytes, for the checker
    records: list[SlideRecord]  # what each slide shows
    stamp: Stamp  # the stamp written into it
    drawn: int  # slides drawn, not taken from the cache
    keys: list[str]  # each slide's drawing key


def render_package(
    deck: Deck,
    plans: list[SlidePlan],
    cache: Path | None,
    stamp: Stamp | None = None,
    slides: SlideCache | None = SLIDES,
    *,
    progress: Progress = NO_PROGRESS,
    suffix: str = "",
) -> RenderedPackage:
    """The deck's package, drawing only the slides `slides` has not kept from before;
    `progress` hears of the drawing (a step a slide) and the packaging, `suffix` after their
    names."""
    from summarydeck.render.slides import DRAWING  # python-pptx: only when rendering

    with DRAWING:  # the kept master is read while the package is written from it
        return _render_package(deck, plans, cache, stamp, slides, progress, suffix)


def _render_package(
    deck: Deck,
    plans: list[SlidePlan],
    cache: Path | None,
    stamp: Stamp | None,
    slides: SlideCache | None,
    progress: Progress,
    suffix: str,
) -> RenderedPackage:
    from summarydeck.render.slides import render_deck

    when = build_timestamp(deck.info)
    layouts, grid = deck_layouts(deck), deck_grid(deck)
    progress.stage(f"Drawing slides{suffix}", len(plans))
    rendered = render_deck(plans, deck, cache, layouts, grid, when, slides, progress=progress)
    progress.stage(f"Packaging{suffix}")
    prs = rendered.prs
    notes = sum(1 for slide in rendered.slides if slide.part.has_notes)
    slide_format = "Widescreen" if deck.brand.slide_size == "16:9" else "On-screen Show (4:3)"
    records = unique_ids([slide.record for slide in rendered.slides])
    stamp = dataclasses.replace(
        stamp or Stamp(__version__, "", "", deck.variant or ""), slides_hash=fingerprint(records)
    )
    replaced, added = property_parts(
        prs,
        _core_properties(deck),
        when,
        (slide_format, len(rendered.slides), notes),
        stamp.properties(),
    )
    package = write_package(
        prs, rendered.base, [slide.part for slide in rendered.slides], when, replaced, added
    )
    return RenderedPackage(
        package.data, package.parts, records, stamp, rendered.drawn, rendered.keys
    )


@dataclass
class _Prepared:
    """A deck rendered and checked in memory, ready to write."""

    target: Path
    data: bytes
    stamp: Stamp
    records: list[SlideRecord]
    entries: list[SlideEntry]
    diagnostics: list[Diagnostic]
    to_confirm: int
    report: CheckReport
    variant: str | None
    seconds: float  # to lay out, render and check it
    outside: list[Path]  # files read from outside the content folder (a shared logo)
    review: str  # the review report: what is still to be confirmed
    drawn: int  # slides drawn afresh
    keys: list[str]  # each slide's drawing key


def _prepare(
    deck: Deck,
    diags: Diagnostics,
    out: Path | None,
    cache_dir: Path | None,
    final: bool,
    selection: Selection,
    progress: Progress,
    suffix: str = "",
) -> _Prepared:
    started = time.perf_counter()
    progress.stage(f"Laying out{suffix}")
    # a final build with anything unconfirmed stops here, before rendering
    cut, plans = plan_selection(deck, diags, selection, final=final)
    target = out or default_output(cut, selection)
    # a link, folder or FIFO where a file goes: refused now, before the guard reads it
    check_targets([target, manifest_path(target), review_path(target)])
    cache = cache_dir if cache_dir is not None else target.parent / ".cache" / "charts"
    # the variant as resolved: `build` and `build --variant <first>` make the same deck
    resolved = dataclasses.replace(selection, variant=cut.variant)
    outside = brand_files(deck)
    digest = content_hash(deck.content_dir, resolved, outside)
    stamp = Stamp(__version__, digest, "", cut.variant or "")
    rendered = render_package(cut, plans, cache, stamp, progress=progress, suffix=suffix)
    data, records, stamp = rendered.data, rendered.records, rendered.stamp
    progress.stage(f"Checking{suffix}")
    # (a final build with anything unconfirmed was refused above, so C701 cannot arise here)
    # the parts held in memory, not the zip read back: the writer made that zip from them
    report = check_parts(
        rendered.parts,
        min_size=cut.brand.type_scale.small,
        type_scale=cut.brand.type_scale.steps(),
        locate=content_locator(plans, cut.source_map),
        # W213 has said it at `brand.fonts` (or the brand says its audience has them)
        audience_fonts=cut.brand.fonts.families(),
    )
    broken = [f for f in report.findings if f.code == "C101"]
    if broken:  # our own bug, not the content's: say so, and write nothing
        listed = "; ".join(f.message for f in broken[:5])
        raise OutputError(
            f"the deck failed its own package checks, so it was not written: {listed}"
        )
    found = [as_diagnostic(f) for f in report.findings if f.level is not Severity.INFO]
    if any(d.is_error for d in found):
        raise ContentError(diags.items + found)
    entries = [SlideEntry(p.kind, section_of(p, cut)) for p in plans]
    warnings = [d for d in diags.items + found if not d.is_error]
    items = unconfirmed_items(plans, cut.source_map)
    review = review_text(target, cut.info.title, items, warnings, cut.content_dir)
    return _Prepared(
        target,
        data,
        stamp,
        records,
        entries,
        diags.items + found,
        count_to_confirm(plans),
        report,
        cut.variant,
        time.perf_counter() - started,
        outside,
        review,
        rendered.drawn,
        rendered.keys,
    )


def _write(
    prepared: list[_Prepared], backups: list[Path | None], loaded: float, progress: Progress
) -> list[BuildResult]:
    """Write prepared decks and their manifests, all or none; `loaded`: how long reading the
    content took."""
    writing = time.perf_counter()
    progress.stage("Writing files")
    files: list[tuple[Path, bytes]] = []
    shas = []
    for ready in prepared:
        sha = hashlib.sha256(ready.data).hexdigest()
        text = manifest_text(ready.target, sha, ready.stamp, ready.records, ready.entries)
        files += [
            (ready.target, ready.data),
            (manifest_path(ready.target), text.encode("utf-8")),
            (review_path(ready.target), ready.review.encode("utf-8")),
        ]
        shas.append(sha)
    write_together(files)
    spent = (time.perf_counter() - writing) / max(len(prepared), 1)
    return [
        BuildResult(
            ready.target,
            len(ready.records),
            loaded + ready.seconds + spent,
            ready.diagnostics,
            sha,
            ready.to_confirm,
            ready.report,
            ready.variant,
            manifest_path(ready.target),
            backup,
            outside=ready.outside,
            review=review_path(ready.target),
            drawn=ready.drawn,
            slide_keys=tuple(ready.keys),
        )
        for ready, sha, backup in zip(prepared, shas, backups, strict=True)
    ]


def _core_properties(deck: Deck) -> CoreProperties:
    info = deck.info
    return CoreProperties(
        title=info.title,
        subject=info.subtitle or "",
        author=info.author,
        last_modified_by=f"summarydeck {__version__}",
        keywords=", ".join(info.keywords),
        language=info.language,
        comments=(
            "Generated by summarydeck from structured content; edit the content, not the deck."
        ),
    )


def as_diagnostic(finding: Finding) -> Diagnostic:
    """A checker's finding on a deck being built, told like a content diagnostic."""
    on = f"slide {finding.slide} `{finding.slide_id}`" if finding.slide else "the deck"
    shape = f" ({finding.shape})" if finding.shape else ""
    return Diagnostic(
        finding.code,
        f"{on}{shape}: {finding.message}",
        finding.location,
        "error" if finding.level is Severity.ERROR else "warning",
        finding.hint,
    )
