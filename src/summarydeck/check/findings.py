"""What a check reports: a finding with a stable code, a severity, the slide and the shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from summarydeck.diagnostics import Location


class Severity(StrEnum):
    ERROR = "error"  # the deck is broken for some readers: the build and `check` fail
    WARNING = "warning"  # worth fixing: `check --strict` fails
    INFO = "info"  # what could not be checked, and why


def fails(levels: Iterable[Severity], strict: bool = False) -> bool:
    """Errors fail; with `strict`, warnings too. Information never does."""
    return any(
        level is Severity.ERROR or (strict and level is Severity.WARNING) for level in levels
    )


def tally(levels: Iterable[Severity]) -> str:
    """`2 errors, 1 warning, 1 note`: findings counted by severity; "" when there are none."""
    counted = list(levels)
    parts = [
        f"{n} {name}{'s' * (n != 1)}"
        for name, n in (
            ("error", counted.count(Severity.ERROR)),
            ("warning", counted.count(Severity.WARNING)),
            ("note", counted.count(Severity.INFO)),
        )
        if n
    ]
    return ", ".join(parts)


@dataclass(frozen=True)
class Rule:
    """A kind of finding. Codes never change meaning, so scripts can rely on them."""

    code: str
    name: str
    severity: Severity
    summary: str


# Stable codes, grouped: 1xx package, 2xx text, 3xx colour, 4xx structure for assistive
# technology, 5xx geometry, 6xx links, 7xx provenance.
RULES = {
    rule.code: rule
    for rule in (
        Rule("C101", "package", Severity.ERROR, "the package breaks an Open XML rule"),
        Rule("C201", "text-overflow", Severity.ERROR, "text needs more room than its box"),
        Rule("C202", "text-too-small", Severity.WARNING, "text is set below the minimum size"),
        Rule("C203", "font-not-measured", Severity.INFO, "text in a font we have no metrics for"),
        Rule("C204", "off-scale-size", Severity.WARNING, "text at a size off the type scale"),
        Rule("C205", "inconsistent-size", Severity.WARNING, "one element at different sizes"),
        Rule("C206", "lonely-word", Severity.WARNING, "a title ends with one word on a line"),
        Rule(
            "C207",
            "font-not-in-office",
            Severity.WARNING,
            "text in a font PowerPoint does not come with: viewers need it installed",
        ),
        Rule("C301", "low-contrast", Severity.ERROR, "text contrast is below WCAG 2.1 AA"),
        Rule("C302", "contrast-unknown", Severity.INFO, "text over a picture or gradient"),
        Rule("C303", "non-text-contrast", Severity.ERROR, "a meaningful fill is below 3:1"),
        Rule("C401", "missing-alt-text", Severity.ERROR, "a picture or chart has no alt text"),
        Rule("C402", "missing-title", Severity.ERROR, "a slide has no title"),
        Rule("C403", "duplicate-title", Severity.WARNING, "two slides share a title"),
        Rule("C404", "reading-order", Severity.WARNING, "the title is not read first"),
        Rule("C405", "empty-placeholder", Severity.WARNING, "a placeholder holds nothing"),
        Rule("C501", "off-slide", Severity.ERROR, "a shape reaches past the slide's edge"),
        Rule("C502", "overlapping-text", Severity.WARNING, "text overlaps other content"),
        Rule("C503", "off-margin", Severity.WARNING, "a box crosses the text margins"),
        Rule("C601", "link-scheme", Severity.ERROR, "a link is not a web or mail address"),
        Rule("C602", "linked-file", Severity.ERROR, "a picture or object is linked, not held"),
        Rule("C701", "unconfirmed", Severity.ERROR, "a final deck shows unconfirmed content"),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    slide: int | None = None  # 1-based slide number; None for the whole deck
    slide_id: str | None = None  # the slide's name (our decks: its stable id)
    shape: str | None = None  # the shape's name
    hint: str | None = None
    location: Location | None = None  # where to fix it in the content, for our own decks
    severity: Severity | None = None  # None: the rule's own severity

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def level(self) -> Severity:
        return self.severity or self.rule.severity

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.rule.name,
            "severity": str(self.level),
            "slide": self.slide,
            "slide_id": self.slide_id,
            "shape": self.shape,
            "message": self.message,
            "hint": self.hint,
            "file": self.location.file if self.location else None,
            "line": self.location.line if self.location and self.location.line else None,
            "column": self.location.column if self.location and self.location.column else None,
        }
