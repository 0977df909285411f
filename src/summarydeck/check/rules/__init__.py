"""The registry of checks: each module in this package registers one or more with `@rule`.

A check is a function from the deck (and the options) to findings; adding one is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from summarydeck.check.findings import Finding
from summarydeck.ooxml.deck_view import DeckView


@dataclass(frozen=True)
class Options:
    min_size: float = 12.0  # points: smaller text is a finding
    final: bool = False  # a deck for publishing: unconfirmed content is an error
    # points: the sizes text may be set at (the brand's type scale); empty: not known
    type_scale: tuple[float, ...] = ()
    # fonts the people who open the deck are known to have (or have been told about, by the
    # build's W213): no C207 for them
    audience_fonts: frozenset[str] = frozenset()


Check = Callable[[DeckView, Options], Iterable[Finding]]
_CHECKS: dict[str, Check] = {}
_PER_SLIDE: set[str] = set()


def rule(name: str, *, per_slide: bool = False) -> Callable[[Check], Check]:
    """Register a check under a short name (used in logs and tests). A `per_slide` check
    judges each slide on its own (with the deck's size and the options): given a deck of one
    slide, it finds on it what it finds on that slide in the whole deck, and it yields its
    findings slide by slide. The runner may then keep a slide's findings while the slide does
    not change. Any other check sees the whole deck every time."""

    def decorate(fn: Check) -> Check:
        _CHECKS[name] = fn
        if per_slide:
            _PER_SLIDE.add(name)
        else:
            _PER_SLIDE.discard(name)
        return fn

    return decorate


def is_per_slide(name: str) -> bool:
    return name in _PER_SLIDE


def all_checks() -> dict[str, Check]:
    """Every registered check, importing each module in this package once."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(_CHECKS.items()))
