"""The validated deck: everything the layouts need, with the source map for locating problems."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.model.brand import Brand
from summarydeck.model.brand_fonts import BrandFonts
from summarydeck.model.content import Content, DeckInfo
from summarydeck.model.labels import DEFAULT, Labels
from summarydeck.model.storyboard import SlideSpec
from summarydeck.model.template_brand import Template
from summarydeck.model.variants import Entry, Variant
from summarydeck.source.yaml_loader import SourceMap


@dataclass(frozen=True)
class Deck:
    info: DeckInfo
    brand: Brand
    content: Content
    slides: tuple[SlideSpec, ...]  # the whole storyboard, as written
    content_dir: Path
    source_map: SourceMap
    variants: dict[str, Variant] = field(default_factory=dict)
    variant: str | None = None  # the variant this deck was cut to, if any
    selected: tuple[Entry, ...] | None = None  # the entries a variant keeps; None: all
    template: Template | None = None  # the organisation's template it is built on, if any
    fonts: BrandFonts = field(default_factory=dict)  # the brand's own font files, checked
    labels: Labels = DEFAULT  # the words the tool itself writes, in the deck's language

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The entries to lay out, in order (made once: kinds look through them per slide,
        which made planning a 1,000-slide deck quadratic)."""
        if self.selected is not None:
            return self.selected
        return tuple(Entry(index, spec) for index, spec in enumerate(self.slides))
