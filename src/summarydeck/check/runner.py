"""Run every check over a deck and, for our own decks, point each finding at the content."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from summarydeck.check.findings import Finding, Severity, fails, tally
from summarydeck.check.rules import Options, all_checks
from summarydeck.diagnostics import Location
from summarydeck.ooxml import package_rules
from summarydeck.ooxml.opening import DeckReadError, read_deck_bytes
from summarydeck.ooxml.reader import read_deck

Locator = Callable[[Finding], Location | None]
_LEFT_TO_RULES = {"off-slide"}  # package problems a rule reports better (C501)
# python-pptx's own chart template writes negative axis ids: LibreOffice and PowerPoint open
# such charts, so for decks from other tools it is worth a warning, once per chart
_WARNINGS = {"axis-id"}


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
    `audience_fonts`: fonts the people who open the deck have, beyond Office's."""
    # a file is untrusted: read within the limits, and refused (exit 3) when it is no deck
    data = source if isinstance(source, bytes) else read_deck_bytes(Path(source))
    findings = _package_findings(package_rules.check_package(data))
    try:
        deck = read_deck(data, None if isinstance(source, bytes) else str(source))
    except DeckReadError as exc:
        return CheckReport([*findings, Finding("C101", str(exc))], 0)
    options = Options(
        min_size=min_size,
        final=final,
        type_scale=tuple(sorted(set(type_scale))),
        audience_fonts=frozenset(audience_fonts),
    )
    for check in all_checks().values():
        findings.extend(check(deck, options))
    if locate is not None:
        findings = [replace(f, location=f.location or locate(f)) for f in findings]
    findings.sort(key=lambda f: (f.slide or 0, f.code))
    return CheckReport(findings, len(deck.slides), [s.name for s in deck.slides])
