"""The registry of slide kinds: the single source of truth for kind names and their fields."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from summarydeck.model.storyboard import SlideSpec

if TYPE_CHECKING:
    from summarydeck.layouts.context import LayoutContext
    from summarydeck.plan.types import SlidePlan

S = TypeVar("S", bound=SlideSpec)
PlanFunction = Callable[[Any, "LayoutContext"], "list[SlidePlan]"]


@dataclass(frozen=True)
class SlideKind:
    name: str
    spec: type[SlideSpec]
    plan: PlanFunction
    summary: str
    deferred: bool = False  # planned after all others (e.g. sources, which needs every citation)


_REGISTRY: dict[str, SlideKind] = {}


def register(
    name: str, spec: type[S], *, deferred: bool = False
) -> Callable[
    [Callable[[S, LayoutContext], list[SlidePlan]]], Callable[[S, LayoutContext], list[SlidePlan]]
]:
    """Decorator for a kind's plan function: `@register("quote", QuoteSlide)`."""

    def decorate(
        fn: Callable[[S, LayoutContext], list[SlidePlan]],
    ) -> Callable[[S, LayoutContext], list[SlidePlan]]:
        if name in _REGISTRY and _REGISTRY[name].plan is not fn:
            raise RuntimeError(f"slide kind `{name}` registered twice")
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else name
        _REGISTRY[name] = SlideKind(name, spec, fn, summary, deferred)
        return fn

    return decorate


def kinds() -> dict[str, SlideKind]:
    """All registered kinds, importing every module in `layouts/kinds/` once."""
    from summarydeck.layouts import kinds as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))
