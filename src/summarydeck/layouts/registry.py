"""The registry of slide kinds: the single source of truth for kind names and their fields."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
from summarydeck.source.yaml_loader import DataPath

if TYPE_CHECKING:
    from summarydeck.layouts.context import LayoutContext
    from summarydeck.plan.types import SlidePlan

S = TypeVar("S", bound=SlideSpec)
PlanFunction = Callable[[Any, "LayoutContext"], "list[SlidePlan]"]


# what a frame that cannot continue on another slide may do, besides being shortened
NOTES = "or move detail into the slide's `notes:` (speaker notes)"
TITLE = "or say the rest on the slide itself or in its `notes:` (speaker notes)"


@dataclass(frozen=True)
class FitAdvice:
    """What an E401 hint tells an editor to do about a frame of this kind that does not fit,
    besides shortening it: only a kind whose slides can continue may say "split it"."""

    otherwise: str = NOTES  # for every frame without advice of its own
    frames: Mapping[str, str] = field(default_factory=dict)  # a frame's name -> its advice
    # a frame's name -> every field of one item it shows: the statistic's detail line shows its
    # `population` and `year`. Its `source` is one of them, or the item itself
    together: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def advice(self, frame: str) -> str:
        if frame in self.frames:
            return self.frames[frame]
        return TITLE if frame in ("Title", "Subtitle") else self.otherwise

    def fields(self, frame: str, source: DataPath | None) -> tuple[DataPath, ...]:
        """The content fields a frame shows (some may be absent from the content)."""
        names = self.together.get(frame, ())
        if source is None or not names:
            return () if source is None else (source,)
        item = source[:-1] if source[-1] in names else source
        return tuple((*item, name) for name in names)


@dataclass(frozen=True)
class SlideKind:
    name: str
    spec: type[SlideSpec]
    plan: PlanFunction
    summary: str
    layout: LayoutFunction  # the master layout its slides use
    deferred: bool = False  # planned after all others (e.g. sources, which needs every citation)
    top_aligned: bool = False  # a list that reads from the top (sources), never centred
    fit_advice: FitAdvice = FitAdvice()  # what to do about a frame that does not fit


_REGISTRY: dict[str, SlideKind] = {}


def register(
    name: str,
    spec: type[S],
    *,
    deferred: bool = False,
    layout: LayoutFunction | None = None,
    top_aligned: bool = False,
    fit_advice: FitAdvice | None = None,
) -> Callable[
    [Callable[[S, LayoutContext], list[SlidePlan]]], Callable[[S, LayoutContext], list[SlidePlan]]
]:
    """Decorator for a kind's plan function: `@register("quote", QuoteSlide, layout=...)`.
    Without a `layout`, the kind's slides use a title-only layout named after it; without
    `fit_advice`, text that does not fit is told to move detail into the speaker notes."""

    def decorate(
        fn: Callable[[S, LayoutContext], list[SlidePlan]],
    ) -> Callable[[S, LayoutContext], list[SlidePlan]]:
        if name in _REGISTRY and _REGISTRY[name].plan is not fn:
            raise RuntimeError(f"slide kind `{name}` registered twice")
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else name
        design = layout or title_only(layout_name_for(name), summary)
        _REGISTRY[name] = SlideKind(
            name, spec, fn, summary, design, deferred, top_aligned, fit_advice or FitAdvice()
        )
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
