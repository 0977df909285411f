"""Reports for people and for scripts: `check`'s findings (a block per finding, or JSON) and
`diff`'s changes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from summarydeck import api

if TYPE_CHECKING:
    from summarydeck.api import CheckReport, DeckDiff, Finding, TemplateFinding


def human(report: CheckReport, deck: str) -> str:
    """Findings in the compiler style of content errors: where, what, then how to fix it."""
    blocks = [_block(f, deck) for f in report.findings]
    return "\n\n".join(blocks)


def _block(finding: Finding, deck: str) -> str:
    where = str(finding.location) if finding.location else deck
    on = []
    if finding.slide is not None:
        on.append(f"slide {finding.slide}" + (f" `{finding.slide_id}`" if finding.slide_id else ""))
    if finding.shape:
        on.append(f"({finding.shape})")
    return finding_block(where, finding, " ".join(on))


def finding_block(where: str, finding: Finding | TemplateFinding, on: str) -> str:
    """One finding, as `check` and `template check` print it: where, level, code and rule, what
    it is on, the message, then the hint."""
    lines = [
        f"{where}: {finding.level} {finding.code} {finding.rule.name}: "
        + (f"{on}: " if on else "")
        + finding.message
    ]
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)


def as_json(report: CheckReport, deck: str, strict: bool) -> str:
    return json.dumps(
        {
            "deck": deck,
            "slides": report.slides,
            "passed": not report.failed(strict),
            "summary": {
                "errors": report.count(api.Severity.ERROR),
                "warnings": report.count(api.Severity.WARNING),
                "info": report.count(api.Severity.INFO),
            },
            "findings": [f.to_json() for f in report.findings],
        },
        indent=2,
        ensure_ascii=False,
    )


def format_diff(diff: DeckDiff) -> str:
    if diff.same:
        return f"No changes: {diff.slides[1]} slides show the same text, charts and notes."
    lines = []
    for change in diff.changes:
        where = (
            f"slide {change.new_number}" if change.new_number else f"was slide {change.old_number}"
        )
        moved = (
            f" (was slide {change.old_number})"
            if change.old_number and change.new_number and change.old_number != change.new_number
            else ""
        )
        lines.append(f"{where} `{change.id}`: {change.status}{moved} — {change.title}")
        lines += [f"    {detail}" for detail in change.details]
    counts: dict[str, int] = {}
    for change in diff.changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    lines.append(f"\n{summary} ({diff.slides[0]} slides before, {diff.slides[1]} after)")
    return "\n".join(lines)
