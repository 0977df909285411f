"""The pipeline: load -> validate -> plan -> render -> save. Returns results; never prints."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck import __version__
from summarydeck.check.findings import Finding, Severity
from summarydeck.check.run import CheckReport
from summarydeck.diagnostics import (
    ContentError,
    Diagnostic,
    Diagnostics,
    OutputError,
    SelectionError,
)
from summarydeck.layouts.planner import plan_deck
from summarydeck.layouts.registry import kinds
from summarydeck.model.deck import Deck
from summarydeck.model.validate import validate
from summarydeck.output.guard import guard_overwrite
from summarydeck.output.inventory import SlideRecord
from summarydeck.output.manifest import SlideEntry
from summarydeck.output.stamp import Stamp
from summarydeck.plan.final import check_final
from summarydeck.plan.types import SlidePlan
from summarydeck.source.content_dir import content_files, load_content_dir, picture_files

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT_DIR = Path("output")


@dataclass(frozen=True)
class Selection:
    """Which deck to build from the content: a variant (the first listed when None), then
    optionally only some of its slides, by id or by section."""

    variant: str | None = None
    only: tuple[str, ...] = ()
    section: str | None = None

    def __post_init__(self) -> None:
        # slides come out in deck order whatever order they were named in, so `--only b,a` and
        # `--only a,b` are one selection: one file name, one stamp
        object.__setattr__(self, "only", tuple(sorted(set(self.only))))

    def describe(self) -> str:
        return (
            f"variant={self.variant or ''};only={','.join(self.only)};section={self.section or ''}"
        )


@dataclass
class BuildResult:
    path: Path | None
    slides: int
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sha256: str | None = None
    to_confirm: int = 0  # items still to be confirmed (a draft build)
    check: CheckReport | None = None  # what `summarydeck check` finds in the deck written
    variant: str | None = None
    manifest: Path | None = None
    backup: Path | None = None  # the edited deck kept aside by `--force`
    variants: list[tuple[str | None, int]] = field(default_factory=list)  # validate: slides each
    outside: list[Path] = field(default_factory=list)  # files read from outside the content folder


def load_deck(content_dir: Path, diags: Diagnostics) -> Deck | None:
    """Read and validate a content folder; every problem goes to `diags`."""
    raw = load_content_dir(content_dir, diags)
    specs = {name: kind.spec for name, kind in kinds().items()}
    deck = validate(raw, diags, specs)  # even after load errors: report as much as possible
    return None if diags.errors else deck


def load(content_dir: Path) -> tuple[Deck, Diagnostics]:
    """The validated deck; raises ContentError with every diagnostic on failure."""
    diags = Diagnostics()
    deck = load_deck(content_dir, diags)
    diags.raise_if_errors()
    assert deck is not None
    return deck, diags


def plan_selection(
    deck: Deck, diags: Diagnostics, selection: Selection = Selection(), *, final: bool = False
) -> tuple[Deck, list[SlidePlan]]:
    """Cut the deck to the selection and lay it out; raises ContentError on errors.

    `final`: a deck for publishing, so anything still to be confirmed is an error."""
    from summarydeck.layouts.selection import apply_variant, pick_slides

    cut = apply_variant(deck, selection.variant, diags)
    plans = plan_deck(cut, diags)
    _check_max_slides(cut, plans, diags)
    plans = pick_slides(plans, cut, selection.only, selection.section)
    if final:
        check_final(plans, deck.source_map, diags)
    diags.raise_if_errors()
    return cut, plans


def plan(
    content_dir: Path, *, final: bool = False, selection: Selection = Selection()
) -> tuple[Deck, list[SlidePlan], Diagnostics]:
    """Load, validate and lay out; raises ContentError with every diagnostic on failure."""
    deck, diags = load(content_dir)
    cut, plans = plan_selection(deck, diags, selection, final=final)
    return cut, plans, diags


def _check_max_slides(deck: Deck, plans: list[SlidePlan], diags: Diagnostics) -> None:
    if deck.variant is None:
        return
    limit = deck.variants[deck.variant].max_slides
    if limit is not None and len(plans) > limit:
        diags.error(
            "E215",
            f"variant `{deck.variant}` has {len(plans)} slides, more than its "
            f"`max_slides: {limit}`",
            deck.source_map.locate(("variants", deck.variant, "max_slides")),
            "leave some slides out of it, or shorten text that continues onto extra slides",
        )


def default_output(deck: Deck, selection: Selection = Selection()) -> Path:
    """`output/<slug>.pptx` for the first variant; `<slug>-<variant>.pptx` for another; a
    section or a choice of slides adds its name, so each selection has its own file."""
    from summarydeck.layouts.selection import default_variant

    name = deck.info.slug
    if deck.variant and deck.variant != default_variant(deck):
        name += f"-{deck.variant}"
    if selection.section:
        name += f"-section-{selection.section}"
    if selection.only:
        name += "-only-" + "-".join(selection.only[:3])
        if len(selection.only) > 3:  # the rest go into a short digest, so names stay distinct
            rest = hashlib.sha256(",".join(selection.only).encode("utf-8")).hexdigest()[:8]
            name += f"-and-{len(selection.only) - 3}-more-{rest}"
    return DEFAULT_OUTPUT_DIR / f"{name}.pptx"


def built_decks(content_dir: Path, variant: str | None, all_variants: bool) -> list[Path]:
    """The decks `build` writes for this content (a variant's, or every variant's); raises
    OutputError when one has not been built yet."""
    from summarydeck.layouts.selection import apply_variant

    deck, _ = load(content_dir)
    names: list[str | None] = (list(deck.variants) or [None]) if all_variants else [variant]
    paths = [default_output(apply_variant(deck, name, Diagnostics())) for name in names]
    missing = [p for p in paths if not p.exists()]
    if missing:
        command = " --all" if all_variants else f" --variant {variant}" if variant else ""
        raise OutputError(
            f"{missing[0]} has not been built yet",
            f"run `summarydeck build{command}` first, or name the deck to export",
        )
    return paths


def build(
    content_dir: Path = DEFAULT_CONTENT,
    out: Path | None = None,
    cache_dir: Path | None = None,
    *,
    final: bool = False,
    selection: Selection = Selection(),
    force: bool = False,
) -> BuildResult:
    """Build one deck. Nothing is written unless the whole build succeeds: the content is
    valid, every text fits, and the deck passes `check` without errors; a `final` build also
    fails while anything in the deck is still to be confirmed. A deck on disk that was edited
    since it was written is replaced only with `force` (and then kept as a backup)."""
    started = time.perf_counter()
    deck, diags = load(content_dir)
    loaded = time.perf_counter() - started
    ready = _prepare(deck, diags, out, cache_dir, final, selection)
    return _write([ready], [guard_overwrite(ready.target, force=force)], loaded)[0]


def build_all(
    content_dir: Path = DEFAULT_CONTENT,
    cache_dir: Path | None = None,
    *,
    final: bool = False,
    force: bool = False,
) -> list[BuildResult]:
    """Every variant, each into its own file (one deck when there are no variants). All are
    planned and checked before any is written, and written all or none, so one broken
    variant, or a disk that fills up half-way, writes none."""
    started = time.perf_counter()
    deck, diags = load(content_dir)
    loaded = time.perf_counter() - started
    names: list[str | None] = list(deck.variants) or [None]
    prepared = [
        _prepare(deck, Diagnostics(list(diags.items)), None, cache_dir, final, Selection(name))
        for name in names
    ]
    # refuse before writing any, so that one edited deck leaves the whole set as it was
    backups = [guard_overwrite(ready.target, force=force) for ready in prepared]
    return _write(prepared, backups, loaded)


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


def _prepare(
    deck: Deck,
    diags: Diagnostics,
    out: Path | None,
    cache_dir: Path | None,
    final: bool,
    selection: Selection,
) -> _Prepared:
    from summarydeck.layouts.selection import section_of

    started = time.perf_counter()
    cut, plans = plan_selection(deck, diags, selection, final=final)
    target = out or default_output(cut, selection)
    cache = cache_dir if cache_dir is not None else target.parent / ".cache" / "charts"
    # the variant as resolved: `build` and `build --variant <first>` make the same deck
    resolved = dataclasses.replace(selection, variant=cut.variant)
    outside = brand_files(deck)
    digest = content_hash(deck.content_dir, resolved, outside)
    stamp_base = Stamp(__version__, digest, "", cut.variant or "")
    data, records, stamp = _render(cut, plans, cache, stamp_base)
    report = _check(data, cut, plans)
    broken = [f for f in report.findings if f.code == "C101"]
    if broken:  # our own bug, not the content's: say so, and write nothing
        listed = "; ".join(f.message for f in broken[:5])
        raise OutputError(
            f"the deck failed its own package checks, so it was not written: {listed}"
        )
    found = [_as_diagnostic(f) for f in report.findings if f.level is not Severity.INFO]
    if any(d.is_error for d in found):
        raise ContentError(diags.items + found)
    entries = [SlideEntry(p.kind, section_of(p, cut)) for p in plans]
    return _Prepared(
        target,
        data,
        stamp,
        records,
        entries,
        diags.items + found,
        _count_to_confirm(plans),
        report,
        cut.variant,
        time.perf_counter() - started,
        outside,
    )


def _write(
    prepared: list[_Prepared], backups: list[Path | None], loaded: float
) -> list[BuildResult]:
    """Write prepared decks and their manifests, all or none; `loaded`: how long reading the
    content took."""
    from summarydeck.output.manifest import manifest_path, manifest_text
    from summarydeck.output.package import write_together

    writing = time.perf_counter()
    files: list[tuple[Path, bytes]] = []
    shas = []
    for ready in prepared:
        sha = hashlib.sha256(ready.data).hexdigest()
        text = manifest_text(ready.target, sha, ready.stamp, ready.records, ready.entries)
        files += [(ready.target, ready.data), (manifest_path(ready.target), text.encode("utf-8"))]
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
        )
        for ready, sha, backup in zip(prepared, shas, backups, strict=True)
    ]


def content_hash(
    content_dir: Path, selection: Selection = Selection(), outside: Sequence[Path] = ()
) -> str:
    """A digest of the content files, the pictures in the content folder, the files named in
    `outside` (the logo when it lives elsewhere) and the selection: two builds with the same
    stamp were made from the same content."""
    digest = hashlib.sha256(selection.describe().encode("utf-8"))
    inside = sorted(set(content_files(content_dir)) | set(picture_files(content_dir)))
    # each named from the content folder (`quotes.yaml`, `../brand/logo.png`): the same on
    # every machine
    named = [(p.relative_to(content_dir), p) for p in inside] + [
        (Path(os.path.relpath(p, content_dir.resolve())), p) for p in outside
    ]
    for name, path in named:
        digest.update(name.as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def brand_files(deck: Deck) -> list[Path]:
    """Files the brand names that live outside the content folder."""
    if not deck.brand.logo:
        return []
    logo = (deck.content_dir / deck.brand.logo).resolve()
    inside = logo.is_relative_to(deck.content_dir.resolve())
    return [] if inside or not logo.is_file() else [logo]


def _render(
    deck: Deck, plans: list[SlidePlan], cache: Path | None, stamp: Stamp | None = None
) -> tuple[bytes, list[SlideRecord], Stamp]:
    """The deck's bytes, what its slides show, and the stamp written into it (its package
    checks run with the other checks, in `_check`)."""
    from summarydeck.output.inventory import fingerprint, slide_records
    from summarydeck.output.package import (
        build_timestamp,
        deck_bytes,
        replace_template_leftovers,
        set_core_properties,
    )
    from summarydeck.output.stamp import add_stamp
    from summarydeck.render.slides import render_deck

    prs = render_deck(plans, deck, cache)
    when = build_timestamp(deck.info)
    set_core_properties(prs, deck.info, when)
    replace_template_leftovers(
        prs, "Widescreen" if deck.brand.slide_size == "16:9" else "On-screen Show (4:3)"
    )
    records = slide_records(prs)
    stamp = dataclasses.replace(
        stamp or Stamp(__version__, "", "", deck.variant or ""), slides_hash=fingerprint(records)
    )
    add_stamp(prs, stamp)
    data: bytes = deck_bytes(prs, when)
    return data, records, stamp


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
    variant: str | None = None,
) -> CheckReport:
    """`summarydeck check`: the findings for a deck on disk (`deck_path`), or for the deck the
    content would build (built in memory, nothing written). With both, findings on the deck
    are pointed at the content when the deck was built from it (as the variant its stamp
    names, unless `variant` says otherwise)."""
    from summarydeck.check.locate import content_locator
    from summarydeck.check.run import check_deck
    from summarydeck.output.stamp import read_stamp

    if deck_path is not None:
        built_from: Deck | None = None
        plans: list[SlidePlan] = []
        if content_dir is not None:
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
        report = check_deck(deck_path, final=final, min_size=min_size or 12.0, locate=locate)
        if final and built_from and report.slide_ids == [p.id for p in plans]:
            # the deck is this content's: list each unconfirmed item once, at its status line
            report.findings = [f for f in report.findings if f.code != "C701"]
            report.findings += _unconfirmed(plans, built_from)
        return report
    assert content_dir is not None
    deck, plans, _ = plan(content_dir, selection=Selection(variant))
    data, _, _ = _render(deck, plans, None)
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
    """Validate and lay out every variant without writing anything (`summarydeck validate`);
    the result counts the default deck's slides, and its diagnostics cover every variant."""
    started = time.perf_counter()
    deck, diags = load(content_dir)
    names: list[str | None] = list(deck.variants) or [None]
    found: dict[Diagnostic, None] = dict.fromkeys(diags.items)
    counted: list[tuple[str | None, int]] = []
    first_plans: list[SlidePlan] = []
    for name in names:
        own = Diagnostics(list(diags.items))
        _, plans = plan_selection(deck, own, Selection(name), final=final)
        found.update(dict.fromkeys(own.items))
        counted.append((name, len(plans)))
        first_plans = first_plans or plans
    return BuildResult(
        None,
        counted[0][1],
        time.perf_counter() - started,
        list(found),
        to_confirm=_count_to_confirm(first_plans),
        variants=counted if deck.variants else [],
    )


def _count_to_confirm(plans: list[SlidePlan]) -> int:
    return len({item.path for plan in plans for item in plan.unconfirmed})
