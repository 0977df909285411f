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
KEPT_PICTURES = 500  # about 30 MB of 960-pixel slides: a long deck and its last few edits


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
        # pictures drawn so far, by the drawing key of their slide: a slide that looks as
        # it did is not drawn again, nor one that looks as it did a few edits ago (undo)
        self._drawn: dict[str, bytes] = {}
        self._hidden: set[str] = set()  # keys of hidden slides: never a picture

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
        # a build always gives its keys; were one missing, the deck's digest stands in
        keys = result.slide_keys or tuple(f"{result.sha256}-{s.number}" for s in slides)
        lines = SourceLines()
        warnings = tuple(problem(d, {}, lines) for d in ordered(result.diagnostics))
        missing = [
            s.number
            for s, key in zip(slides, keys, strict=True)
            if key not in self._drawn and key not in self._hidden
        ]
        # at once: the pictures of slides drawn before as they look now (their keys say so),
        # and, until the others are drawn, the picture each of those had last, if any
        self.state.update(
            self._pictures(slides, keys, interim=True),
            phase="rendering" if missing else "ready",
            deck=result.path.name,
            built_at=now,
            slides=self._shown(slides, keys, interim=True),
            problems=warnings,
            message="",
            hint=None,
        )
        if not missing:
            self.say(f"built {_count(result.slides, 'slide')}; no slide looks different")
            return
        self.say(f"built {_count(result.slides, 'slide')}; drawing {_count(len(missing), 'slide')}")
        try:
            exported = api.export(
                [result.path],
                api.preview_folder(result.path),
                width_px=self.width_px,
                contact_sheets=False,  # the page is the contact sheet
                pictures_of=missing,
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
        drawn = {_number(path): path for path in exported[0].slides}
        for number in missing:
            if number in drawn:
                self._keep(keys[number - 1], drawn[number].read_bytes())
            else:  # a hidden slide: in the deck, not in the PDF, so it has no picture
                self._hidden.add(keys[number - 1])
        self.state.update(
            self._pictures(slides, keys, interim=False),
            phase="ready",
            slides=self._shown(slides, keys, interim=False),
        )
        self.say(f"pictures of {_count(len(drawn), 'slide')} drawn")

    def _keep(self, key: str, picture: bytes) -> None:
        self._drawn[key] = picture
        while len(self._drawn) > KEPT_PICTURES:  # the oldest go first
            del self._drawn[next(iter(self._drawn))]

    def _shown(
        self, slides: tuple[SlideView, ...], keys: tuple[str, ...], *, interim: bool
    ) -> tuple[SlideView, ...]:
        last = {s.id: s.picture for s in self.state.snapshot().slides} if interim else {}
        return tuple(
            replace(s, picture=_name(s, key) if key in self._drawn else last.get(s.id))
            for s, key in zip(slides, keys, strict=True)
        )

    def _pictures(
        self, slides: tuple[SlideView, ...], keys: tuple[str, ...], *, interim: bool
    ) -> dict[str, bytes]:
        pictures = {
            _name(s, key): self._drawn[key]
            for s, key in zip(slides, keys, strict=True)
            if key in self._drawn
        }
        if interim:  # the last pictures of the slides still to draw, served until then
            for view in self._shown(slides, keys, interim=True):
                if view.picture is not None and view.picture not in pictures:
                    last = self.state.picture(view.picture)
                    if last is not None:
                        pictures[view.picture] = last
        return pictures


def _name(slide: SlideView, key: str) -> str:
    """A picture's name: its slide's number, and its key, so a name is always one picture
    (the page's browser may keep it for good)."""
    return f"{slide.number:02d}-{key[:16]}.png"


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
