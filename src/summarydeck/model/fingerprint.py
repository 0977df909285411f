"""A confirmation's fingerprint: what an item claimed when an editor confirmed it.

`summarydeck confirm` writes `confirmed_as: 3f9a-1c2e-...` beside `status: confirmed`: one
group of four hex digits per field that carries the claim (a statistic's `headline`, `label`,
`population`, `year`, chart numbers, number format, `takeaway` and `source`), in a fixed order.
A stamp with another number of groups (written when other fields were fingerprinted) cannot
say which field changed: every field counts as changed, and the item is confirmed again.

A group per field, rather than one hash of the whole, lets a warning name the field that
changed. Four digits per field miss a change once in 65,536: a guard against an edit slipping
through, not a seal.

Values are hashed as parsed (whitespace stripped, numbers as numbers), so re-quoting or
re-wrapping a line in the YAML does not count as a change; an edit to the words or numbers
does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

_GROUP = 4
STAMP_PATTERN = r"^[0-9a-f]{4}(?:-[0-9a-f]{4})*$"
_STAMP = re.compile(STAMP_PATTERN)


def is_stamp(text: str) -> bool:
    return bool(_STAMP.match(text))


def _group(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:_GROUP]


def stamp(claim: Mapping[str, Any]) -> str:
    """The fingerprint of a claim: `3f9a-1c2e-...`, one group per field, in the claim's order.
    Two groups at least, so YAML never reads it as a number or a date."""
    return "-".join(_group(value) for value in claim.values())


def covers(claim: Mapping[str, Any], written: str) -> bool:
    """Whether the stamp `written` has a group for each field of `claim` (not one written when
    other fields were fingerprinted)."""
    return len(written.split("-")) == len(claim)


def changed(claim: Mapping[str, Any], written: str) -> tuple[str, ...]:
    """The fields of `claim` whose group differs from the stamp `written`; every field when
    the stamp has another number of groups (from a version that fingerprinted other fields,
    or edited by hand)."""
    groups = written.split("-")
    names = list(claim)
    if len(groups) != len(names):
        return tuple(names)
    return tuple(
        name for name, group in zip(names, groups, strict=True) if _group(claim[name]) != group
    )
