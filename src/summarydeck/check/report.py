"""Print a check report: one block per finding for people, or JSON for scripts."""

from __future__ import annotations

import json

from summarydeck.check.findings import Finding, Severity
from summarydeck.check.run import CheckReport


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
    prefix = " ".join(on)
    lines = [
        f"{where}: {finding.level} {finding.code} {finding.rule.name}: "
        + (f"{prefix}: " if prefix else "")
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
                "errors": report.count(Severity.ERROR),
                "warnings": report.count(Severity.WARNING),
                "info": report.count(Severity.INFO),
            },
            "findings": [f.to_json() for f in report.findings],
        },
        indent=2,
        ensure_ascii=False,
    )
