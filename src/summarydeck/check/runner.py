"""Run every check over a deck and, for our own decks, point each finding at the content.

A deck is checked from its parts: `check_deck` reads a file (or a zip's bytes) within the
limits for untrusted input, then `check_parts` checks the parts, which a build may also hand
over directly from memory. Each slide's reading and the findings of the checks that judge a
slide on its own are kept in a small in-process memo, keyed by a digest of every part the
slide's reading depends on: `summarydeck watch` rebuilds in one process, and a slide that did
not change since the last check is neither read nor checked again (its findings carry its
number in the deck checked now)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from summarydeck.check.findings import Finding, Severity, fails, tally
from summarydeck.check.rules import Check, Options, all_checks, is_per_slide
from summarydeck.diagnostics import Location
from summarydeck.ooxml import package_rules
from summarydeck.ooxml.deck_view import DeckView, SlideView
from summarydeck.ooxml.opening import DeckReadError, check_deck_parts, read_deck_parts
from summarydeck.ooxml.part_store import PartStore
from summarydeck.ooxml.reader import OpenDeck, open_deck, renumbered
from summarydeck.plan.fonts import measuring_fonts

Locator = Callable[[Finding], Location | None]
_LEFT_TO_RULES = {"off-slide"}  # package problems a rule reports better (C501)
# python-pptx's own chart template writes negative axis ids: LibreOffice and PowerPoint open
# such charts, so for decks from other tools it is worth a warning, once per chart
_WARNINGS = {"axis-id"}
_SHOWN = "the deck"  # how a deck handed over as bytes or parts is named in messages


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    slides: int = 0
    slide_ids: list[str] = field(default_factory=list)  # each slide's name, in order

    def count(self, severity: Severity) -> int:
        return sum(f.level is severity for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings too. Information never does."""
        return fails((f.level for f in self.findings), strict)

    def summary(self) -> str:
        return f"checked {self.slides} slides: " + (
            tally(f.level for f in self.findings) or "no findings"
        )


def _package_findings(problems: list[package_rules.PackageProblem]) -> list[Finding]:
    findings, warned = [], set()
    for problem in problems:
        if problem.code in _LEFT_TO_RULES:
            continue
        if problem.code in _WARNINGS:
            if (problem.code, problem.part) in warned:
                continue
            warned.add((problem.code, problem.part))
            findings.append(
                Finding(
                    "C101",
                    f"{problem.part}: chart axis ids outside 0 .. 2**31 - 1 (python-pptx's "
                    "template writes negative ones); some readers misread the axes",
                    hint="rebuild the chart, or renumber its c:axId and c:crossAx values",
                    severity=Severity.WARNING,
                )
            )
            continue
        findings.append(Finding("C101", f"{problem.part}: {problem.message} ({problem.code})"))
    return findings


def check_deck(
    source: Path | bytes,
    *,
    final: bool = False,
    min_size: float = 12.0,
    type_scale: Iterable[float] = (),
    locate: Locator | None = None,
    audience_fonts: Iterable[str] = (),
) -> CheckReport:
    """Every finding for the deck at `source` (a path or the bytes of a .pptx). `type_scale`
    lists the sizes text may be set at; without it, sizes are not checked against a scale.
    `audience_fonts`: fonts the people who open the deck have, beyond Office's.

    The zip is read within the limits, judged as a zip (its directory, sizes, compression),
    and its parts checked as `check_parts` checks them."""
    options = _options(final, min_size, type_scale, audience_fonts)
    if isinstance(source, bytes):
        try:
            store, shown = read_deck_parts(source)
        except DeckReadError as exc:  # no deck to read: what the package checks find in it
            findings = _package_findings(package_rules.check_package(source))
            return CheckReport([*findings, Finding("C101", str(exc))], 0)
    else:
        # a file is untrusted: read within the limits, and refused (exit 3) when it is no deck
        store, shown = read_deck_parts(Path(source), parse_reachable=True)
    return _check(store, shown, options, locate)


def check_parts(
    parts: Mapping[str, bytes],
    *,
    final: bool = False,
    min_size: float = 12.0,
    type_scale: Iterable[float] = (),
    locate: Locator | None = None,
    audience_fonts: Iterable[str] = (),
) -> CheckReport:
    """Every finding for a deck given as its parts: zip entry names (`[Content_Types].xml`,
    `ppt/slides/slide1.xml`, `ppt/slides/_rels/slide1.xml.rels` ...) to their inflated bytes.
    The same findings as `check_deck` on a zip of those parts, less what only a zip can have
    wrong (its directory, compression and CRCs): a build checks the parts it holds, not the
    file it writes from them. The parts get the limits for untrusted input (sizes, no DTD)."""
    options = _options(final, min_size, type_scale, audience_fonts)
    store = PartStore(parts)
    try:
        check_deck_parts(store, _SHOWN)
    except DeckReadError as exc:
        findings = _package_findings(package_rules.check_package_parts(store))
        return CheckReport([*findings, Finding("C101", str(exc))], 0)
    return _check(store, _SHOWN, options, locate)


def _options(
    final: bool, min_size: float, type_scale: Iterable[float], audience_fonts: Iterable[str]
) -> Options:
    return Options(
        min_size=min_size,
        final=final,
        type_scale=tuple(sorted(set(type_scale))),
        audience_fonts=frozenset(audience_fonts),
    )


def _check(store: PartStore, shown: str, options: Options, locate: Locator | None) -> CheckReport:
    """The checks on parts that passed the limits and the checks made before reading."""
    findings = _package_findings(package_rules.check_package_parts(store))
    try:
        deck = open_deck(store, shown)
        slides = _read_slides(deck)
    except DeckReadError as exc:
        return CheckReport([*findings, Finding("C101", str(exc))], 0)
    view = deck.view([slide.view for slide in slides])
    for name, check in all_checks().items():
        if is_per_slide(name):
            findings.extend(_per_slide(name, check, slides, view, options))
        else:
            findings.extend(check(view, options))
    if locate is not None:
        findings = [replace(f, location=f.location or locate(f)) for f in findings]
    findings.sort(key=lambda f: (f.slide or 0, f.code))
    return CheckReport(findings, len(view.slides), [s.name for s in view.slides])


# --- the memo of slides checked lately -------------------------------------------------------


@dataclass
class _Kept:
    """A slide's reading, and what each per-slide check found on it, by the options and the
    deck's size it was judged with; numbered where the slide stood when it was kept."""

    view: SlideView
    found: dict[tuple[object, ...], tuple[Finding, ...]] = field(default_factory=dict)


class _Memo:
    """The slides checked lately, by the digest of what their reading depends on: bounded,
    the least recently used left out first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[bytes, _Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> _Kept | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: bytes, kept: _Kept) -> None:
        with self._lock:
            self._kept[key] = kept
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


MEMO = _Memo(3000)  # slides: a big deck rebuilt in one process, with room to spare


@dataclass
class _Slide:
    """One slide of the deck being checked: its reading, and its entry in the memo."""

    number: int
    view: SlideView
    kept: _Kept  # in the memo, unless the slide's parts could not be followed
    alone: DeckView | None = None  # a deck of this slide alone, for the per-slide checks

    def findings(self, name: str, check: Check, deck: DeckView, options: Options) -> list[Finding]:
        """What the per-slide check `name` finds on this slide, renumbered from the memo
        when the same slide was judged the same way before."""
        key = _judged_by(name, options, deck)
        found = self.kept.found.get(key)
        if found is None:
            if self.alone is None or (self.alone.width, self.alone.height) != (
                deck.width,
                deck.height,
            ):
                self.alone = DeckView(deck.width, deck.height, (self.view,))
            found = tuple(check(self.alone, options))
            self.kept.found[key] = found
        return [
            f if f.slide in (None, self.number) else replace(f, slide=self.number) for f in found
        ]


def _judged_by(name: str, options: Options, deck: DeckView) -> tuple[object, ...]:
    """What a per-slide finding depends on besides the slide: the check, its options, the
    slide's size, and the font files text is measured with (a brand's own, by digest)."""
    return (name, options, deck.width, deck.height, measuring_fonts())


def _per_slide(
    name: str, check: Check, slides: list[_Slide], deck: DeckView, options: Options
) -> list[Finding]:
    """What the per-slide check `name` finds on each slide, in slide order: kept findings
    renumbered, and the slides not judged this way before judged together, in one run over
    a deck of those slides (the check judges each on its own)."""
    key = _judged_by(name, options, deck)
    fresh = [slide for slide in slides if key not in slide.kept.found]
    if len(fresh) > 1:
        judged = DeckView(deck.width, deck.height, tuple(slide.view for slide in fresh))
        by_number: dict[int, list[Finding]] = {slide.number: [] for slide in fresh}
        found = list(check(judged, options))
        if all(f.slide in by_number for f in found):
            for finding in found:
                by_number[finding.slide].append(finding)  # type: ignore[index]
            for slide in fresh:
                slide.kept.found[key] = tuple(by_number[slide.number])
        # else: a finding that names no slide of its own: each slide is judged alone below
    return [f for slide in slides for f in slide.findings(name, check, deck, options)]


def _read_slides(deck: OpenDeck) -> list[_Slide]:
    """Every slide read, or taken from the memo; DeckReadError for one that cannot be read."""
    slides = []
    for position, ref in enumerate(deck.slides):
        key = deck.slide_key(position)
        kept = MEMO.get(key) if key is not None else None
        if kept is None:
            kept = _Kept(deck.read_slide(position))
            if key is not None:
                MEMO.put(key, kept)
        slides.append(_Slide(ref.number, renumbered(kept.view, ref.number), kept))
    return slides
