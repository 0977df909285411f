"""`summarydeck watch` must not destroy work: `--force` gives up an edited deck once only, and
an editor's swap or backup files beside the content set nothing off."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from helpers import edit_content
from summarydeck import api
from summarydeck.watch import is_watched
from test_watch import Watcher

# what editors leave beside a file they are saving: Vim, Emacs, gedit/nano, Office, LibreOffice
BACKUP_NAMES = (
    "~quotes.yaml",
    "~$quotes.yaml",
    ".quotes.yaml.swp",
    "quotes.yaml~",
    ".#quotes.yaml",
    "#quotes.yaml#",
    ".~lock.quotes.yaml#",
)


def _edit_by_hand(deck: Path, title: str) -> bytes:
    """Change the first slide's title as someone would in PowerPoint; the deck's new bytes."""
    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text_frame.text = title
    prs.save(str(deck))
    return deck.read_bytes()


@pytest.mark.slow
def test_force_gives_up_an_edited_deck_once_then_protects_the_next_edit(
    content_copy: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.pptx"
    api.build(content_copy, deck)
    first_edit = _edit_by_hand(deck, "Edited in PowerPoint")

    running = Watcher(content_copy, deck, "--force")
    try:
        kept = running.wait_for("the edited deck was kept as")
        assert Path(kept.split("kept as ", 1)[1]).read_bytes() == first_edit
        running.wait_for(" built ")
        running.wait_for("Waiting for changes")
        backups = sorted(p.name for p in tmp_path.iterdir() if p.name != deck.name)

        # someone edits the rebuilt deck while watch runs, then a content file is saved
        second_edit = _edit_by_hand(deck, "Edited again, after the forced build")
        edit_content(content_copy / "quotes.yaml", "Pain is pain", "Pain is ache")
        line = running.wait_for("(quotes.yaml changed)")  # the build's line, either way
        assert "build failed" in line, line
        assert "--force" in running.wait_for("hint:")
        assert deck.read_bytes() == second_edit  # refused, not overwritten
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != deck.name) == backups
    finally:
        assert running.stop() == 0


@pytest.mark.parametrize("name", BACKUP_NAMES)
def test_an_editors_backup_or_swap_file_sets_off_no_rebuild(name: str) -> None:
    assert not is_watched(f"/any/content/{name}")
    assert not is_watched(name)


@pytest.mark.parametrize("name", ["~logo.png", "logo.png~", ".logo.png.swp", "#logo.png#"])
def test_a_backup_of_a_picture_sets_off_no_rebuild(name: str) -> None:
    assert not is_watched(f"/any/content/{name}")


@pytest.mark.slow
def test_watch_rebuilds_for_the_saved_file_not_its_swap_files(
    content_copy: Path, tmp_path: Path
) -> None:
    """An editor's save, as it happens: swap and backup files appear and go, then the file
    itself is written. One rebuild, set off by the content file alone."""
    running = Watcher(content_copy, tmp_path / "out" / "deck.pptx")
    try:
        running.wait_for("Waiting for changes")
        for name in BACKUP_NAMES:
            (content_copy / name).write_text("quotes: {}\n", encoding="utf-8")
        for name in BACKUP_NAMES:
            (content_copy / name).unlink()
        edit_content(content_copy / "quotes.yaml", "Pain is pain", "Pain is ache")
        line = running.wait_for(" built ")
        assert line.endswith(" (quotes.yaml changed)"), line
    finally:
        assert running.stop() == 0


@pytest.mark.slow
def test_force_held_through_a_failed_first_build_is_given_up_after_the_first_good_one(
    content_copy: Path, tmp_path: Path
) -> None:
    """--force waits for a build that succeeds; once one has, the next hand edit is kept."""
    deck = tmp_path / "deck.pptx"
    api.build(content_copy, deck)
    _edit_by_hand(deck, "Edited in PowerPoint")
    quotes = content_copy / "quotes.yaml"
    edit_content(quotes, "Pain is pain", "Pain is pain: [unclosed")  # a YAML error

    running = Watcher(content_copy, deck, "--force")
    try:
        assert "build failed" in running.wait_for("build failed")
        running.wait_for("Waiting for changes")
        edit_content(quotes, "Pain is pain: [unclosed", "Pain is pain")  # fixed: it builds
        running.wait_for("the edited deck was kept as")
        running.wait_for(" built ")

        second_edit = _edit_by_hand(deck, "Edited again, after the forced build")
        edit_content(quotes, "Pain is pain", "Pain is ache")
        line = running.wait_for("(quotes.yaml changed)")
        assert "build failed" in line, line
        assert deck.read_bytes() == second_edit  # refused, not overwritten
    finally:
        assert running.stop() == 0
