"""Golden files: canonical XML of small decks, compared line by line.

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py`
and read the diff before committing it. A run with UPDATE_GOLDEN=1 writes the files and then
fails, every time: comparing a file with what was just written to it proves nothing, so a run
(a CI job, say) with the variable set must never pass.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from summarydeck import api

GOLDEN = Path(__file__).parent / "golden"
CONTENT = Path(__file__).parent / "content" / "golden"
PARTS = {
    "quote-slide.xml": "ppt/slides/slide1.xml",
    "chart-slide.xml": "ppt/slides/slide2.xml",
    "column-chart.xml": "ppt/charts/chart1.xml",
    "theme.xml": "ppt/theme/theme1.xml",
}


def canonical(xml: bytes) -> str:
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(xml, parser), pretty_print=True).decode()


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("golden") / "golden.pptx"
    api.build(CONTENT, out)
    return zipfile.ZipFile(out)


@pytest.mark.parametrize("golden_name", sorted(PARTS))
def test_part_matches_golden(deck: zipfile.ZipFile, golden_name: str) -> None:
    actual = canonical(deck.read(PARTS[golden_name]))
    golden = GOLDEN / golden_name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
        pytest.fail(
            f"UPDATE_GOLDEN=1: {golden.name} was rewritten from this build, not compared; "
            "review the change (git diff tests/golden), then run again without UPDATE_GOLDEN",
            pytrace=False,
        )
    assert golden.is_file(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert actual == golden.read_text(encoding="utf-8")
