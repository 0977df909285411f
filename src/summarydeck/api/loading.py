"""Reading the content and laying it out: what every command starts from."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.api.unconfirmed import unconfirmed_diagnostics
from summarydeck.diagnostics import Diagnostics
from summarydeck.layouts.planner import plan_deck
from summarydeck.layouts.registry import kinds
from summarydeck.layouts.selection import apply_variant, default_variant, pick_slides
from summarydeck.model.deck import Deck
from summarydeck.model.validate import validate
from summarydeck.plan.fonts import use_brand_fonts
from summarydeck.plan.types import SlidePlan
from summarydeck.source import limits
from summarydeck.source.content_dir import (
    content_files,
    is_content_file,
    is_picture,
    load_content_dir,
    picture_files,
)

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT_DIR = Path("output")


@dataclass(frozen=True)
class Selection:
    """Which deck to build from the content: a variant (the first listed when None), then
    optionally only some of its slides, by id or by section."""

    variant: str | None = None
    only: tuple[str, ...] = ()
    section: str | None = None

    def __post_init__(self) -> None:
        # slides come out in deck order whatever order they were named in, so `--only b,a` and
        # `--only a,b` are one selection: one file name, one stamp
        object.__setattr__(self, "only", tuple(sorted(set(self.only))))

    def describe(self) -> str:
        return (
            f"variant={self.variant or ''};only={','.join(self.only)};section={self.section or ''}"
        )


def load_deck(content_dir: Path, diags: Diagnostics) -> Deck | None:
    """Read and validate a content folder; every problem goes to `diags`."""
    raw = load_content_dir(content_dir, diags)
    specs = {name: kind.spec for name, kind in kinds().items()}
    deck = validate(raw, diags, specs)  # even after load errors: report as much as possible
    if diags.errors or deck is None:
        return None
    use_brand_fonts(deck.fonts)  # text is measured with the brand's own font files
    return deck


def load(content_dir: Path) -> tuple[Deck, Diagnostics]:
    """The validated deck; raises ContentError with every diagnostic on failure."""
    diags = Diagnostics()
    deck = load_deck(content_dir, diags)
    diags.raise_if_errors()
    assert deck is not None
    return deck, diags


def plan_selection(
    deck: Deck, diags: Diagnostics, selection: Selection = Selection(), *, final: bool = False
) -> tuple[Deck, list[SlidePlan]]:
    """Cut the deck to the selection and lay it out; raises ContentError on errors.

    `final`: a deck for publishing, so anything still to be confirmed is an error."""
    cut = apply_variant(deck, selection.variant, diags)
    _check_slide_limit(len(cut.entries), cut, diags)
    diags.raise_if_errors()  # past the limit before laying out: do not spend the time
    plans = plan_deck(cut, diags)
    _check_slide_limit(len(plans), cut, diags)  # continued pages count too
    _check_max_slides(cut, plans, diags)
    picked = pick_slides(plans, cut, selection.only, selection.section)
    if len(picked) < len(plans) and not any(p.kind == "sources" for p in picked):
        # a mini-deck without the Sources slide: its citations may not point at one, so lay
        # it out again citing without numbers (the same content: its problems are known)
        plans = plan_deck(cut, Diagnostics(), sources_slide=False)
        picked = pick_slides(plans, cut, selection.only, selection.section)
    plans = picked
    if final:
        diags.extend(unconfirmed_diagnostics(plans, deck.source_map))
    diags.raise_if_errors()
    return cut, plans


def plan(
    content_dir: Path, *, final: bool = False, selection: Selection = Selection()
) -> tuple[Deck, list[SlidePlan], Diagnostics]:
    """Load, validate and lay out; raises ContentError with every diagnostic on failure."""
    deck, diags = load(content_dir)
    cut, plans = plan_selection(deck, diags, selection, final=final)
    return cut, plans, diags


def check_selection(content_dir: Path, selection: Selection) -> None:
    """Raise SelectionError now for a variant the content does not have; content with errors
    is left for the first build to report."""
    diags = Diagnostics()
    deck = load_deck(content_dir, diags)
    if deck is not None:
        apply_variant(deck, selection.variant, Diagnostics())


def _check_slide_limit(count: int, deck: Deck, diags: Diagnostics) -> None:
    """A deck's time and memory grow with its slides: past the limit, say so and how to go on."""
    most = limits.max_slides()
    if count > most:
        diags.error(
            "E105",
            f"the deck has {count:,} slides (continued pages included); the most a deck may "
            f"have is {most:,}",
            deck.source_map.locate(("slides",), key=True),
            f"to build a larger deck, set {limits.MAX_SLIDES_VARIABLE} (e.g. "
            f"{limits.MAX_SLIDES_VARIABLE}={count}); or build it in parts with variants",
        )


def _check_max_slides(deck: Deck, plans: list[SlidePlan], diags: Diagnostics) -> None:
    if deck.variant is None:
        return
    limit = deck.variants[deck.variant].max_slides
    if limit is not None and len(plans) > limit:
        diags.error(
            "E215",
            f"variant `{deck.variant}` has {len(plans)} slides, more than its "
            f"`max_slides: {limit}`",
            deck.source_map.locate(("variants", deck.variant, "max_slides")),
            "leave some slides out of it, or shorten text that continues onto extra slides",
        )


def default_output(deck: Deck, selection: Selection = Selection()) -> Path:
    """`output/<slug>.pptx` for the first variant; `<slug>-<variant>.pptx` for another; a
    section or a choice of slides adds its name, so each selection has its own file."""
    name = deck.info.slug
    if deck.variant and deck.variant != default_variant(deck):
        name += f"-{deck.variant}"
    if selection.section:
        name += f"-section-{selection.section}"
    if selection.only:
        name += "-only-" + "-".join(selection.only[:3])
        if len(selection.only) > 3:  # the rest go into a short digest, so names stay distinct
            rest = hashlib.sha256(",".join(selection.only).encode("utf-8")).hexdigest()[:8]
            name += f"-and-{len(selection.only) - 3}-more-{rest}"
    return DEFAULT_OUTPUT_DIR / f"{name}.pptx"


def content_hash(
    content_dir: Path, selection: Selection = Selection(), outside: Sequence[Path] = ()
) -> str:
    """A digest of the content files, the pictures in the content folder, the files named in
    `outside` (the logo when it lives elsewhere) and the selection: two builds with the same
    stamp were made from the same content."""
    digest = hashlib.sha256(selection.describe().encode("utf-8"))
    inside = sorted(set(content_files(content_dir)) | set(picture_files(content_dir)))
    # each named from the content folder (`quotes.yaml`, `../brand/logo.png`): the same on
    # every machine
    named = [(p.relative_to(content_dir), p) for p in inside] + [
        (Path(os.path.relpath(p, content_dir.resolve())), p) for p in outside
    ]
    for name, path in named:
        digest.update(name.as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def brand_files(deck: Deck) -> list[Path]:
    """Files the brand names that a scan of the content folder does not cover: a logo kept
    elsewhere, and the template and font files wherever they are (neither is a content file),
    so that a changed template or font changes the content's digest and `watch` rebuilds."""
    files = []
    logos = [deck.brand.logo, *(partner.logo for partner in deck.brand.partners)]
    for name in logos:
        if not name:
            continue
        logo = (deck.content_dir / name).resolve()
        if logo.is_file() and not logo.is_relative_to(deck.content_dir.resolve()):
            files.append(logo)
    if deck.template is not None:
        files.append(deck.template.path.resolve())
    # the brand's font files: text is measured with them, wherever they are
    files += [face.path for faces in deck.fonts.values() for face in faces.values()]
    return files


def is_content_path(path: str | Path) -> bool:
    """A content YAML file or a picture (the brand's logo) under the content folder; not an
    editor's backup or swap file (see `source.content_dir.is_editor_file`)."""
    return is_content_file(Path(path)) or is_picture(Path(path))
