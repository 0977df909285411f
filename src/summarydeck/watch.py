"""`summarydeck watch`: rebuild the deck each time a content or brand file is saved.

File events come from `watchfiles` (inotify, FSEvents or ReadDirectoryChangesW underneath,
so no polling), which also debounces: an editor that writes a file in several steps, or a
"save all", gives one rebuild. A broken edit prints its diagnostics and leaves the last good
deck in place, since a build writes nothing unless it succeeds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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
        try:  # beside the deck, so a preview never mixes with a real export
            exported = api.export([result.path], result.path.parent / "preview")
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
) -> None:
    """Build once, then again after every batch of saves, until `stop` is set (or Ctrl-C)."""
    import watchfiles

    selection = selection or api.Selection()
    done = rebuild(content_dir, out, selection, preview=preview, force=force)
    report(done)
    # --force holds until a build succeeds; after that, a deck edited while we watch is kept
    force = force and done.result is None
    outside = OutsideFiles()
    outside.follow(done)
    for changes in watchfiles.watch(
        content_dir,
        watch_filter=lambda _change, path: is_watched(path),
        debounce=debounce_ms,
        step=50,
        stop_event=stop,
        raise_interrupt=False,
        # an empty batch after a quiet second: the first one says the watcher is running, so
        # "waiting" is said only once a save can no longer be missed
        rust_timeout=1000,
        yield_on_timeout=True,
    ):
        files = tuple(sorted({Path(path).name for _, path in changes} | set(outside.changed())))
        if not files:
            if ready is not None:
                ready()
                ready = None
            continue
        done = rebuild(content_dir, out, selection, preview=preview, force=force, changed=files)
        report(done)
        force = force and done.result is None
        outside.follow(done)  # brand.yaml may name another logo now


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
