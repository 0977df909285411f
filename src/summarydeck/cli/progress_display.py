"""Progress of long work on a terminal: a rich display on stderr while `build` or `export`
works, one line a stage, erased when it is done (the summary lines stay).

Shown only where someone is watching: stderr is a terminal and TERM is not `dumb`. A pipe, a
file or a CI log get nothing at all (not one carriage return or escape code), nor does `watch`,
which never asks. NO_COLOR turns the colours off (rich reads it). rich is imported only when a
display starts, so `--version` and a short build never load it.

`export` takes seconds (LibreOffice's start alone), so it shows at once. A `build` of a usual
deck takes about a second and must stay quiet: its display starts only when the deck has
BIG_DECK slides to draw (known once it is laid out, before the drawing that grows with it), or
when the build has run SLOW_AFTER_S seconds (a cold cache of picture charts, a slow machine):
a flash of progress on a 1-second build would be noise, a silent 5-second one is a worry.
The stages reported before the display started are shown as done, with their times.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from summarydeck import api

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

BIG_DECK = 100  # slides to draw: from here a build shows progress at once
SLOW_AFTER_S = 2.0  # a build that has run this long shows progress, however small its deck


def on_terminal(stream: IO[str] | None = None) -> bool:
    """Whether progress may be shown on `stream` (stderr): a terminal that is not `dumb`."""
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False
    return tty and os.environ.get("TERM", "") != "dumb"


@contextmanager
def progress_shown(*, at_once: bool) -> Iterator[api.Progress]:
    """What to hand `api.build` or `api.export` as its `progress`: a display on a terminal
    (started at once, or only for long work), nothing anywhere else. On leaving, the display
    is erased, before any error is printed by the caller's `exit_status`."""
    if not on_terminal():
        yield api.NO_PROGRESS
        return
    display = Display(at_once=at_once)
    try:
        yield display
    finally:
        display.close()


@dataclass
class _Stage:
    name: str
    total: int | None
    started: float
    completed: int = 0
    ended: float | None = None


class Display:
    """A `summarydeck.progress.Progress` that shows rich's progress on stderr, at once or once
    the work turns out long (`at_once=False`: see the module's rule)."""

    def __init__(
        self,
        *,
        at_once: bool,
        clock: Callable[[], float] = time.monotonic,
        start: Callable[[], RichProgress | None] | None = None,
    ) -> None:
        self._at_once = at_once
        self._clock = clock
        self._begun = clock()
        self._stages: list[_Stage] = []
        self._start = start or _rich_display
        self._shown: RichProgress | None = None
        self._tasks: list[TaskID] = []
        self._refused = False  # rich found no terminal after all: never try again

    @property
    def shown(self) -> bool:
        return self._shown is not None

    def stage(self, name: str, total: int | None = None) -> None:
        now = self._clock()
        self._end_current(now)
        self._stages.append(_Stage(name, total, now))
        if self._shown is not None:
            self._add(self._shown, self._stages[-1])
        elif self._at_once or (total is not None and total >= BIG_DECK) or self._slow(now):
            self._show()

    def advance(self, steps: int = 1) -> None:
        if not self._stages:
            return
        current = self._stages[-1]
        current.completed += steps
        if self._shown is not None:
            self._shown.advance(self._tasks[-1], steps)
        elif self._slow(self._clock()):
            self._show()

    def done(self) -> None:
        self._end_current(self._clock())

    def close(self) -> None:
        """Stop and erase the display (transient): the caller prints its summary after."""
        if self._shown is not None:
            self._shown.stop()
            self._shown = None

    def _slow(self, now: float) -> bool:
        return not self._refused and now - self._begun >= SLOW_AFTER_S

    def _end_current(self, now: float) -> None:
        if not self._stages or self._stages[-1].ended is not None:
            return
        current = self._stages[-1]
        current.ended = now
        if self._shown is not None:
            self._finish(self._shown, self._tasks[-1], current)

    def _show(self) -> None:
        if self._refused:
            return
        shown = self._start()
        if shown is None:
            self._refused = True
            return
        self._shown = shown
        for stage in self._stages:  # the stages so far, with their real times
            self._add(shown, stage)
            if stage.ended is not None:
                self._finish(shown, self._tasks[-1], stage)

    def _add(self, shown: RichProgress, stage: _Stage) -> None:
        task = shown.add_task(
            stage.name, total=stage.total, completed=stage.completed, counted=stage.total
        )
        self._tasks.append(task)
        for kept in shown.tasks:
            if kept.id == task:
                kept.start_time = stage.started  # the same clock as rich's: time.monotonic

    @staticmethod
    def _finish(shown: RichProgress, task: TaskID, stage: _Stage) -> None:
        shown.update(task, total=stage.total or 1, completed=stage.total or 1)
        for kept in shown.tasks:
            if kept.id == task and stage.ended is not None:
                kept.finished_time = stage.ended - stage.started


def _rich_display() -> RichProgress | None:
    """rich's progress on stderr, started; None when rich sees no terminal it can draw on
    (TTY_COMPATIBLE=0, a dumb terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    console = Console(stderr=True)
    if not console.is_terminal or console.is_dumb_terminal:
        return None

    class Count(ProgressColumn):
        """`12/300` for a stage with a count; nothing for one without."""

        def render(self, task: Any) -> Text:
            total = task.fields.get("counted")
            shown = "" if total is None else f"{int(task.completed)}/{total}"
            return Text(shown, style="progress.download")

    display = Progress(
        SpinnerColumn(finished_text="[progress.spinner]✓"),
        TextColumn("{task.description}"),
        BarColumn(),
        Count(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    display.start()
    return display
