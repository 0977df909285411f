"""Safe regeneration: the build's stamp, refusing to overwrite an edited deck, and `diff`."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from summarydeck import __version__, api
from summarydeck.cli import cli
from summarydeck.output.diff import diff_decks, format_diff
from summarydeck.output.guard import EditedDeckError, disk_state
from summarydeck.output.stamp import read_stamp


@pytest.fixture
def built(qlab_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(content, deck): a writable copy of the Q Lab content and the deck built from it."""
    deck = tmp_path / "out" / "deck.pptx"
    api.build(qlab_copy, deck)
    return qlab_copy, deck


def edit_in_powerpoint(
    deck: Path, slide_id: str = "project-in-brief", text: str = "EDITED"
) -> None:
    """What a colleague does: open the deck, change a word on one slide, save it."""
    prs = Presentation(str(deck))
    for slide in prs.slides:
        if slide._element.find(".//{*}cSld").get("name") == slide_id:
            body = next(s for s in slide.shapes if s.name == "Body")
            body.text_frame.paragraphs[0].runs[0].text = text
    prs.save(str(deck))


def build_cli(*args: str) -> object:
    return CliRunner().invoke(cli, ["build", *args])


# --- the stamp --------------------------------------------------------------------------------


def test_each_build_stamps_version_content_hash_and_fingerprint(built: tuple[Path, Path]) -> None:
    content, deck = built
    stamp = read_stamp(deck)
    assert stamp is not None
    assert stamp.version == __version__
    assert stamp.content_hash == api.content_hash(content)
    assert len(stamp.slides_hash) == 64
    with zipfile.ZipFile(deck) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("_rels/.rels").decode()
    assert "custom-properties+xml" in types
    assert "docProps/custom.xml" in rels


def test_the_content_hash_follows_the_content_and_the_selection(qlab_copy: Path) -> None:
    before = api.content_hash(qlab_copy)
    assert api.content_hash(qlab_copy, api.Selection("short")) != before
    (qlab_copy / "quotes.yaml").write_text(
        (qlab_copy / "quotes.yaml").read_text(encoding="utf-8") + "\n# a comment\n", "utf-8"
    )
    assert api.content_hash(qlab_copy) != before


def test_a_stamped_deck_still_passes_its_package_checks(built: tuple[Path, Path]) -> None:
    _, deck = built
    report = api.check(None, deck)
    assert not [f for f in report.findings if f.code == "C101"]


# --- refusing to overwrite edits ----------------------------------------------------------


def test_a_hand_edited_deck_is_not_overwritten_without_force(built: tuple[Path, Path]) -> None:
    content, deck = built
    edit_in_powerpoint(deck)
    edited = deck.read_bytes()
    with pytest.raises(EditedDeckError) as caught:
        api.build(content, deck)
    assert "project-in-brief" in str(caught.value) and "--force" in str(caught.value)
    assert deck.read_bytes() == edited

    run = build_cli("--content", str(content), "--out", str(deck))
    assert run.exit_code == 3  # type: ignore[attr-defined]
    assert "was edited since summarydeck wrote it" in run.output  # type: ignore[attr-defined]
    assert "Traceback" not in run.output  # type: ignore[attr-defined]
    assert deck.read_bytes() == edited
    assert not list(deck.parent.glob("*.backup-*"))


def test_force_replaces_it_and_keeps_a_timestamped_backup(built: tuple[Path, Path]) -> None:
    content, deck = built
    edit_in_powerpoint(deck)
    edited = deck.read_bytes()
    run = build_cli("--content", str(content), "--out", str(deck), "--force")
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    [backup] = deck.parent.glob("deck.backup-*.pptx")
    assert backup.read_bytes() == edited
    assert f"Kept the edited deck as {backup}" in run.output  # type: ignore[attr-defined]
    assert disk_state(deck).safe  # the new deck is ours again
    assert "EDITED" not in "".join(
        s.text_frame.text
        for sl in Presentation(str(deck)).slides
        for s in sl.shapes
        if s.has_text_frame
    )


def test_an_edit_is_found_without_the_manifest_too(built: tuple[Path, Path]) -> None:
    content, deck = built
    deck.with_name("deck.manifest.json").unlink()
    edit_in_powerpoint(deck)
    state = disk_state(deck)
    assert not state.safe and state.changed == ()  # no manifest: which slides is unknown
    with pytest.raises(EditedDeckError):
        api.build(content, deck)


def test_a_moved_box_counts_as_an_edit(built: tuple[Path, Path]) -> None:
    _, deck = built
    prs = Presentation(str(deck))
    shape = prs.slides[3].shapes[-1]
    shape.left = shape.left + 100_000
    prs.save(str(deck))
    assert not disk_state(deck).safe


def test_saving_again_without_a_change_is_not_an_edit(built: tuple[Path, Path]) -> None:
    content, deck = built
    Presentation(str(deck)).save(str(deck))  # rewritten XML, same slides
    assert disk_state(deck).safe
    api.build(content, deck)  # replaced without --force


def test_a_deck_summarydeck_did_not_write_is_not_replaced(tmp_path: Path, qlab_copy: Path) -> None:
    deck = tmp_path / "theirs.pptx"
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Someone's own deck"
    prs.save(str(deck))
    with pytest.raises(EditedDeckError, match="was not written by summarydeck"):
        api.build(qlab_copy, deck)


def test_a_deck_from_before_the_stamp_is_replaced(built: tuple[Path, Path]) -> None:
    """Decks written by earlier versions have no stamp, but are still ours when nothing else
    has saved them."""
    _, deck = built
    old = deck.with_name("old.pptx")
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(old, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/custom.xml":
                continue
            if item.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"custom.xml", b"gone.xml")
            target.writestr(item, data)
    assert read_stamp(old) is None
    assert disk_state(old).safe
    edit_in_powerpoint(old)  # python-pptx keeps app.xml; PowerPoint would rewrite it
    assert disk_state(old).safe


def test_build_all_writes_nothing_when_one_variant_was_edited(
    qlab_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    results = api.build_all(qlab_copy)
    paths = [r.path for r in results if r.path]
    short = next(p for p in paths if p.name.endswith("-short.pptx"))
    edit_in_powerpoint(short)
    before = {p: p.stat().st_mtime_ns for p in paths}
    run = build_cli("--content", str(qlab_copy), "--all")
    assert run.exit_code == 3, run.output  # type: ignore[attr-defined]
    assert {p: p.stat().st_mtime_ns for p in paths} == before


# --- diff -----------------------------------------------------------------------------------


def test_diff_of_a_deck_with_itself_says_no_changes(built: tuple[Path, Path]) -> None:
    _, deck = built
    run = CliRunner().invoke(cli, ["diff", str(deck), str(deck), "--exit-code"])
    assert run.exit_code == 0
    assert run.output.startswith("No changes: 26 slides")


def test_diff_shows_text_chart_data_and_notes_slide_by_slide(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, deck = built
    old = tmp_path / "old.pptx"
    shutil.copy(deck, old)
    stats = content / "statistics.yaml"
    stats.write_text(
        stats.read_text(encoding="utf-8").replace("values: [1.0, 1.5]", "values: [1.0, 1.7]"),
        "utf-8",
    )
    deck_file = content / "deck.yaml"
    deck_file.write_text(
        deck_file.read_text(encoding="utf-8").replace("Over 120 participants", "Over 120 people"),
        "utf-8",
    )
    api.build(content, deck)
    run = CliRunner().invoke(cli, ["diff", str(old), str(deck), "--exit-code"])
    assert run.exit_code == 1
    out = run.output
    assert "slide 6 `depression-back-pain`: changed" in out
    assert "series" in out and "1.5 -> 1.7" in out
    assert "alt text:" in out  # the chart's alt text states its numbers
    assert "slide 9 `project-in-brief`: changed" in out
    assert "text: - Over 120 participants" in out and "text: + Over 120 people" in out
    assert "notes: - " in out
    assert "2 changed (26 slides before, 26 after)" in out


def test_diff_reports_added_removed_and_moved_slides(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, deck = built
    old = tmp_path / "old.pptx"
    shutil.copy(deck, old)
    deck_file = content / "deck.yaml"
    text = deck_file.read_text(encoding="utf-8")
    # move the second quote before the first, and drop the sick-leave statistic
    first = (
        "  - kind: quote\n    id: quote-also-in-pain\n"
        "    title: Pain is put down to anxiety\n    quote: also-in-pain\n\n"
    )
    assert first in text
    text = text.replace(first, "").replace(
        "    quote: see-the-whole\n", "    quote: see-the-whole\n\n" + first.rstrip("\n") + "\n"
    )
    text = text.replace("  - kind: statistic\n    statistic: sick-leave\n", "")
    deck_file.write_text(text, "utf-8")
    api.build(content, deck)
    result = diff_decks(old, deck)
    status = {c.id: c.status for c in result.changes}
    assert status["sick-leave"] == "removed"
    assert (
        status.get("quote-also-in-pain") == "moved" or status.get("quote-see-the-whole") == "moved"
    )
    assert "project-in-brief" not in status  # only renumbered: not a change
    assert "1 removed" in format_diff(result)


def test_diff_as_json(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, deck = built
    edited = tmp_path / "edited.pptx"
    shutil.copy(deck, edited)
    edit_in_powerpoint(edited)
    run = CliRunner().invoke(cli, ["diff", str(deck), str(edited), "--format", "json"])
    data = json.loads(run.output)
    [change] = data["changes"]
    assert change["id"] == "project-in-brief" and change["status"] == "changed"
    assert any(d.startswith("text: + EDITED") for d in change["details"])


def test_diff_reads_decks_from_other_tools(tmp_path: Path) -> None:
    decks = []
    for number, value in enumerate((3.0, 4.0)):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Sales"
        data = CategoryChartData()
        data.categories = ["Q1", "Q2"]
        data.add_series("Units", (1.0, value))
        from pptx.enum.chart import XL_CHART_TYPE

        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 3_000_000, 2_000_000, data)
        path = tmp_path / f"deck{number}.pptx"
        prs.save(str(path))
        decks.append(path)
    out = format_diff(diff_decks(*decks))
    assert "Q2 3 -> 4" in out


def test_diff_of_something_that_is_not_a_deck_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck", encoding="utf-8")
    run = CliRunner().invoke(cli, ["diff", str(bad), str(bad)])
    assert run.exit_code == 3
    assert "cannot be read as a PowerPoint deck" in run.output
    assert "Traceback" not in run.output
