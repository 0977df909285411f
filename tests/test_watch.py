"""`summarydeck watch`, driven end to end: a real process, real file saves."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import edit_content, variant_content
from render_helpers import require_tools
from summarydeck.watch import is_watched

TIMEOUT = 60.0  # seconds to wait for one rebuild; a build takes about 2 s


class Watcher:
    """`summarydeck watch` in a child process, its output read line by line."""

    def __init__(self, content: Path, deck: Path, *options: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "summarydeck",
                "watch",
                "--content",
                str(content),
                "--out",
                str(deck),
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r}; output so far:\n" + "\n".join(self.seen))

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._reader.join(timeout=5)  # it ends when the pipe closes; then close it
            if self.process.stdout is not None:
                self.process.stdout.close()


@pytest.fixture
def watcher(content_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    deck = tmp_path / "out" / "deck.pptx"
    running = Watcher(content_copy, deck)
    yield running, content_copy, deck
    running.stop()


@pytest.mark.slow
def test_watch_rebuilds_on_save_and_keeps_the_last_good_deck(watcher) -> None:  # type: ignore[no-untyped-def]
    running, content, deck = watcher
    first = running.wait_for(" built ")
    assert "slides in" in first and " ms" in first
    running.wait_for("Waiting for changes")
    assert deck.exists()

    quotes = content / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    edit_content(quotes, "Pain is pain", "Pain is ache")
    line = running.wait_for(" built ")
    assert "(quotes.yaml changed)" in line
    # only the slides showing the quote are drawn again; the rest are kept from the last build
    redrawn = re.search(r"built (\d+) slides in \d+ ms, (\d+) redrawn:", line)
    assert redrawn is not None, line
    assert 1 <= int(redrawn[2]) < int(redrawn[1])
    good = deck.read_bytes()

    quotes.write_text(text + "\n  broken: [unclosed\n", encoding="utf-8")
    failed = running.wait_for("build failed")
    assert "the last good deck is unchanged" in failed
    assert any("quotes.yaml:" in seen for seen in running.seen)  # the diagnostic, located
    assert deck.read_bytes() == good

    quotes.write_text(text, encoding="utf-8")
    running.wait_for(" built ")
    assert running.stop() == 0
    running.wait_for("Stopped watching.")


@pytest.mark.slow
def test_watch_ignores_files_that_are_not_content(watcher) -> None:  # type: ignore[no-untyped-def]
    running, content, _ = watcher
    running.wait_for("Waiting for changes")
    (content / ".deck.yaml.swp").write_text("x", encoding="utf-8")
    (content / "notes.txt").write_text("x", encoding="utf-8")
    (content / "brand.yaml").touch()
    line = running.wait_for(" built ")
    assert "(brand.yaml changed)" in line  # the other two set nothing off
    assert running.stop(signal.SIGTERM) == 0  # a polite kill stops it cleanly too
    running.wait_for("Stopped watching.")


@pytest.mark.render
@pytest.mark.slow
def test_watch_preview_renders_the_slides_after_each_build(
    content_copy: Path, tmp_path: Path
) -> None:
    require_tools()
    deck = tmp_path / "out" / "every-kind.pptx"
    running = Watcher(content_copy, deck, "--preview")
    try:
        line = running.wait_for("preview:")
        folder = Path(line.split("preview: ", 1)[1])
        assert folder == tmp_path / "out" / "preview" / "every-kind-slides"
        pictures = sorted(folder.glob("*.png"))
        assert len(pictures) == 25 and pictures[0].name == "01-title.png"
        assert (folder.parent / "every-kind.pdf").exists()
    finally:
        assert running.stop() == 0


def test_watch_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarydeck", "watch", "--content", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "is not a folder" in done.stderr


def test_watch_of_a_misspelt_variant_is_a_usage_error_at_once(tmp_path: Path) -> None:
    content = variant_content(tmp_path / "content")  # variants `full`, `short`, `workshop`
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarydeck",
            "watch",
            "--content",
            str(content),
            "--variant",
            "worksop",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no variant `worksop`" in done.stderr and "did you mean `workshop`?" in done.stderr
    assert "Watching" not in done.stdout


@pytest.mark.slow
def test_watch_that_never_built_says_nothing_was_written(
    content_copy: Path, tmp_path: Path
) -> None:
    quotes = content_copy / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n  broken: [unclosed\n", "utf-8")
    running = Watcher(content_copy, tmp_path / "deck.pptx")
    try:
        failed = running.wait_for("build failed")
        assert failed.endswith("; nothing was written")
    finally:
        assert running.stop() == 0


@pytest.mark.slow
def test_watch_keeps_an_edited_deck_unless_forced(content_copy: Path, tmp_path: Path) -> None:
    from pptx import Presentation

    from summarydeck import api

    deck = tmp_path / "deck.pptx"
    api.build(content_copy, deck)
    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text_frame.text = "Edited in PowerPoint"
    prs.save(str(deck))
    edited = deck.read_bytes()

    running = Watcher(content_copy, deck)
    try:
        failed = running.wait_for("build failed")
        assert failed.count("nothing was written") == 1
        hint = running.wait_for("hint:")
        assert "--force" in hint
        assert deck.read_bytes() == edited
    finally:
        assert running.stop() == 0
    running = Watcher(content_copy, deck, "--force")
    try:
        kept = running.wait_for("the edited deck was kept as")
        backup = Path(kept.split("kept as ", 1)[1])
        assert backup.read_bytes() == edited
        running.wait_for(" built ")
    finally:
        assert running.stop() == 0


@pytest.mark.slow
def test_watch_sees_a_new_logo_kept_outside_the_content_folder(
    content_copy: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "brand-assets"
    shared.mkdir()
    logo = shared / "logo.png"
    (content_copy / "logo.png").rename(logo)
    edit_content(content_copy / "brand.yaml", "logo: logo.png", "logo: ../brand-assets/logo.png")
    running = Watcher(content_copy, tmp_path / "out" / "deck.pptx", "--assets", str(shared))
    try:
        running.wait_for("Waiting for changes")
        logo.write_bytes(logo.read_bytes() + b"\0")
        line = running.wait_for(" built ")
        assert "(logo.png changed)" in line
    finally:
        assert running.stop() == 0


@pytest.mark.parametrize(
    ("name", "watched"),
    [
        ("deck.yaml", True),
        ("quotes.yml", True),
        ("logo.png", True),
        (".deck.yaml.swp", False),
        ("deck.yaml~", False),
        ("#deck.yaml#", False),
        (".#deck.yaml", False),
        ("notes.txt", False),
    ],
)
def test_which_files_set_off_a_rebuild(name: str, watched: bool) -> None:
    assert is_watched(f"/any/folder/{name}") is watched
