"""The final-build rule: a deck for publishing may not carry anything still to be confirmed."""

from __future__ import annotations

from collections.abc import Sequence

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.plan.types import SlidePlan, ToConfirm
from summarydeck.source.yaml_loader import DataPath, SourceMap

FINAL_CODE = "E501"
FINAL_HINT = (
    "check it against its source and set `status: confirmed`, or build without --final for a draft"
)


def status_location(smap: SourceMap, path: DataPath) -> Location | None:
    """Where to confirm an item: its `status:` line, or the item's key when it has none
    (unconfirmed by default)."""
    status = (*path, "status")
    return smap.locate(status) if status in smap.values else smap.locate(path, key=True)


def check_final(plans: Sequence[SlidePlan], smap: SourceMap, diags: Diagnostics) -> None:
    """One error per unconfirmed item the deck shows (once, however many slides show it),
    pointing at its `status:` line, or at the item when it has no status (unconfirmed by
    default)."""
    # item -> (the item, the slides showing it as ["14 `overview`", ...]), in deck order
    shown: dict[DataPath, tuple[ToConfirm, list[str]]] = {}
    for number, plan in enumerate(plans, 1):
        for item in plan.unconfirmed:
            shown.setdefault(item.path, (item, []))[1].append(f"{number} `{plan.id}`")
    for path, (item, slides) in shown.items():
        where = ("slides " if len(slides) > 1 else "slide ") + ", ".join(slides)
        diags.error(
            FINAL_CODE,
            f"{item.label} is not confirmed (on {where}): {item.check}",
            status_location(smap, path),
            FINAL_HINT,
        )
