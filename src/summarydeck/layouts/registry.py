"""The registry of slide kinds: the single source of truth for kind names and their fields."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from summarydeck.layouts.designs import (
    LayoutFunction,
    build_layout_set,
    layout_name_for,
    title_only,
)
from summarydeck.model.brand import TypeScale
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutSet

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
    layout: LayoutFunction  # the master layout its slides use
    deferred: bool = False  # planned after all others (e.g. sources, which needs every citation)
    top_aligned: bool = False  # a list that reads from the top (sources), never centred


_REGISTRY: dict[str, SlideKind] = {}


def register(
    name: str,
    spec: type[S],
    *,
    deferred: bool = False,
    layout: LayoutFunction | None = None,
    top_aligned: bool = False,
) -> Callable[
    [Callable[[S, LayoutContext], list[SlidePlan]]], Callable[[S, LayoutContext], list[SlidePlan]]
]:
    """Decorator for a kind's plan function: `@register("quote", QuoteSlide, layout=...)`.
    Without a `layout`, the kind's slides use a title-only layout named after it."""

    def decorate(
        fn: Callable[[S, LayoutContext], list[SlidePlan]],
    ) -> Callable[[S, LayoutContext], list[SlidePlan]]:
        if name in _REGISTRY and _REGISTRY[name].plan is not fn:
            raise RuntimeError(f"slide kind `{name}` registered twice")
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else name
        design = layout or title_only(layout_name_for(name), summary)
        _REGISTRY[name] = SlideKind(name, spec, fn, summary, design, deferred, top_aligned)
        return fn

    return decorate


def kinds() -> dict[str, SlideKind]:
    """All registered kinds, importing every module in `layouts/kinds/` once."""
    from summarydeck.layouts import kinds as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))


def layout_set(grid: Grid, scale: TypeScale) -> LayoutSet:
    """The master's layouts for this grid and type scale: one per layout the kinds name."""
    return build_layout_set({k.name: k.layout for k in kinds().values()}, grid, scale)
