"""The typography Python-Markdown's `smarty` extension does not do, for text on slides.

`smarty` (turned on in `inline.py`) gives curly quotes and apostrophes, `--` as an en dash,
`---` as an em dash and `...` as an ellipsis. This pass adds what a publisher also expects:

- an en dash for the hyphen of a numeric range: "2-3 times" -> "2–3 times", "9am-6pm" ->
  "9am–6pm", "2018-19" -> "2018–19"; but not in a date ("2019-05-01"), a name with a number
  ("COVID-19") or a longer chain of numbers (a phone number);
- a non-breaking space that keeps a number with its unit or with the rest of its figure, so a
  line never ends on a bare number: "50 %", "19 minutes", "2–3 times", "£1.5 billion",
  "1 in 4", "2 of 5", "3 out of 10", "50 per cent". A number and an ordinary noun ("120
  people") may still break: every such pair bound would make lines ragged for nothing.

Web and e-mail addresses are left exactly as written (`shown_address` is how a slide shows
one). Each change swaps one character for
another, so text cut into runs (bold, links) keeps its run boundaries: see `typeset_runs`.
The bundled fonts have the en dash and the curly quotes; Carlito has no glyph for the
non-breaking space, which every viewer draws as a space (`plan/measure.py` measures it so).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from summarydeck.values import Run

NBSP = "\u00a0"  # defined here only: every layer above imports it
EN_DASH = "\u2013"

_NUMBER = r"\d+(?:[.,]\d+)*"
_GAP = r"[ \t\n]"  # one space, or a soft line break of Markdown text not yet collapsed
_TIME = r"(?:\s?(?:am|pm))?%?"  # "9am", "9 am", "50%" end a range's number
# a hyphen between two numbers, neither of them part of a longer chain, a word or an address
_RANGE = re.compile(
    rf"(?<![\w./:@#-]){_NUMBER}{_TIME}(?P<dash>-){_NUMBER}{_TIME}(?![\w/@-]|[.,]\d)"
)
# words that measure or count what a number says: the number and the word stay on one line
_UNITS = (
    "seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    "times|per|percent|million|billion|thousand|"
    "mm|cm|km|kg|mg|ml|pt|px"
)
_UNIT_SPACE = re.compile(
    rf"(?<![\w.,/]){_NUMBER}(?:{EN_DASH}{_NUMBER})?(?P<space>{_GAP})(?=[%‰]|(?:{_UNITS})\b)"
)
_PER_CENT = re.compile(rf"(?<=\d{NBSP}per)(?P<space>{_GAP})(?=cent\b)")
# "1 in 4", "2 of 5", "3 out of 10", "1 in 1,000": one figure, never split over two lines.
# Both sides are small whole numbers and the left one stands alone, so "COVID-19 in 2019",
# "10 of 2019" or "1.5 in 10" are not taken for figures
_SMALL_WHOLE = r"\d{1,3}(?:,\d{3})*"
_FIGURE = re.compile(
    rf"(?<![\w.,/\-])\d{{1,3}}(?P<s1>{_GAP})(?:in|of|out(?P<s2>{_GAP})of)(?P<s3>{_GAP})"
    rf"{_SMALL_WHOLE}(?![\w%\-]|[.,]\d)"
)
# addresses a reader types: kept character for character
_ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)\S+"  # with a scheme or www.
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*"  # a site and a path: q.health.org.uk/blog-post/...
)
_SITE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?", re.IGNORECASE)  # q.health.org.uk


def looks_like_address(text: str) -> bool:
    """Whether `text` is a web or e-mail address (as a link's visible text may be)."""
    stripped = text.strip()
    return any(p.fullmatch(stripped) for p in (_ADDRESS, _SITE))


def typeset(text: str) -> str:
    """`text` with range dashes and non-breaking spaces; addresses untouched."""
    chars = list(text)
    for pattern, groups in (
        (_RANGE, ("dash",)),
        (_FIGURE, ("s1", "s2", "s3")),
        (_UNIT_SPACE, ("space",)),
        (_PER_CENT, ("space",)),
    ):
        current = "".join(chars)
        for match in pattern.finditer(current):
            for group in groups:
                if match.start(group) >= 0:
                    chars[match.start(group)] = EN_DASH if group == "dash" else NBSP
    for match in _ADDRESS.finditer(text):  # an address keeps every character as written
        chars[match.start() : match.end()] = text[match.start() : match.end()]
    return "".join(chars)


def typeset_runs(runs: Sequence[Run], verbatim: Sequence[bool]) -> list[Run]:
    """The runs of one paragraph typeset as one text (a range or a figure may cross from a
    bold run into plain text), each keeping its boundaries; runs marked `verbatim` (code, an
    address as a link's text) keep their text as written."""
    joined = "".join(run.text for run in runs)
    done = typeset(joined)
    out: list[Run] = []
    start = 0
    for run, keep in zip(runs, verbatim, strict=True):
        end = start + len(run.text)
        text = run.text if keep else done[start:end]
        out.append(dataclasses.replace(run, text=text) if text != run.text else run)
        start = end
    return out


def shown_address(url: str, *, without_www: bool = False) -> str:
    """A web address as a slide shows it: complete (a reader types what they see), without
    the scheme and without a trailing slash: `https://q.health.org.uk/` -> `q.health.org.uk`.
    It is never cut short with "…": a long one is shortened by the content (`short_url:`).

    `without_www` also drops a leading `www.`: for a helpline's site, given as the helpline
    gives it (`samaritans.org`, `mind.org.uk`), which opens the same site and is shorter to
    type for someone who may be struggling. Cited sources keep their `www.`: they are
    addresses of record.

    An internationalised host stays readable: the punycode a `url:` field is stored in
    (`xn--bcher-kva.example`) is shown as `bücher.example`; the link itself keeps it."""
    shown = re.sub(r"^(?:https?://|mailto:)", "", url, flags=re.IGNORECASE).rstrip("/")
    shown = _readable_host(shown)
    return re.sub(r"^www\.", "", shown, flags=re.IGNORECASE) if without_www else shown


def _readable_host(shown: str) -> str:
    host, slash, rest = shown.partition("/")
    if "xn--" not in host.lower():
        return shown
    try:
        return host.encode("ascii").decode("idna") + slash + rest
    except UnicodeError:  # not valid punycode: shown as it is
        return shown


def address_runs(shown: str, link: str) -> tuple[Run, ...]:
    """A shown address as linked runs cut after each slash, so a long one wraps at its
    slashes rather than inside a word.

    LibreOffice lays out each linked run as one field and breaks a field only where it must,
    whatever it holds (a zero-width space inside one is ignored), but it does break between
    two fields; the fitter measures each linked run as one unit the same way."""
    return tuple(Run(part, link=link) for part in re.findall(r"[^/]*/|[^/]+$", shown))
