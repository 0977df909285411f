"""E401 names the content fields that must shrink, at their own file and line, with the number
of characters that fit (measured: a text of exactly that many fits, one word more does not) and
advice the slide's kind allows: only a kind whose slides continue may say "split"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarydeck import api
from summarydeck.diagnostics import ContentError, Diagnostic
from summarydeck.layouts.registry import kinds
from summarydeck.source.yaml_loader import dotted

# plain words: nothing typography changes (quotes, dashes, numbers), so lengths compare
SENTENCE = (
    "people who live with persistent back pain and a mental health problem often find that "
    "services treat one and not the other"
)
LONG = " ".join([SENTENCE] * 8)
LIMIT = re.compile(r"at most (\d+) characters fit at ([\d.]+) pt \(now (\d+)\)")


def _set(file: Path, start: str, value: str) -> int:
    """Give the one line of `file` that starts with `start` (`    population:`, `      -`
    and its old text) a double-quoted `value` after its key; its line number."""
    at = _line(file, start)
    _put(file, at, value)
    return at


def _put(file: Path, at: int, value: str) -> None:
    """Give line `at` of `file` (`key: ...` or `- ...`) a double-quoted `value`."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[at - 1]
    key = (
        line[: line.index(": ") + 1]
        if re.match(r" *[\w-]+: ", line)
        else line[: line.index("-") + 1]
    )
    lines[at - 1] = f'{key} "{value}"\n'
    file.write_text("".join(lines), encoding="utf-8")


def _line(file: Path, start: str) -> int:
    """The number of the one line of `file` that is, or else starts with, `start`."""
    lines = file.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines) if line == start]
    [at] = found or [n for n, line in enumerate(lines) if line.startswith(start)]
    return at + 1


def _errors(content: Path, frame: str) -> list[Diagnostic]:
    """The E401 errors about the frame named `frame` when `content` is planned."""
    try:
        api.plan(content)
    except ContentError as caught:
        return [d for d in caught.diagnostics if d.code == "E401" and f"({frame})" in d.message]
    return []


def _limit(error: Diagnostic) -> tuple[int, float, int]:
    found = LIMIT.search(error.message)
    assert found, error.message
    return int(found[1]), float(found[2]), int(found[3])


def _one_word_more(text: str, limit: int) -> str:
    """The fewest words from the start of `text` that are longer than `limit` characters."""
    words = text.split(" ")
    return next(
        " ".join(words[:n]) for n in range(1, len(words) + 1) if len(" ".join(words[:n])) > limit
    )


def _fits_at_limit(file: Path, at: int, text: str, limit: int, content: Path, frame: str) -> None:
    """`text` cut to exactly `limit` characters, on line `at`, fits; one word more does not."""
    _put(file, at, text[:limit])
    assert _errors(content, frame) == []
    _put(file, at, _one_word_more(text, limit))
    assert _errors(content, frame), f"{frame}: one word past {limit} characters still fits"
    # the count is exact, not merely safe: one character more does not fit either
    more = limit + 1 if text[limit] != " " else limit + 2  # a space at the end is dropped
    _put(file, at, text[:more])
    assert _errors(content, frame), f"{frame}: one word past {limit} characters still fits"


def test_a_statistic_names_its_population_and_year_and_says_how_many_characters_fit(
    content_copy: Path,
) -> None:
    stats = content_copy / "statistics.yaml"
    at = _set(stats, "    population: ", LONG)
    year_at = _line(stats, "    year: ")
    [error] = _errors(content_copy, "Statistic detail")
    path = dotted(("statistics", "one-in-four", "population"))
    assert error.message.startswith(f"{path} and .year share two lines on slide `one-in-four`")
    assert error.location is not None and error.location.file.endswith("statistics.yaml")
    assert error.location.line == at
    assert f".year is at {error.location.file}:{year_at}" in error.message
    limit, size, now = _limit(error)
    assert size == 18 and now == len(LONG) + len("1992")
    assert error.hint == (
        f"shorten them to {limit} characters together, or move the detail into the "
        "slide's `notes:` (speaker notes)"
    )
    keep = limit - len("1992")  # the year stays; the population takes the rest of the count
    _fits_at_limit(stats, at, LONG, keep, content_copy, "Statistic detail")


def test_a_population_that_needs_two_lines_wraps_under_the_label(content_copy: Path) -> None:
    """The detail line had room for one line while the slide was empty below it."""
    population = "Adults aged 16 to 64 living in private households in England and Wales"
    _set(content_copy / "statistics.yaml", "    population: ", population)
    _, plans, _ = api.plan(content_copy)
    [slide] = [p for p in plans if p.id == "one-in-four"]
    [detail] = [e for e in slide.elements if e.name == "Statistic detail"]
    from summarydeck.plan.measure import paragraph_lines

    brand = api.load(content_copy)[0].brand
    assert paragraph_lines(detail, brand, detail.style.size) == [2]


def test_a_quote_too_long_names_its_text_and_keeps_the_rest_for_the_notes(
    content_copy: Path,
) -> None:
    quotes = content_copy / "quotes.yaml"
    at = _set(quotes, "    text: ", LONG)
    [error] = _errors(content_copy, "Quote")
    path = dotted(("quotes", "pain-is-pain", "text"))
    assert error.message.startswith(f"{path}: the text does not fit on slide `pain-is-pain`")
    assert error.location is not None and error.location.file.endswith("quotes.yaml")
    assert error.location.line == at
    limit, _, now = _limit(error)
    assert now == len(LONG)
    assert error.hint is not None and error.hint.startswith(f"shorten it to {limit} characters")
    assert "`notes:`" in error.hint and "split" not in error.hint
    _fits_at_limit(quotes, at, LONG, limit, content_copy, "Quote")


def test_an_opportunity_summary_too_long_names_it_and_offers_its_points(
    content_copy: Path,
) -> None:
    opportunities = content_copy / "opportunities.yaml"
    start = "    summary: Give physical health staff"
    at = _set(opportunities, start, LONG)
    [error] = _errors(content_copy, "Opportunity summary")
    path = dotted(("opportunities", "first", "summary"))
    assert error.message.startswith(f"{path}: the text does not fit on slide `first`")
    assert error.location is not None and error.location.file.endswith("opportunities.yaml")
    assert error.location.line == at
    limit, _, now = _limit(error)
    assert now == len(LONG)
    assert error.hint == (
        f"shorten it to {limit} characters, or move detail into the opportunity's `points:` "
        "beside it, or into the slide's `notes:` (speaker notes)"
    )
    _fits_at_limit(opportunities, at, LONG, limit, content_copy, "Opportunity summary")


POINT = "      - People are passed between services"
TITLE = "    title: What we learned"


def test_a_long_bullet_slide_continues_rather_than_failing(content_copy: Path) -> None:
    _set(content_copy / "deck.yaml", POINT, LONG * 3)
    assert _errors(content_copy, "Body") == []
    _, plans, _ = api.plan(content_copy)
    ids = [p.id for p in plans if p.id.startswith("what-we-learned")]
    assert ids[:2] == ["what-we-learned", "what-we-learned-2"]


def test_a_bullet_slide_that_cannot_continue_names_body_and_points(content_copy: Path) -> None:
    """Points continue only when they are the one thing that does not fit: with a title too
    long as well, both fields are named and the hint says to fix the title first."""
    deck = content_copy / "deck.yaml"
    points_at = _set(deck, POINT, LONG * 3)
    title_at = _set(deck, TITLE, "What we learned together " * 12)
    body_at = _line(deck, "    body: The work combined")
    [body] = _errors(content_copy, "Body")
    item = ("slides", 12)
    assert body.message.startswith(f"{dotted((*item, 'body'))} and .points: the text does not fit")
    assert "even continued on new slides" in body.message
    assert body.location is not None and body.location.line == body_at
    assert f".points is at {body.location.file}:{points_at}" in body.message
    assert body.hint is not None and "fix the other error here first" in body.hint
    [title] = _errors(content_copy, "Title")
    assert title.location is not None and title.location.line == title_at
    limit, _, _ = _limit(title)
    assert title.hint is not None and title.hint.startswith(f"shorten it to {limit} characters")
    assert "split" not in title.hint


def test_a_word_too_long_for_a_slide_may_be_split_on_a_kind_that_continues(
    content_copy: Path,
) -> None:
    _set(content_copy / "deck.yaml", POINT, "w" * 3000)
    [error] = _errors(content_copy, "Body")
    limit, _, now = _limit(error)
    assert now == 3000 and 0 < limit < 3000
    assert error.hint == (
        f"a word here is too long for one slide (at most {limit} characters fit): shorten it, "
        "or split the points over two `bullets` slides"
    )


@pytest.mark.parametrize("kind", sorted(set(kinds()) - {"bullets"}))
def test_only_a_kind_that_continues_advises_splitting(kind: str) -> None:
    advice = kinds()[kind].fit_advice
    said = [advice.otherwise, *advice.frames.values(), advice.advice("Title")]
    assert all("split" not in words for words in said), said
