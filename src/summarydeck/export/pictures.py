"""PDF pages -> one PNG per slide with poppler's `pdftoppm`, named after the slides.

pdftoppm uses one core, and drawing a 1920-pixel page takes ~0.3 s, so each PDF is split into
runs of pages drawn side by side, as many at once as there are cores. While they draw, the
pages already on disk are counted now and then, so progress moves a page at a time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.process import Finished, run_tool
from summarydeck.progress import NO_PROGRESS, Progress

MIN_PAGES_PER_RUN = 4  # below this, starting pdftoppm costs more than it saves
BASE_TIMEOUT_S = 60.0
PER_PAGE_TIMEOUT_S = 10.0
POLL_S = 0.2  # how often the pages drawn so far are counted for progress
_PAGE_NUMBER = re.compile(r"-(\d+)\.png$")


@dataclass(frozen=True)
class _Run:
    pdf: Path
    first: int
    last: int
    to_the_end: bool  # the last run: a PDF with more pages than slides shows up in the count
    folder: Path

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def rasterise(
    pdftoppm: Path,
    pdfs: Sequence[tuple[Path, int]],
    work: Path,
    width_px: int,
    *,
    only: Sequence[Sequence[int] | None] | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[list[Path]]:
    """For each (pdf, expected page count), its pages as PNGs `width_px` wide, in page order;
    `progress` is advanced by each page drawn (as many steps in all as the pages drawn).
    `only`, for each pdf: the page numbers to draw (ascending), or None for every page.

    Raises OutputError when pdftoppm fails or a PDF's page count is not the one expected."""
    runs: list[_Run] = []
    folders = []
    workers = max(1, os.cpu_count() or 1)
    chosen = list(only) if only is not None else [None] * len(pdfs)
    for index, ((pdf, pages), wanted) in enumerate(zip(pdfs, chosen, strict=True)):
        folder = work / f"pages-{index}"
        folder.mkdir()
        folders.append(folder)
        if wanted is None:
            runs.extend(_split(pdf, pages, folder, workers))
        else:
            runs.extend(_Run(pdf, first, last, False, folder) for first, last in _spans(wanted))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_draw, pdftoppm, run, width_px) for run in runs]
        _follow(futures, runs, progress)
        finished = [future.result() for future in futures]
    for run, done in zip(runs, finished, strict=True):
        if done.timed_out or done.returncode != 0:
            whole = run.first == 1 and run.to_the_end
            part = "" if whole else f"pages {run.first}-{run.last} of "
            what = "timed out" if done.timed_out else f"failed (exit status {done.returncode})"
            said = done.tail() or " (it printed nothing)"
            raise OutputError(f"pdftoppm {what} drawing {part}{run.pdf.name}:{said}")
    drawn = []
    for (pdf, pages), folder, wanted in zip(pdfs, folders, chosen, strict=True):
        pngs = sorted(folder.glob("page-*.png"), key=_page_number)
        if wanted is not None:  # some pages only: the PDF's count is not looked at
            if [_page_number(png) for png in pngs] != list(wanted):
                raise OutputError(f"{pdf.name} has fewer pages than the slides asked for")
            drawn.append(pngs)
            continue
        if len(pngs) != pages:
            raise OutputError(
                f"{pdf.name} has {len(pngs)} page(s) but the deck has {pages} visible slide(s); "
                "LibreOffice did not draw every slide"
            )
        drawn.append(pngs)
    return drawn


def _spans(pages: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending page numbers as runs of neighbours: [2, 3, 4, 9] -> [(2, 4), (9, 9)]."""
    spans: list[tuple[int, int]] = []
    for page in pages:
        if spans and page == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], page)
        else:
            spans.append((page, page))
    return spans


def _split(pdf: Path, pages: int, folder: Path, workers: int) -> list[_Run]:
    """Contiguous runs of pages, one per worker, each at least MIN_PAGES_PER_RUN long."""
    count = max(1, min(workers, pages // MIN_PAGES_PER_RUN))
    size = -(-pages // count)
    firsts = range(1, pages + 1, size)
    return [
        _Run(pdf, first, min(first + size - 1, pages), first + size > pages, folder)
        for first in firsts
    ]


def _follow(futures: list[Future[Finished]], runs: list[_Run], progress: Progress) -> None:
    """Wait for every run, telling `progress` of the pages drawn as they appear: all of a
    finished run's, and those of a running one on disk but its last (pdftoppm may still be
    writing that one)."""
    told = 0
    pending = set(futures)
    while pending:
        _, pending = wait(pending, timeout=POLL_S)
        on_disk = {run.folder: _drawn(run.folder) for run in runs}
        drawn = 0
        for future, run in zip(futures, runs, strict=True):
            if future.done():
                drawn += run.pages
            else:
                pages = sum(1 for n in on_disk[run.folder] if run.first <= n <= run.last)
                drawn += min(max(pages - 1, 0), run.pages)
        if drawn > told:
            progress.advance(drawn - told)
            told = drawn


def _drawn(folder: Path) -> list[int]:
    """The page numbers of the pictures in `folder` so far."""
    try:
        with os.scandir(folder) as entries:
            return [_page_number(Path(entry.name)) for entry in entries]
    except OSError:
        return []


def _draw(pdftoppm: Path, run: _Run, width_px: int) -> Finished:
    last = [] if run.to_the_end else ["-l", str(run.last)]
    command = [
        str(pdftoppm),
        "-png",
        "-scale-to-x",
        str(width_px),
        "-scale-to-y",
        "-1",  # keep the slide's proportions
        "-f",
        str(run.first),
        *last,
        str(run.pdf),
        str(run.folder / "page"),
    ]
    log = run.folder.parent / f"{run.folder.name}-from-{run.first}.log"
    pages = run.last - run.first + 1
    return run_tool(command, timeout=BASE_TIMEOUT_S + PER_PAGE_TIMEOUT_S * pages, log=log)


def _page_number(png: Path) -> int:
    """pdftoppm's `page-7.png` or `page-07.png`: its padding depends on the page count."""
    found = _PAGE_NUMBER.search(png.name)
    return int(found.group(1)) if found else 0


def name_slides(pngs: Sequence[Path], file_names: Sequence[str], folder: Path) -> list[Path]:
    """Move pdftoppm's pages into `folder` under the slides' names, in slide order."""
    folder.mkdir()
    named = []
    for png, name in zip(pngs, file_names, strict=True):
        target = folder / name
        png.rename(target)
        named.append(target)
    return named
