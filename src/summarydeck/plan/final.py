"""The final-build rule: a deck for publishing may not carry anything still to be confirmed.

This module says which items those are and where to confirm them; `api/unconfirmed.py` turns
them into the one finding (C701) that `build --final`, `validate --final` and `check --final`
all report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarydeck.diagnostics import Location
from summarydeck.plan.types import SlidePlan, ToConfirm
from summarydeck.source.yaml_loader import DataPath, SourceMap

FINAL_HINT = (
    "check it against its source and set `status: confirmed`; until then, a build without "
    "--final makes a draft"
)


@dataclass(frozen=True)
class Unconfirmed:
    """One unconfirmed item a deck shows, however many slides show it."""

    item: ToConfirm
    slides: tuple[tuple[int, str], ...]  # (number, id) of each slide showing it, in deck order
    location: Location | None  # its `status:` line, or the item's key when it has none

    @property
    def message(self) -> str:
        shown = ", ".join(f"{number} `{ident}`" for number, ident in self.slides)
        where = ("slides " if len(self.slides) > 1 else "slide ") + shown
        return f"{self.item.label} is not confirmed (on {where}): {self.item.check}"


def status_location(smap: SourceMap, path: DataPath) -> Location | None:
    """Where to confirm an item: its `status:` line, or the item's key when it has none
    (unconfirmed by default)."""
    status = (*path, "status")
    return smap.locate(status) if status in smap.values else smap.locate(path, key=True)


def unconfirmed_items(plans: Sequence[SlidePlan], smap: SourceMap) -> list[Unconfirmed]:
    """Every unconfirmed item the slides show, once each, in the order they first appear."""
    shown: dict[DataPath, tuple[ToConfirm, list[tuple[int, str]]]] = {}
    for number, plan in enumerate(plans, 1):
        for item in plan.unconfirmed:
            shown.setdefault(item.path, (item, []))[1].append((number, plan.id))
    return [
        Unconfirmed(item, tuple(slides), status_location(smap, path))
        for path, (item, slides) in shown.items()
    ]
