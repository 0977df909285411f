"""Markdown in text fields becomes runs; unsupported syntax warns; bad links are errors."""

from __future__ import annotations

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.markdown.inline import to_paragraphs, to_plain
from summarydeck.plan.types import Run

LOC = Location("content/x.yaml", 4, 9)


def test_bold_italic_and_links_become_runs() -> None:
    [para] = to_paragraphs("Plain **bold** *it* [site](https://example.org).")
    assert para.runs == (
        Run("Plain "),
        Run("bold", bold=True),
        Run(" "),
        Run("it", italic=True),
        Run(" "),
        Run("site", link="https://example.org"),
        Run("."),
    )


def test_nested_lists_keep_their_levels_with_two_space_indents() -> None:
    paras = to_paragraphs("- a\n  - b\n    - c\n- d")
    assert [(p.text, p.level, p.bullet) for p in paras] == [
        ("a", 0, "bullet"),
        ("b", 1, "bullet"),
        ("c", 2, "bullet"),
        ("d", 0, "bullet"),
    ]


def test_numbered_lists_are_numbered() -> None:
    assert {p.bullet for p in to_paragraphs("1. one\n2. two")} == {"number"}


def test_hard_line_break_becomes_a_vertical_tab_run() -> None:
    [para] = to_paragraphs("line one  \nline two")
    assert [r.text for r in para.runs] == ["line one", "\v", "line two"]


def test_soft_breaks_join_and_blank_lines_split_paragraphs() -> None:
    paras = to_paragraphs("one\ntwo\n\nthree")
    assert [p.text for p in paras] == ["one two", "three"]


def test_mailto_links_are_allowed() -> None:
    diags = Diagnostics()
    [para] = to_paragraphs("[mail](mailto:a@b.org)", LOC, diags)
    assert para.runs[0].link == "mailto:a@b.org"
    assert not diags.items


def test_other_link_schemes_are_located_errors() -> None:
    for href in ("javascript:alert(1)", "ftp://x.org/f", "page.html", "file:///etc/passwd"):
        diags = Diagnostics()
        [para] = to_paragraphs(f"[x]({href})", LOC, diags)
        [error] = diags.errors
        assert error.code == "E301" and error.location == LOC, href
        assert para.runs[0].link is None


def test_unsupported_syntax_warns_once_and_keeps_the_text() -> None:
    diags = Diagnostics()
    paras = to_paragraphs("# Heading\n\n## Another\n\nText with `code`.", LOC, diags)
    assert [p.text for p in paras] == ["Heading", "Another", "Text with code."]
    codes = [(d.code, d.severity) for d in diags.items]
    assert codes == [("W301", "warning"), ("W301", "warning")]  # headings once, code once
    assert diags.items[0].location == LOC


def test_plain_text_drops_formatting() -> None:
    assert to_plain("**A** and [b](https://x.org)\n\n- c") == "A and b c"
