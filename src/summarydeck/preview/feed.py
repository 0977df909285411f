"""From `watch` to the page: each rebuild's result, then its slides drawn by `export`.

`watch` calls `report` after every build (the first one and one per batch of saves). A good
build is shown at once as a list of slides (from the manifest written beside the deck), with
the pictures of the last build kept for the slides that are still there; `export` then draws
the new pictures, and the page shows them. A failed build leaves the last good slides on the
page, marked as such, and puts its errors in place of the slides that failed (text that does
not fit names its slide) or above them all.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from summarydeck import api
from summarydeck.diagnostics import Diagnostic, OutputError, SourceLines, source_excerpt
from summarydeck.preview.state import PreviewState, Problem, SlideView
from summarydeck.watch import Rebuilt

# sharp in a grid of slides, and legible when one is opened; a wider picture costs pdftoppm
# time on every save (27 slides at 1280 px: 1.7 s)
PREVIEW_WIDTH_PX = 960


class Feed:
    """The `report` that `watch` calls: puts each rebuild on the page."""

    def __init__(
        self,
        state: PreviewState,
        *,
        width_px: int = PREVIEW_WIDTH_PX,
        say: Callable[[str], None] = lambda _line: None,
        stopping: threading.Event | None = None,
    ) -> None:
        self.state = state
        self.width_px = width_px
        self.say = say
        self.stopping = stopping or threading.Event()  # set: the export's failure is ours

    def __call__(self, done: Rebuilt) -> None:
        try:
            if done.result is None:
                self._failed(done)
            else:
                self._built(done.result)
        except Exception as exc:  # a bug, or a file gone under us: this build is not shown,
            # the page says so, and the next save is watched and shown as ever
            self.state.update(phase="failed", message=f"this build could not be shown: {exc!r}")
            self.say(f"this build could not be shown: {exc!r}")

    def notice(self, message: str) -> None:
        """What `watch` says between builds (the content folder went, or came back)."""
        self.state.update(message=message, hint=None)
        self.say(message)

    def _failed(self, done: Rebuilt) -> None:
        slides = {s.id: s.number for s in self.state.snapshot().slides}
        lines = SourceLines()
        problems = tuple(problem(d, slides, lines) for d in ordered(done.diagnostics))
        errors = sum(p.severity == "error" for p in problems)
        # content errors speak for themselves; anything else (a deck edited since it was
        # built, a folder that cannot be written) is said in a line of its own
        self.state.update(
            phase="failed",
            problems=problems,
            message="" if problems else done.error,
            hint=done.hint,
        )
        self.say(f"build failed: {_count(errors, 'error') if problems else done.error}")

    def _built(self, result: api.BuildResult) -> None:
        now = time.strftime("%H:%M:%S")
        slides = read_slides(result.manifest, result.path)
        old = {s.id: s.picture for s in self.state.snapshot().slides}
        # until the new pictures come: each slide's last picture, if it had one (a moved
        # slide's picture is found by id; a new slide has none yet)
        shown = tuple(replace(s, picture=old.get(s.id)) for s in slides)
        lines = SourceLines()
        warnings = tuple(problem(d, {}, lines) for d in ordered(result.diagnostics))
        self.state.update(
            phase="rendering",
            deck=result.path.name,
            built_at=now,
            slides=shown,
            problems=warnings,
            message="",
            hint=None,
        )
        self.say(f"built {_count(result.slides, 'slide')}; drawing the pictures")
        try:
            exported = api.export(
                [result.path],
                api.preview_folder(result.path),
                width_px=self.width_px,
                contact_sheets=False,  # the page is the contact sheet
            )
        except OutputError as exc:
            if self.stopping.is_set():  # killed because we stop, not LibreOffice's failure
                return
            self.state.update(
                phase="ready",
                message=f"no pictures of the slides: {exc}",
                hint=exc.hint,
            )
            self.say(f"no pictures: {exc}")
            return
        files = {_number(path): path for path in exported[0].slides}
        pictures = {path.name: path.read_bytes() for path in files.values()}
        # a hidden slide is in the deck but not in the PDF, so it has no picture
        drawn = tuple(
            replace(s, picture=files[s.number].name if s.number in files else None) for s in slides
        )
        self.state.update(pictures, phase="ready", slides=drawn)
        self.say(f"pictures of {_count(len(pictures), 'slide')} ready")


def read_slides(manifest: Path | None, deck: Path) -> tuple[SlideView, ...]:
    """Every slide of the deck just built, from the manifest written beside it."""
    if manifest is None:
        return ()
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return tuple(
        SlideView(
            number=slide["number"],
            id=slide["id"],
            title=slide["title"],
            kind=slide["kind"],
            section=slide["section"],
        )
        for slide in data["slides"]
    )


def problem(diag: Diagnostic, slides: dict[str, int], lines: SourceLines) -> Problem:
    """A diagnostic as the page shows it, with the terminal's source line and caret."""
    loc = diag.location
    return Problem(
        severity=diag.severity,
        code=diag.code,
        message=diag.message,
        location=str(loc) if loc else "",
        file=loc.file if loc else "",
        line=loc.line if loc else 0,
        excerpt="\n".join(source_excerpt(diag, lines)),
        hint=diag.hint,
        slide=slides.get(diag.slide) if diag.slide else None,
    )


def ordered(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Errors first, each group in file order, as the terminal lists them."""
    return sorted(diagnostics, key=lambda d: (not d.is_error, d.location is None, d.location or ""))


def _number(picture: Path) -> int:
    """The slide number a picture is named with by `export`: `07-how-common.png`."""
    return int(picture.name.split("-", 1)[0])


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"
