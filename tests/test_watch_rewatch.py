"""`summarydeck watch` never goes deaf: watchfiles follows a folder, not its name, so a content
folder deleted and restored, or another folder moved into its place, used to leave it running
and never rebuilding again. A real `watch` process, real folders deleted and moved."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import edit_content
from summarydeck import watch as live
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


# --- the same, in process and in a second: watchfiles and the build stood in for ---------------


class FakeWatcher:
    """Stands in for `watchfiles.watch`: each start of a watcher plays the next script, a list
    of steps (a batch to yield, or a function to call first, such as deleting the folder)."""

    def __init__(self, *scripts: list[Any]) -> None:
        self.scripts = list(scripts)
        self.starts = 0

    def __call__(self, folder: Path, **_: object) -> Iterator[set[tuple[int, str]]]:
        self.starts += 1
        if not self.scripts:
            raise AssertionError(f"watcher started a {self.starts}th time: one too many")
        for step in self.scripts.pop(0):
            if callable(step):
                step()
            else:
                yield step


def _run(
    content: Path, fake: FakeWatcher, monkeypatch: pytest.MonkeyPatch, stop: threading.Event
) -> tuple[list[str], list[tuple[str, ...]]]:
    """`watch` with the fake watcher and a build that only records why it ran."""
    import watchfiles

    said: list[str] = []
    builds: list[tuple[str, ...]] = []

    def rebuild(*_: object, changed: tuple[str, ...] = (), **__: object) -> live.Rebuilt:
        builds.append(changed)
        return live.Rebuilt(None, [], "recorded", changed)

    monkeypatch.setattr(watchfiles, "watch", fake)
    monkeypatch.setattr(live, "rebuild", rebuild)
    live.watch(content, lambda _done: None, stop=stop, notice=said.append)
    return said, builds


def test_a_folder_gone_between_two_watchers_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """watchfiles may find the folder gone when it starts (FileNotFoundError), or see it go;
    either way the watch waits for it, then rebuilds once the new watcher runs."""
    content, stop = tmp_path / "content", threading.Event()
    content.mkdir()

    def delete_then_restore() -> None:
        shutil.rmtree(content)
        threading.Timer(0.3, content.mkdir).start()

    def gone_at_start() -> None:
        shutil.rmtree(content)
        threading.Timer(0.3, content.mkdir).start()
        raise FileNotFoundError(str(content))

    fake = FakeWatcher(
        [set(), delete_then_restore, {(3, str(content / "deck.yaml"))}],
        [gone_at_start],
        [set(), {(2, str(content / "deck.yaml"))}, stop.set],
    )
    said, builds = _run(content, fake, monkeypatch, stop)
    name = f"{content.as_posix()}/"
    assert (
        said
        == [
            f"{name} was removed; waiting for it to come back",
            f"{name} is back; rebuilding and watching it",
        ]
        * 2
    )
    # the first build; the one for the folder's return; then the save seen by the new watcher
    assert builds == [(), ("content/",), ("deck.yaml",)]
    assert fake.starts == 3


def test_another_folder_in_its_place_is_built_and_watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, stop = tmp_path / "content", threading.Event()
    content.mkdir()
    (tmp_path / "new").mkdir()

    def swap() -> None:  # `mv content old && mv new content`, between two looks
        content.rename(tmp_path / "old")
        (tmp_path / "new").rename(content)

    fake = FakeWatcher([swap, set()], [set(), stop.set])
    said, builds = _run(content, fake, monkeypatch, stop)
    assert said == [f"{content.as_posix()}/ is another folder now; rebuilding and watching it"]
    assert builds == [(), ("content/",)]


def test_a_stop_with_the_folder_in_place_ends_the_watch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """watchfiles ends on Ctrl-C too (no stop event set): that ends the watch, no restart."""
    content = tmp_path / "content"
    content.mkdir()
    fake = FakeWatcher([set(), {(2, str(content / "deck.yaml"))}])
    said, builds = _run(content, fake, monkeypatch, threading.Event())
    assert said == [] and builds == [(), ("deck.yaml",)] and fake.starts == 1
