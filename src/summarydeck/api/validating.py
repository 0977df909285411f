"""`validate`: check the content and lay out every variant, writing nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.api.loading import DEFAULT_CONTENT, Selection, load, plan_selection
from summarydeck.api.unconfirmed import count_to_confirm
from summarydeck.diagnostics import Diagnostic, Diagnostics
from summarydeck.plan.types import SlidePlan


@dataclass
class ValidationResult:
    slides: int  # in the default deck (the first variant)
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)  # every variant's, once each
    to_confirm: int = 0  # items the default deck shows that are still to be confirmed
    variants: list[tuple[str, int]] = field(default_factory=list)  # each variant's slides


def validate(content_dir: Path = DEFAULT_CONTENT, *, final: bool = False) -> ValidationResult:
    """Validate and lay out every variant without writing anything; raises ContentError with
    every diagnostic on failure."""
    started = time.perf_counter()
    deck, diags = load(content_dir)
    found: dict[Diagnostic, None] = dict.fromkeys(diags.items)
    counted: list[tuple[str | None, int]] = []
    first_plans: list[SlidePlan] = []
    names: list[str | None] = list(deck.variants) or [None]
    for name in names:
        own = Diagnostics(list(diags.items))
        _, plans = plan_selection(deck, own, Selection(name), final=final)
        found.update(dict.fromkeys(own.items))
        counted.append((name, len(plans)))
        first_plans = first_plans or plans
    return ValidationResult(
        counted[0][1],
        time.perf_counter() - started,
        list(found),
        count_to_confirm(first_plans),
        [(name, slides) for name, slides in counted if name is not None],
    )
