"""What the preview page shows now, shared between the watch thread (which changes it) and the
web server's event loop (which reads it and waits for changes).

Each change replaces the whole snapshot and raises its version by one; a page that has seen
version N asks for what came after it. The slide pictures live here too, in memory: `export`
replaces its folder on every build, and a picture read from disk half-way through that would
be missing or from another build.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Phase = Literal["starting", "rendering", "ready", "failed"]


@dataclass(frozen=True)
class SlideView:
    number: int  # in the deck, 1-based
    id: str
    title: str
    kind: str
    section: str | None
    picture: str | None = None  # its picture's name under /slides/, None while there is none


@dataclass(frozen=True)
class Problem:
    """A diagnostic as the page shows it: where, what, and what to do."""

    severity: str  # "error" or "warning"
    code: str
    message: str
    location: str = ""  # `content/deck.yaml:5:3`; empty when it is not in a file
    file: str = ""
    line: int = 0
    excerpt: str = ""  # the source line with a caret under the column, as the terminal shows
    hint: str | None = None
    slide: int | None = None  # the slide whose content it is in, when that is known


@dataclass(frozen=True)
class Snapshot:
    version: int = 0
    phase: Phase = "starting"
    deck: str = ""  # the deck file's name
    built_at: str = ""  # clock time of the last good build
    slides: tuple[SlideView, ...] = ()  # of the last good build
    problems: tuple[Problem, ...] = ()  # of the latest build: its errors, or its warnings
    message: str = ""  # one line on the latest build when it did not simply work
    hint: str | None = None  # what to do about `message`

    @property
    def stale(self) -> bool:
        """The slides shown come from an earlier build: the latest one failed."""
        return self.phase == "failed"

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "phase": self.phase,
            "deck": self.deck,
            "built_at": self.built_at,
            "message": self.message,
            "hint": self.hint,
            "slides": [
                {
                    "number": s.number,
                    "id": s.id,
                    "title": s.title,
                    "kind": s.kind,
                    "section": s.section,
                    "picture": f"/slides/{s.picture}" if s.picture else None,
                }
                for s in self.slides
            ],
            "problems": [
                {
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                    "location": p.location,
                    "excerpt": p.excerpt,
                    "hint": p.hint,
                    "slide": p.slide,
                }
                for p in self.problems
            ],
        }


@dataclass
class PreviewState:
    """The current snapshot and pictures, changed by one thread, read and awaited by others."""

    _snapshot: Snapshot = field(default_factory=Snapshot)
    _pictures: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = field(default_factory=set)

    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def picture(self, name: str) -> bytes | None:
        with self._lock:
            return self._pictures.get(name)

    def update(self, pictures: dict[str, bytes] | None = None, **changes: Any) -> Snapshot:
        """A new snapshot with `changes` (and, when given, these pictures replacing the old
        ones), told to everyone waiting."""
        with self._lock:
            version = self._snapshot.version + 1
            if pictures is not None:
                self._pictures = dict(pictures)
            self._snapshot = replace(self._snapshot, version=version, **changes)
            waiters = list(self._waiters)
            snapshot = self._snapshot
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has closed: its page is gone
                loop.call_soon_threadsafe(event.set)
        return snapshot

    async def after(self, version: int) -> Snapshot:
        """The first snapshot newer than `version`, waiting for it if need be."""
        event = asyncio.Event()
        waiter = (asyncio.get_running_loop(), event)
        with self._lock:
            if self._snapshot.version > version:
                return self._snapshot
            self._waiters.add(waiter)
        try:
            await event.wait()
        finally:
            with self._lock:
                self._waiters.discard(waiter)
        return self.snapshot()
