"""Words are content: the labels table, its languages, overrides, and the errors it gives.

Built on copies of the full test content (three opportunities, sections, an essay, sources)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import edit_content, variant_content
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError
from summarydeck.model.labels import (
    ENGLISH,
    PLACEHOLDERS,
    TABLES,
    WELSH,
    Labels,
    placeholders_in,
)
from summarydeck.plan.types import SlidePlan, TextElement

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def slide_texts(plans: list[SlidePlan]) -> str:
    """Every word the slides and their notes say, as one text."""
    parts = []
    for plan in plans:
        parts += [p.text for p in plan.title.paragraphs]
        parts += [p.text for e in plan.elements if isinstance(e, TextElement) for p in e.paragraphs]
        parts.append(plan.notes)
    return "\n".join(parts).replace("\u00a0", " ")


def with_labels(content: Path, labels: str, language: str | None = None) -> Path:
    deck = content / "deck.yaml"
    deck.write_text(deck.read_text("utf-8") + "\nlabels:\n" + labels, encoding="utf-8")
    if language is not None:
        edit_content(deck, "  language: en-GB\n", f"  language: {language}\n")
    return content


def errors_of(content: Path) -> list:  # type: ignore[type-arg]
    with pytest.raises(ContentError) as caught:
        api.plan(content)
    return list(caught.value.diagnostics)


def line_of(file: Path, number: int) -> str:
    return file.read_text("utf-8").splitlines()[number - 1]


# --- the tables ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_language_gives_every_label_with_only_its_placeholders(language: str) -> None:
    table = TABLES[language]
    assert set(table) == set(PLACEHOLDERS)
    for key, text in table.items():
        assert set(placeholders_in(text)) <= PLACEHOLDERS[key], key
        Labels(language).text(key)  # every default fills without error


def test_a_label_follows_the_items_noun_and_the_language() -> None:
    labels = Labels("en-GB", {"item": "Challenge area"})
    assert labels.text("item_number", number=2, count=4) == "Challenge area 2 of 4"
    assert Labels("cy").text("item_number", number=2, count=4) == "Cyfle 2 o 4"
    assert Labels("cy-GB").raw("sources_title") == WELSH["sources_title"]
    assert Labels("fr").raw("sources_title") == ENGLISH["sources_title"]  # no table: English
    assert Labels("en").duration(140) == "2 hours 20 minutes"
    assert Labels("en").duration(1) == "1 minute"


# --- overrides on the slides and in the notes ---------------------------------------------------

OVERRIDES = """\
  item: Challenge area
  items: Challenge areas
  section_number: "Phase {number}"
  to_be_confirmed: Still to check
  draft: Work in progress
  quote_title: What people told us
  read_more: Open the report
"""
# the defaults the overrides replace: none of them may be left anywhere in the deck
REPLACED = ["Opportunity", "Opportunities", "Part 1", "Part 2", "To be confirmed", "Draft ·"]


def test_overridden_labels_replace_every_default_on_slides_and_in_notes(
    content_copy: Path,
) -> None:
    with_labels(content_copy, OVERRIDES)
    _, plans, diags = api.plan(content_copy)
    assert not diags.errors
    said = slide_texts(plans)
    for default in REPLACED:
        assert default not in said, default
    assert "Challenge area 1 of 3" in said
    assert "Phase 1" in said and "Phase 2" in said
    assert "Challenge areas, 3 in all:" in said  # the overview's notes
    assert "Open the report" in said
    result = api.build(content_copy, out=content_copy.parent / "deck.pptx")
    with zipfile.ZipFile(result.path) as package:
        footers = [
            name
            for name in package.namelist()
            if name.startswith("ppt/slides/slide")
            and b"Work in progress \xc2\xb7" in package.read(name)
        ]
    assert footers, "the draft footer says the overridden word"


def test_a_welsh_deck_says_every_label_in_welsh_and_tags_its_text(content_copy: Path) -> None:
    edit_content(content_copy / "deck.yaml", "  language: en-GB\n", "  language: cy\n")
    _, plans, _ = api.plan(content_copy)
    said = slide_texts(plans)
    assert "Cyfle 1 o 3" in said and "Rhan 1" in said and "Ffynonellau" in said
    for english in ("Opportunity 1 of 3", "Part 1", "To be confirmed", "Read the essay"):
        assert english not in said
    result = api.build(content_copy, out=content_copy.parent / "cy.pptx")
    with zipfile.ZipFile(result.path) as package:
        slide = etree.fromstring(package.read("ppt/slides/slide2.xml"))
    langs = {r.get("lang") for r in slide.iter(f"{A}rPr", f"{A}endParaRPr")}
    assert langs == {"cy"}


def test_workshop_words_follow_the_language(tmp_path: Path) -> None:
    content = variant_content(tmp_path / "content")
    edit_content(content / "deck.yaml", "  language: en-GB\n", "  language: cy\n")
    _, plans, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    said = slide_texts(plans)
    assert "Trafodwch mewn grwpiau bach" in said and "15 mun" in said
    assert "Discuss in small groups" not in said and " min" not in said


# --- languages that need more than Latin --------------------------------------------------------


def _package(content: Path, language: str) -> tuple[etree._Element, etree._Element]:
    edit_content(content / "deck.yaml", "  language: en-GB\n", f"  language: {language}\n")
    with_labels(
        content,
        "".join(
            f"  {key}: {json.dumps(ENGLISH[key], ensure_ascii=False)}\n" for key in PLACEHOLDERS
        ),
    )
    result = api.build(content, out=content.parent / f"{language}.pptx")
    with zipfile.ZipFile(result.path) as package:
        theme = etree.fromstring(package.read("ppt/theme/theme1.xml"))
        slide = etree.fromstring(package.read("ppt/slides/slide2.xml"))
    return theme, slide


def test_a_right_to_left_language_sets_its_paragraphs_right_to_left(content_copy: Path) -> None:
    theme, slide = _package(content_copy, "ar")
    paragraphs = [p for p in slide.iter(f"{A}p") if p.find(f"{A}r") is not None]
    assert paragraphs
    assert all(p.find(f"{A}pPr").get("rtl") == "1" for p in paragraphs)
    assert {cs.get("typeface") for cs in theme.iter(f"{A}cs")} == {"Arial"}


def test_an_east_asian_language_names_its_theme_font(content_copy: Path) -> None:
    theme, slide = _package(content_copy, "ja-JP")
    assert {ea.get("typeface") for ea in theme.iter(f"{A}ea")} == {"Yu Gothic"}
    assert not any(p.get("rtl") for p in slide.iter(f"{A}pPr"))


# --- errors and warnings -------------------------------------------------------------------------


def test_an_unknown_label_is_an_error_at_its_line_with_did_you_mean(content_copy: Path) -> None:
    with_labels(content_copy, "  sectoin_number: Phase {number}\n")
    [error] = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert error.code == "E201" and "`sectoin_number`" in error.message
    assert error.hint is not None and "did you mean `section_number`?" in error.hint
    assert error.location is not None and error.location.file.endswith("deck.yaml")
    assert "sectoin_number" in line_of(content_copy / "deck.yaml", error.location.line)


def test_a_misspelt_placeholder_is_an_error_naming_the_ones_it_can_use(
    content_copy: Path,
) -> None:
    with_labels(content_copy, '  item_number: "{item} {nmber} of {count}"\n')
    [error] = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert error.code == "E219" and "`{nmber}`" in error.message
    assert error.hint is not None and "did you mean `{number}`?" in error.hint
    assert "`{count}`, `{item}`, `{number}`" in error.hint
    assert error.location is not None
    assert "item_number" in line_of(content_copy / "deck.yaml", error.location.line)


@pytest.mark.parametrize(
    ("labels", "wanted"),
    [
        ("  months: January, February\n", "twelve month names"),
        ("  item: [a, b]\n", "expected words, got a list"),
        ("  continued: '{title:>10}'\n", "is not a placeholder"),
    ],
)
def test_malformed_labels_are_errors_at_their_line(
    content_copy: Path, labels: str, wanted: str
) -> None:
    with_labels(content_copy, labels)
    [error] = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert wanted in error.message
    assert error.location is not None
    key = labels.split(":")[0].strip()
    assert key in line_of(content_copy / "deck.yaml", error.location.line)


def test_a_language_without_built_in_labels_warns_until_every_label_is_given(
    content_copy: Path,
) -> None:
    edit_content(content_copy / "deck.yaml", "  language: en-GB\n", "  language: fr\n")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W214"]
    assert "`fr`" in warning.message and "stay in British English" in warning.message
    assert warning.location is not None
    assert "language: fr" in line_of(content_copy / "deck.yaml", warning.location.line)
    with_labels(
        content_copy,
        "".join(
            f"  {key}: {json.dumps(ENGLISH[key], ensure_ascii=False)}\n" for key in PLACEHOLDERS
        ),
    )
    _, _, diags = api.plan(content_copy)
    assert not [d for d in diags.items if d.code == "W214"]


def test_a_count_in_words_that_the_content_outgrew_is_a_warning_at_its_line(
    content_copy: Path,
) -> None:
    deck = content_copy / "deck.yaml"
    edit_content(
        deck, "    title: What we learned\n", "    title: Three opportunities we learned\n"
    )
    _, _, diags = api.plan(content_copy)
    assert not [d for d in diags.items if d.code == "W215"]  # three opportunities: true
    opportunities = content_copy / "opportunities.yaml"
    opportunities.write_text(
        opportunities.read_text("utf-8")
        + "  fourth:\n    title: A fourth\n    summary: New.\n    source: report-a\n",
        encoding="utf-8",
    )
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W215"]
    assert "“Three opportunities” says 3, but the content has 4 opportunities" in warning.message
    assert warning.location is not None
    assert "Three opportunities" in line_of(deck, warning.location.line)


def test_the_count_warning_reads_the_contents_own_noun(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml", "    title: What we learned\n", "    title: Two areas\n"
    )
    with_labels(content_copy, "  item: Area\n  items: Areas\n")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W215"]
    assert "content has 3 areas" in warning.message


# --- discussions of any slide --------------------------------------------------------------------

PROMPTS = """\
    workshop:
      minutes: 12
      prompts:
        - What surprised you?
"""


def test_a_workshop_variant_discusses_any_slide_with_prompts(tmp_path: Path) -> None:
    content = variant_content(tmp_path / "content")
    edit_content(
        content / "deck.yaml",
        "    title: What we learned\n",
        "    title: What we learned\n" + PROMPTS,
    )
    _, plans, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    ids = [p.id for p in plans]
    at = ids.index("what-we-learned")
    assert ids[at + 1] == "what-we-learned-discussion"
    discussion = plans[at + 1]
    assert [p.text for p in discussion.title.paragraphs] == ["Discuss: What we learned"]
    assert "What surprised you?" in slide_texts([discussion])
    _, full, _ = api.plan(content, selection=api.Selection(variant="full"))
    assert "what-we-learned-discussion" not in [p.id for p in full]


def test_a_discussion_placed_about_a_missing_slide_is_an_error_with_did_you_mean(
    content_copy: Path,
) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: discussion\n    opportunity: first\n",
        "  - kind: discussion\n    about: what-we-lerned\n",
    )
    errors = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert [e.code for e in errors] == ["E206"]
    assert errors[0].hint == "did you mean `what-we-learned`?"
    assert errors[0].location is not None
    assert "about:" in line_of(content_copy / "deck.yaml", errors[0].location.line)


# --- the command ---------------------------------------------------------------------------------


def test_the_labels_command_lists_each_label_with_its_default() -> None:
    result = CliRunner().invoke(cli, ["labels", "--language", "cy"])
    assert result.exit_code == 0
    assert "section_number" in result.output and "Rhan {number}" in result.output
    assert len([line for line in result.output.splitlines() if line]) > len(PLACEHOLDERS)


# --- review findings: nothing English left, labels located, no false counts ---------------------

ENGLISH_WORDS = [
    "Key points",
    "QR code",
    "A table of",
    "Source:",
    "Sources:",
    # ("Pictogram" is Welsh too)
    "Column chart",
    "Bar chart",
    "people filled",
    "Discuss",
    "minutes",
]


def _said_in_package(deck: Path) -> str:
    """Every word a reader sees or hears: text runs, and alt text (`descr`)."""
    words = []
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                words += [t.text or "" for t in root.iter(f"{A}t")]
                words += [e.get("descr", "") for e in root.iter() if e.get("descr")]
    return "\n".join(words)


def test_a_welsh_deck_has_no_english_word_of_the_tools_in_notes_or_alt_text(
    tmp_path: Path,
) -> None:
    content = variant_content(tmp_path / "content")
    edit_content(content / "deck.yaml", "  language: en-GB\n", "  language: cy\n")
    for variant in ("full", "workshop"):
        result = api.build(
            content, out=tmp_path / f"{variant}.pptx", selection=api.Selection(variant)
        )
        said = _said_in_package(result.path)
        left = [word for word in ENGLISH_WORDS if word in said]
        assert left == [], variant
        assert WELSH["key_points"] in said or variant == "workshop"
        assert "Cod QR: yn agor" in said


def test_a_label_too_long_for_its_box_is_reported_at_the_label(tmp_path: Path) -> None:
    content = variant_content(tmp_path / "content")
    with_labels(content, '  minutes_short: "{minutes} minutes of talking in groups"\n')
    with pytest.raises(ContentError) as caught:
        api.plan(content, selection=api.Selection(variant="workshop"))
    errors = [d for d in caught.value.diagnostics if d.code == "E401"]
    assert errors
    for error in errors:
        assert "labels.minutes_short" in error.message
        assert error.location is not None
        assert "minutes_short" in line_of(content / "deck.yaml", error.location.line)
        assert error.hint is not None and "under `labels:`" in error.hint
        assert "notes:" not in error.hint


def test_month_names_with_a_trailing_comma_are_still_used(content_copy: Path) -> None:
    months = ", ".join(WELSH["months"].split(", ")) + ","
    with_labels(content_copy, f"  months: {months}\n")
    _, plans, _ = api.plan(content_copy)
    byline = slide_texts(plans[:1])
    assert any(month in byline for month in WELSH["months"].split(", "))


def test_a_blank_label_is_an_error_at_its_line(content_copy: Path) -> None:
    with_labels(content_copy, '  sources_title: "   "\n')
    [error] = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert error.code == "E203" and "labels.sources_title" in error.message
    assert error.location is not None
    assert "sources_title" in line_of(content_copy / "deck.yaml", error.location.line)


@pytest.mark.parametrize(
    "title",
    ["The 2023 opportunities in review", "Three opportunities of the three", "Opportunity 2"],
)
def test_years_and_parts_of_the_count_are_not_counts(content_copy: Path, title: str) -> None:
    edit_content(
        content_copy / "deck.yaml", "    title: What we learned\n", f"    title: {title}\n"
    )
    _, _, diags = api.plan(content_copy)
    assert not [d for d in diags.items if d.code == "W215"]


def test_a_brace_written_twice_in_the_items_noun_is_one_brace_on_the_slide(
    content_copy: Path,
) -> None:
    with_labels(content_copy, '  item: "Step {{A}}"\n')
    _, plans, _ = api.plan(content_copy)
    said = slide_texts(plans)
    assert "Step {A} 1 of 3" in said and "{{" not in said


def test_a_discussion_about_itself_or_another_discussion_is_an_error(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: discussion\n    opportunity: first\n",
        "  - kind: discussion\n    id: talk\n    about: talk\n",
    )
    [error] = [d for d in errors_of(content_copy) if d.severity == "error"]
    assert error.code == "E206" and "names a discussion slide" in error.message
    assert error.location is not None
    assert "about: talk" in line_of(content_copy / "deck.yaml", error.location.line)


def test_a_discussion_about_an_opportunity_slide_shows_the_opportunitys_prompts(
    content_copy: Path,
) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: discussion\n    opportunity: first\n",
        "  - kind: discussion\n    about: first\n",
    )
    _, plans, _ = api.plan(content_copy)
    [discussion] = [p for p in plans if p.kind == "discussion"]
    assert discussion.title.paragraphs[0].text.startswith("Discuss: ")
    opportunities = (content_copy / "opportunities.yaml").read_text("utf-8")
    prompt = opportunities.split("prompts:\n")[1].splitlines()[0].strip(" -")
    assert prompt in slide_texts([discussion])
