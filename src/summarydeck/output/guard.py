"""Never lose someone's edits: before a build replaces a deck, make sure nobody changed it
since summarydeck wrote it (in PowerPoint, say). An edited deck is replaced only with
`--force`, and then a timestamped copy of it is kept beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.ooxml.inventory import SlideRecord, fingerprint, read_records
from summarydeck.ooxml.properties import last_saved_by_application
from summarydeck.output.manifest import manifest_path
from summarydeck.output.stamp import read_stamp


class EditedDeckError(OutputError):
    """The deck on disk was changed since it was written, and `--force` was not given."""


@dataclass(frozen=True)
class DiskState:
    safe: bool  # nothing on disk would be lost by replacing it
    why: str = ""  # when not safe: what is there
    changed: tuple[str, ...] = ()  # ids of the slides that differ from what was written


def disk_state(target: Path) -> DiskState:
    if not target.exists():
        return DiskState(True)
    if _matches_manifest(target):
        return DiskState(True)  # byte for byte what we wrote: the fast, common case
    stamp = read_stamp(target)
    if stamp is None:
        if _written_by_older_summarydeck(target):
            return DiskState(True)
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
    backup = _backup_name(target)
    try:
        shutil.copy2(target, backup)
    except OSError as exc:
        raise OutputError(f"cannot keep a backup of {target}: {exc.strerror}") from exc
    return backup


def _backup_name(target: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
    number = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.backup-{stamp}-{number}{target.suffix}")
        number += 1
    return candidate


def _matches_manifest(target: Path) -> bool:
    try:
        recorded = json.loads(manifest_path(target).read_text(encoding="utf-8")).get("sha256")
        return bool(recorded) and hashlib.sha256(target.read_bytes()).hexdigest() == recorded
    except (OSError, ValueError, AttributeError):
        return False


def _written_by_older_summarydeck(target: Path) -> bool:
    """Decks from before the stamp existed: ours, and never saved by anything else, when the
    application and last author are still summarydeck (PowerPoint rewrites both)."""
    return last_saved_by_application(target, "summarydeck")


def _changed(target: Path, records: list[SlideRecord]) -> tuple[str, ...]:
    """Which slides differ from the manifest written with the deck (when it is still there)."""
    try:
        manifest = json.loads(manifest_path(target).read_text(encoding="utf-8"))
        written = {s["id"]: s["hash"] for s in manifest["slides"]}
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    now = {r.id: r.hash for r in records}
    changed = [i for i, h in now.items() if written.get(i) != h]
    changed += [i for i in written if i not in now]
    if not changed:  # same slides, other order: name those whose place changed
        order = [s["id"] for s in manifest["slides"]]
        changed = [r.id for r, was in zip(records, order, strict=False) if r.id != was]
    return tuple(changed)
