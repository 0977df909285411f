"""Text is measured once: a second build of the same content, or of content one word apart,
measures almost nothing again, and what it measures is what measuring afresh gives, to the
last bit.

Lines are counted from each paragraph's word widths measured once at a reference size; a
paragraph's lines are remembered by its spans (text, face, size) and the width; a table's fit
by its cells, room, sizes, style and the faces of its font.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fonts.wide_font import FAMILY, make_font
from summarydeck.api import loading
from summarydeck.model.brand_fonts import FontFile
from summarydeck.plan import continuation, fit, fonts, measure, table_fit
from summarydeck.plan.fit import RoleSize
from summarydeck.plan.layout_design import LIST_ROLES
from summarydeck.plan.measure import (
    LINE_WIDTH_SHARE,
    Span,
    count_lines,
    segments,
    stack_height,
    text_width,
    wrap_lines,
)
from summarydeck.plan.table_fit import CellStyle, fit_table, row_height
from summarydeck.plan.types import TableCell
from summarydeck.values import EMU_PER_PT, Paragraph, Run, inches

QLAB = Path(__file__).parent.parent / "content"
CELLS = CellStyle(pad_x=inches(0.12), pad_y=inches(0.07), header=True, bold_first_column=True)


def _counted_before(spans: Iterable[Span], width: float) -> int:
    """Lines counted as `count_lines` counted them before anything was remembered: every
    piece measured with `text_width` as it comes (the oracle for the cached counting)."""
    available = max(1.0, width * LINE_WIDTH_SHARE)
    lines, current, pending_space = 1, 0.0, 0.0
    for span in spans:
        if span.text == "\v":
            lines, current, pending_space = lines + 1, 0.0, 0.0
            continue
        for piece in (span.text,) if span.atomic else segments(span.text):
            word = piece.rstrip(" ")
            space = (
                text_width(piece[len(word) :], span.family, span.bold, span.size, span.italic)
                if len(word) < len(piece)
                else 0.0
            )
            if not word:
                pending_space += space
                continue
            w = text_width(word, span.family, span.bold, span.size, span.italic)
            if current > 0 and current + pending_space + w > available + 0.01:
                lines += 1
                current, pending_space = 0.0, 0.0
            else:
                current += pending_space
            while current + w > available + 0.01 and w > 0:
                taken = available - current
                lines += 1
                w -= taken
                current = 0.0
            current += w
            pending_space = space
    return lines


_WORDS = st.sampled_from(
    [
        *("care", "self-management", "12-14", "a", "Wellbeing", "—", "–so", "https://q.org/x/y"),
        *("  ", " ", "\u00a0", "😀", "日本語", "supercalifragilisticexpialidocious" * 3, ""),
    ]
)
_TEXTS = st.lists(_WORDS, max_size=14).map(" ".join) | st.just("\v") | st.just("")
_SPANS = st.lists(
    st.builds(
        Span,
        _TEXTS,
        st.sampled_from(["Calibri", "Arial", "Cambria"]),
        st.sampled_from([14.0, 18.0, 24.0, 32.0]),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
    max_size=5,
)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(_SPANS, st.floats(min_value=5.0, max_value=900.0))
def test_lines_are_counted_as_before(spans: list[Span], width: float) -> None:
    expected = _counted_before(spans, width)
    assert count_lines(spans, width) == expected
    assert count_lines(spans, width) == expected  # remembered
    assert count_lines(spans, width + 40) == _counted_before(spans, width + 40)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(
    st.lists(st.tuples(_TEXTS, st.booleans(), st.booleans(), st.booleans()), max_size=4),
    st.integers(0, 2),
    st.sampled_from(["none", "bullet", "number"]),
    st.floats(min_value=40.0, max_value=700.0),
    st.booleans(),
)
def test_paragraphs_wrap_as_before(
    runs: list[tuple[str, bool, bool, bool]], level: int, bullet: Any, width: float, bold: bool
) -> None:
    para = Paragraph(
        tuple(Run(t, b, i, "https://example.org" if link else None) for t, b, i, link in runs),
        level,
        bullet,
    )
    spans = [
        Span(r.text, "Calibri", 20.0, bold or r.bold, r.italic, bool(r.link)) for r in para.runs
    ]
    expected = _counted_before(spans, width - measure._indent(para))
    assert wrap_lines(para, "Calibri", bold, 20.0, width) == expected
    pairs, indent = measure.laid_out(para, "Calibri", bold, 20.0)
    assert measure.lines_in(pairs, width - indent) == expected


def _table(seed: int, rows: int = 9) -> list[tuple[TableCell, ...]]:
    words = ["people", "pain", "self-management", "care", "services", "mental", "health", "2-3"]

    def text(n: int) -> str:
        digest = hashlib.sha256(f"{seed}-{n}".encode()).digest()
        return " ".join(words[b % len(words)] for b in digest[: 2 + digest[0] % 14])

    return [
        tuple(
            TableCell(
                (Paragraph((Run(text(r * 7 + c)),)),), mark="to confirm" if c == r % 4 else ""
            )
            for c in range(3)
        )
        for r in range(rows)
    ]


_BRAND: Any = SimpleNamespace(fonts=SimpleNamespace(body="Calibri", heading="Calibri"))


@pytest.mark.parametrize("seed", range(6))
def test_table_cells_measure_as_before(seed: int) -> None:
    rows = _table(seed)
    for size in (16.0, 20.0):
        cells = table_fit._Cells(rows, size, _BRAND, CELLS)
        for first in (inches(1.1), inches(2.3), inches(4.0)):
            widths = table_fit._split(inches(11), first, 3)
            for r in range(len(rows)):
                height = cells.row_height(r, widths)
                assert height == row_height(rows, r, widths, size, _BRAND, CELLS)
                assert height == _row_height_before(rows[r], r, widths, size)


def _row_height_before(row: tuple[TableCell, ...], index: int, widths: Any, size: float) -> int:
    """A row's height as the build measured it before (through `_counted_before`)."""
    tallest = 0.0
    for column, cell in enumerate(row):
        bold = table_fit.is_bold(index, column, CELLS)
        inner = (widths[column] - 2 * CELLS.pad_x) / EMU_PER_PT
        lines = [
            _counted_before(
                [
                    Span(r.text, "Calibri", size, bold or r.bold, r.italic, bool(r.link))
                    for r in p.runs
                ],
                inner - measure._indent(p),
            )
            for p in cell.shown
        ]
        n = len(lines)
        height = stack_height(lines, [1.2 * size * 1.0] * n, [0.0] * n, [4.0] * n)
        tallest = max(tallest, height)
    return round(tallest * EMU_PER_PT) + 2 * CELLS.pad_y


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Any]]]:
    """What is measured afresh: texts whose words are measured, lines counted past the cache,
    tables fitted."""
    calls: dict[str, list[Any]] = {"words": [], "lines": [], "tables": []}
    words, lines, tables = measure._piece_widths, measure._count_lines, table_fit._fit_table

    def counted_words(text: str, *args: Any) -> Any:
        calls["words"].append(text)
        return words(text, *args)

    def counted_lines(spans: Any, width: float) -> int:
        calls["lines"].append(spans)
        return lines(spans, width)

    def counted_tables(rows: Any, *args: Any) -> Any:
        calls["tables"].append(rows)
        return tables(rows, *args)

    monkeypatch.setattr(measure, "_piece_widths", counted_words)
    monkeypatch.setattr(measure, "_count_lines", counted_lines)
    monkeypatch.setattr(table_fit, "_fit_table", counted_tables)
    yield calls


def _plan(content: Path) -> list[Any]:
    deck, diags = loading.load(content)
    return loading.plan_selection(deck, diags)[1]


def test_a_second_plan_of_the_same_content_measures_nothing(
    measured: dict[str, list[Any]],
) -> None:
    first = _plan(QLAB)
    for calls in measured.values():
        calls.clear()
    assert _plan(QLAB) == first
    assert measured == {"words": [], "lines": [], "tables": []}


def test_one_word_changed_measures_only_its_paragraph(
    measured: dict[str, list[Any]], tmp_path: Path
) -> None:
    content = Path(shutil.copytree(QLAB, tmp_path / "content"))
    _plan(content)
    essays = content / "essays.yaml"
    essays.write_text(essays.read_text("utf-8").replace("**together**", "**jointly**"), "utf-8")
    for calls in measured.values():
        calls.clear()
    _plan(content)
    assert measured["tables"] == []
    assert measured["words"] and all("jointly" in text for text in measured["words"])
    assert len(measured["lines"]) < 40  # of thousands counted in the first plan


@pytest.fixture
def deckwide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, FontFile]]]:
    folder = tmp_path_factory.mktemp("deckwide")
    faces = {}
    for style in ("regular", "bold"):
        path = make_font(style, folder / f"{style}.ttf")
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        faces[style] = FontFile("Calibri", style, path.name, path, digest, data)
    yield {"Calibri": faces}
    fonts.use_brand_fonts({})


def test_a_table_in_another_font_is_fitted_again(
    deckwide: dict[str, dict[str, FontFile]], measured: dict[str, list[Any]]
) -> None:
    """The brand's own files for the body font (here a Calibri a quarter wider) change what a
    table needs: the fit in the bundled Calibri is not reused for them, nor the other way."""
    rows = _table(7, rows=14)
    sizes = (24.0, 22.0, 20.0, 18.0)
    args = (rows, inches(11), inches(5), sizes, _BRAND, CELLS)
    bundled = fit_table(*args)
    fonts.use_brand_fonts(deckwide)
    wide = fit_table(*args)
    assert wide != bundled
    fonts.use_brand_fonts({})
    assert fit_table(*args) == bundled
    assert len(measured["tables"]) <= 2  # the bundled fit may have been remembered already
    assert FAMILY  # the font is the tests' own stretched Carlito


def test_caches_are_bounded() -> None:
    for cached, most in (
        (measure._count_lines_cached, 32_768),
        (measure._piece_widths_cached, 8_192),
        (measure._reference_width, 65_536),
        (measure.segments, 16_384),
    ):
        assert cached.cache_info().maxsize == most
    assert table_fit._FITTED.most_entries <= 1_024
    assert measure._MOST_CACHED_CHARACTERS <= 2_000 and measure._MOST_CACHED_SPANS <= 32


def _role_sizes_before(plans: list[Any], exempt: frozenset[str]) -> dict[Any, Any]:
    """`role_sizes` as it was: a frozen RoleSize replaced for every frame (the oracle)."""
    found: dict[Any, RoleSize] = {}
    for plan in plans:
        for element in fit._texts(plan):
            key = fit._role(element, exempt)
            if key is None:
                continue
            size = element.style.size
            known = found.get(key)
            if known is None:
                found[key] = RoleSize(key[0], size, size, plan.id, element, plan.entry)
                continue
            frames = known.frames + 1
            if size < known.size:
                found[key] = RoleSize(
                    key[0], size, known.largest, plan.id, element, plan.entry, frames
                )
            else:
                found[key] = dataclasses.replace(
                    known, largest=max(size, known.largest), frames=frames
                )
    return found


@pytest.mark.parametrize("content", [QLAB, Path(__file__).parent / "content" / "full"])
def test_role_sizes_are_found_as_before(content: Path) -> None:
    plans = _plan(content)
    # titles shrunk by fitting to sizes that rise and fall across the deck, as before
    # one_size_per_role evens them out
    shrunk = [
        dataclasses.replace(
            plan,
            title=dataclasses.replace(
                plan.title,
                style=dataclasses.replace(plan.title.style, size=(28, 32, 24, 30, 24)[n % 5]),
                designed_size=40,
            ),
        )
        for n, plan in enumerate(plans)
    ]
    for some in (plans, shrunk):
        for exempt in (LIST_ROLES, frozenset()):
            found = fit.role_sizes(some, exempt)
            assert found == _role_sizes_before(some, exempt)
            assert list(found) == list(_role_sizes_before(some, exempt))
    assert any(role.stepped_down for role in fit.role_sizes(shrunk, LIST_ROLES).values())


def _join_before(units: list[Paragraph]) -> tuple[Paragraph, ...]:
    """continuation's `_join` as it was: runs added piece by piece (the oracle)."""
    joined: list[Paragraph] = []
    for unit in units:
        if joined and unit.continues:
            joined[-1] = dataclasses.replace(joined[-1], runs=joined[-1].runs + unit.runs)
        else:
            joined.append(unit)
    return tuple(joined)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(
    st.lists(
        st.builds(
            Paragraph,
            st.lists(st.builds(Run, _WORDS, st.booleans()), max_size=3).map(tuple),
            st.integers(0, 2),
            st.sampled_from(["none", "bullet", "number"]),
            st.integers(1, 3),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_cut_paragraphs_join_up_as_before(units: list[Paragraph]) -> None:
    assert continuation._join(units) == _join_before(units)
