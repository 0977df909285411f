"""The example content sets in `examples/`: each builds, every variant, with no diagnostic and no
finding, and none of them borrows the Q Lab deck's words.

An example proves that summarydeck serves any topic and any organisation, so a Q Lab word on
one of its slides (a default label left in, a phrase copied from `content/`) is a failure here,
whether it is on a slide, in the speaker notes, in a chart or in alt text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from summarydeck import api

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


# Room for the lead's label scan (every label an example overrides is used, no tool default
# leaks through) and the two-language test (an example built in Welsh).
