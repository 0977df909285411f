"""`summarydeck watch`: rebuild the deck each time a content or brand file is saved.

File events come from `watchfiles` (inotify, FSEvents or ReadDirectoryChangesW underneath,
so no polling), which also debounces: an editor that writes a file in several steps, or a
"save all", gives one rebuild. A broken edit prints its diagnostics and leaves the last good
deck in place, since a build writes nothing unless it succeeds. watchfiles follows a folder,
not its name, so the name is looked at too: a content folder deleted and restored, or another
moved into its place, is watched afresh (it would otherwise never rebuild again).
"""

from __future__ import annotations

import gc
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from summarydeck import api
from summarydeck.diagnostics import ContentError, Diagnostic, OutputError, SelectionError


def is_watched(path: str) -> bool:
    """A content file or picture, not an editor's backup or swap file."""
    return api.is_content_path(path)


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild did: a result, or the diagnostics and message of a failure."""

    result: api.BuildResult | None
    diagnostics: list[Diagnostic]
    error: str = ""
    changed: tuple[str, ...] = ()  # the files whose change set it off
    preview: str = ""  # where preview pictures were written, or why they were not
    hint: str | None = None  # what to do about `error`


def rebuild(
    content_dir: Path,
    out: Path | None,
    selection: api.Selection,
    *,
    force: bool = False,
    preview: bool = False,
    changed: tuple[str, ...] = (),
) -> Rebuilt:
    """One build, never raising for what a user can fix: the loop must go on."""
    try:
        result = api.build(content_dir, out, selection=selection, force=force)
    except ContentError as exc:
        return Rebuilt(None, exc.diagnostics, "the content has errors", changed)
    except (OutputError, SelectionError) as exc:
        return Rebuilt(None, [], str(exc), changed, hint=exc.hint)
    shown = ""
    if preview:
        try:
            exported = api.export([result.path], api.preview_folder(result.path))
            shown = str(exported[0].slides[0].parent) if exported[0].slides else ""
        except OutputError as exc:
            shown = f"no preview: {exc}"
    return Rebuilt(result, result.diagnostics, "", changed, shown)


def watch(
    content_dir: Path,
    report: Callable[[Rebuilt], None],
    *,
    out: Path | None = None,
    selection: api.Selection | None = None,
    preview: bool = False,
    force: bool = False,
    stop: threading.Event | None = None,
    debounce_ms: int = 300,
    ready: Callable[[], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> None:
    """Build once, then again after every batch of saves, until `stop` is set (or Ctrl-C).

    The folder itself is watched too: when it is deleted, or another folder takes its place,
    `notice` says so, and the watch waits for it and rebuilds from the folder now there."""
    try:
        _watch(
            content_dir, report, out, selection, preview, force, stop, debounce_ms, ready, notice
        )
    finally:
        gc.unfreeze()  # what `_settle` set aside is the process's to collect again


def _watch(
    content_dir: Path,
    report: Callable[[Rebuilt], None],
    out: Path | None,
    selection: api.Selection | None,
    preview: bool,
    force: bool,
    stop: threading.Event | None,
    debounce_ms: int,
    ready: Callable[[], None] | None,
    notice: Callable[[str], None] | None,
) -> None:
    selection = selection or api.Selection()
    stop = stop or threading.Event()
    say = notice or (lambda _message: None)
    done = rebuild(content_dir, out, selection, preview=preview, force=force)
    report(done)
    _settle()
    # --force holds until a build succeeds; after that, a deck edited while we watch is kept
    force = force and done.result is None
    outside = OutsideFiles()
    outside.follow(done)
    pending = False  # the folder came back, or another took its place: rebuild from it
    replaced = False  # the last watcher ended: its folder went, or another is there now
    while not stop.is_set():
        folder = Folder.open(content_dir)
        if folder is None:
            say(f"{_shown(content_dir)} was removed; waiting for it to come back")
            if not _wait_for(content_dir, stop):
                return
            say(f"{_shown(content_dir)} is back; rebuilding and watching it")
            pending, replaced = True, False
            continue
        if replaced:
            say(f"{_shown(content_dir)} is another folder now; rebuilding and watching it")
            pending = True
        with folder:
            # the first batch comes once the watcher runs, so a rebuild for a folder that came
            # back reads every file saved into it before then, and the watcher sees the rest
            for files in _batches(content_dir, folder, outside, stop, debounce_ms):
                if pending:
                    files, pending = files or (f"{content_dir.name}/",), False
                elif not files:
                    if ready is not None:
                        ready()
                        ready = None
                    continue
                done = rebuild(
                    content_dir, out, selection, preview=preview, force=force, changed=files
                )
                report(done)
                _settle()
                force = force and done.result is None
                outside.follow(done)  # brand.yaml may name another logo now
            if folder.is_still(content_dir):
                return  # stopped (or Ctrl-C), with the folder where it was
        replaced = True


def _settle() -> None:
    """Between builds, while nothing waits: a full garbage collection now, and what is still
    alive (the caches that make the next build fast) set aside from later ones, so the next
    build is not paused by a collection of them (about 30 ms, every few builds). Unfrozen
    first, so what the caches let go of since is collected too."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _batches(
    content_dir: Path,
    folder: Folder,
    outside: OutsideFiles,
    stop: threading.Event,
    debounce_ms: int,
) -> Iterator[tuple[str, ...]]:
    """The names of the files changed in each batch of saves (empty after a quiet second),
    until `stop` is set or `content_dir` is no longer the folder being watched."""
    import watchfiles

    batches = watchfiles.watch(
        content_dir,
        watch_filter=lambda _change, path: is_watched(path),
        debounce=debounce_ms,
        # a save is quiet after 10 ms (an editor's write, rename and backup come within a
        # millisecond or two); a rebuild of one changed slide takes tens of ms, so waiting
        # longer would be much of the time from save to deck. Should an editor's steps
        # straddle it, the second rebuild is cheap and draws nothing new.
        step=10,
        stop_event=stop,
        raise_interrupt=False,
        # an empty batch after a quiet second: the first one says the watcher is running, so
        # "waiting" is said only once a save can no longer be missed
        rust_timeout=1000,
        yield_on_timeout=True,
    )
    try:
        for changes in batches:
            if not folder.is_still(content_dir):
                return  # watchfiles follows the old folder, deleted or moved away: start again
            names = {Path(path).name for _, path in changes}
            yield tuple(sorted(names | set(outside.changed())))
    except FileNotFoundError:
        if folder.is_still(content_dir):
            raise
        # the folder went between our look and the watcher's start: start again


class Folder:
    """The folder being watched, held open: its identity cannot pass to a new folder while we
    hold it (a folder deleted and made again gets another inode), so a deleted and restored
    folder, or one moved into its place, is told from the one watchfiles still follows."""

    def __init__(self, identity: tuple[int, int], fd: int | None) -> None:
        self.identity = identity
        self.fd = fd

    @classmethod
    def open(cls, path: Path) -> Folder | None:
        """The folder at `path`, or None when there is none."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:  # gone; or Windows, which opens no folder this way
            fd = None
        try:
            found = os.fstat(fd) if fd is not None else os.stat(path)
        except OSError:
            found = None
        if found is None or not stat.S_ISDIR(found.st_mode):
            if fd is not None:
                os.close(fd)
            return None
        return cls((found.st_dev, found.st_ino), fd)

    def is_still(self, path: Path) -> bool:
        """Whether `path` is still this folder."""
        try:
            found = os.stat(path)
        except OSError:
            return False
        return stat.S_ISDIR(found.st_mode) and (found.st_dev, found.st_ino) == self.identity

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *_: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _wait_for(path: Path, stop: threading.Event) -> bool:
    """Wait until there is a folder at `path` (True) or `stop` is set (False)."""
    while not stop.wait(0.2):
        if path.is_dir():
            return True
    return False


def _shown(path: Path) -> str:
    """A folder as the user named it, marked as a folder: `content/`."""
    return f"{path.as_posix().rstrip('/')}/"


class OutsideFiles:
    """Files the brand names outside the content folder (a logo in a shared brand folder),
    looked at once a second: watching their folder instead could mean watching a whole home
    folder, recursively. Each successful build says which they are."""

    def __init__(self) -> None:
        self.seen: dict[Path, tuple[int, int] | None] = {}

    def follow(self, done: Rebuilt) -> None:
        if done.result is not None:  # a failed build keeps the last list
            self.seen = {path: _state(path) for path in done.result.outside}

    def changed(self) -> list[str]:
        """The names of the files that changed since the last look."""
        now = {path: _state(path) for path in self.seen}
        moved = [path.name for path in self.seen if now[path] != self.seen[path]]
        self.seen = now
        return moved


def _state(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size)


def clock() -> str:
    return time.strftime("%H:%M:%S")
