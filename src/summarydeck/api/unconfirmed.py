"""Unconfirmed content in a deck for publishing: one rule, one code (C701), one list.

The checker's own C701 rule finds the "To be confirmed" label on any deck. When the content is
known, the content's list replaces it: each item once, at the line where it is confirmed, even
on a slide that draws no label (a section slide). `build --final`, `validate --final` and
`check --final` all report this list."""

from __future__ import annotations

from collections.abc import Sequence

from summarydeck.check.findings import Finding
from summarydeck.diagnostics import Diagnostic
from summarydeck.plan.final import FINAL_HINT, unconfirmed_items
from summarydeck.plan.types import SlidePlan
from summarydeck.source.yaml_loader import SourceMap

FINAL_CODE = "C701"


def unconfirmed_findings(plans: Sequence[SlidePlan], smap: SourceMap) -> list[Finding]:
    """A C701 finding for each unconfirmed item, on the first slide that shows it."""
    return [
        Finding(
            FINAL_CODE,
            item.message,
            item.slides[0][0],
            item.slides[0][1],
            location=item.location,
            hint=FINAL_HINT,
        )
        for item in unconfirmed_items(plans, smap)
    ]


def unconfirmed_diagnostics(plans: Sequence[SlidePlan], smap: SourceMap) -> list[Diagnostic]:
    """The same list as errors at their content lines (the message names every slide)."""
    return [
        Diagnostic(FINAL_CODE, f.message, f.location, "error", f.hint)
        for f in unconfirmed_findings(plans, smap)
    ]


def with_content_list(
    findings: Sequence[Finding], plans: Sequence[SlidePlan], smap: SourceMap
) -> list[Finding]:
    """The checker's findings, its C701s replaced by the content's own list."""
    return [f for f in findings if f.code != FINAL_CODE] + unconfirmed_findings(plans, smap)


def count_to_confirm(plans: Sequence[SlidePlan]) -> int:
    """How many distinct items the slides show that are still to be confirmed."""
    return len({item.path for plan in plans for item in plan.unconfirmed})
