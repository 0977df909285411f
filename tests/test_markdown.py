"""Markdown in text fields becomes runs; unsupported syntax warns; bad links are errors."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.markdown.inline import to_notes, to_paragraphs, to_plain
from summarydeck.render.text import _bullet
from summarydeck.values import Run

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


def _warnings(text: str) -> tuple[list[str], list[str]]:
    """(paragraph texts, W301 messages) of one conversion with diagnostics."""
    diags = Diagnostics()
    paras = to_paragraphs(text, LOC, diags)
    assert all(d.code == "W301" and d.location == LOC for d in diags.items), diags.items
    return [p.text for p in paras], [d.message for d in diags.items]


def test_html_comments_warn_that_they_are_left_out() -> None:
    texts, messages = _warnings("<!-- todo: numbers -->\n\nDone <!-- check --> soon.")
    assert texts == ["Done soon."]
    assert messages == ["HTML comments: not supported in slide text, left out"]


def test_rules_and_images_say_what_the_slide_shows_instead() -> None:
    texts, messages = _warnings("Before\n\n---\n\n![Sales chart](c.png) ![](logo.png)\n\n***")
    assert texts == ["Before", "Sales chart"]
    assert messages == [
        "Markdown horizontal rules: not supported in slide text, left out",
        "Markdown images: not supported in slide text, only the alt text is shown",
        "Markdown images: not supported in slide text, left out",
    ]


def test_a_list_right_after_a_line_of_text_is_a_list() -> None:
    paras = to_paragraphs("Intro:\n- a\n- b")
    assert [(p.text, p.level, p.bullet) for p in paras] == [
        ("Intro:", 0, "none"),
        ("a", 0, "bullet"),
        ("b", 0, "bullet"),
    ]


@pytest.mark.parametrize(
    ("text", "bullet"),
    [
        ("Steps:\n1. one\n2. two", "number"),
        ("Marks:\n* one\n* two", "bullet"),
        ("Plus:\n+ one\n+ two", "bullet"),
        ("Hard break  \n- one\n- two", "bullet"),
    ],
)
def test_every_list_marker_starts_a_list_after_a_line_of_text(text: str, bullet: str) -> None:
    paras = to_paragraphs(text)
    assert [(p.text, p.bullet) for p in paras][1:] == [("one", bullet), ("two", bullet)]
    assert paras[0].bullet == "none"


def test_a_number_that_only_wraps_onto_a_new_line_stays_text() -> None:
    # only a list numbered from 1 may interrupt a paragraph (CommonMark's rule)
    assert [p.text for p in to_paragraphs("Sales grew in\n2020. Costs fell.")] == [
        "Sales grew in 2020. Costs fell."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b", [("a", 0, "bullet"), ("b", 0, "bullet")]),
        ("Intro:\n\n- a", [("Intro:", 0, "none"), ("a", 0, "bullet")]),
        ("- a\n  - b\n- c", [("a", 0, "bullet"), ("b", 1, "bullet"), ("c", 0, "bullet")]),
        ("- a\n  text\n  - b", [("a text", 0, "bullet"), ("b", 1, "bullet")]),
        ("- a\nmore\n- b", [("a more", 0, "bullet"), ("b", 0, "bullet")]),
        ("- a  \n  b\n- c", [("a\vb", 0, "bullet"), ("c", 0, "bullet")]),
        ("1. a\n\n   b\n2. c", [("a", 0, "number"), ("b", 1, "none"), ("c", 0, "number")]),
        (
            "- a\n  - b\n\n  more a\n- c",
            [("a", 0, "bullet"), ("b", 1, "bullet"), ("more a", 1, "none"), ("c", 0, "bullet")],
        ),
        ("line one  \nline two", [("line one\vline two", 0, "none")]),
        ("a\n* * *\nb", [("a", 0, "none"), ("b", 0, "none")]),
    ],
)
def test_lists_and_line_breaks_that_were_right_stay_right(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    # a paragraph after an item's own text belongs to the item: unmarked, indented to its text
    assert [(p.text, p.level, p.bullet) for p in to_paragraphs(text)] == expected


def test_strikethrough_warns_and_keeps_the_text_without_tildes() -> None:
    texts, messages = _warnings("~~old~~ new, `~~code~~`")
    assert texts == ["old new, ~~code~~"]
    assert messages == [
        "Markdown strikethrough: not supported in slide text, shown as plain text",
        "Markdown inline code: not supported in slide text, shown as plain text",
    ]


def test_pipe_tables_warn_and_show_a_line_per_row() -> None:
    for text in ("| a | b |\n|---|--:|\n| 1 | **2** |", "Table:\n| a | b |\n|---|---|\n| 1 | 2 |"):
        texts, messages = _warnings(text)
        assert texts[-2:] == ["a | b", "1 | 2"], text
        assert messages == [
            "Markdown tables: not supported in slide text, shown as plain text, one line per row"
        ]


def test_numbered_lists_keep_their_first_number() -> None:
    paras = to_paragraphs("3. a\n4. b\n   1. c")
    assert [(p.text, p.level, p.bullet, p.start) for p in paras] == [
        ("a", 0, "number", 3),
        ("b", 0, "number", 3),
        ("c", 1, "number", 1),
    ]


def test_the_first_number_is_written_as_start_at_on_every_item() -> None:
    prs = Presentation()
    shapes = prs.slides.add_slide(prs.slide_layouts[6]).shapes
    frame = shapes.add_textbox(0, 0, 100, 100).text_frame
    starts = []
    for para in (*to_paragraphs("3. a\n4. b"), *to_paragraphs("1. c")):
        p = frame.add_paragraph()._p  # the renderer writes paragraphs as lxml elements
        _bullet(p, para)
        starts.append(p.pPr.find(qn("a:buAutoNum")).get("startAt"))
    assert starts == ["3", "3", None]


def test_without_diagnostics_nothing_raises_and_the_same_text_is_kept() -> None:
    texts = [
        "# H\n\n> quote\n\n~~s~~ `c` ![alt](i.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "Ask <client name> about <TBD> and <span>this</span>",
        "[bad](http://[oops) and [worse](javascript:x)",
        "<?pi x?> <![CDATA[y]]> <ol start='many'><li>z</li></ol>",
        "- " * 2000 + "deep",  # Python-Markdown recurses per level
    ]
    for text in texts:
        assert to_paragraphs(text) == to_paragraphs(text, LOC, Diagnostics()), text
    assert to_plain(texts[1]) == "Ask <client name> about <TBD> and <span>this</span>"
    assert to_plain(texts[2]) == "bad and worse"
    assert to_plain(texts[4]).endswith("deep")


def test_markdown_that_cannot_be_parsed_is_shown_as_written() -> None:
    for text, shown in (("<li><![\t> z", "<li><![ > z"), ("- " * 2000 + "deep", None)):
        texts, messages = _warnings(text)
        assert texts == [shown or " ".join(text.split())]
        assert messages == [
            "Markdown that cannot be read: not supported in slide text, shown as written"
        ]
    # the shared converter is usable again after a parse that failed half-way
    assert [p.level for p in to_paragraphs("- a\n  - b")] == [0, 1]


def test_raw_html_is_shown_as_written_with_a_warning() -> None:
    texts, messages = _warnings("Ask <client name> first")
    assert texts == ["Ask <client name> first"]
    assert messages == ["HTML tag <client>: not supported in slide text, shown as written"]


def test_a_malformed_link_address_is_an_error_not_a_crash() -> None:
    diags = Diagnostics()
    [para] = to_paragraphs("[x](http://[oops)", LOC, diags)
    assert para.runs == (Run("x"),)
    [error] = diags.errors
    assert error.code == "E301" and "not a valid address" in error.message


def test_notes_keep_paragraphs_lists_breaks_and_link_addresses() -> None:
    text = (
        "First **point** with [the report](https://x.org/r).\n\n"
        "Second  \nline, see <https://x.org> or [a@b.org](mailto:a@b.org).\n"
        "- one\n  - nested\n\n  more of one\n- two\n\n"
        "3. three\n4. four"
    )
    assert to_notes(text) == (
        "First point with the report (https://x.org/r).\n"
        "Second\nline, see https://x.org or a@b.org.\n"
        "- one\n"
        "  - nested\n"
        "  more of one\n"
        "- two\n"
        "3. three\n"
        "4. four"
    )


def test_notes_align_broken_lines_with_the_item_text() -> None:
    assert to_notes("1. a  \n   b\n   - c") == "1. a\n   b\n  - c"
