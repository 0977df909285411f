"""Variants, mini-decks and `summarydeck slides`: one content source, several decks.

Behaviour, tested on a copy of the full test content with three variants of its own
(`helpers.VARIANTS`: `full`, `short` and `workshop`). The Q Lab content's variants are pinned in
test_qlab_content.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from conftest import FULL_CONTENT
from helpers import SHORT, edit_content, variant_content
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError, SelectionError

SLUG = "every-kind"  # the full test content's slug
NUMBERS = [  # the section `part-numbers` of the full test content, in order
    "part-numbers",
    "one-in-four",
    "one-in-four-pictogram",
    "comparison",
    "regions",
    "split",
    "share",
    "regions-picture",
]


def texts(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test content with variants, shared by the module's tests: read it, never edit it."""
    return variant_content(tmp_path_factory.mktemp("variant-content") / "content")


@pytest.fixture
def content_with_variants(tmp_path: Path) -> Path:
    """A writable copy of the test content with variants, for a test that edits it."""
    return variant_content(tmp_path / "content")


@pytest.fixture(scope="module")
def variants(content: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, api.BuildResult]:
    """Every variant, built once by `build --all` into a fresh output/."""
    folder = tmp_path_factory.mktemp("variants")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        results = api.build_all(content)
        for result in results:
            assert result.path is not None
            result.path = folder / result.path
            result.manifest = folder / result.manifest if result.manifest else None
    return {str(r.variant): r for r in results}


def slides_of(result: api.BuildResult) -> list[Any]:
    assert result.path is not None
    return list(Presentation(str(result.path)).slides)


def ids_of(result: api.BuildResult) -> list[str]:
    return [s._element.find(".//{*}cSld").get("name") for s in slides_of(result)]


def build_cli(content: Path, out: Path, *options: str) -> Any:
    """`summarydeck build` of `content` into `out`, with `options`."""
    return CliRunner().invoke(
        cli, ["build", "--content", str(content), *options, "--out", str(out)]
    )


def opportunities(content: Path) -> dict[str, Any]:
    data = yaml.safe_load((content / "opportunities.yaml").read_text(encoding="utf-8"))
    return dict(data["opportunities"])


def test_every_variant_is_its_own_file_named_after_it(
    variants: dict[str, api.BuildResult],
) -> None:
    assert set(variants) == {"full", "short", "workshop"}
    names = {v: r.path.name for v, r in variants.items() if r.path}
    assert names == {
        "full": f"{SLUG}.pptx",  # the first variant is the deck `build` makes
        "short": f"{SLUG}-short.pptx",
        "workshop": f"{SLUG}-workshop.pptx",
    }


def test_a_variant_keeps_the_slides_it_includes_in_deck_order(
    variants: dict[str, api.BuildResult],
) -> None:
    short = variants["short"]
    assert ids_of(short) == SHORT
    assert short.slides == len(SHORT) <= 6  # its max_slides


def test_a_variant_has_its_own_subtitle(variants: dict[str, api.BuildResult]) -> None:
    assert "A short test summary" in texts(slides_of(variants["short"])[0])
    assert "A test deck for summarydeck" in texts(slides_of(variants["full"])[0])


def test_the_workshop_variant_adds_every_opportunitys_prompts_after_it(
    content: Path, variants: dict[str, api.BuildResult]
) -> None:
    slides = slides_of(variants["workshop"])
    ids = ids_of(variants["workshop"])
    with_prompts = {k: v for k, v in opportunities(content).items() if "workshop" in v}
    assert len(with_prompts) >= 2
    for item_id, item in with_prompts.items():
        position = ids.index(f"{item_id}-discussion")
        assert ids[position - 1] == item_id  # right after the opportunity it discusses
        shown = texts(slides[position])
        for prompt in item["workshop"]["prompts"]:
            assert prompt in shown
        notes = slides[position].notes_slide.notes_text_frame.text
        first_words = " ".join(item["workshop"]["facilitator_notes"].split()[:6])
        # the notes are typeset like the slides: curly apostrophes
        assert first_words.replace("'", "’") in " ".join(notes.split())
        assert f"{item['workshop']['minutes']}\u00a0min" in shown  # the time badge
    discussed = {i.removesuffix("-discussion") for i in ids if i.endswith("-discussion")}
    assert discussed == set(with_prompts)  # none for an opportunity without prompts


def test_a_tagged_slide_is_only_in_the_variants_that_keep_its_tag(
    variants: dict[str, api.BuildResult],
) -> None:
    activity = "activity-plan-a-test"  # tagged `workshop`; `full` excludes that tag
    assert activity in ids_of(variants["workshop"])
    assert activity not in ids_of(variants["full"])
    assert not any(i.endswith("-discussion") for i in ids_of(variants["full"]))
    slide = slides_of(variants["workshop"])[ids_of(variants["workshop"]).index(activity)]
    assert "20\u00a0min" in texts(slide)  # the time badge


def test_a_discussion_of_an_unconfirmed_opportunity_is_marked_unconfirmed(
    content: Path, variants: dict[str, api.BuildResult]
) -> None:
    slides = dict(zip(ids_of(variants["workshop"]), slides_of(variants["workshop"]), strict=True))
    for item_id, item in opportunities(content).items():
        if "workshop" in item:
            marked = "To be confirmed" in texts(slides[f"{item_id}-discussion"])
            assert marked == (item["status"] == "unconfirmed"), item_id


def test_every_variant_passes_check_strict(variants: dict[str, api.BuildResult]) -> None:
    for name, result in variants.items():
        report = api.check(None, result.path)
        assert not report.failed(strict=True), (name, [f.message for f in report.findings])


def test_each_variant_builds_to_the_same_bytes_again(
    content: Path, variants: dict[str, api.BuildResult], tmp_path: Path
) -> None:
    again = api.build(content, tmp_path / "again.pptx", selection=api.Selection("workshop"))
    assert again.sha256 == variants["workshop"].sha256


def test_the_agenda_lists_only_the_sections_a_variant_keeps(tmp_path: Path) -> None:
    content = _with_variants(
        tmp_path, {"two": {"exclude": {"sections": ["part-essays"]}}}, FULL_CONTENT
    )
    _, plans, _ = api.plan(content, selection=api.Selection("two"))
    agenda = next(p for p in plans if p.kind == "agenda")
    shown = " ".join(par.text for e in agenda.elements for par in getattr(e, "paragraphs", ()))
    sections = [p for p in plans if p.kind == "section"]
    assert len(sections) == 1
    assert sections[0].title.paragraphs[0].text in shown


# --- mistakes in variants --------------------------------------------------------------------


def _with_variants(tmp_path: Path, variants: dict[str, Any], source: Path) -> Path:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(source, content)
    deck_file = content / "deck.yaml"
    data = yaml.safe_load(deck_file.read_text(encoding="utf-8"))
    data["variants"] = variants
    deck_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return content


def _errors(content: Path) -> list[Any]:
    with pytest.raises(ContentError) as caught:
        api.validate(content)
    return caught.value.diagnostics


def test_a_misspelt_slide_id_in_a_variant_is_an_error_with_a_suggestion(
    content: Path, tmp_path: Path
) -> None:
    content = _with_variants(tmp_path, {"short": {"include": {"slides": ["closng"]}}}, content)
    [error] = [d for d in _errors(content) if d.is_error]
    assert error.code == "E212"
    assert "closng" in error.message
    assert error.hint == "did you mean `closing`?"
    assert error.location is not None and error.location.file.endswith("deck.yaml")
    assert error.location.line > 0


def test_an_unknown_section_or_tag_is_an_error(content: Path, tmp_path: Path) -> None:
    content = _with_variants(
        tmp_path, {"a": {"include": {"sections": ["part-number"], "tags": ["nothing"]}}}, content
    )
    errors = [d for d in _errors(content) if d.is_error]
    assert [d.code for d in errors] == ["E212", "E212"]
    section, tag = errors
    assert "sections: no section slide `part-number`" in section.message
    assert section.hint == "did you mean `part-numbers`?"
    assert "tags: no slide tagged `nothing`" in tag.message
    assert tag.hint is not None and "`workshop`" in tag.hint  # the one tag the storyboard has


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("discussion", "yes", "expected true or false, got `yes`"),
        ("max_slides", True, "expected a whole number, got `true`"),
        ("max_slides", "10", "expected a whole number, got `10`"),
    ],
)
def test_variant_flags_take_only_real_booleans_and_numbers(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    content = _with_variants(tmp_path, {"a": {field: value}}, FULL_CONTENT)
    [error] = [d for d in _errors(content) if d.is_error]
    assert error.message == f"variants.a.{field}: {expected}"
    assert error.location is not None and error.location.file.endswith("deck.yaml")


def test_a_variant_that_keeps_nothing_is_an_error(tmp_path: Path) -> None:
    content = _with_variants(
        tmp_path,
        {
            "none": {
                "exclude": {"sections": ["part-essays"]},
                "include": {"sections": ["part-essays"]},
            }
        },
        FULL_CONTENT,
    )
    assert [d.code for d in _errors(content) if d.is_error] == ["E213"]


def test_a_variant_over_its_slide_limit_is_an_error(content: Path, tmp_path: Path) -> None:
    content = _with_variants(tmp_path, {"tiny": {"max_slides": 3}, "same": {}}, content)
    _, plans, _ = api.plan(content, selection=api.Selection("same"))  # the same slides, no limit
    assert len(plans) > 3
    [error] = [d for d in _errors(content) if d.is_error]
    assert error.code == "E215"
    assert f"{len(plans)} slides" in error.message and "max_slides: 3" in error.message


def test_a_discussion_variant_warns_about_opportunities_without_prompts(tmp_path: Path) -> None:
    content = _with_variants(tmp_path, {"workshop": {"discussion": True}}, FULL_CONTENT)
    result = api.validate(content)
    warnings = [d for d in result.diagnostics if d.code == "W205"]
    # `first` has prompts; `second` and `third` have none
    assert len(warnings) == 2
    assert {w.message.split("opportunities.")[1].split()[0] for w in warnings} == {
        "second",
        "third",
    }


def test_a_generated_discussion_id_that_is_taken_says_so(content_with_variants: Path) -> None:
    edit_content(
        content_with_variants / "deck.yaml",
        "  - kind: two-columns\n",
        "  - kind: two-columns\n    id: second-discussion\n",
    )
    [error] = [d for d in _errors(content_with_variants) if d.is_error]
    assert error.code == "E216"
    assert "variant `workshop` adds a discussion slide `second-discussion`" in error.message
    assert error.location is not None and error.location.line > 0
    assert error.hint is not None and "`kind: discussion`" in error.hint


def test_an_unknown_variant_is_a_usage_error_with_a_suggestion(content: Path) -> None:
    with pytest.raises(SelectionError) as caught:
        api.plan(content, selection=api.Selection("worksop"))
    assert caught.value.hint == "did you mean `workshop`?"
    run = CliRunner().invoke(cli, ["build", "--content", str(content), "--variant", "x"])
    assert run.exit_code == 2
    assert "no variant `x`" in run.output and "Traceback" not in run.output


def test_all_cannot_be_combined_with_out(tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, ["build", "--all", "--out", str(tmp_path / "x.pptx")])
    assert run.exit_code == 2
    assert not (tmp_path / "x.pptx").exists()


# --- mini-decks and the slide list ----------------------------------------------------------


def test_only_writes_a_mini_deck_of_those_slides_in_deck_order(
    content_with_variants: Path, tmp_path: Path
) -> None:
    # enough sources for a second Sources slide: a continued slide can be picked too
    extra = "".join(
        f"  extra-{n}:\n    title: Extra report number {n} with a long title\n"
        f"    publisher: Publisher {n}\n    year: 2020\n    url: https://example.org/{n}\n"
        for n in range(12)
    )
    sources = content_with_variants / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + extra, encoding="utf-8")
    edit_content(
        content_with_variants / "deck.yaml",
        "  - kind: sources\n",
        "  - kind: sources\n    include_uncited: true\n",
    )
    out = tmp_path / "mini.pptx"
    run = build_cli(content_with_variants, out, "--only", "closing,sources-2,title")
    assert run.exit_code == 0, run.output
    slides = list(Presentation(str(out)).slides)
    assert [s._element.find(".//{*}cSld").get("name") for s in slides] == [
        "title",
        "sources-2",
        "closing",
    ]
    # slide numbers follow the mini-deck, not the full deck
    assert "2" in [sh.text_frame.text for sh in slides[1].shapes if sh.has_text_frame]
    assert api.check(None, out).summary().endswith("no findings")


def test_section_writes_that_sections_slides(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "numbers.pptx"
    result = api.build(content, out, selection=api.Selection(section="part-numbers"))
    ids = [s._element.find(".//{*}cSld").get("name") for s in Presentation(str(out)).slides]
    assert ids == NUMBERS
    assert result.slides == len(NUMBERS)


def test_a_mini_deck_has_its_own_default_file(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = api.build(content, selection=api.Selection(only=("title", "closing")))
    assert result.path == Path("output") / f"{SLUG}-only-closing-title.pptx"
    # named in another order: the same mini-deck, the same file, the same bytes
    again = api.build(content, selection=api.Selection(only=("closing", "title")))
    assert again.path == result.path and again.sha256 == result.sha256
    result = api.build(content, selection=api.Selection("short", section="part-essays"))
    assert result.path == Path("output") / f"{SLUG}-short-section-part-essays.pptx"


def test_an_unknown_slide_or_section_is_a_usage_error(content: Path, tmp_path: Path) -> None:
    run = build_cli(content, tmp_path / "x.pptx", "--only", "titel")
    assert run.exit_code == 2
    assert "no slide `titel`" in run.output and "did you mean `title`?" in run.output
    run = build_cli(content, tmp_path / "x.pptx", "--section", "numbers")
    assert run.exit_code == 2
    assert "no section `numbers`" in run.output
    assert not (tmp_path / "x.pptx").exists()


def test_slides_lists_every_slide_with_id_section_and_title(content: Path) -> None:
    run = CliRunner().invoke(cli, ["slides", "--content", str(content)])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert lines[0].split()[:4] == ["1", "title", "-", "title"]
    row = next(line for line in lines if " comparison " in line)
    assert row.split()[2] == "part-numbers"
    assert "variant full" in run.output


def test_slides_as_json_matches_the_built_variant(
    content: Path, variants: dict[str, api.BuildResult]
) -> None:
    run = CliRunner().invoke(
        cli, ["slides", "--content", str(content), "--variant", "workshop", "--format", "json"]
    )
    listed = json.loads(run.output)
    assert listed["variant"] == "workshop"
    assert [s["id"] for s in listed["slides"]] == ids_of(variants["workshop"])
    assert {s["section"] for s in listed["slides"]} >= {None, "part-essays"}


def test_validate_plans_every_variant(content: Path, variants: dict[str, api.BuildResult]) -> None:
    run = CliRunner().invoke(cli, ["validate", "--content", str(content)])
    assert run.exit_code == 0, run.output
    full, short, workshop = (variants[v].slides for v in ("full", "short", "workshop"))
    assert (
        f"Content is valid: {full} slides in full, {short} in short, {workshop} in workshop"
        in run.output
    )


# --- the manifest ---------------------------------------------------------------------------


def test_a_manifest_beside_each_deck_lists_its_slides(
    variants: dict[str, api.BuildResult],
) -> None:
    for result in variants.values():
        assert result.manifest is not None and result.path is not None
        assert result.manifest.name == result.path.name.replace(".pptx", ".manifest.json")
        manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
        slides = slides_of(result)
        assert manifest["deck"] == result.path.name
        assert manifest["sha256"] == result.sha256
        assert [s["id"] for s in manifest["slides"]] == ids_of(result)
        for listed, slide in zip(manifest["slides"], slides, strict=True):
            assert listed["notes"] == slide.notes_slide.notes_text_frame.text
            assert listed["title"] == slide.shapes.title.text_frame.text.replace("\v", " ")
            assert len(listed["hash"]) == 64


def test_a_one_word_edit_changes_only_that_slides_hash(
    content_with_variants: Path, tmp_path: Path
) -> None:
    first = api.build(content_with_variants, tmp_path / "deck.pptx")
    before = json.loads(first.manifest.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    edit_content(
        content_with_variants / "deck.yaml",
        "People are passed between services",
        "People are moved between services",
    )
    second = api.build(content_with_variants, tmp_path / "deck.pptx")
    after = json.loads(second.manifest.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    changed = [
        a["id"]
        for a, b in zip(after["slides"], before["slides"], strict=True)
        if a["hash"] != b["hash"]
    ]
    assert changed == ["what-we-learned"]
    assert after["content_hash"] != before["content_hash"]


def test_long_choices_of_slides_get_distinct_file_names(content: Path) -> None:
    deck, _ = api.load(content)
    first = api.default_output(deck, api.Selection(only=("a", "b", "c", "d")))
    second = api.default_output(deck, api.Selection(only=("a", "b", "c", "e")))
    assert first != second
    assert first.name.startswith(f"{SLUG}-only-a-b-c-and-1-more-")


def test_the_default_deck_and_its_variant_by_name_are_the_same_bytes(
    content: Path, variants: dict[str, api.BuildResult], tmp_path: Path
) -> None:
    """`build`, `build --variant full` and `build --all` all write the full deck: one file,
    one content, so one set of bytes (a stamp naming the selection differently broke this)."""
    plain = api.build(content, tmp_path / "plain.pptx")
    named = api.build(content, tmp_path / "named.pptx", selection=api.Selection("full"))
    assert plain.sha256 == named.sha256 == variants["full"].sha256


def test_numbers_in_messages_agree_with_their_nouns(content: Path, tmp_path: Path) -> None:
    run = build_cli(content, tmp_path / "t.pptx", "--only", "title")
    assert run.exit_code == 0, run.output
    assert "(1 slide, variant full)" in run.output


def test_an_empty_variant_name_is_a_usage_error(content: Path, tmp_path: Path) -> None:
    run = build_cli(content, tmp_path / "x.pptx", "--variant", " ")
    assert run.exit_code == 2
    assert "give a variant's name" in run.output
    assert not (tmp_path / "x.pptx").exists()


def test_check_finds_the_variant_a_deck_was_built_as(
    content: Path, variants: dict[str, api.BuildResult]
) -> None:
    """`check DECK --content DIR --final` lists unconfirmed items once, at their status line,
    only when it recognises the deck as the content's: a workshop deck is recognised by its
    stamp, not mistaken for the default variant."""
    deck = variants["workshop"].path
    assert deck is not None
    report = api.check(content, deck, final=True)
    unconfirmed = [f for f in report.findings if f.code == "C701"]
    assert unconfirmed and all(
        f.location is not None and f.location.file.endswith(".yaml") for f in unconfirmed
    )
    # named wrongly on purpose: the deck is not that variant's, so findings stay on the deck
    wrong = api.check(content, deck, final=True, variant="short")
    assert any(f.location is None for f in wrong.findings if f.code == "C701")
    run = CliRunner().invoke(
        cli, ["check", str(deck), "--content", str(content), "--variant", "worksop"]
    )
    assert run.exit_code == 2 and "did you mean `workshop`?" in run.output
