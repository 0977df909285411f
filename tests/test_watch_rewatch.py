"""`summarydeck watch` never goes deaf: watchfiles follows a folder, not its name, so a content
folder deleted and restored, or another folder moved into its place, used to leave it running
and never rebuilding again. A real `watch` process, real folders deleted and moved."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import edit_content
from test_watch import Watcher

GOLDEN = Path(__file__).parent / "content" / "golden"  # two slides: builds in a tenth of a second
OLD_TEXT, NEW_TEXT = "Short and *true*.", "Short and *still true*."


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Watcher, Path, Path]]:
    """A running watch of a copy of the golden content, after its first build."""
    content, deck = tmp_path / "content", tmp_path / "out" / "deck.pptx"
    shutil.copytree(GOLDEN, content)
    running = Watcher(content, deck)
    try:
        running.wait_for(" built ")
        running.wait_for("Waiting for changes")
        yield running, content, deck
    finally:
        running.stop()


def _edited_copy(target: Path) -> Path:
    """A copy of the golden content whose quote says something else (so its deck differs)."""
    shutil.copytree(GOLDEN, target)
    edit_content(target / "deck.yaml", OLD_TEXT, NEW_TEXT)
    return target


def _rebuilds_on_a_save(running: Watcher, content: Path, deck: Path) -> None:
    """A save in the folder now at `content` still sets off a build that writes the deck."""
    before = deck.read_bytes()
    edit_content(content / "deck.yaml", "attribution: Someone", "attribution: Someone else")
    line = running.wait_for(" built ")
    assert "(deck.yaml changed)" in line, line
    assert deck.read_bytes() != before


@pytest.mark.slow
def test_a_deleted_and_restored_folder_is_watched_again(
    watched: tuple[Watcher, Path, Path], tmp_path: Path
) -> None:
    running, content, deck = watched
    first = deck.read_bytes()
    shutil.rmtree(content)
    said = running.wait_for("was removed")
    assert said.endswith("content/ was removed; waiting for it to come back"), said
    assert deck.read_bytes() == first  # the last good deck stays

    _edited_copy(content)  # restored, with a change made meanwhile
    running.wait_for("content/ is back; rebuilding and watching it")
    line = running.wait_for(" built ")
    assert "(content/ changed)" in line, line
    assert deck.read_bytes() != first
    _rebuilds_on_a_save(running, content, deck)
    assert not any("build failed" in seen for seen in running.seen), running.seen
    assert running.stop() == 0


@pytest.mark.slow
def test_a_folder_moved_into_place_is_watched_instead(
    watched: tuple[Watcher, Path, Path], tmp_path: Path
) -> None:
    running, content, deck = watched
    first = deck.read_bytes()
    new = _edited_copy(tmp_path / "new")
    os.rename(content, tmp_path / "old")  # `mv content old && mv new content`
    os.rename(new, content)
    line = running.wait_for(" built ")
    # the swap may fall between two looks (another folder) or across them (removed, back)
    assert any(
        "content/ is another folder now" in seen or "content/ is back" in seen
        for seen in running.seen
    ), running.seen
    assert "(content/ changed)" in line, line
    assert deck.read_bytes() != first
    _rebuilds_on_a_save(running, content, deck)
    assert running.stop() == 0


@pytest.mark.slow
def test_a_watch_waiting_for_its_folder_stops_cleanly(
    watched: tuple[Watcher, Path, Path],
) -> None:
    running, content, _ = watched
    shutil.rmtree(content)
    running.wait_for("was removed; waiting for it to come back")
    assert running.stop() == 0
    running.wait_for("Stopped watching.")
