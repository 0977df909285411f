"""The real Q Lab deck built from `content/`: its storyboard, figures, sources, provenance and
type sizes, read back with python-pptx. These pin what the deck says, not only that it builds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from summarydeck import api

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
OPPORTUNITIES = [
    "conversations",
    "self-management",
    "signposting",
    "joined-up-care",
    "shared-understanding",
]
# frames that are not body text: footers, slide numbers, source lines, the "to be confirmed" tag
SMALL_TEXT_ALLOWED = {"Citation", "Unconfirmed label", "Footer", "Slide Number"}


@pytest.fixture(scope="module")
def slides(qlab_deck: Path) -> dict[str, Any]:
    return {slide.name: slide for slide in Presentation(str(qlab_deck)).slides}


def texts(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def alt_text(shape: Any) -> str:
    return str(shape._element.find(".//p:cNvPr", NS).get("descr", ""))


def test_storyboard_runs_from_title_to_closing_within_18_to_26_slides(
    slides: dict[str, Any],
) -> None:
    names = list(slides)
    assert 18 <= len(names) <= 26
    assert names[0] == "title" and names[-1] == "closing"
    # the order the issue asks for: why it matters, the project, the essays, the five
    # opportunities, what the test teams tried, next steps, sources
    order = [
        "why-it-matters",
        "mental-health-one-in-four",
        "the-project",
        "project-in-brief",
        "introduction",
        "challenges",
        "opportunities-overview",
        *OPPORTUNITIES,
        "test-teams",
        "next-steps",
        "sources",
    ]
    assert [n for n in names if n in order] == order


def test_each_of_the_five_opportunities_has_its_own_slide_marked_to_be_confirmed(
    slides: dict[str, Any],
) -> None:
    for number, name in enumerate(OPPORTUNITIES, 1):
        text = texts(slides[name])
        # while unconfirmed, the label says it is a working title, not the essay's own name
        assert f"Working title · {number} of 5" in text
        assert f"Opportunity {number} of 5" not in text
        assert "To be confirmed" in text, f"{name}: working title shown without a marker"
        notes = slides[name].notes_slide.notes_text_frame.text
        assert "To confirm before publishing" in notes
        assert "content/opportunities.yaml, line" in notes  # where the editor confirms it


@pytest.mark.parametrize(
    ("slide", "figure", "source"),
    [
        ("mental-health-one-in-four", "1 in 4", "Q Lab blog (2018)"),
        ("back-pain-one-in-three", "About 1 in 3", "Q Lab project page"),
        ("depression-back-pain", "50% higher", "Q Lab project page"),
        ("sick-leave", "Top 2", "Q Lab essay 1 (2019)"),
    ],
)
def test_prevalence_figures_are_shown_with_their_source(
    slides: dict[str, Any], slide: str, figure: str, source: str
) -> None:
    text = texts(slides[slide])
    assert figure in text
    assert re.search(r"Source: \[\d+\] " + re.escape(source) + r"\n", text), text


def test_pictograms_show_one_in_four_and_one_in_three(slides: dict[str, Any]) -> None:
    for name, value, total in [
        ("mental-health-one-in-four", 1, 4),
        ("back-pain-one-in-three", 1, 3),
    ]:
        pictures = [s for s in slides[name].shapes if s.shape_type == 13 and s.name == "Chart"]
        assert len(pictures) == 1
        assert f"{value} of {total} people icons are highlighted" in alt_text(pictures[0])


def test_depression_comparison_is_a_native_editable_bar_chart(slides: dict[str, Any]) -> None:
    charts = [s for s in slides["depression-back-pain"].shapes if s.has_chart]
    assert len(charts) == 1
    chart = charts[0].chart
    plot = chart.plots[0]
    assert list(plot.categories) == [
        "Without symptoms of depression",
        "With symptoms of depression",
    ]
    assert list(plot.series[0].values) == [1.0, 1.5]
    assert chart.has_legend is False  # one series, labelled directly
    alt = alt_text(charts[0])
    assert "1.0×" in alt and "1.5×" in alt


def test_every_chart_and_picture_states_its_numbers_and_source_in_alt_text(
    slides: dict[str, Any],
) -> None:
    expected = {
        "mental-health-one-in-four": ["1 of 4"],
        "back-pain-one-in-three": ["1 of 3"],
        "depression-back-pain": ["1.0×", "1.5×"],
    }
    seen = {}
    for name, slide in slides.items():
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == 13:
                seen[name] = alt_text(shape)
    assert set(seen) == set(expected)
    for name, numbers in expected.items():
        for number in numbers:
            assert number in seen[name], f"{name}: {seen[name]!r}"
        assert "Source: Q Lab" in seen[name]


def test_every_slide_has_speaker_notes_that_say_what_it_shows(slides: dict[str, Any]) -> None:
    for name, slide in slides.items():
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes.split()) >= 4, f"{name}: notes too thin: {notes!r}"
    # drafted notes carry the slide's own words, a sentence per point
    notes = slides["what-gets-in-the-way"].notes_slide.notes_text_frame.text
    assert "Care can be duplicated, missing or unsuitable. People describe" in notes
    # a chart slide's title is a sentence of its own, not run into the chart's description
    notes = slides["depression-back-pain"].notes_slide.notes_text_frame.text
    assert notes.startswith(
        "People with symptoms of depression are 50% more likely to have back pain. Bar chart:"
    )


def test_caveats_on_confirmed_figures_reach_the_speaker_notes(slides: dict[str, Any]) -> None:
    notes = slides["mental-health-one-in-four"].notes_slide.notes_text_frame.text
    assert "Goldberg and Huxley (1992)" in notes
    assert "To confirm" not in notes  # confirmed: a caveat, not a to-do
    assert "To be confirmed" not in texts(slides["mental-health-one-in-four"])


def _run_sizes(slide: Any) -> list[tuple[str, float]]:
    sizes = []
    for shape in slide.shapes:
        if not shape.has_text_frame or (
            shape.is_placeholder and shape.name.startswith(("Footer", "Slide Number"))
        ):
            continue
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                if run.text.strip() and run.font.size is not None:
                    sizes.append((shape.name, Emu(run.font.size).pt))
    return sizes


def test_no_text_below_12_pt_and_body_text_at_least_18_pt(slides: dict[str, Any]) -> None:
    too_small = []
    for name, slide in slides.items():
        for shape_name, size in _run_sizes(slide):
            floor = 12 if shape_name.startswith(tuple(SMALL_TEXT_ALLOWED)) else 18
            if size < floor:
                too_small.append(f"{name}/{shape_name}: {size} pt")
    assert not too_small, too_small


def test_no_slide_has_more_than_six_bullets(slides: dict[str, Any]) -> None:
    for name, slide in slides.items():
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            bullets = [
                p
                for p in shape.text_frame.paragraphs
                if p._p.find("./a:pPr/a:buChar", NS) is not None
            ]
            assert len(bullets) <= 6, f"{name}/{shape.name}: {len(bullets)} bullets"


def test_no_two_text_frames_overlap(qlab_copy: Path) -> None:
    """Laid-out text boxes never overlap: an overlap is an accident on these slides."""
    _, plans, _ = api.plan(qlab_copy)
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


# --- the storyboard follows the YAML ----------------------------------------------------------


def test_changing_a_statistic_in_the_yaml_changes_the_chart_data(
    qlab_copy: Path, tmp_path: Path
) -> None:
    stats = qlab_copy / "statistics.yaml"
    text = stats.read_text(encoding="utf-8")
    assert text.count("values: [1.0, 1.5]") == 1
    stats.write_text(text.replace("values: [1.0, 1.5]", "values: [1.0, 1.8]"), encoding="utf-8")
    out = tmp_path / "deck.pptx"
    api.build(qlab_copy, out, cache_dir=tmp_path / "cache")
    slide = next(s for s in Presentation(str(out)).slides if s.name == "depression-back-pain")
    chart_shape = next(s for s in slide.shapes if s.has_chart)
    assert list(chart_shape.chart.plots[0].series[0].values) == [1.0, 1.8]
    assert "1.8×" in alt_text(chart_shape)


def test_changing_a_pictogram_in_the_yaml_redraws_it(qlab_copy: Path, tmp_path: Path) -> None:
    stats = qlab_copy / "statistics.yaml"
    text = stats.read_text(encoding="utf-8")
    marker = "      value: 1\n      total: 4\n"
    assert text.count(marker) == 1
    before = tmp_path / "before.pptx"
    api.build(qlab_copy, before, cache_dir=tmp_path / "cache")
    stats.write_text(text.replace(marker, "      value: 1\n      total: 5\n"), encoding="utf-8")
    after = tmp_path / "after.pptx"
    api.build(qlab_copy, after, cache_dir=tmp_path / "cache")

    def picture(path: Path) -> tuple[bytes, str]:
        slide = next(
            s for s in Presentation(str(path)).slides if s.name == "mental-health-one-in-four"
        )
        shape = next(s for s in slide.shapes if s.shape_type == 13 and s.name == "Chart")
        return shape.image.blob, alt_text(shape)

    (blob_before, alt_before), (blob_after, alt_after) = picture(before), picture(after)
    assert "1 of 4 people" in alt_before and "1 of 5 people" in alt_after
    assert blob_before != blob_after
