"""How long work tells whoever runs it how far it has got, without knowing who that is.

`build` and `export` take a `Progress` and report their real steps through it: a stage begins
(with how many steps it has, or None when it cannot be counted, such as one LibreOffice run),
steps are done, the work is done. The library never prints: the command line turns these calls
into a display on a terminal (`cli/progress_display.py`), and everyone else (`watch`, the
preview server, the tests, a script) gets `NO_PROGRESS`, which does nothing. Drawing a slide
calls `advance()` once, so a call must stay as cheap as the no-op's.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """A stage begins (the one before it has ended): `total` steps, or None when the
        stage is one step whose length nobody knows."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more of the current stage's steps are done."""

    def done(self) -> None:
        """The work is over: the last stage has ended."""


class _NoProgress:
    """Tells no one: the default wherever progress is not asked for."""

    __slots__ = ()

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


NO_PROGRESS: Progress = _NoProgress()
