"""`summarydeck diff OLD NEW`: what changed, slide by slide, in the text, chart data and notes.

Slides are matched by id (the name summarydeck gives each slide), so a slide that moved is
reported as moved, not as one removed and one added. Works on any two decks: when they share no
slide id, or one of them has no slide names (a deck from another tool, or one saved by an
application that drops them), a slide is matched by its title, then by its position.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.ooxml.inventory import SlideRecord, read_records


@dataclass
class SlideChange:
    id: str
    status: str  # "added", "removed", "changed" or "moved"
    old_number: int | None = None
    new_number: int | None = None
    title: str = ""
    details: list[str] = field(default_factory=list)  # one line per change, `-`/`+` prefixed


@dataclass
class DeckDiff:
    old: str
    new: str
    changes: list[SlideChange]
    slides: tuple[int, int]  # slide counts, old and new

    @property
    def same(self) -> bool:
        return not self.changes

    def as_dict(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "slides": {"old": self.slides[0], "new": self.slides[1]},
            "changes": [vars(change) for change in self.changes],
        }


def diff_decks(old_path: Path, new_path: Path) -> DeckDiff:
    return diff_records(
        read_records(old_path), read_records(new_path), str(old_path), str(new_path)
    )


def diff_records(
    old: list[SlideRecord], new: list[SlideRecord], old_name: str = "old", new_name: str = "new"
) -> DeckDiff:
    shared = {r.id for r in old} & {r.id for r in new}
    if old and new and (not shared or _unnamed(old) or _unnamed(new)):
        new = _matched_by_title(old, new)
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    # the order of the slides both decks have, to tell a moved slide from its neighbours
    common_old = [r.id for r in old if r.id in after]
    common_new = [r.id for r in new if r.id in before]
    in_place = _in_place(common_old, common_new)
    changes: list[SlideChange] = []
    for record in new:
        previous = before.get(record.id)
        if previous is None:
            changes.append(SlideChange(record.id, "added", None, record.number, record.title))
            continue
        details = _details(previous, record)
        moved = record.id not in in_place
        if details or moved:
            status = "changed" if details else "moved"
            changes.append(
                SlideChange(
                    record.id, status, previous.number, record.number, record.title, details
                )
            )
    for record in old:
        if record.id not in after:
            changes.append(SlideChange(record.id, "removed", record.number, None, record.title))
    changes.sort(key=lambda c: (c.new_number or 0, c.old_number or 0))
    return DeckDiff(old_name, new_name, changes, (len(old), len(new)))


def _unnamed(records: list[SlideRecord]) -> bool:
    """No slide has a name of its own: each has the `slide-N` id the inventory gives."""
    return all(r.id == f"slide-{r.number}" for r in records)


def _matched_by_title(old: list[SlideRecord], new: list[SlideRecord]) -> list[SlideRecord]:
    """`new` with each slide given the id of the old slide it matches: the first unmatched one
    with the same title, else the one at the same position (when that is still unmatched)."""
    free = {r.id: r for r in old}
    taken = set(free)
    by_title: dict[str, list[str]] = {}
    for record in old:
        by_title.setdefault(record.title, []).append(record.id)
    matched: list[str | None] = []
    for record in new:
        ids = [i for i in by_title.get(record.title, []) if i in free] if record.title else []
        matched.append(ids[0] if ids else None)
        if ids:
            del free[ids[0]]
    out = []
    for position, (record, match) in enumerate(zip(new, matched, strict=True)):
        if match is None and position < len(old) and old[position].id in free:
            match = old[position].id
            del free[match]
        if match is None and record.id in taken:  # `slide-1` of the old deck is another slide
            match = f"new-slide-{record.number}"
        out.append(dataclasses.replace(record, id=match) if match else record)
    return out


def _in_place(old: list[str], new: list[str]) -> set[str]:
    """The slides that kept their order relative to each other (the longest common run)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return {old[b.a + i] for b in matcher.get_matching_blocks() for i in range(b.size)}


def _details(old: SlideRecord, new: SlideRecord) -> list[str]:
    if old.hash == new.hash:
        return []
    out: list[str] = []
    if old.title != new.title:
        out += [f"title: - {old.title}", f"title: + {new.title}"]
    out += _lines("text", _text_lines(old), _text_lines(new))
    out += _charts(old, new)
    if old.pictures != new.pictures:
        out.append("pictures changed")
    out += _lines("alt text", _alt_lines(old), _alt_lines(new))
    moved = [
        s.name for s in new.shapes if any(o.name == s.name and o.box != s.box for o in old.shapes)
    ]
    if moved:
        out.append("moved or resized: " + ", ".join(dict.fromkeys(moved)))
    restyled = [
        s.name
        for s in new.shapes
        if any(
            o.name == s.name and o.text == s.text and o.formatting != s.formatting
            for o in old.shapes
        )
    ]
    if restyled:
        out.append("text formatting changed: " + ", ".join(dict.fromkeys(restyled)))
    if old.hidden != new.hidden:
        out.append("now hidden in a slide show" if new.hidden else "no longer hidden")
    out += _lines("notes", old.notes.splitlines(), new.notes.splitlines())
    return out or ["formatting changed"]


def _text_lines(record: SlideRecord) -> list[str]:
    title_shapes = {s.name for s in record.shapes if " ".join(s.text) == record.title}
    return [
        line for shape in record.shapes if shape.name not in title_shapes for line in shape.text
    ]


def _alt_lines(record: SlideRecord) -> list[str]:
    return [f"{s.name}: {s.alt_text}" for s in record.shapes if s.alt_text]


def _lines(label: str, old: list[str], new: list[str]) -> list[str]:
    if old == new:
        return []
    out = []
    for line in difflib.ndiff(old, new):
        if line.startswith(("- ", "+ ")):
            out.append(f"{label}: {line}")
    return out


def _charts(old: SlideRecord, new: SlideRecord) -> list[str]:
    out: list[str] = []
    before = {c.name: c for c in old.charts}
    for chart in new.charts:
        was = before.get(chart.name)
        if was is None:
            out.append(f"chart {chart.name}: added")
            continue
        if was.categories != chart.categories:
            out.append(f"chart {chart.name}: categories {was.categories} -> {chart.categories}")
        for name, values in chart.series.items():
            previous = was.series.get(name)
            if previous != values:
                shown = _pairs(chart.categories, previous or [], values)
                out.append(f"chart {chart.name}, series {name}: {shown}")
    out += [f"chart {name}: removed" for name in before if name not in {c.name for c in new.charts}]
    return out


def _pairs(categories: list[str], old: list[float | None], new: list[float | None]) -> str:
    parts = []
    for index, value in enumerate(new):
        was = old[index] if index < len(old) else None
        label = categories[index] if index < len(categories) else str(index + 1)
        if was != value:
            parts.append(f"{label} {_number(was)} -> {_number(value)}")
    return "; ".join(parts) or f"{len(old)} -> {len(new)} values"


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"
