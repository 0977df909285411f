"""Approximate chart values: `"~40"`, `"more than 100"`, `"<5"`.

A chart draws the number; the qualifier travels beside it, shown on the value's label as a
sign (`~40`, `>100`, `<5`) and said in the alt text in words ("about 40"). The grammar is
small on purpose, so a typo is an error rather than a number read wrongly:

    value      = [qualifier] number
    qualifier  = "~" | "about" | ">" | "more than" | "<" | "less than" | "fewer than"
    number     = ["-"] digits ["." digits]

Words are matched in any case, with or without spaces around them (`~ 40`, `About 40`).
"""

from __future__ import annotations

import math
import re
from enum import StrEnum


class Qualifier(StrEnum):
    """How a value is approximate; the value is the label key's last part (`approx_about`)."""

    ABOUT = "about"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"

    @property
    def sign(self) -> str:
        """What a chart's value label shows before the number."""
        return _SIGNS[self]

    @property
    def label_key(self) -> str:
        """The key of its words in the deck's labels table ("about {value}")."""
        return f"approx_{self.value}"


_SIGNS = {Qualifier.ABOUT: "~", Qualifier.MORE_THAN: ">", Qualifier.LESS_THAN: "<"}

_WORDS = {
    "~": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    ">": Qualifier.MORE_THAN,
    "more than": Qualifier.MORE_THAN,
    "<": Qualifier.LESS_THAN,
    "less than": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
}

_VALUE = re.compile(
    r"^\s*(?:(?P<q>~|<|>|about|more\s+than|less\s+than|fewer\s+than)\s*)?"
    r"(?P<n>-?\d+(?:\.\d+)?)\s*$",
    re.IGNORECASE,
)


def _any_case(word: str) -> str:
    """A word as a JSON Schema pattern, which has no flag for "any case": `[Aa][Bb]...`."""
    return "".join(
        rf"[{c.upper()}{c.lower()}]" if c.isalpha() else (r"\s+" if c == " " else c) for c in word
    )


_JSON_QUALIFIER = r"^\s*(?:(?:" + "|".join(_any_case(w) for w in _WORDS) + r")\s*)?"
# the grammar above for editors (the content's JSON Schema): a number as text, or with a
# qualifier; and a pictogram's, which fills whole figures
JSON_PATTERN = _JSON_QUALIFIER + r"-?\d+(?:\.\d+)?\s*$"
JSON_WHOLE_PATTERN = _JSON_QUALIFIER + r"\d+\s*$"

# quoted, as they are written: unquoted, `>100` starts a block of text and `[~40, >100]` is an
# error in YAML
ACCEPTED = (
    '`"~40"` or `"about 40"`, `">100"` or `"more than 100"`, `"<5"`, `"less than 5"` or '
    '`"fewer than 5"`'
)


class NotAValue(ValueError):
    """Text that is neither a number nor a number with one of the accepted qualifiers."""


def parse(text: str) -> tuple[float, Qualifier | None]:
    """The number and its qualifier: `"~40"` -> (40.0, ABOUT); `"12.5"` -> (12.5, None)."""
    match = _VALUE.match(text)
    if match is None:
        raise NotAValue(text)
    number = float(match["n"])
    if not math.isfinite(number):  # digits only, so never; kept as the charts' own rule
        raise NotAValue(text)
    word = match["q"]
    return number, None if word is None else _WORDS[" ".join(word.lower().split())]
