"""Write a build's files atomically and all or none, and only inside the output folder.

Each file is written beside its target and renamed over it, so a failed build never leaves a
damaged or half-written deck, and a deck and its manifest (or every variant of `build --all`)
always agree with each other. A target is never opened for writing: a new file is created
beside it (`O_EXCL`, so no link is followed) and renamed over the name, and a rename replaces
the name itself, never what a link there points to. So nothing is written outside the output
folder, even when a link appears at a target half-way through a build.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from summarydeck.diagnostics import OutputError

if sys.platform != "win32":
    import fcntl

# A build's own files beside a target: `.<name>.<pid>.<8 random>.tmp` (the new file, before its
# rename) and `.<name>.<pid>.old` (the old file's second name, to put it back with).
_STALE_AFTER = 3600.0  # seconds; a live build renames its files within seconds of writing them
_LOCK_WAIT = 30.0  # seconds another build may hold the output folder (it needs milliseconds)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to `path`, flush to disk, then rename over it in one step. An existing file
    keeps its permissions; a symbolic link, folder, FIFO or device at `path` is refused."""
    write_together([(path, data)])


def check_targets(paths: Iterable[Path]) -> None:
    """Raise OutputError unless each path is a regular file or nothing yet. Called before a
    build renders, so a bad target is said at once, and again when writing."""
    for path in paths:
        _check_target(path)


def _check_target(path: Path) -> os.stat_result | None:
    """What is at `path` (not following a link there), or None; OutputError when it is
    anything a deck must not replace."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a parent that is a file, a folder we may not search
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    mode = found.st_mode
    if stat.S_ISREG(mode):
        return found
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"{path} is a symbolic link; summarydeck does not write through links",
            "remove it or choose another --out",
        )
    what = "a folder" if stat.S_ISDIR(mode) else _special(mode)
    raise OutputError(
        f"{path} is {what}, not a file, so it was not replaced",
        "move it away or choose another --out",
    )


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


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
        with _folders_locked({path.parent for _, path in staged}):
            for _, path in staged:
                aside.append((path, _set_aside(path)))
            for done, (tmp, path) in enumerate(staged):
                try:
                    os.replace(tmp, path)  # replaces the name: a link there is not followed
                except OSError as exc:
                    _put_back(aside[:done])
                    raise OutputError(
                        f"cannot write {path}: {exc.strerror}; the files written before it "
                        "were put back as they were"
                    ) from exc
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)  # after a failure: the ones not renamed
        for _, old in aside:
            if old is not None:
                old.unlink(missing_ok=True)


@contextmanager
def _folders_locked(folders: Iterable[Path]) -> Iterator[None]:
    """Hold each folder's lock (`flock` on the folder itself: no lock file to leave behind)
    while a build puts its files in place, so two builds at once never interleave their
    renames (one's deck beside the other's manifest). The kernel lets go of a killed build's
    lock; where folders cannot be locked (Windows, some network shares) the writes go ahead."""
    if sys.platform == "win32":
        yield
        return
    held: list[int] = []
    try:
        for folder in sorted(folders):  # one order for every build: no deadlock
            try:
                fd = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            held.append(fd)
            _lock(fd, folder)
        yield
    finally:
        for fd in held:
            os.close(fd)  # closing lets go of the lock


def _lock(fd: int, folder: Path) -> None:
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OutputError(
                    f"another build has been writing to {folder} for {_LOCK_WAIT:.0f} s",
                    "wait for it to finish, or stop it, and build again",
                ) from None
            time.sleep(0.02)
        except OSError:
            return  # a file system without locks: write as before


def _set_aside(path: Path) -> Path | None:
    """A second name for the file at `path`, to put it back with; None when there is none."""
    if _check_target(path) is None:
        return None
    old = path.with_name(f".{path.name}.{os.getpid()}.old")
    try:
        old.unlink(missing_ok=True)  # left by a run that was killed
        try:
            os.link(path, old, follow_symlinks=False)
        except OSError:  # a file system without hard links
            _copy_exclusive(path, old)
    except OSError as exc:
        old.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    return old


def _copy_exclusive(source: Path, target: Path) -> None:
    """Copy a regular file to a new name, following no link at either end."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    binary = getattr(os, "O_BINARY", 0)
    reading = os.open(source, os.O_RDONLY | nofollow | binary)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow | binary
        writing = os.open(target, flags, stat.S_IMODE(os.fstat(reading).st_mode))
        try:
            while chunk := os.read(reading, 1 << 20):
                os.write(writing, chunk)
            os.fsync(writing)
        finally:
            os.close(writing)
    finally:
        os.close(reading)


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
    """`data` flushed to a temporary file beside `path`."""
    found = _check_target(path)
    mode = stat.S_IMODE(found.st_mode) if found is not None else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(path)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
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


def _clean_stale(path: Path) -> None:
    """Remove what a build killed beside `path` left (`kill -9`, a power cut): temporary and
    set-aside files of a process that is gone, or older than any build takes. Another build
    still running keeps its own."""
    # (no pid: left by a version that did not name it; only its age tells)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)\.)?(?:[a-z0-9_]{{8}}\.tmp|old)")
    now = time.time()
    with os.scandir(path.parent) as entries:
        found = [(entry, pattern.fullmatch(entry.name)) for entry in entries]
    for entry, match in found:
        if match is None:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            pid = match.group(1)
            if (pid is None or _is_running(int(pid))) and age < _STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: it does no harm


def _is_running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether it exists
    except ProcessLookupError:
        return False
    except (OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: leave its files
    return True
