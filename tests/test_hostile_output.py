"""The output side of the hostile corpus, fast cases: nothing is written outside the output
folder, and an earlier good deck is never damaged.

Each static case puts something hostile where a build writes (a link to a file outside, a
dangling link, a FIFO, a folder, a device, a read-only folder ...), builds, and checks the exit
status, the message and every file under the test's folder, byte for byte. The slow cases (kill
-9 in a loop, three builds at once, a full disk, bombs) are in `scripts/hostile_slow.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from helpers import edit_content
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.output.files import write_atomically, write_together

GOLDEN = Path(__file__).parent / "content" / "golden"  # two slides: builds in a tenth of a second
SECRET = b"a file outside the output folder"
LIMIT = 20  # seconds: a build that blocks (on a FIFO, say) fails the case instead of hanging


@dataclass
class Site:
    """A content folder, an output folder with a good deck built in it, and a folder outside."""

    root: Path
    content: Path
    deck: Path
    outside: Path

    @property
    def manifest(self) -> Path:
        return self.deck.with_name(f"{self.deck.stem}.manifest.json")

    @property
    def review(self) -> Path:
        return self.deck.with_name(f"{self.deck.stem}.review.md")

    def target(self, which: str) -> Path:
        return {"deck": self.deck, "manifest": self.manifest, "review": self.review}[which]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """Built where `build` puts a deck by default (`output/golden.pptx`): `--out` naming a
    folder is click's usage error before the build begins."""
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(GOLDEN, content)
    found = Site(tmp_path, content, Path("output", "golden.pptx"), tmp_path / "outside")
    assert api.build(content).path == found.deck
    found.outside.mkdir()
    (found.outside / "secret.txt").write_bytes(SECRET)
    return found


def snapshot(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under `root` (links not followed): its kind and its bytes or link target."""
    seen: dict[str, tuple[str, bytes]] = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            seen[str(path)] = ("link", os.readlink(path).encode())
        elif stat.S_ISREG(mode):
            seen[str(path)] = ("file", path.read_bytes())
        else:
            seen[str(path)] = (stat.filemode(mode)[0], b"")
    return seen


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(*_: object) -> None:
        raise TimeoutError(f"the build took over {seconds} s (blocked?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def build(site: Site, out: Path | None = None) -> Result:
    args = ["build", "--content", str(site.content), *(["--out", str(out)] if out else [])]
    with time_limit(LIMIT):
        return CliRunner().invoke(cli, args)


# --- the static corpus: what is put where a build writes, and what the build must say ---------


def link_to_outside(which: str) -> Callable[[Site], None]:
    def setup(site: Site) -> None:
        site.target(which).unlink()
        site.target(which).symlink_to(site.outside / "secret.txt")

    return setup


def dangling_link(which: str) -> Callable[[Site], None]:
    def setup(site: Site) -> None:
        site.target(which).unlink()
        site.target(which).symlink_to(site.outside / f"new-{which}")

    return setup


def fifo(which: str) -> Callable[[Site], None]:
    def setup(site: Site) -> None:
        site.target(which).unlink()
        os.mkfifo(site.target(which))

    return setup


def folder(which: str) -> Callable[[Site], None]:
    def setup(site: Site) -> None:
        site.target(which).unlink()
        site.target(which).mkdir()
        (site.target(which) / "inside.txt").write_text("kept", encoding="utf-8")

    return setup


def link_to_folder(site: Site) -> None:
    site.deck.unlink()
    site.deck.symlink_to(site.outside, target_is_directory=True)


def link_inside_output(site: Site) -> None:
    """Even a link to another deck in the output folder: one rule, no exceptions to learn."""
    site.deck.rename(site.deck.with_name("real.pptx"))
    site.deck.symlink_to("real.pptx")


def link_to_device(site: Site) -> None:
    site.deck.unlink()
    site.deck.symlink_to(os.devnull)


def device(site: Site) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device needs root")
    site.deck.unlink()
    os.mknod(site.deck, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own


def unix_socket(site: Site) -> None:
    site.deck.unlink()
    listening = socket.socket(socket.AF_UNIX)
    try:
        listening.bind(str(site.deck))
    except OSError as exc:  # a path too long for a socket's address
        pytest.skip(f"cannot make a socket there: {exc}")
    finally:
        listening.close()  # the socket file stays


REFUSED = {
    "deck-link-to-outside-file": (link_to_outside("deck"), "is a symbolic link"),
    "manifest-link-to-outside-file": (link_to_outside("manifest"), "is a symbolic link"),
    "review-link-to-outside-file": (link_to_outside("review"), "is a symbolic link"),
    "deck-dangling-link": (dangling_link("deck"), "is a symbolic link"),
    "manifest-dangling-link": (dangling_link("manifest"), "is a symbolic link"),
    "review-dangling-link": (dangling_link("review"), "is a symbolic link"),
    "deck-link-to-outside-folder": (link_to_folder, "is a symbolic link"),
    "deck-link-inside-output": (link_inside_output, "is a symbolic link"),
    "deck-link-to-dev-null": (link_to_device, "is a symbolic link"),
    "deck-fifo": (fifo("deck"), "is a named pipe (FIFO), not a file"),
    "manifest-fifo": (fifo("manifest"), "is a named pipe (FIFO), not a file"),
    "review-fifo": (fifo("review"), "is a named pipe (FIFO), not a file"),
    "deck-folder": (folder("deck"), "is a folder, not a file"),
    "manifest-folder": (folder("manifest"), "is a folder, not a file"),
    "review-folder": (folder("review"), "is a folder, not a file"),
    "deck-device": (device, "is a device, not a file"),
    "deck-socket": (unix_socket, "is a socket, not a file"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_hostile_target_is_refused_and_nothing_anywhere_changes(case: str, site: Site) -> None:
    setup, message = REFUSED[case]
    setup(site)
    before = snapshot(site.root)
    done = build(site)
    assert done.exit_code == 3, done.output
    assert message in done.output and "nothing was written" in done.output, done.output
    assert "hint: " in done.output and "Traceback" not in done.output
    assert snapshot(site.root) == before  # no byte changed, here or outside; no file left


@pytest.mark.parametrize("which", ["deck", "manifest", "review"])
def test_the_message_names_the_path_and_what_to_do(which: str, site: Site) -> None:
    link_to_outside(which)(site)
    done = build(site)
    assert f"error: {site.target(which)} is a symbolic link; summarydeck does not write " in (
        done.output
    )
    assert "hint: remove it or choose another --out" in done.output


def test_out_naming_a_folder_is_a_usage_error(site: Site) -> None:
    folder("deck")(site)
    before = snapshot(site.root)
    done = build(site, site.deck)
    assert done.exit_code == 2 and "is a directory" in done.output, done.output
    assert snapshot(site.root) == before


def test_an_output_folder_that_is_a_file_is_refused(site: Site) -> None:
    blocker = site.root / "blocker"
    blocker.write_bytes(b"not a folder")
    before = snapshot(site.root)
    done = build(site, blocker / "deck.pptx")
    assert done.exit_code == 3 and "Not a directory" in done.output, done.output
    assert snapshot(site.root) == before


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` read-only for this process: by its mode, or (root ignores modes) a read-only
    bind mount of it on itself."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("as root, a read-only folder needs a bind mount, which is not permitted here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_output_folder_keeps_the_old_deck(site: Site) -> None:
    edit_content(site.content / "deck.yaml", "Short and *true*.", "Short and *new*.")
    before = snapshot(site.root)
    with read_only(site.deck.parent):
        done = build(site)
    assert done.exit_code == 3, done.output
    assert "nothing was written" in done.output and "Traceback" not in done.output
    assert snapshot(site.root) == before


def test_a_read_only_deck_in_a_writable_folder_is_replaced_and_stays_read_only(
    site: Site,
) -> None:
    edit_content(site.content / "deck.yaml", "Short and *true*.", "Short and *new*.")
    old = site.deck.read_bytes()
    site.deck.chmod(0o444)
    done = build(site)
    assert done.exit_code == 0, done.output
    assert site.deck.read_bytes() != old
    assert stat.S_IMODE(site.deck.stat().st_mode) == 0o444


# --- leftovers, races and locks -----------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".old")))


def test_what_a_killed_build_left_is_cleaned_and_a_live_builds_is_not(site: Site) -> None:
    out, dead = site.deck.parent, _dead_pid()
    deck, manifest, review = (p.name for p in (site.deck, site.manifest, site.review))
    left = [f".{deck}.{dead}.abcd1234.tmp", f".{manifest}.{dead}.old", f".{review}.x_y_z_00.tmp"]
    left.append(f".{deck}.{dead}.old")
    live = f".{deck}.{os.getppid()}.live0000.tmp"  # our parent is running
    for name in [*left, live]:
        (out / name).write_bytes(b"half a deck")
    old = time.time() - 2 * 3600  # one with no pid: removed for its age
    os.utime(out / left[2], (old, old))
    done = build(site)
    assert done.exit_code == 0, done.output
    assert leftovers(out) == [live]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_link_put_at_the_target_mid_write_is_replaced_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked, then a link appears before the rename: the rename replaces the name, so the
    file the link points at is still untouched."""
    from summarydeck.output import files

    victim, target = tmp_path / "victim.txt", tmp_path / "out" / "deck.pptx"
    victim.write_bytes(SECRET)
    target.parent.mkdir()
    target.write_bytes(b"old deck")
    set_aside = files._set_aside

    def then_a_link(path: Path) -> Path | None:
        old = set_aside(path)
        path.unlink()
        path.symlink_to(victim)
        return old

    monkeypatch.setattr(files, "_set_aside", then_a_link)
    write_together([(target, b"new deck")])
    assert victim.read_bytes() == SECRET
    assert not target.is_symlink() and target.read_bytes() == b"new deck"


def test_a_build_waits_for_another_writing_into_the_folder(tmp_path: Path) -> None:
    """Two builds at once put their files in place one after the other, so a deck never ends
    up beside the other build's manifest."""
    import fcntl

    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    other = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(other, fcntl.LOCK_EX)  # another build, half-way through its renames
    writer = threading.Thread(target=write_atomically, args=(target, b"new"))
    try:
        writer.start()
        time.sleep(0.3)
        assert writer.is_alive() and target.read_bytes() == b"old"
    finally:
        os.close(other)
    writer.join(timeout=10)
    assert target.read_bytes() == b"new"


# --- real processes: kill -9, two builds at once ------------------------------------------------


@dataclass
class Decks:
    """Two content folders (both named `content`: notes name the folder), their decks' bytes,
    and an output folder holding the first deck."""

    first: Path
    second: Path
    first_bytes: bytes
    second_bytes: bytes
    deck: Path


@pytest.fixture
def decks(tmp_path: Path) -> Decks:
    first, second = tmp_path / "a" / "content", tmp_path / "b" / "content"
    shutil.copytree(GOLDEN, first)
    shutil.copytree(GOLDEN, second)
    edit_content(second / "deck.yaml", "Short and *true*.", "Short and *still true*.")
    made = []
    for content, name in ((first, "ref-a"), (second, "ref-b")):
        made.append(api.build(content, tmp_path / name / "deck.pptx").path.read_bytes())
    deck = tmp_path / "out" / "deck.pptx"
    api.build(first, deck)
    return Decks(first, second, made[0], made[1], deck)


def build_process(content: Path, deck: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarydeck",
            "build",
            "--content",
            str(content),
            "--out",
            str(deck),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def assert_whole(decks: Decks) -> None:
    """The deck is one of the two complete decks, and the next build leaves no temporary file."""
    assert decks.deck.read_bytes() in (decks.first_bytes, decks.second_bytes)
    api.build(decks.second, decks.deck)
    assert decks.deck.read_bytes() == decks.second_bytes
    assert leftovers(decks.deck.parent) == []


def test_kill_9_at_a_random_moment_leaves_a_whole_deck(decks: Decks) -> None:
    seed = random.randrange(1 << 30)
    delay = random.Random(seed).uniform(0.0, 2.5)  # a build in a new process takes ~2 s
    running = build_process(decks.second, decks.deck)
    time.sleep(delay)
    running.kill()
    running.communicate(timeout=30)
    assert_whole(decks), f"killed after {delay:.3f} s (seed {seed})"


def test_kill_9_while_its_files_are_being_put_in_place_leaves_a_whole_deck(
    decks: Decks,
) -> None:
    running = build_process(decks.second, decks.deck)
    out, deadline = decks.deck.parent, time.monotonic() + 30
    while running.poll() is None and time.monotonic() < deadline:
        with os.scandir(out) as entries:
            staged = any(entry.name.endswith(".tmp") for entry in entries)
        if staged:
            running.kill()  # its first file is staged: the moment the old deck is most at risk
            break
    running.communicate(timeout=30)
    assert_whole(decks)


def test_two_builds_at_once_leave_one_whole_deck_and_its_own_manifest(decks: Decks) -> None:
    runs = [build_process(content, decks.deck) for content in (decks.first, decks.second)]
    outputs = [run.communicate(timeout=60)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not any("Traceback" in said for said in outputs)
    data = decks.deck.read_bytes()
    assert data in (decks.first_bytes, decks.second_bytes)
    manifest = json.loads(decks.deck.with_name("deck.manifest.json").read_text("utf-8"))
    assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
    assert leftovers(decks.deck.parent) == []


def test_a_link_planted_where_the_backup_goes_is_not_followed(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--force` keeps the edited deck as `<deck>.backup-<time>.pptx`: a link already at that
    name (the time is easy to guess) is passed over, never written through."""
    from summarydeck.output import guard

    class Frozen(guard.dt.datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls(2026, 1, 2, 3, 4, 5)

    monkeypatch.setattr(guard.dt, "datetime", Frozen)
    secret = site.outside / "secret.txt"
    planted = site.deck.with_name(f"{site.deck.stem}.backup-20260102-030405.pptx")
    planted.symlink_to(secret)
    site.deck.write_bytes(b"PK\x03\x04 edited by hand")
    args = ["build", "--content", str(site.content), "--out", str(site.deck), "--force"]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert secret.read_bytes() == SECRET
    kept = planted.with_name(planted.name.replace(".pptx", "-2.pptx"))
    assert kept.read_bytes() == b"PK\x03\x04 edited by hand"
