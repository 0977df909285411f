"""What every layout is given: the deck, the grid, the type scale and shared helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import Diagnostics, OutputError
from summarydeck.layouts.designs import body_style, title_placeholder
from summarydeck.markdown.inline import plain_paragraphs, to_paragraphs, to_plain, typeset_lines
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import SINGULAR, Provenance, Status
from summarydeck.model.deck import Deck
from summarydeck.model.storyboard import SlideSpec
from summarydeck.ooxml.names import (
    UNCONFIRMED_LABEL_SHAPE,
)
from summarydeck.plan.final import status_location
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, LayoutSet
from summarydeck.plan.measure import paragraph_lines
from summarydeck.plan.types import (
    ColourRole,
    Element,
    PictureElement,
    SlidePlan,
    TextElement,
    TextStyle,
    ToConfirm,
)
from summarydeck.source import limits
from summarydeck.source.assets import read_asset
from summarydeck.source.yaml_loader import DataPath
from summarydeck.values import Box, Paragraph, inches


def _image_size(data: bytes) -> tuple[int, int]:
    """Pixel size from the header alone; ValueError for what is not a picture (or is a
    decompression bomb: its size is judged against our own limit, never decoded)."""
    import warnings
    from io import BytesIO

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data)) as image:
                return image.size
        except Image.DecompressionBombError as exc:
            raise _TooManyPixels from exc


class _TooManyPixels(ValueError):
    """PIL's own limit refused the picture's size (well past ours)."""


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


@dataclass(frozen=True)
class Section:
    """A section slide, as the agenda and section numbers see it."""

    index: int  # position of its entry in `slides:`
    slide_id: str
    title: str
    subtitle: str | None = None


# the draft mark's width at the right end of the source line: "To be confirmed" at 14 pt bold
MARK_WIDTH = inches(1.8)


@dataclass
class CitationIndex:
    """Numbers sources in the order slides first cite them, for the Sources slide."""

    order: list[str] = field(default_factory=list)

    def cite(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1


@dataclass
class LayoutContext:
    deck: Deck
    diags: Diagnostics
    grid: Grid
    layouts: LayoutSet
    kind: str = ""  # the kind of the entry being planned
    citations: CitationIndex = field(default_factory=CitationIndex)
    slide_index: int = 0  # position of the entry being planned in `slides:`
    sections: list[Section] = field(default_factory=list)
    # the deck lists its sources on a Sources slide, so a slide may cite them by number
    numbered_sources: bool = True
    # each picture file read once a build, however many slides show it (a logo on every slide)
    pictures: dict[str, tuple[bytes, tuple[int, int]]] = field(default_factory=dict)
    # what a build works out once for all its slides (the pictograms' one scale), by name
    once: dict[str, Any] = field(default_factory=dict)

    @property
    def scale(self) -> TypeScale:
        return self.deck.brand.type_scale

    @property
    def design(self) -> LayoutDesign:
        """The master layout of the kind being planned."""
        return self.layouts.of_kind(self.kind)

    # --- text ---
    def label(self, key: str, **values: object) -> str:
        """One of the deck's own words (`labels:`), in its language: "Part 2", "Sources"."""
        return self.deck.labels.text(key, **values)

    def markdown(self, text: str) -> tuple[Paragraph, ...]:
        # validation already reported every Markdown problem, with its location, once
        return to_paragraphs(text)

    def points(self, items: Sequence[str]) -> tuple[Paragraph, ...]:
        """A list of Markdown points as bullets; a list inside a point nests one level down."""
        # replace(), not a new Paragraph: keeps every other field (a numbered list's start)
        return tuple(
            dataclasses.replace(p, level=p.level + 1)
            if p.bullet != "none"
            else dataclasses.replace(p, bullet="bullet")
            for point in items
            for p in self.markdown(point)
        )

    def numbered(self, items: Sequence[str]) -> tuple[Paragraph, ...]:
        """A list of Markdown points numbered 1, 2, 3 (prompts, steps); lists inside keep
        their own markers."""
        return tuple(
            dataclasses.replace(p, bullet="number") if p.bullet == "bullet" else p
            for p in self.points(items)
        )

    def plain(self, text: str) -> tuple[Paragraph, ...]:
        """Plain text (a title, a label) as one paragraph, typeset like Markdown text."""
        return plain_paragraphs(text)

    def title(self, text: str, source: DataPath | None = None) -> TextElement:
        """A content slide's title, in its layout's title placeholder."""
        design = self.design.placeholder("title") or title_placeholder(self.grid, self.scale)
        return TextElement(
            "Title",
            design.box,
            self.plain(text),
            design.style,
            inset=design.inset,  # measured as the placeholder draws it
            min_size=self.scale.floor(design.style.size),
            source=source,
            placeholder="title",
        )

    def display_margin(self) -> int:
        """The left text edge of the kind's layout title: where a title, section or closing
        slide lines up its other text (an organisation's template may put it off our grid)."""
        title = self.design.placeholder("title")
        return self.grid.margin if title is None else title.box.left + title.inset

    def body_style(self, **overrides: Any) -> TextStyle:
        """Body text: the brand's body size, a little air between paragraphs."""
        return body_style(self.scale, **overrides)

    def clear_of_placeholders(self, box: Box) -> Box:
        """`box`, or the nearest place above or below it that keeps clear of the layout's
        placeholders (an organisation's template puts its title and text where it likes)."""
        taken = [
            p.box for p in self.design.placeholders if p.role not in ("footer", "slide_number")
        ]

        def clear(candidate: Box) -> bool:
            return (
                candidate.top >= inches(0.1)
                and candidate.bottom <= self.grid.footer.top
                and not any(_overlap(candidate, other) for other in taken)
            )

        if clear(box):
            return box
        gap = inches(0.1)
        tops = [t.bottom + gap for t in taken] + [t.top - gap - box.height for t in taken]
        candidates = [Box(box.left, top, box.width, box.height) for top in tops]
        fitting = [c for c in candidates if clear(c)]
        return min(fitting, key=lambda c: abs(c.top - box.top)) if fitting else box

    # --- provenance and citations ---
    def cite(
        self, items: Sequence[Provenance], beside_mark: bool = False
    ) -> tuple[TextElement | None, str]:
        """A "Source:" line for the foot of the slide, and what the speaker notes must add.

        Each source is numbered as the deck's Sources slide lists it: one line at the small
        size, else just the numbers. A deck without a Sources slide (a mini-deck cut with
        `--only`) numbers nothing, since the numbers would point nowhere: a line that does not
        fit names the first source and says the rest are in the notes, which name them all.
        `beside_mark`: leave the draft mark its end of the line."""
        numbered = self.numbered_sources
        cited: dict[int, str] = {}
        named: dict[int, str] = {}
        # an item may cite several sources: each is numbered, in the order it lists them
        for source_id in (s for item in items for s in item.source):
            number = self.citations.cite(source_id)
            source = self.deck.content.sources[source_id]
            label = source.citation()
            cited[number] = f"[{number}] {label}" if numbered else label
            named[number] = f"{label}: {source.title}" + (f", {source.url}" if source.url else "")
        if not cited:
            return None, ""
        prefix = self.label("source_one" if len(cited) == 1 else "source_many") + " "
        band = self.grid.citation
        if beside_mark:
            band = Box(band.left, band.top, band.width - MARK_WIDTH - self.grid.gutter, band.height)
        element = TextElement(
            "Citation",
            band,
            self.plain(prefix + "; ".join(cited[n] for n in sorted(cited))),
            TextStyle(self.scale.small, ColourRole.MUTED, anchor="bottom"),
            inset=0,
            min_size=self.scale.small,
        )
        if paragraph_lines(element, self.deck.brand, self.scale.small) == [1]:
            return element, ""
        order = sorted(cited)
        if numbered:  # too long for one line at a readable size: the numbers, listed at the end
            numbers = ", ".join(f"[{n}]" for n in order)
            line, notes = prefix + self.label("sources_listed_at_end", numbers=numbers), ""
        else:
            more = self.label("sources_in_notes", first=cited[order[0]], count=len(order) - 1)
            line = prefix + more
            listed = "\n".join(f"- {named[n]}" for n in order)
            notes = f"\n\n{self.label('source_many')}\n{listed}"
        return dataclasses.replace(element, paragraphs=self.plain(line)), notes

    def provenance(self, collection: str, item_id: str) -> Provenance:
        item: Provenance = getattr(self.deck.content, collection)[item_id]
        return item

    def cited(self, source_ids: Sequence[str]) -> list[Provenance]:
        """Sources a slide cites by id (`sources:` on bullets, cards...), ready for `cite`."""
        return [Provenance(source=s, status=Status.CONFIRMED) for s in source_ids]

    def unconfirmed(
        self, spec: SlideSpec, shows: Sequence[tuple[str, str]]
    ) -> tuple[ToConfirm, ...]:
        """What on a slide an editor has still to confirm: each item named in `shows` as
        (collection, id), and the slide's own text when the entry says `status: unconfirmed`."""
        out = []
        for collection, item_id in shows:
            item = self.provenance(collection, item_id)
            if not item.confirmed:
                sources = (self.deck.content.sources.get(s) for s in item.source)
                urls = [str(s.url) for s in sources if s is not None and s.url]
                out.append(
                    ToConfirm(
                        f"{SINGULAR[collection]} `{item_id}`",
                        self._what_to_check(collection, item_id, item),
                        (collection, item_id),
                        self._where((collection, item_id)),
                        urls[0] if urls else "",
                        tuple(urls[1:]),
                    )
                )
        if spec.status is Status.UNCONFIRMED:
            path = ("slides", self.slide_index)
            out.append(
                ToConfirm(
                    f"slide `{spec.slide_id}`",
                    spec.check or "the text on this slide is not yet confirmed",
                    path,
                    self._where(path),
                )
            )
        return tuple(out)

    @staticmethod
    def _what_to_check(collection: str, item_id: str, item: Provenance) -> str:
        """The item's `check:`; for one confirmed before and changed since, what changed."""
        changed = item.what_changed()
        if changed:
            return (
                f"confirmed, but {changed} since: check it against its source again, then "
                f"run `summarydeck confirm {collection}.{item_id}`"
            )
        return item.check or "not yet confirmed against its source"

    def to_confirm(self, label: str, check: str, path: DataPath, source_url: str = "") -> ToConfirm:
        """A record of an item written inside a storyboard entry (a support slide's line) that
        is still to be confirmed, pointing a final build at its `status:` line."""
        return ToConfirm(label, check, path, self._where(path), source_url)

    def _where(self, path: DataPath) -> str:
        """File and line to edit, as a final build and the review report say it (the `status:`
        line, else the item), named from the content folder: a report may be shared, machine
        paths must not."""
        location = status_location(self.deck.source_map, path)
        if location is None:
            return ""
        folder = self.deck.content_dir.resolve()
        try:
            name = f"{folder.name}/{Path(location.file).resolve().relative_to(folder).as_posix()}"
        except ValueError:
            name = Path(location.file).name
        return f"{name}, line {location.line}" if location.line else name

    def caveats(self, shows: Sequence[tuple[str, str]]) -> tuple[str, ...]:
        """Notes on confirmed items that a presenter should know (`note:` in the content)."""
        notes = (self.provenance(c, i).note for c, i in shows)
        return tuple(dict.fromkeys(n for n in notes if n))

    def draft_mark(self) -> TextElement:
        """The quiet "To be confirmed" mark of a slide that shows unconfirmed content: at the
        right end of the source line, where a reader looks for where a claim comes from (a
        draft build also says "Draft" in every footer; what to check is in the review report)."""
        return TextElement(
            UNCONFIRMED_LABEL_SHAPE,
            self._mark_box(),
            self.plain(self.label("to_be_confirmed")),
            TextStyle(
                self.scale.small, ColourRole.MUTED, bold=True, align="right", anchor="bottom"
            ),
            inset=0,
        )

    def _mark_box(self) -> Box:
        band = self.grid.citation
        return Box(band.right - MARK_WIDTH, band.top, MARK_WIDTH, band.height)

    # --- brand ---
    def logo(self, box: Box) -> list[Element]:
        """The brand's logo, fitted inside `box` keeping its aspect ratio, right-aligned."""
        brand = self.deck.brand
        if not brand.logo:
            return []
        return [self.picture("Logo", brand.logo, brand.logo_alt_text or brand.name, box, "right")]

    def picture(
        self, name: str, file: str, alt_text: str, box: Box, align: str = "left"
    ) -> PictureElement:
        """A picture from the content folder, fitted inside `box` keeping its aspect ratio."""
        if file not in self.pictures:
            self.pictures[file] = self._read_picture(file)
        data, (width_px, height_px) = self.pictures[file]
        scale = min(box.width / width_px, box.height / height_px)
        width, height = round(width_px * scale), round(height_px * scale)
        left = box.right - width if align == "right" else box.left
        fitted = Box(left, box.top + (box.height - height) // 2, width, height)
        return PictureElement(name, fitted, data, alt_text)

    def _read_picture(self, file: str) -> tuple[bytes, tuple[int, int]]:
        """The picture's bytes and pixel size; it was checked with the content, so a failure
        here means it changed while the deck was being built."""
        try:
            data = read_asset(self.deck.content_dir, file, limits.MAX_PICTURE_BYTES)
        except OSError as exc:  # ours: the reason the file cannot be used now
            why = str(exc)
        else:
            try:
                size = _image_size(data)
            except _TooManyPixels:
                why = f"it is now larger than {limits.MAX_PICTURE_PIXELS:,} pixels"
            except (OSError, ValueError, SyntaxError):  # PIL's, for what is not a picture
                why = "it is no longer a picture"
            else:
                if size[0] * size[1] <= limits.MAX_PICTURE_PIXELS:
                    return data, size
                why = f"it is now larger than {limits.MAX_PICTURE_PIXELS:,} pixels"
        raise OutputError(
            f"the picture `{file}` changed while the deck was being built: {why}",
            "build again once the file is saved",
        )

    # --- notes ---
    def notes(self, spec: SlideSpec, draft: str, caveats: Sequence[str] = ()) -> str:
        text, tail = self.notes_parts(spec, draft, caveats)
        return (text + tail).strip()

    def notes_parts(
        self, spec: SlideSpec, draft: str, caveats: Sequence[str] = (), sources: str = ""
    ) -> tuple[str, str]:
        """The notes' main text (the entry's `notes:`, else the draft) and their tail (caveats
        the presenter should know, sources the slide could not name), apart: a continued slide
        redrafts the text but keeps the tail. What is still to be confirmed is not here: it is
        in the review report beside the deck, for the editors."""
        text = to_plain(spec.notes) if spec.notes else typeset_lines(draft)
        tail = ""
        if caveats:
            listed = "\n".join(f"- {c}" for c in caveats)
            tail += f"\n\n{self.label('caveats')}\n{listed}"
        return text, typeset_lines(tail + sources)

    # --- assembling ---
    def content_slide(
        self,
        spec: SlideSpec,
        title: str,
        elements: Sequence[Element],
        draft: str,
        *,
        cited: Sequence[Provenance] | None = None,
        shows: Sequence[tuple[str, str]] = (),
        title_source: DataPath | None = None,
    ) -> SlidePlan:
        """A standard content slide on the kind's layout (which draws the accent rule):
        title, elements, citation, draft mark, notes."""
        parts: list[Element] = list(elements)
        unconfirmed = self.unconfirmed(spec, shows)
        citation, cited_notes = self.cite(cited or [], beside_mark=bool(unconfirmed))
        if citation is not None:
            parts.append(citation)
        if unconfirmed:
            parts.append(self.draft_mark())
        if title_source is None and getattr(spec, "title", None):
            title_source = ("slides", self.slide_index, "title")
        text, tail = self.notes_parts(spec, draft, self.caveats(shows), cited_notes)
        heading = self.title(title, title_source)
        return SlidePlan(
            id=spec.slide_id,
            kind=spec.kind,
            layout=self.design.name,
            title=heading,
            notes=(text + tail).strip(),
            elements=tuple(parts),
            unconfirmed=unconfirmed,
            notes_drafted=not spec.notes,
            notes_tail=tail,
        )
