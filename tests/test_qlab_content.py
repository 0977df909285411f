"""The published Q Lab content in `content/`, pinned: its storyboard, figures, sources,
provenance, type sizes, variants and what is still to be confirmed, read back from the decks it
builds.

These tests pin the editorial content, not summarydeck's behaviour, so they are expected to
change with an editor's edit: when `content/` changes on purpose (a slide added, an opportunity
confirmed, a variant renamed), update the expectations here in the same commit. Every other
test file tests behaviour, on the content sets under `tests/content/`, or derives what it
expects from the content it is given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu

from conftest import QLAB_CONTENT
from summarydeck import api
from summarydeck.cli import cli

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


def test_storyboard_runs_from_title_to_closing_within_18_to_28_slides(
    slides: dict[str, Any],
) -> None:
    names = list(slides)
    assert 18 <= len(names) <= 28
    assert names[0] == "title" and names[-1] == "closing"
    # the order the issues ask for: the whole story first, why it matters, the project, the
    # essays, the five opportunities, what the test teams tried, next steps, where to get
    # support, sources
    order = [
        "summary",
        "why-it-matters",
        "how-common",
        "the-project",
        "project-in-brief",
        "introduction",
        "challenges",
        "opportunities-overview",
        *OPPORTUNITIES,
        "test-teams",
        "next-steps",
        "where-to-get-support",
        "sources",
    ]
    assert [n for n in names if n in order] == order


def test_each_of_the_five_opportunities_has_its_own_slide_marked_to_be_confirmed(
    slides: dict[str, Any],
) -> None:
    for number, name in enumerate(OPPORTUNITIES, 1):
        text = texts(slides[name])
        # one quiet mark while unconfirmed: "To be confirmed" on the source line, no scaffolding
        assert f"Opportunity {number}\u00a0of\u00a05" in text
        assert "Working title" not in text
        assert "To be confirmed" in text, f"{name}: working title shown without a marker"
        notes = slides[name].notes_slide.notes_text_frame.text
        # the editors' to-do is in the review report beside the deck, not in shared notes
        assert "To confirm before publishing" not in notes
        assert "content/opportunities.yaml, line" not in notes
        # but the presenter is told, so they never give a working title as the essay's own
        assert "are working titles" in notes


@pytest.mark.parametrize(
    ("slide", "figure", "source"),
    [
        ("how-common", "1 in 4", "Q Lab blog (2018)"),
        ("how-common", "About 1 in 3", "Q Lab project page"),
        ("depression-back-pain", "50% more", "Q Lab project page"),
        ("depression-back-pain", "the two most common reasons", "Q Lab essay 1 (2019)"),
    ],
)
def test_prevalence_figures_are_shown_with_their_source(
    slides: dict[str, Any], slide: str, figure: str, source: str
) -> None:
    text = texts(slides[slide]).replace("\xa0", " ")  # "1 in 4" is kept on one line
    assert figure in text
    cited = r"Sources?: (\[\d+\] [^;\n]+; )*\[\d+\] " + re.escape(source)
    assert re.search(cited, text), text


def test_the_scale_of_the_problem_is_two_exhibits_that_say_each_number_once(
    slides: dict[str, Any],
) -> None:
    for name in ("mental-health-one-in-four", "back-pain-one-in-three", "sick-leave"):
        assert name not in slides  # now part of the two exhibits
    for slide, figure in [("how-common", "1 in 4"), ("depression-back-pain", "50%")]:
        assert texts(slides[slide]).replace("\xa0", " ").count(figure) == 1
    assert "Top 2" not in texts(slides["depression-back-pain"])


def test_pictograms_show_one_in_four_and_one_in_three(slides: dict[str, Any]) -> None:
    groups = [s for s in slides["how-common"].shapes if s.shape_type == 6]
    assert [g.name for g in groups] == ["Chart 1", "Chart 2"]
    for group, (value, total) in zip(groups, [(1, 4), (1, 3)], strict=True):
        assert len(group.shapes) == 2 * total  # a head and a body for each person
        assert f"Pictogram: {value} of {total} people filled" in alt_text(group)


def test_depression_comparison_is_a_native_editable_bar_chart(slides: dict[str, Any]) -> None:
    charts = [s for s in slides["depression-back-pain"].shapes if s.has_chart]
    assert len(charts) == 1
    chart = charts[0].chart
    plot = chart.plots[0]
    assert list(plot.categories) == ["Without symptoms", "With symptoms"]
    assert list(plot.series[0].values) == [1.0, 1.5]
    assert chart.has_legend is False  # one series, labelled by its categories
    assert plot.has_data_labels is False  # the headline says "50% more"; no bare 1.0
    assert alt_text(charts[0]).startswith("50% more likely to have back pain")


def test_every_chart_and_picture_states_its_numbers_and_source_in_alt_text(
    slides: dict[str, Any],
) -> None:
    expected = {
        "how-common": ["1 of 4", "1 of 3"],
        "depression-back-pain": ["Without symptoms 1", "With symptoms 1.5"],
    }
    seen: dict[str, str] = {}
    for name, slide in slides.items():
        for shape in slide.shapes:
            # native charts, pictograms (groups) and picture charts
            if shape.name.startswith("Chart") and (shape.has_chart or shape.shape_type in (6, 13)):
                seen[name] = seen.get(name, "") + alt_text(shape)
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
        "The two often come together, and they keep people off work long term. 50% more "
        "likely to have back pain"
    )


def test_caveats_on_confirmed_figures_reach_the_speaker_notes(slides: dict[str, Any]) -> None:
    notes = slides["how-common"].notes_slide.notes_text_frame.text
    assert "Goldberg and Huxley (1992)" in notes
    assert "To confirm" not in notes  # confirmed: a caveat, not a to-do
    assert "To be confirmed" not in texts(slides["how-common"])


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


# --- what is still to be confirmed: five working titles and the test teams' slide -------------

# the five opportunities, the `test-teams` slide and its Powys row, and two support entries
# (the Mind Infoline's number and hours, the NHS advice)
TO_CONFIRM = 9


def _line_of(path: Path, needle: str, after: str) -> int:
    """The 1-based line of the first `needle` at or after the line containing `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_final_build_of_the_qlab_deck_lists_every_unconfirmed_item_with_file_and_line(
    qlab_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(qlab_copy.parent)
    result = CliRunner().invoke(cli, ["build", "--final", "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    opportunities = qlab_copy / "opportunities.yaml"
    for item in OPPORTUNITIES:
        line = _line_of(opportunities, "status: unconfirmed", f"  {item}:")
        assert re.search(
            rf"content/opportunities\.yaml:{line}:\d+: error C701: opportunity `{item}` is not "
            r"confirmed",
            result.output,
        ), result.output
    deck_line = _line_of(qlab_copy / "deck.yaml", "status: unconfirmed", "id: test-teams")
    assert f"content/deck.yaml:{deck_line}:" in result.output
    assert "slide `test-teams` is not confirmed" in result.output
    assert (
        f"Final build refused: {TO_CONFIRM} items still to be confirmed; nothing was written."
        in result.output
    )
    assert not (tmp_path / "d.pptx").exists()


def test_the_draft_says_how_many_items_remain(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--content", str(QLAB_CONTENT), "--out", str(tmp_path / "d.pptx")]
    )
    assert result.exit_code == 0, result.output
    assert f"Draft: {TO_CONFIRM} items still to be confirmed" in result.output


def test_the_final_check_of_the_draft_lists_each_unconfirmed_item() -> None:
    result = CliRunner().invoke(cli, ["check", "--content", str(QLAB_CONTENT), "--final"])
    assert result.exit_code == 1
    located = [line for line in result.output.splitlines() if "error C701 unconfirmed" in line]
    assert len(located) == TO_CONFIRM
    assert all(".yaml:" in line.split(": ")[0] for line in located)


# --- the published deck passes the checks --------------------------------------------------------


def test_the_qlab_deck_has_no_findings_and_passes_check_strict(qlab_deck: Path) -> None:
    report = api.check(None, qlab_deck)
    assert report.findings == []
    assert report.slides == len(Presentation(str(qlab_deck)).slides)
    result = CliRunner().invoke(cli, ["check", str(qlab_deck), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("no findings")
    result = CliRunner().invoke(cli, ["check", "--content", str(QLAB_CONTENT), "--strict"])
    assert result.exit_code == 0, result.output


# --- the variants: every slide, a ten-minute talk, a workshop ---------------------------------

SLUG = "qlab-mental-health-back-neck-pain"


@pytest.fixture(scope="module")
def variants(qlab_variants: list[api.BuildResult]) -> dict[str, list[Any]]:
    """The slides of each variant of the Q Lab deck, by variant name."""
    return {str(r.variant): list(Presentation(str(r.path)).slides) for r in qlab_variants}


def test_the_three_variants_and_their_files(qlab_variants: list[api.BuildResult]) -> None:
    names = {str(r.variant): r.path.name for r in qlab_variants if r.path}
    assert names == {
        "full": f"{SLUG}.pptx",
        "short": f"{SLUG}-short.pptx",
        "workshop": f"{SLUG}-workshop.pptx",
    }


def test_the_short_variant_fits_a_ten_minute_talk(variants: dict[str, list[Any]]) -> None:
    short = variants["short"]
    assert 0 < len(short) <= 10
    assert short[0].name == "title" and short[-1].name == "closing"
    assert "sources" in [s.name for s in short]  # citations on its slides still have their list
    assert "10-minute summary" in texts(short[0])


def test_the_workshop_variant_discusses_each_opportunity_and_plans_a_test(
    variants: dict[str, list[Any]],
) -> None:
    workshop = [s.name for s in variants["workshop"]]
    for name in OPPORTUNITIES:
        position = workshop.index(f"{name}-discussion")
        assert workshop[position - 1] == name
        assert "To be confirmed" in texts(variants["workshop"][position])
    activity = variants["workshop"][workshop.index("plan-a-test")]
    assert "25\u00a0min" in texts(activity)  # the time badge
    assert "plan-a-test" not in [s.name for s in variants["full"]]


def test_validate_counts_the_slides_of_every_variant() -> None:
    run = CliRunner().invoke(cli, ["validate", "--content", str(QLAB_CONTENT)])
    assert run.exit_code == 0, run.output
    assert "Content is valid: 27 slides in full, 10 in short, 35 in workshop" in run.output


def test_the_why_it_matters_section(tmp_path: Path) -> None:
    out = tmp_path / "why.pptx"
    api.build(QLAB_CONTENT, out, selection=api.Selection(section="why-it-matters"))
    assert [s.name for s in Presentation(str(out)).slides] == [
        "why-it-matters",
        "how-common",
        "depression-back-pain",
    ]
