"""Markdown is converted once per text: the same text gives the same paragraphs wherever it is,
and its problems are told at each field that holds it.

What is kept cannot be changed by whoever gets it: tuples of frozen `Paragraph`s and `Run`s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from summarydeck.api import loading
from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.markdown import inline
from summarydeck.markdown.inline import to_notes, to_paragraphs, to_plain, typeset_plain
from summarydeck.model import markdown_check
from summarydeck.values import Paragraph, Run

TEXT = "Read **this** first:\n\n- one [link](https://example.org)\n- two <b>x</b>"
BAD = "See [the page](ftp://example.org/x) and <span>this</span> and <span>that</span>"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts Python-Markdown converted, from empty caches."""
    calls: list[str] = []
    walk, typeset = inline._walk, inline._typeset_plain

    def counted_walk(text: str) -> Any:
        calls.append(text)
        return walk(text)

    def counted_typeset(text: str) -> str:
        calls.append(text)
        return typeset(text)

    inline._CONVERTED.clear()
    inline._TYPESET.clear()
    monkeypatch.setattr(inline, "_walk", counted_walk)
    monkeypatch.setattr(inline, "_typeset_plain", counted_typeset)
    yield calls
    inline._CONVERTED.clear()
    inline._TYPESET.clear()


def test_the_same_text_is_converted_once(walks: list[str]) -> None:
    first = to_paragraphs(TEXT)
    assert to_paragraphs(TEXT, Location("a.yaml", 3, 5), Diagnostics()) == first
    assert to_notes(TEXT).startswith("Read this first:")
    assert to_plain(TEXT)
    assert walks == [TEXT]
    assert typeset_plain("It's 2-3 times") == typeset_plain("It's 2-3 times")
    assert walks == [TEXT, "It's 2-3 times"]


def test_a_cached_text_tells_its_problems_at_each_field_that_holds_it(
    walks: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # E301 is narrowed to the address as the file has it
    lines = [
        "quotes:",
        "  a:",
        "    x: 1",
        f"    text: {BAD}",
        *["    y: 2"] * 4,
        f"    more: {BAD}",
    ]
    Path("quotes.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    told = []
    for line in (4, 9, 9):  # a second field, and the same field again in the next build
        diags = Diagnostics()
        to_paragraphs(BAD, Location("quotes.yaml", line, 11, 90), diags)
        told.append([(d.code, d.message, d.location, d.hint) for d in diags.items])
    assert len(walks) == 1
    assert [code for code, *_ in told[0]] == ["E301", "W301"]  # one W301 for both <span>s
    assert told[0][0][2] == Location("quotes.yaml", 4, 26, 45)  # narrowed to the address
    assert told[1][0][2] == Location("quotes.yaml", 9, 26, 45)
    assert told[1][1][2] == Location("quotes.yaml", 9, 11, 90)
    assert told[1] == told[2]
    assert [(c, m, h) for c, m, _, h in told[0]] == [(c, m, h) for c, m, _, h in told[1]]


def test_the_problems_are_those_a_fresh_conversion_tells(walks: list[str]) -> None:
    where = Location("essays.yaml", 12, 14, 80)
    cached, fresh = Diagnostics(), Diagnostics()
    to_paragraphs(BAD, where, Diagnostics())
    to_paragraphs(BAD, where, cached)
    inline._CONVERTED.clear()
    to_paragraphs(BAD, where, fresh)
    assert cached.items == fresh.items and cached.items


def test_without_diagnostics_nothing_is_told_but_the_text_is_the_same(walks: list[str]) -> None:
    quiet = to_paragraphs(BAD)
    diags = Diagnostics()
    assert to_paragraphs(BAD, None, diags) == quiet
    assert diags.items


def test_what_is_kept_cannot_be_changed() -> None:
    paragraphs = to_paragraphs(TEXT)
    assert isinstance(paragraphs, tuple)
    assert all(isinstance(p.runs, tuple) for p in paragraphs)
    for cls in (Paragraph, Run, inline._Converted, inline._Problem):
        assert dataclasses.fields(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        paragraphs[0].runs[0].text = "changed"  # type: ignore[misc]


def test_the_caches_are_bounded() -> None:
    for cache in (inline._CONVERTED, inline._TYPESET):
        assert cache.most_entries <= 50_000 and cache.most_weight <= 4_000_000


@pytest.mark.parametrize(
    "text",
    [
        "Note: see https://q.health.org.uk/blog-post/x and/or (this)?",
        "COVID-19 in 2019 took 2-3 times longer, 50 per cent of people: 1 in 4.",
        "e.g. this. Then that",
        "A:B, x-y, I/O, 100%",
        "a -- b",
        "Wait... what",
        "two  spaces",
        "trailing ",
        "- item",
        "1. item",
        "It's",
        'say "hi" now',
        "see *this* now",
        "a __b__ c",
        "a `code` b",
        "a [link](https://x.org) b",
        "a <b>c</b> d",
        "a & b",
        "a \\* b",
        "a ~~b~~ c",
        "a | b\n--|--",
        "x <<y>>",
        "line\nbreak",
    ],
)
def test_a_line_no_markdown_rule_reads_converts_as_python_markdown_would(text: str) -> None:
    _same_as_python_markdown(text)


@settings(max_examples=500, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet="aZ09 ,;:?%()/.-_*'\"#>|", min_size=1, max_size=40))
def test_lines_of_plain_punctuation_convert_as_python_markdown_would(text: str) -> None:
    _same_as_python_markdown(text)


def _same_as_python_markdown(text: str) -> None:
    """What `_html` gives is Python-Markdown's own HTML, and so are the paragraphs."""
    inline._converter.reset()
    assert inline._html(text) == inline._converter.convert(inline._separate_blocks(text))


def _fields_before(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, str]]:
    """`markdown_fields` as it was, looking inside every value (the oracle)."""
    if isinstance(value, BaseModel):
        for name, markdown in markdown_check._fields(type(value)):
            child = getattr(value, name)
            if markdown:
                yield from markdown_check._strings(child, (*path, name))
            else:
                yield from _fields_before(child, (*path, name))
        if value.model_extra and markdown_check._extra_is_markdown(type(value)):
            for key, child in value.model_extra.items():
                yield from markdown_check._strings(child, (*path, key))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _fields_before(child, (*path, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _fields_before(child, (*path, index))


@pytest.mark.parametrize("content", ["content", "tests/content/full", "examples/digital-exclusion"])
def test_every_markdown_field_is_found_as_before(content: str) -> None:
    deck, _ = loading.load(Path(__file__).parent.parent / content)
    models = [(deck.content, ()), *((s, ("slides", i)) for i, s in enumerate(deck.slides))]
    found = [f for model, path in models for f in markdown_check.markdown_fields(model, path)]
    assert found == [f for model, path in models for f in _fields_before(model, path)]
    assert len(found) > 20
