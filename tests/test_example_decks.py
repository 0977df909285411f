"""The example content sets in `examples/`: each builds, every variant, with no diagnostic and no
finding, and none of them borrows the Q Lab deck's words.

An example proves that summarydeck serves any topic and any organisation, so a Q Lab word on
one of its slides (a default label left in, a phrase copied from `content/`) is a failure here,
whether it is on a slide, in the speaker notes, in a chart or in alt text.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from summarydeck import api
from summarydeck.model.labels import ENGLISH, WELSH

EXAMPLES = Path(__file__).parent.parent / "examples"
EXAMPLE_FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/deck.yaml"))

# The Q Lab deck's names, topic and tool defaults: none belongs on an example's slides or notes
QLAB_PHRASES = [
    "Q Lab",
    "qlabessays",
    "health.org.uk",
    "opportunity",
    "opportunities",
    "essay",
    "essays",
    "back pain",
    "neck pain",
    "persistent pain",
    "mental health",
    "MSK",
    "Samaritans",
    "In their words",
    "What this deck covers",
    "Read the essay",
    "Working title",
    "To be confirmed",
]
# "Mind" the charity, not the word "mind" (or "remind") in ordinary text
QLAB_CASED_WORDS = ["Mind"]

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
# the parts a reader sees or hears: slides, speaker notes and charts
SHOWN_PARTS = re.compile(r"ppt/(slides|notesSlides|charts)/[^/]+\.xml")


def _variants(folder: Path) -> list[str | None]:
    deck, diags = api.load(folder)
    assert not diags.items, [d.message for d in diags.items]
    return list(deck.variants) or [None]


VARIANTS = [
    pytest.param(folder, variant, id=f"{folder.name}-{variant or 'deck'}")
    for folder in EXAMPLE_FOLDERS
    for variant in _variants(folder)
]


def shown_text(deck: Path) -> dict[str, str]:
    """Each shown part's words: text runs, chart values and labels, and alt text."""
    texts = {}
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if not SHOWN_PARTS.fullmatch(name):
                continue
            root = etree.fromstring(package.read(name))
            words = [el.text or "" for el in root.iter(f"{A}t", f"{C}v")]
            words += [el.get("descr", "") for el in root.iter() if el.get("descr")]
            texts[name] = "\n".join(words)
    return texts


def qlab_words_in(text: str) -> list[str]:
    found = [
        phrase
        for phrase in QLAB_PHRASES
        if re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE)
    ]
    found += [word for word in QLAB_CASED_WORDS if re.search(rf"\b{word}\b", text)]
    return found


def test_there_is_an_example_besides_the_qlab_content() -> None:
    assert EXAMPLE_FOLDERS, "examples/ has no content folder with a deck.yaml"


@pytest.mark.parametrize(("folder", "variant"), VARIANTS)
def test_example_builds_with_no_diagnostic_and_no_qlab_word(
    folder: Path, variant: str | None, tmp_path: Path
) -> None:
    out = tmp_path / f"{folder.name}-{variant or 'deck'}.pptx"
    result = api.build(folder, out, tmp_path / "cache", selection=api.Selection(variant))
    assert [f"{d.code} {d.message}" for d in result.diagnostics] == []
    assert result.check is not None
    assert [f"{f.code} {f.message}" for f in result.check.findings] == []

    texts = shown_text(out)
    assert any(name.startswith("ppt/notesSlides/") for name in texts), "no speaker notes"
    borrowed = {name: words for name, text in texts.items() if (words := qlab_words_in(text))}
    assert borrowed == {}


def test_the_qlab_word_scan_finds_what_it_looks_for() -> None:
    # the scan itself: a default label, a name and a phrase are caught; ordinary words are not
    assert qlab_words_in("Opportunity 2 of 5") == ["opportunity"]
    assert qlab_words_in("Mind Infoline") == ["Mind"]
    assert qlab_words_in("to be confirmed") == ["To be confirmed"]
    assert qlab_words_in("Bear this in mind; remind the room") == []


# --- the labels an example overrides, and the same example in another language ---------------


def _overridden(folder: Path) -> dict[str, str]:
    deck, _ = api.load(folder)
    return dict(deck.labels.overrides)


def default_fragments(key: str) -> list[str]:
    """The words of a label's English default between its placeholders: "Part {number}" ->
    ["Part"]; what is left of the default wherever it was used."""
    pieces = re.split(r"\{[a-z_]+\}", ENGLISH[key])
    return [p.strip(" :.,()") for p in pieces if len(p.strip(" :.,()")) >= 3]


@pytest.mark.parametrize("folder", EXAMPLE_FOLDERS, ids=lambda f: f.name)
def test_no_default_an_example_overrode_is_left_on_a_slide_or_in_the_notes(
    folder: Path, tmp_path: Path
) -> None:
    overridden = _overridden(folder)
    assert overridden, "an example shows labels in use"
    unwanted = {
        fragment: key
        for key in overridden
        for fragment in default_fragments(key)
        if fragment not in overridden[key]  # "Sources" kept in an override is no leak
    }
    said = ""
    for variant in _variants(folder):
        out = tmp_path / f"{variant}.pptx"
        api.build(folder, out, tmp_path / "cache", selection=api.Selection(variant))
        for name, text in shown_text(out).items():
            left = [f"{fragment} ({key})" for fragment, key in unwanted.items() if fragment in text]
            assert left == [], f"{variant}: {name}"
            said += text
    # and each override is used somewhere: one the deck never shows proves nothing
    for key, words in overridden.items():
        shown = [f for f in re.split(r"\{[a-z_]+\}", words) if f.strip()]
        assert all(f in said for f in shown), f"the override of `{key}` is never shown"


def test_an_example_builds_in_a_second_language(tmp_path: Path) -> None:
    """The digital-exclusion example in Welsh: every label it does not override switches, its
    text runs are tagged `cy`, and the build stays clean."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLES / "digital-exclusion", content)
    deck_file = content / "deck.yaml"
    text = deck_file.read_text("utf-8")
    assert text.count("  language: en-GB\n") == 1
    deck_file.write_text(text.replace("  language: en-GB\n", "  language: cy\n"), "utf-8")
    overridden = _overridden(content)
    out = tmp_path / "cy.pptx"
    result = api.build(content, out, tmp_path / "cache", selection=api.Selection("workshop"))
    assert [d.code for d in result.diagnostics] == []
    said = "\n".join(shown_text(out).values())
    for key in ("sources_title", "source_one", "source_many", "break_title"):
        assert key not in overridden
        assert WELSH[key] in said, key
    for english in ("Sources:", "Source:", "Break", "Discuss:", " min\n"):
        assert english not in said, english
    with zipfile.ZipFile(out) as package:
        runs = etree.fromstring(package.read("ppt/slides/slide2.xml"))
    assert {r.get("lang") for r in runs.iter(f"{A}rPr")} == {"cy"}
