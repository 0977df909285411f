"""The final-build rule: a deck for publishing may not carry anything still to be confirmed."""

from __future__ import annotations

from collections.abc import Sequence

from summarydeck.diagnostics import Diagnostics
from summarydeck.plan.types import SlidePlan, ToConfirm
from summarydeck.source.yaml_loader import SourceMap

FINAL_CODE = "E501"
FINAL_HINT = (
    "check it against its source and set `status: confirmed`, or build without --final for a draft"
)


def check_final(plans: Sequence[SlidePlan], smap: SourceMap, diags: Diagnostics) -> None:
    """One error per unconfirmed item the deck shows (once, however many slides show it),
    pointing at its `status:` line, or at the item when it has no status (unconfirmed by
    default)."""
    seen: dict[tuple[str | int, ...], list[str]] = {}  # item -> ["14 `overview`", ...]
    items: dict[tuple[str | int, ...], ToConfirm] = {}
    for number, plan in enumerate(plans, 1):
        for item in plan.unconfirmed:
            seen.setdefault(item.path, []).append(f"{number} `{plan.id}`")
            items.setdefault(item.path, item)
    for path, item in items.items():
        status = (*path, "status")
        location = smap.locate(status) if status in smap.values else smap.locate(path, key=True)
        shown = list(dict.fromkeys(seen[path]))
        slides = ("slides " if len(shown) > 1 else "slide ") + ", ".join(shown)
        diags.error(
            FINAL_CODE,
            f"{item.label} is not confirmed (on {slides}): {item.check}",
            location,
            FINAL_HINT,
        )
