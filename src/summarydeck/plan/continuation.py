"""Continue text that does not fit on one slide onto slides titled "... (continued)".

Only a frame marked `flow` (a list of points, an essay's summary) continues, and only when it is
the one frame on its slide that does not fit at its floor: splitting a slide with two problems
would hide one of them. The text is cut between paragraphs, or between sentences (then words)
of a paragraph too long for a slide on its own. The pages are as few as the floor size allows,
as large as that number of pages allows, and share one size.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from summarydeck.model.brand import Brand
from summarydeck.model.labels import Labels
from summarydeck.plan.fit import Overflow, fit_plan, lowest_size, next_size, with_size
from summarydeck.plan.measure import available_height, text_height
from summarydeck.plan.types import SlidePlan, TextElement
from summarydeck.values import Paragraph, Run

# zero-width cuts after the space that follows a sentence's end (or a word): each piece keeps
# its trailing space, so pieces joined again read as before
_SENTENCE_END = re.compile(r"(?<=[.!?…] )(?=\S)|(?<=[.!?…][\"”’)] )(?=\S)")
_WORD_END = re.compile(r"(?<= )(?=\S)")


def continued_title(title: str, page: int, pages: int, labels: Labels) -> str:
    """The title of page `page` (1-based) of `pages`: unique, so screen-reader users can tell
    the slides apart."""
    if page == 1:
        return title
    if pages == 2:
        return labels.text("continued", title=title)
    return labels.text("continued_page", title=title, page=page, pages=pages)


def continued_id(slide_id: str, page: int) -> str:
    """The id of page `page` (1-based) of a slide that continues: `id`, `id-2`, `id-3` ..."""
    return slide_id if page == 1 else f"{slide_id}-{page}"


def fit_with_continuation(
    plan: SlidePlan, brand: Brand, labels: Labels
) -> list[tuple[SlidePlan, list[Overflow]]]:
    """The slide fitted, or, when its one unfit frame may flow, the slides it continues on;
    each with the frames that still do not fit."""
    fitted, overflows = fit_plan(plan, brand)
    if len(overflows) != 1 or overflows[0].index is None:
        return [(fitted, overflows)]
    index = overflows[0].index
    element = plan.elements[index]
    assert isinstance(element, TextElement)
    if not element.flow:
        return [(fitted, overflows)]
    pages = _renumbered(_pages(element, brand))
    if len(pages) < 2:
        return [(fitted, overflows)]
    results = [
        fit_plan(_page(plan, index, page, n, len(pages), labels), brand)
        for n, page in enumerate(pages, 1)
    ]
    # every page at the size the fullest one needed, so the text does not jump in size
    size = min(_element(p, index).style.size for p, _ in results)
    return [
        (_replace_element(p, index, with_size(_element(p, index), size)), o) for p, o in results
    ]


def _element(plan: SlidePlan, index: int) -> TextElement:
    element = plan.elements[index]
    assert isinstance(element, TextElement)
    return element


def _replace_element(plan: SlidePlan, index: int, element: TextElement) -> SlidePlan:
    elements = list(plan.elements)
    elements[index] = element
    return dataclasses.replace(plan, elements=tuple(elements))


def _page(
    plan: SlidePlan,
    index: int,
    paragraphs: tuple[Paragraph, ...],
    page: int,
    pages: int,
    labels: Labels,
) -> SlidePlan:
    element = dataclasses.replace(_element(plan, index), paragraphs=paragraphs)
    plan = _replace_element(plan, index, element)
    title = " ".join(p.text for p in plan.title.paragraphs).strip()
    new_title = continued_title(title, page, pages, labels)
    text = "\n".join(p.text.replace("\v", "\n") for p in paragraphs)
    tail = plan.notes_tail
    if page == 1:
        if not plan.notes_drafted:
            return plan  # the editor's own notes stay on the first slide
        # notes drafted from the slide's text: only this slide's part of it
        return dataclasses.replace(plan, notes=f"{title}.\n\n{text}{tail}".strip())
    notes = f"{labels.text('continued_notes', title=title)}\n\n{text}{tail}"
    return dataclasses.replace(
        plan,
        id=continued_id(plan.id, page),
        title=dataclasses.replace(plan.title, paragraphs=(_plain(new_title),)),
        notes=notes.strip(),
    )


def _renumbered(pages: list[tuple[Paragraph, ...]]) -> list[tuple[Paragraph, ...]]:
    """Numbered lists that run on to a later slide go on counting there: each list's items on a
    page carry the number of its first item on that page (PowerPoint numbers a run of items
    from their shared `startAt`)."""
    lists: dict[int, tuple[int, int]] = {}  # level -> (list id, items so far)
    starts: dict[int, int] = {}  # list id -> the list's own first number
    next_id = 0
    numbered: list[list[tuple[Paragraph, int, int]]] = []  # per page: (para, list id, number)
    for page in pages:
        rows = []
        for para in page:
            for deeper in [lv for lv in lists if lv > para.level]:
                del lists[deeper]  # a shallower item ends the lists nested under it
            if para.continues:
                list_id, count = lists.get(para.level, (-1, 0))
            elif para.bullet == "number":
                list_id, count = lists.get(para.level, (-1, 0))
                if list_id < 0:
                    list_id, count, next_id = next_id, 0, next_id + 1
                    starts[list_id] = para.start
                count += 1
                lists[para.level] = (list_id, count)
            else:
                lists.pop(para.level, None)
                list_id, count = -1, 0
            rows.append((para, list_id, starts.get(list_id, 1) + count - 1))
        numbered.append(rows)
    out = []
    for rows in numbered:
        first: dict[int, int] = {}
        for para, list_id, number in rows:
            if list_id >= 0 and not para.continues:
                first.setdefault(list_id, number)
        out.append(
            tuple(
                dataclasses.replace(para, start=first.get(list_id, para.start))
                if list_id >= 0
                else para
                for para, list_id, _ in rows
            )
        )
    return out


def _plain(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def _pages(element: TextElement, brand: Brand) -> list[tuple[Paragraph, ...]]:
    """The element's paragraphs cut into the fewest pages that fit at its floor, packed at the
    largest size that still needs no more pages."""
    floor = lowest_size(element, brand)
    units = [u for p in element.paragraphs for u in _units(p, element, brand, floor)]
    fewest = len(_pack(units, element, brand, floor))
    size = element.style.size
    while (
        (smaller := next_size(brand, size)) is not None
        and smaller >= floor
        and len(_pack(units, element, brand, size)) > fewest
    ):
        size = smaller
    # as many pages, but evened out (7 + 7 rather than 9 + 5): the least room per page that
    # still needs no more pages, so the last page is not left nearly empty
    room = available_height(element)
    low, high = 0.0, room
    while high - low > 1.0:
        middle = (low + high) / 2
        if len(_pack(units, element, brand, size, middle)) <= fewest:
            high = middle
        else:
            low = middle
    return _pack(units, element, brand, size, high)


def _fits(
    paragraphs: Sequence[Paragraph],
    element: TextElement,
    brand: Brand,
    size: float,
    room: float | None = None,
) -> bool:
    frame = dataclasses.replace(element, paragraphs=_join(paragraphs))
    limit = available_height(element) if room is None else room
    return text_height(frame, brand, size) <= limit


def _pack(
    units: list[Paragraph],
    element: TextElement,
    brand: Brand,
    size: float,
    room: float | None = None,
) -> list[tuple[Paragraph, ...]]:
    """Units in pages, each filled while it fits in `room` points (the frame's height).

    A page's height only grows with each unit added, so the most units that fit are found by
    galloping then halving: a few measurements a page rather than one a unit (a 10,000-word
    paragraph took minutes when each added word measured its whole page again)."""
    if not units:
        return [()]
    pages: list[tuple[Paragraph, ...]] = []
    start = 0
    while start < len(units):
        end = _most_that_fit(units, start, element, brand, size, room)
        pages.append(_join(units[start:end]))
        start = end
    return pages


def _most_that_fit(
    units: list[Paragraph],
    start: int,
    element: TextElement,
    brand: Brand,
    size: float,
    room: float | None,
) -> int:
    """The end of the longest run of units from `start` that fits (a page takes at least one)."""
    good, step = start + 1, 1
    while good < len(units):
        probe = min(good + step, len(units))
        if not _fits(units[start:probe], element, brand, size, room):
            bad = probe
            while bad - good > 1:
                middle = (good + bad) // 2
                if _fits(units[start:middle], element, brand, size, room):
                    good = middle
                else:
                    bad = middle
            break
        good, step = probe, step * 2
    return good


def _units(para: Paragraph, element: TextElement, brand: Brand, floor: float) -> list[Paragraph]:
    """The paragraph, or its sentences (then its words) when it cannot fit on a page alone.
    Pieces after the first are marked `continues`; on one page they join up again."""
    if _fits([para], element, brand, floor):
        return [para]
    pieces = _split(para, _SENTENCE_END)
    if len(pieces) == 1:
        pieces = _split(para, _WORD_END)
        if len(pieces) == 1:
            return [para]  # one unbreakable word: reported as too long
    out: list[Paragraph] = []
    for piece in pieces:
        out.extend(
            [piece]
            if _fits([piece], element, brand, floor)
            else _units(piece, element, brand, floor)
        )
    return out


def _join(units: Sequence[Paragraph]) -> tuple[Paragraph, ...]:
    """Units on one page as paragraphs: the pieces of a cut paragraph joined up again (each
    paragraph made once with all its runs: joined piece by piece, a page of a paragraph cut
    into words took time growing with the square of its words)."""
    groups: list[list[Paragraph]] = []
    for unit in units:
        if groups and unit.continues:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return tuple(
        group[0]
        if len(group) == 1
        else dataclasses.replace(group[0], runs=tuple(run for unit in group for run in unit.runs))
        for group in groups
    )


def _split(para: Paragraph, boundary: re.Pattern[str]) -> list[Paragraph]:
    """The paragraph cut at every `boundary` inside its runs; later pieces continue the same
    list item, so they keep its indent but draw no second bullet."""
    pieces: list[list[Run]] = [[]]
    for run in para.runs:
        parts = boundary.split(run.text) if run.text != "\v" else [run.text]
        for n, part in enumerate(parts):
            if n > 0:
                pieces.append([])
            if part:
                pieces[-1].append(dataclasses.replace(run, text=part))
    kept = [runs for runs in pieces if any(r.text.strip() for r in runs)]
    return [
        dataclasses.replace(para, runs=tuple(runs), continues=n > 0 or para.continues)
        for n, runs in enumerate(kept)
    ] or [para]
