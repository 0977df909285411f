"""Files the content names (a logo, a partner's logo, a template): read only from inside the
content folder, and only when they are plain files of a bounded size.

Content may come from someone else (a shared folder, a pull request): `logo: ../../.ssh/id_rsa`
or a symlink out of the folder must not pull a file of this machine into a deck that is then
shared. A brand folder shared by several decks is named on the command line (`--assets DIR`),
never by the content itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

# Folders besides the content folder that files may come from: set by `--assets` on each run
# of a command (and reset by each run that does not give it).
_allowed: tuple[Path, ...] = ()


def allow_folders(folders: Iterable[Path]) -> None:
    """Let content name files in these folders too (a brand folder shared by several decks)."""
    global _allowed
    _allowed = tuple(folders)


def allowed_folders() -> tuple[Path, ...]:
    return _allowed


def problem_with(root: Path, name: str, most_bytes: int) -> str | None:
    """Why the file `name` (relative to the content folder `root`) cannot be used, or None.
    The reason reads after the file's name: "is outside the content folder"."""
    if name.startswith(("\\", "~")) or (
        Path(name).is_absolute() and not any(Path(name).is_relative_to(f) for f in _allowed)
    ):
        return "is outside the content folder (the path must be relative to it)"
    path = root / name
    try:
        resolved = path.resolve()
        inside = any(resolved.is_relative_to(f.resolve()) for f in (root, *_allowed))
    except (OSError, RuntimeError):  # a symlink loop
        return "cannot be followed (a link that points to itself?)"
    if not inside:
        return "is outside the content folder (a `..` or a link leads out of it)"
    try:
        status = path.stat()
    except FileNotFoundError:
        return "not found"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file"
    if status.st_size > most_bytes:
        size, most = status.st_size / 1e6, most_bytes // 1_000_000
        return f"is {size:.0f} MB; the most such a file may be is {most} MB"
    return None


def read_asset(root: Path, name: str, most_bytes: int) -> bytes:
    """The file's bytes, read once and bounded; OSError with the reason when it cannot be used
    (it may have changed since the content was checked)."""
    problem = problem_with(root, name, most_bytes)
    if problem is not None:
        raise OSError(f"`{name}` {problem}")
    descriptor = os.open(root / name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(most_bytes + 1)
    if len(data) > most_bytes:
        raise OSError(f"`{name}` grew past {most_bytes // 1_000_000} MB while it was read")
    return data
