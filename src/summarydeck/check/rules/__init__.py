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


def rule(name: str) -> Callable[[Check], Check]:
    """Register a check under a short name (used in logs and tests)."""

    def decorate(fn: Check) -> Check:
        _CHECKS[name] = fn
        return fn

    return decorate


def all_checks() -> dict[str, Check]:
    """Every registered check, importing each module in this package once."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(_CHECKS.items()))
