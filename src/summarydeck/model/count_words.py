"""W215: a count of the numbered items written in words ("five opportunities") that is not how
many items there are: the sixth opportunity was added, and the summary slide still says five.

The noun is the content's own (`labels.items`), so "four challenge areas" is checked in a deck
whose items are challenge areas. Number words are read in English, digits (2 to 99: a year is
not a count) in any language where the plural noun follows the number; Welsh, which counts
with the singular and mutates it ("pum cyfle", "dau gyfle"), is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from summarydeck.diagnostics import Diagnostics
from summarydeck.model.labels import Labels
from summarydeck.source.yaml_loader import DataPath, SourceMap

# counts of two and more: "one" before the noun is rarely a count of them all
_ENGLISH = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = _ENGLISH
_MARKUP = re.compile(r"[*_`]")


def check_count_words(
    data: dict[str, Any], labels: Labels, smap: SourceMap, diags: Diagnostics
) -> None:
    """Warn at each text in the storyboard and the deck's details that counts the items in
    words other than their number."""
    items = data.get("opportunities")
    if not isinstance(items, dict) or not items:
        return
    count = len(items)
    pattern = _pattern(labels)
    for path, text in _texts(data.get("slides"), ("slides",)):
        _check(text, path, count, pattern, labels, smap, diags)
    for path, text in _texts(data.get("deck"), ("deck",)):
        _check(text, path, count, pattern, labels, smap, diags)


def _pattern(labels: Labels) -> re.Pattern[str]:
    """A number (word or digits, 2 to 99) then, perhaps after one other word, the items' plural
    noun: "five opportunities", "5 key recommendations"; not "three recommendations of the
    five", which counts some of them."""
    noun = re.escape(labels.raw("items"))
    numbers = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<number>{numbers}|[2-9]|[1-9]\d)\s+(?:[\w-]+\s+)?(?:{noun})\b(?!\s+of\b)",
        re.IGNORECASE,
    )


def _check(
    text: str,
    path: DataPath,
    count: int,
    pattern: re.Pattern[str],
    labels: Labels,
    smap: SourceMap,
    diags: Diagnostics,
) -> None:
    for found in pattern.finditer(_MARKUP.sub("", text)):
        said = found["number"].lower()
        number = int(said) if said.isdigit() else NUMBER_WORDS[said]
        if number == count:
            continue
        what = labels.raw("items").lower()
        diags.warning(
            "W215",
            f"“{found[0]}” says {number}, but the content has {count} {what}",
            smap.locate(path),
            f"correct the number to {count}, or write the sentence without it, so it stays "
            f"true when {what} are added or removed",
        )


def _texts(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every text under `value` with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _texts(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _texts(inner, (*path, index))
