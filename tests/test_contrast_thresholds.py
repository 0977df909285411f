"""C301's thresholds, tested on both sides: WCAG 2.1 AA asks for 4.5:1, or 3:1 for large text,
and large text is 18 pt and up, or 14 pt and up when bold.

Each case is a grey on the white background of a plain python-pptx slide, chosen a hair either
side of a threshold (the ratios are computed, not assumed), so moving a threshold or the
definition of large text by any amount that matters turns one of them the other way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from summarydeck import api
from summarydeck.model.colour import contrast_ratio

WHITE = "#FFFFFF"
# colours a hair either side of each threshold on white
UNDER_4_5, OVER_4_5 = "#777777", "#767676"  # 4.48:1 and 4.54:1
UNDER_3, OVER_3 = "#959595", "#949494"  # 2.99:1 and 3.03:1
BETWEEN = "#808080"  # 3.95:1: enough for large text only
CONTROL, CONTROL_RUN = "control", ("#DDDDDD", 40, True)  # 1.36:1: too pale at any size


def _low_contrast(tmp_path: Path, runs: dict[str, tuple[str, float, bool]]) -> dict[str, str]:
    """Build one slide with a text box per entry (name -> colour, size, bold) on white, check
    it, and return the boxes C301 reports, with its message. A control box far below every
    threshold must always be reported, so a check that silently read nothing cannot pass."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank, white background
    for n, (name, (colour, size, bold)) in enumerate({**runs, CONTROL: CONTROL_RUN}.items()):
        box = slide.shapes.add_textbox(Inches(0.5), Inches(0.3 + 0.7 * n), Inches(9), Inches(0.6))
        box.name = name
        box.text_frame.text = "Sample text"
        run = box.text_frame.paragraphs[0].runs[0]
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        run.font.size = Pt(size)
        run.font.bold = bold
    out = tmp_path / "contrast.pptx"
    prs.save(str(out))
    report = api.check(None, out)
    assert not [f for f in report.findings if f.code == "C101"], report.findings
    found = {f.shape: f.message for f in report.findings if f.code == "C301" and f.shape}
    assert CONTROL in found, report.findings
    del found[CONTROL]
    return found


def _low_contrast_shapes(tmp_path: Path, runs: dict[str, tuple[str, float, bool]]) -> set[str]:
    return set(_low_contrast(tmp_path, runs))


def _ratio(colour: str) -> float:
    return contrast_ratio(colour, WHITE)


def test_the_chosen_colours_sit_either_side_of_the_thresholds() -> None:
    assert 4.4 < _ratio(UNDER_4_5) < 4.5 < _ratio(OVER_4_5) < 4.6
    assert 2.9 < _ratio(UNDER_3) < 3.0 < _ratio(OVER_3) < 3.1
    assert 3.0 < _ratio(BETWEEN) < 4.5


def test_normal_text_needs_4_5_to_1(tmp_path: Path) -> None:
    found = _low_contrast_shapes(
        tmp_path,
        {
            "just under": (UNDER_4_5, 12, False),
            "just over": (OVER_4_5, 12, False),
            "under, 17.5 pt": (UNDER_4_5, 17.5, False),  # not yet large
            "under, 13.5 pt bold": (UNDER_4_5, 13.5, True),  # bold, but too small to be large
        },
    )
    assert found == {"just under", "under, 17.5 pt", "under, 13.5 pt bold"}


def test_large_text_needs_3_to_1(tmp_path: Path) -> None:
    found = _low_contrast_shapes(
        tmp_path,
        {
            "18 pt just under": (UNDER_3, 18, False),
            "18 pt just over": (OVER_3, 18, False),
            "14 pt bold just under": (UNDER_3, 14, True),
            "14 pt bold just over": (OVER_3, 14, True),
            "24 pt between": (BETWEEN, 24, False),
        },
    )
    assert found == {"18 pt just under", "14 pt bold just under"}


@pytest.mark.parametrize(
    ("size", "bold", "large"),
    [
        (14, False, False),  # 14 pt counts as large only when bold
        (14, True, True),
        (16, False, False),
        (18, False, True),
    ],
)
def test_what_counts_as_large_text(tmp_path: Path, size: float, bold: bool, large: bool) -> None:
    """Text between 3:1 and 4.5:1 passes only if it is large."""
    found = _low_contrast_shapes(tmp_path, {"text": (BETWEEN, size, bold)})
    assert found == (set() if large else {"text"})


def test_the_finding_states_the_ratio_and_the_threshold_it_missed(tmp_path: Path) -> None:
    messages = _low_contrast(
        tmp_path, {"small": (UNDER_4_5, 12, False), "large": ("#999999", 20, False)}
    )
    assert "4.47:1" in messages["small"] and "asks for 4.5:1" in messages["small"]  # 4.478
    assert "2.84:1" in messages["large"] and "asks for 3:1" in messages["large"]  # 2.848


def test_a_ratio_just_under_the_threshold_never_reads_as_meeting_it(tmp_path: Path) -> None:
    """2.995:1 fails 3:1, so the message says 2.99:1 (rounding it would say 3.00:1)."""
    assert 2.99 < contrast_ratio(UNDER_3, WHITE) < 3.0
    messages = _low_contrast(tmp_path, {"large": (UNDER_3, 20, False)})
    assert "has a contrast of 2.99:1" in messages["large"], messages["large"]
