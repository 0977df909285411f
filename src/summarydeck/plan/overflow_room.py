"""What an E401 says about a frame that does not fit: the content fields it shows, how many of
their characters fit at the smallest size allowed, and what else the slide's kind allows.

"Shorten it to 38 characters" can be followed where "it is 12 pt too tall" cannot. The count is
measured, not estimated: the longest start of the text that fits the frame at its floor size,
found by halving (a frame's text only grows taller as it grows longer). When a frame shows
several fields (a statistic's population and year on one line), the longest is cut and the
others are kept whole, so a text of exactly the count given fits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarydeck.model.brand import Brand
from summarydeck.plan.measure import LINE_PITCH, available_height, text_height
from summarydeck.plan.types import TextElement
from summarydeck.source.yaml_loader import DataPath, SourceMap, dotted
from summarydeck.values import Paragraph


@dataclass(frozen=True)
class ShownField:
    """A content field a frame shows, with its text as the slide shows it."""

    path: DataPath
    text: str


@dataclass(frozen=True)
class Remedy:
    """What a slide's kind says about one of its frames that does not fit: every field the
    frame shows (they are shortened together), and what else an editor may do, said after
    "shorten it to N characters" (e.g. "or move detail into the slide's `notes:`")."""

    fields: tuple[ShownField, ...] = ()
    advice: str = ""


Explain = Callable[[TextElement], Remedy]


@dataclass(frozen=True)
class Room:
    """How much of its fields' text a frame holds at its size."""

    fits: int  # characters of the fields, together, that fit
    now: int  # characters they have
    lines: int  # lines the frame holds


def room_for(element: TextElement, fields: Sequence[ShownField], brand: Brand) -> Room:
    """How many characters of `fields` (or, with none, of the element's own text) fit in the
    element's box at its size."""
    text = "".join(p.text for p in element.paragraphs)
    texts = [f.text for f in fields] or [text]
    now = sum(len(t) for t in texts)
    pitch = LINE_PITCH * element.style.size * element.style.line_spacing
    lines = int(available_height(element) / pitch + 1e-6)
    longest = max(texts, key=len)
    start = text.find(longest) if longest else -1
    if start >= 0:
        # cut the longest field, keeping what the layout writes around it and the other fields
        end = start + len(longest)
        cut = _longest_fitting(element, brand, start, end, end)
        if cut is not None:
            return Room(now - len(longest) + cut - start, now, lines)
    # not found as such (a continued slide shows part of it): count the frame's own text
    cut = _longest_fitting(element, brand, 0, len(text), len(text)) or 0
    return Room(cut, len(text), lines)


def _longest_fitting(
    element: TextElement, brand: Brand, low: int, high: int, resume: int
) -> int | None:
    """The largest `cut` in [low, high] for which the text's characters before `cut` and from
    `resume` on fit the box; None when even `low` does not."""
    room = available_height(element)
    size = element.style.size

    def fits(cut: int) -> bool:
        shown = dataclasses.replace(element, paragraphs=_kept(element.paragraphs, cut, resume))
        return text_height(shown, brand, size) <= room

    if not fits(low):
        return None
    if fits(high):
        return high
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _kept(paragraphs: Sequence[Paragraph], cut: int, resume: int) -> tuple[Paragraph, ...]:
    """The paragraphs with the characters from `cut` up to `resume` left out (counted over the
    runs of every paragraph in turn); a paragraph left with no text goes."""
    out: list[Paragraph] = []
    at = 0
    for para in paragraphs:
        runs = []
        for run in para.runs:
            start, at = at, at + len(run.text)
            kept = run.text[: max(0, cut - start)] + run.text[max(0, resume - start) :]
            if kept:
                runs.append(dataclasses.replace(run, text=kept))
        if runs:
            out.append(dataclasses.replace(para, runs=tuple(runs)))
    return tuple(out)


def message(
    slide: str, element: TextElement, fields: Sequence[ShownField], room: Room, smap: SourceMap
) -> str:
    """The error's words: the fields that must shrink, and how many characters fit."""
    limit = f"at most {room.fits} characters fit at {element.style.size:g} pt (now {room.now})"
    frame = f"slide `{slide}` ({element.name})"
    first = fields[0].path if fields else element.source
    others = [f.path for f in fields[1:]]
    named = [_beside(p, first) for p in others] if first else []
    names = dotted(first) if first else ""
    if named:
        names += "".join(f", {n}" for n in named[:-1]) + f" and {named[-1]}"
    where = "".join(f"; {n} is at {_line_of(smap, p)}" for n, p in zip(named, others, strict=True))
    if element.flow:  # it continues on new slides: the count is what one slide holds
        return (
            f"{names + ': ' if names else ''}the text does not fit on {frame}, even "
            f"continued on new slides: on one slide {limit}{where}"
        )
    if named:
        return f"{names} share {_lines(room.lines)} on {frame}: together {limit}{where}"
    return f"{names + ': ' if names else ''}the text does not fit on {frame}: {limit}"


def hint(element: TextElement, remedy: Remedy, room: Room, problems: int) -> str:
    """What to do: shorten the fields to the count that fits, or what the kind allows."""
    if element.flow and problems > 1:
        return (
            "this text continues on a new slide by itself once everything else on the slide "
            "fits: fix the other error here first"
        )
    if element.flow:  # alone, it is cut between sentences, then words: one word is too long
        return (
            f"a word here is too long for one slide (at most {room.fits} characters fit): "
            "shorten it" + (f", {remedy.advice}" if remedy.advice else "")
        )
    what = (
        f"them to {room.fits} characters together"
        if len(remedy.fields) > 1
        else f"it to {room.fits} characters"
    )
    if room.fits < min(100, room.now // 10):
        return f"it has almost no room: shorten {what}, or shorten what sits above it"
    return f"shorten {what}" + (f", {remedy.advice}" if remedy.advice else "")


def _beside(path: DataPath, first: DataPath) -> str:
    """`.year` for a field beside `first`, else its whole path."""
    if path[:-1] == first[:-1]:
        last = path[-1]
        return f"[{last}]" if isinstance(last, int) else f".{last}"
    return dotted(path)


def _line_of(smap: SourceMap, path: DataPath) -> str:
    location = smap.locate(path)
    return f"{location.file}:{location.line}" if location else dotted(path)


def _lines(count: int) -> str:
    return {0: "less than a line", 1: "one line", 2: "two lines"}.get(count, f"{count} lines")
