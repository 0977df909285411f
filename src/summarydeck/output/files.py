"""Write a build's files atomically and all or none.

Each file is written beside its target and renamed over it, so a failed build never leaves a
damaged or half-written deck, and a deck and its manifest (or every variant of `build --all`)
always agree with each other.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from summarydeck.diagnostics import OutputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to `path`, flush to disk, then rename over it in one step.

    A symlink is followed, so the file it points at is replaced, and an existing deck keeps its
    permissions."""
    write_together([(path, data)])


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files all or none (a deck and its manifest; every variant of `build
    --all`): each goes to a temporary file beside its target, the files already there are set
    aside (hard links, so no copying), and only then are the new ones renamed into place. A
    full disk, or a rename refused half-way (a deck open in PowerPoint on Windows), puts every
    target back as it was."""
    staged: list[tuple[Path, Path]] = []
    aside: list[tuple[Path, Path | None]] = []  # each target and its old file (None: new)
    try:
        for path, data in files:
            staged.append(_stage(path, data))
        for _, path in staged:
            aside.append((path, _set_aside(path)))
        for done, (tmp, path) in enumerate(staged):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                _put_back(aside[:done])
                raise OutputError(
                    f"cannot write {path}: {exc.strerror}; the files written before it were "
                    "put back as they were"
                ) from exc
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)  # after a failure: the ones not renamed
        for _, old in aside:
            if old is not None:
                old.unlink(missing_ok=True)


def _set_aside(path: Path) -> Path | None:
    """A second name for the file at `path`, to put it back with; None when there is none."""
    if not path.exists():
        return None
    old = path.with_name(f".{path.name}.{os.getpid()}.old")
    try:
        old.unlink(missing_ok=True)  # left by a run that was killed
        try:
            os.link(path, old)
        except OSError:  # a file system without hard links
            shutil.copy2(path, old)
    except OSError as exc:
        old.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    return old


def _put_back(replaced: list[tuple[Path, Path | None]]) -> None:
    for path, old in replaced:
        try:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(old, path)
        except OSError:
            continue  # the rest still go back; the error raised says what failed


def _stage(path: Path, data: bytes) -> tuple[Path, Path]:
    """`data` flushed to a temporary file beside `path` (the target: a symlink's file)."""
    path = path.resolve() if path.is_symlink() else path
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
    except OSError:
        mode = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode if mode is not None else 0o666 & ~_umask())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    return tmp, path
