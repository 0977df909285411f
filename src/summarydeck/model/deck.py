"""The validated deck: everything the layouts need, with the source map for locating problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarydeck.model.brand import Brand
from summarydeck.model.content import Content, DeckInfo
from summarydeck.model.storyboard import SlideSpec
from summarydeck.source.yaml_loader import SourceMap


@dataclass(frozen=True)
class Deck:
    info: DeckInfo
    brand: Brand
    content: Content
    slides: tuple[SlideSpec, ...]
    content_dir: Path
    source_map: SourceMap
