"""The deck follows the YAML: an edit to a statistic reaches the chart's data, its picture and
its alt text; and laid-out text frames never overlap, whatever the content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from conftest import FULL_CONTENT, QLAB_CONTENT, STRESS_CONTENT
from helpers import edit_content
from summarydeck import api

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def _alt_text(shape: Any) -> str:
    return str(shape._element.find(".//p:cNvPr", NS).get("descr", ""))


def _slide(deck: Path, slide_id: str) -> Any:
    return next(s for s in Presentation(str(deck)).slides if s.name == slide_id)


def test_changing_a_statistic_in_the_yaml_changes_the_chart_data(
    content_copy: Path, tmp_path: Path
) -> None:
    edit_content(content_copy / "statistics.yaml", "values: [1.0, 1.5]", "values: [1.0, 1.8]")
    out = tmp_path / "deck.pptx"
    api.build(content_copy, out, cache_dir=tmp_path / "cache")
    chart_shape = next(s for s in _slide(out, "comparison").shapes if s.has_chart)
    assert list(chart_shape.chart.plots[0].series[0].values) == [1.0, 1.8]
    assert "1.8x" in _alt_text(chart_shape)


def test_changing_a_pictogram_in_the_yaml_redraws_it(content_copy: Path, tmp_path: Path) -> None:
    before = tmp_path / "before.pptx"
    api.build(content_copy, before, cache_dir=tmp_path / "cache")
    edit_content(
        content_copy / "statistics.yaml",
        "      value: 1\n      total: 4\n",
        "      value: 1\n      total: 5\n",
    )
    after = tmp_path / "after.pptx"
    api.build(content_copy, after, cache_dir=tmp_path / "cache")

    def pictogram(path: Path) -> tuple[int, str]:
        """The people the pictogram draws (a head and a body each), and its alt text."""
        slide = _slide(path, "one-in-four-pictogram")
        group = next(s for s in slide.shapes if s.shape_type == 6 and s.name == "Chart")
        return len(group.shapes) // 2, _alt_text(group)

    (people_before, alt_before), (people_after, alt_after) = pictogram(before), pictogram(after)
    assert "1 of 4 people" in alt_before and "1 of 5 people" in alt_after
    assert (people_before, people_after) == (4, 5)


@pytest.mark.parametrize(
    "content", [FULL_CONTENT, STRESS_CONTENT, QLAB_CONTENT], ids=["full", "stress", "qlab"]
)
def test_no_two_text_frames_overlap(content: Path) -> None:
    """Laid-out text boxes never overlap: an overlap is an accident on these slides."""
    _, plans, _ = api.plan(content)
    overlaps = []
    for plan in plans:
        frames = [e for e in plan.elements if hasattr(e, "paragraphs")] + [plan.title]
        for i, a in enumerate(frames):
            for b in frames[i + 1 :]:
                if (
                    a.box.left < b.box.right
                    and b.box.left < a.box.right
                    and a.box.top < b.box.bottom
                    and b.box.top < a.box.bottom
                ):
                    overlaps.append(f"{plan.id}: {a.name} / {b.name}")
    assert not overlaps, overlaps
