"""`summarydeck check` and the checks `build` runs: clean decks pass, findings are located in the
content, the report reads well for people and parses for scripts, and exit codes follow
--strict. The corpus of flawed decks (one flaw each) is in test_check_corpus.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu, Pt

from summarydeck import api
from summarydeck.check.findings import RULES, Finding, Severity
from summarydeck.check.rules import Options, rule
from summarydeck.check.runner import check_deck
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError

REPO = Path(__file__).parent.parent
FULL_CONTENT = REPO / "tests" / "content" / "full"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("deck", ["full_deck", "stress_deck"])
def test_our_decks_have_no_findings(deck: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(deck)
    report = check_deck(path)
    assert report.findings == []
    assert report.slides == len(Presentation(str(path)).slides)


def test_a_clean_deck_and_its_content_pass_check_strict(full_deck: Path) -> None:
    code, output = _run("check", str(full_deck), "--strict")
    assert code == 0, output
    assert output.strip().endswith("no findings")
    code, output = _run("check", "--content", str(FULL_CONTENT), "--strict")
    assert code == 0, output


def _squeeze_body(deck: Path, out: Path, slide: int, small_citation: bool = False) -> None:
    prs = Presentation(str(deck))
    for shape in prs.slides[slide - 1].shapes:
        if shape.name == "Body":
            # a placeholder inherits its place: set all four, as PowerPoint does on a resize
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            shape.left, shape.top, shape.width = left, top, width
            shape.height = Emu(height // 3)
        if small_citation and shape.name == "Citation":
            for run in shape.text_frame.paragraphs[0].runs:
                run.font.size = Pt(8)
    prs.save(str(out))


# a bullets slide of the full test deck, with a body and a source line
SQUEEZED = "what-we-learned"


def _number_of(deck: Path, slide_id: str) -> int:
    """The 1-based number of the slide called `slide_id`."""
    names = [slide.name for slide in Presentation(str(deck)).slides]
    return names.index(slide_id) + 1


@pytest.fixture
def flawed(full_deck: Path, tmp_path: Path) -> Path:
    """The full test deck with one slide's body squeezed (overflow) and its source line at 8 pt."""
    out = tmp_path / "flawed.pptx"
    _squeeze_body(full_deck, out, _number_of(full_deck, SQUEEZED), small_citation=True)
    return out


def test_findings_on_our_deck_point_at_the_content(flawed: Path) -> None:
    code, output = _run("check", str(flawed), "--content", str(FULL_CONTENT))
    assert code == 1
    first = output.splitlines()[0]
    # the body shows a storyboard entry's points: file, line and column of that field
    assert "content/full/deck.yaml:" in first
    number = _number_of(flawed, SQUEEZED)
    assert f"error C201 text-overflow: slide {number} `{SQUEEZED}` (Body)" in first
    assert "warning C202 text-too-small" in output and "8 pt" in output
    # 8 pt is also off the brand's type scale, and unlike the other slides' source lines
    assert "warning C204 off-scale-size" in output and "warning C205 inconsistent-size" in output
    assert "hint: shorten it by about" in output
    assert output.strip().endswith("1 error, 3 warnings")


def test_without_content_findings_name_the_deck_and_slide(flawed: Path) -> None:
    code, output = _run("check", str(flawed))
    assert code == 1
    number = _number_of(flawed, SQUEEZED)
    assert output.startswith(f"{flawed}: error C201 text-overflow: slide {number} `{SQUEEZED}`")


def test_json_output_for_scripts(flawed: Path) -> None:
    code, output = _run("check", str(flawed), "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["passed"] is False
    # C202 small text, and C205 a source line unlike the other slides' (no scale: no C204)
    assert data["summary"] == {"errors": 1, "warnings": 2, "info": 0}
    overflow = data["findings"][0]
    assert overflow["code"] == "C201" and overflow["name"] == "text-overflow"
    assert overflow["severity"] == "error" and overflow["slide"] == _number_of(flawed, SQUEEZED)
    assert overflow["slide_id"] == SQUEEZED and overflow["shape"] == "Body"
    assert overflow["file"] is None  # no content given: not located


def test_warnings_fail_only_with_strict(full_deck: Path, tmp_path: Path) -> None:
    prs = Presentation(str(full_deck))
    slide = prs.slides[_number_of(full_deck, SQUEEZED) - 1]
    citation = next(s for s in slide.shapes if s.name == "Citation")
    for run in citation.text_frame.paragraphs[0].runs:
        run.font.size = Pt(10)
    small = tmp_path / "small.pptx"
    prs.save(str(small))
    code, output = _run("check", str(small))
    assert code == 0 and "2 warnings" in output  # C202, and C205: unlike the other slides'
    code, _ = _run("check", str(small), "--strict")
    assert code == 1
    code, _ = _run("check", str(small), "--min-size", "10")
    assert code == 0


def test_final_check_of_the_draft_lists_each_unconfirmed_item_with_its_line() -> None:
    code, output = _run("check", "--content", str(FULL_CONTENT), "--final")
    assert code == 1
    # one per `status: unconfirmed` line in the content, located at that line
    expected = sorted(
        (file.name, number)
        for file in FULL_CONTENT.glob("*.yaml")
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip() == "status: unconfirmed"
    )
    located = re.findall(r"([\w-]+\.yaml):(\d+):\d+: error C701 unconfirmed", output)
    assert sorted((file, int(line)) for file, line in located) == expected, output
    assert len(expected) >= 2


def test_a_deck_that_is_not_a_presentation_is_refused_not_a_crash(tmp_path: Path) -> None:
    """A file that is no deck cannot be checked: exit status 3, as `diff` and `export` say
    (issue 15; tests/test_hostile_decks.py has the rest)."""
    junk = tmp_path / "junk.pptx"
    junk.write_bytes(b"not a zip at all")
    code, output = _run("check", str(junk))
    assert code == 3
    assert "cannot be read as a PowerPoint deck: it is not a .pptx package" in output
    assert "Traceback" not in output


def test_a_missing_deck_is_a_usage_error(tmp_path: Path) -> None:
    code, output = _run("check", str(tmp_path / "nope.pptx"))
    assert code == 2 and "does not exist" in output


def test_every_rule_code_is_documented() -> None:
    doc = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, rule_ in RULES.items():
        assert f"`{code}`" in doc and rule_.name in doc, code


# --- build runs the same checks --------------------------------------------------------------


@pytest.fixture
def failing_rule() -> Iterator[None]:
    """A check that finds an error on slide 2, registered for one test."""
    from summarydeck.check import rules

    @rule("test-only")
    def always(deck: object, options: Options) -> Iterator[Finding]:
        yield Finding("C201", "made-up overflow", 2, "agenda", "Title")

    yield
    rules._CHECKS.pop("test-only")


def test_build_refuses_to_write_a_deck_its_checks_fail(
    failing_rule: None, full_content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"an earlier good deck")
    with pytest.raises(ContentError) as caught:
        api.build(full_content, out, tmp_path / "cache")
    [error] = [d for d in caught.value.diagnostics if d.code == "C201"]
    assert error.message == "slide 2 `agenda` (Title): made-up overflow"
    assert error.location is not None and error.location.file.endswith("deck.yaml")
    assert out.read_bytes() == b"an earlier good deck"
    code, output = _run("build", "--content", str(full_content), "--out", str(out))
    assert code == 1 and "nothing was written" in output


def test_build_prints_the_check_summary(full_content: Path, tmp_path: Path) -> None:
    code, output = _run("build", "--content", str(full_content), "--out", str(tmp_path / "d.pptx"))
    assert code == 0
    assert "Check: checked 25 slides: no findings" in output


def test_severities_are_error_warning_or_info() -> None:
    assert {r.severity for r in RULES.values()} == set(Severity)
