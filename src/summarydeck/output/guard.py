"""Never lose someone's edits: before a build replaces a deck, make sure nobody changed it
since summarydeck wrote it (in PowerPoint, say). An edited deck is replaced only with
`--force`, and then a timestamped copy of it is kept beside it."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import OutputError
from summarydeck.ooxml.inventory import SlideRecord, fingerprint, read_records
from summarydeck.ooxml.opening import read_deck_bytes
from summarydeck.ooxml.package_limits import (
    MB,
    PackageRefusal,
    open_regular,
    read_regular,
    what_is_at,
)
from summarydeck.ooxml.properties import last_saved_by_application
from summarydeck.output.manifest import manifest_path
from summarydeck.output.stamp import read_stamp

_MANIFEST_BYTES = 50 * MB  # a 2,000-slide deck's manifest is a few MB


class EditedDeckError(OutputError):
    """The deck on disk was changed since it was written, and `--force` was not given."""


@dataclass(frozen=True)
class DiskState:
    safe: bool  # nothing on disk would be lost by replacing it
    why: str = ""  # when not safe: what is there
    changed: tuple[str, ...] = ()  # ids of the slides that differ from what was written


def disk_state(target: Path) -> DiskState:
    """What replacing `target` would lose. Raises OutputError when what is there is no file
    (a folder, a named pipe, a device): reading it could block for ever, and nothing may be
    written over it, even with --force."""
    kind = what_is_at(target)
    if kind is not None:
        raise OutputError(
            f"{target} is {kind}, not a file, so it was not replaced",
            "move it away or choose another --out",
        )
    if not target.exists():
        return DiskState(True)
    if _matches_manifest(target):
        return DiskState(True)  # byte for byte what we wrote: the fast, common case
    stamp = read_stamp(target)
    if stamp is None:
        if _written_by_older_summarydeck(target):
            return DiskState(True)
        if not _readable(target):  # a damaged deck, a zip bomb: within the limits, refused
            return DiskState(False, "cannot be read as a deck any more")
        return DiskState(False, "was not written by summarydeck")
    try:
        records = read_records(target)
    except OutputError:  # a file that cannot be read is not the deck as written
        return DiskState(False, "cannot be read as a deck any more")
    if fingerprint(records) == stamp.slides_hash:
        return DiskState(True)  # saved again (PowerPoint rewrites the XML), nothing changed
    return DiskState(False, "was edited since summarydeck wrote it", _changed(target, records))


def guard_overwrite(target: Path, *, force: bool) -> Path | None:
    """Raise EditedDeckError when replacing `target` would lose changes; with `force`, copy
    it to a timestamped backup first and return the backup's path."""
    state = disk_state(target)
    if state.safe:
        return None
    slides = ""
    if state.changed:
        shown = ", ".join(f"`{s}`" for s in state.changed[:8])
        more = f" and {len(state.changed) - 8} more" if len(state.changed) > 8 else ""
        slides = f" (changed: {shown}{more})"
    if not force:
        raise EditedDeckError(
            f"{target} {state.why}{slides}, so it was not replaced",
            "copy those edits into the content files, or run again with --force to replace "
            "it (the edited deck is then kept as a timestamped backup beside it)",
        )
    try:
        return _keep_backup(target)
    except OSError as exc:
        raise OutputError(f"cannot keep a backup of {target}: {exc.strerror}") from exc


def _keep_backup(target: Path) -> Path:
    """A copy of `target` under a new timestamped name beside it. The name is created with
    O_EXCL, so whatever is already there (a link planted where the backup will go) is never
    followed or overwritten: the next number is taken instead."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        suffix = f"-{number}" if number > 1 else ""
        candidate = target.with_name(f"{target.stem}.backup-{stamp}{suffix}{target.suffix}")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as copy, target.open("rb") as original:
            shutil.copyfileobj(original, copy)
        shutil.copystat(target, candidate)
        return candidate
    raise FileExistsError(errno.EEXIST, "too many backups with this time stamp")


def _manifest(target: Path) -> Any:
    """The manifest written beside `target`, or None: read only when it is a regular file of
    a sane size (something else put there must not block or flood the build)."""
    try:
        return json.loads(read_regular(manifest_path(target), _MANIFEST_BYTES).decode("utf-8"))
    except (OSError, ValueError, PackageRefusal):
        return None


def _matches_manifest(target: Path) -> bool:
    try:
        recorded = _manifest(target).get("sha256")
        if not recorded:
            return False
        digest = hashlib.sha256()
        with open_regular(target) as handle:  # streamed: a deck may be large
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return bool(digest.hexdigest() == recorded)
    except (OSError, AttributeError, PackageRefusal):
        return False


def _readable(target: Path) -> bool:
    try:
        read_deck_bytes(target)
    except OutputError:
        return False
    return True


def _written_by_older_summarydeck(target: Path) -> bool:
    """Decks from before the stamp existed: ours, and never saved by anything else, when the
    application and last author are still summarydeck (PowerPoint rewrites both)."""
    return last_saved_by_application(target, "summarydeck")


def _changed(target: Path, records: list[SlideRecord]) -> tuple[str, ...]:
    """Which slides differ from the manifest written with the deck (when it is still there)."""
    manifest = _manifest(target)
    try:
        written = {s["id"]: s["hash"] for s in manifest["slides"]}
    except (KeyError, TypeError):
        return ()
    now = {r.id: r.hash for r in records}
    changed = [i for i, h in now.items() if written.get(i) != h]
    changed += [i for i in written if i not in now]
    if not changed:  # same slides, other order: name those whose place changed
        order = [s["id"] for s in manifest["slides"]]
        changed = [r.id for r, was in zip(records, order, strict=False) if r.id != was]
    return tuple(changed)
