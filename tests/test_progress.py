"""Progress of long work (issue 18): the library reports its real steps through a `Progress`
(`summarydeck.progress`), and the command line shows them with rich on a terminal only.

The numbers are pinned with a recording `Progress` (stages in order, totals, every step
counted once); what a person sees is pinned by running the real command under a
pseudo-terminal, and the same command with stderr to a pipe must print no progress at all.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from rich.console import Console
from rich.progress import Progress as RichProgress

from render_helpers import require_tools
from summarydeck import api
from summarydeck.cli.progress_display import BIG_DECK, SLOW_AFTER_S, Display, on_terminal
from summarydeck.diagnostics import ContentError
from summarydeck.export import pictures, tools
from summarydeck.export.run import export_decks

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "bench"))
from synthetic import make_content  # noqa: E402  (bench/ is not a package)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

# what a display writes: its stage names, carriage returns, escape codes
STAGE_WORDS = ("Loading content", "Laying out", "Drawing slides", "Packaging", "Checking")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|9[0-7])[0-9;]*m")  # a foreground colour
SECONDS = re.compile(r"\d+\.\d+ s\b")


class Recording:
    """A Progress that keeps every call, to pin what the library reports."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def stage(self, name: str, total: int | None = None) -> None:
        self.calls.append(("stage", name, total))

    def advance(self, steps: int = 1) -> None:
        self.calls.append(("advance", steps))

    def done(self) -> None:
        self.calls.append(("done",))

    def stages(self) -> list[tuple[str, int | None, int]]:
        """(name, total, steps advanced in it), in order."""
        found: list[tuple[str, int | None, int]] = []
        for call in self.calls:
            if call[0] == "stage":
                found.append((call[1], call[2], 0))
            elif call[0] == "advance":
                name, total, steps = found[-1]
                found[-1] = (name, total, steps + call[1])
        return found


# --- the library reports real steps ----------------------------------------------------------


def test_a_build_reports_its_stages_and_a_step_per_slide(qlab_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "deck.pptx"
    for _ in range(2):  # the second build takes every slide from the cache: still counted
        progress = Recording()
        result = api.build(qlab_copy, out, progress=progress)
        assert progress.stages() == [
            ("Loading content", None, 0),
            ("Laying out", None, 0),
            ("Drawing slides", result.slides, result.slides),
            ("Packaging", None, 0),
            ("Checking", None, 0),
            ("Writing files", None, 0),
        ]
        assert progress.calls[-1] == ("done",)
        assert progress.calls.count(("advance", 1)) == result.slides
    assert result.drawn == 0


def test_build_all_reports_each_variants_stages_under_its_name(
    qlab_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    progress = Recording()
    results = api.build_all(qlab_copy, progress=progress)
    assert len(results) > 1
    expected: list[tuple[str, int | None, int]] = [("Loading content", None, 0)]
    for result in results:
        named = f" ({result.variant})"
        expected += [
            (f"Laying out{named}", None, 0),
            (f"Drawing slides{named}", result.slides, result.slides),
            (f"Packaging{named}", None, 0),
            (f"Checking{named}", None, 0),
        ]
    assert progress.stages() == [*expected, ("Writing files", None, 0)]
    assert progress.calls[-1] == ("done",)


def test_a_failed_build_reports_no_end(content_copy: Path, tmp_path: Path) -> None:
    """`done` means the work is over and worked; a failure leaves the caller to close up."""
    (content_copy / "deck.yaml").write_text("info: [not, a, mapping]\n", "utf-8")
    progress = Recording()
    with pytest.raises(ContentError):
        api.build(content_copy, tmp_path / "deck.pptx", progress=progress)
    assert progress.calls == [("stage", "Loading content", None)]


def _deck(path: Path, slides: int) -> Path:
    prs = Presentation()
    for _ in range(slides):
        prs.slides.add_slide(prs.slide_layouts[6])
    prs.save(str(path))
    return path


def _png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(picture, "PNG")
    return picture.getvalue()


PAGE = _png()  # a fake page: the contact sheet opens every page it tiles
# fake LibreOffice: a "PDF" per deck saying how many slides it has
FAKE_SOFFICE = """\
import sys, zipfile
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
for deck in (Path(a) for a in args if a.endswith(".pptx")):
    with zipfile.ZipFile(deck) as z:
        pages = sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide"))
    (out / (deck.stem + ".pdf")).write_text(f"%PDF-1.4 fake pages={pages}")
"""
# fake pdftoppm: pages -f..-l (or to the end) as PNGs, DELAY seconds each
FAKE_PDFTOPPM = """\
import re, sys, time
from pathlib import Path
args = sys.argv[1:]
pdf, prefix = Path(args[-2]), args[-1]
pages = int(re.search(r"pages=(\\d+)", pdf.read_text()).group(1))
first = int(args[args.index("-f") + 1])
last = int(args[args.index("-l") + 1]) if "-l" in args else pages
for page in range(first, last + 1):
    time.sleep(DELAY)
    Path(f"{prefix}-{page}.png").write_bytes(PIXEL)
"""


def _fake_tools(folder: Path, monkeypatch: pytest.MonkeyPatch, delay: float = 0.0) -> Path:
    """Fake `soffice` and `pdftoppm` (Python scripts) first on PATH; returns the pdftoppm."""
    folder.mkdir()
    made = {}
    for name, body in (("soffice", FAKE_SOFFICE), ("pdftoppm", FAKE_PDFTOPPM)):
        body = body.replace("DELAY", repr(delay)).replace("PIXEL", repr(PAGE))
        made[name] = folder / name
        made[name].write_text(f"#!{sys.executable}\n{body}", "utf-8")
        made[name].chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(tools.SOFFICE_ENV, str(made["soffice"]))
    return made["pdftoppm"]


@posix_only
def test_an_export_reports_its_stages_and_a_step_per_page_and_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tools(tmp_path / "bin", monkeypatch)
    decks = [_deck(tmp_path / "one.pptx", 7), _deck(tmp_path / "two.pptx", 12)]
    progress = Recording()
    exported = export_decks(decks, tmp_path / "out", progress=progress)
    assert [len(item.slides) for item in exported] == [7, 12]
    assert progress.stages() == [
        ("Reading decks", 2, 2),
        ("Converting with LibreOffice", None, 0),
        ("Drawing pages", 19, 19),
        ("Tiling contact sheets", 2, 2),
    ]
    assert progress.calls[-1] == ("done",)
    assert all(call[1] > 0 for call in progress.calls if call[0] == "advance")


@posix_only
def test_an_export_without_contact_sheets_tiles_none_and_removes_an_earlier_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what `preview` asks for: the slides' pictures only
    _fake_tools(tmp_path / "bin", monkeypatch)
    deck = _deck(tmp_path / "one.pptx", 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "one-contact-sheet.png").write_bytes(b"an earlier export's")
    progress = Recording()
    exported = export_decks([deck], out, contact_sheets=False, progress=progress)
    assert exported[0].contact_sheet is None and len(exported[0].slides) == 3
    assert all(picture.read_bytes() == PAGE for picture in exported[0].slides)
    assert "Tiling contact sheets" not in [stage for stage, *_ in progress.stages()]
    assert not (out / "one-contact-sheet.png").exists()  # it showed the slides of before


@posix_only
def test_an_export_of_some_slides_draws_only_their_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what `preview` asks for after an edit: the slides that look different, and no others
    _fake_tools(tmp_path / "bin", monkeypatch)
    deck = _deck(tmp_path / "one.pptx", 9)
    progress = Recording()
    [exported] = export_decks(
        [deck], tmp_path / "out", contact_sheets=False, pictures_of={2, 3, 4, 8}, progress=progress
    )
    assert [picture.name.split("-")[0] for picture in exported.slides] == ["02", "03", "04", "08"]
    assert all(picture.is_file() for picture in exported.slides)
    assert sorted(p.name for p in exported.slides[0].parent.iterdir()) == [
        picture.name for picture in exported.slides
    ]
    assert ("Drawing pages", 4, 4) in progress.stages()
    with pytest.raises(ValueError, match="contact sheet"):
        export_decks([deck], tmp_path / "out", pictures_of={1})


@posix_only
def test_pages_are_counted_as_pdftoppm_draws_them_not_only_when_a_run_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run of pages is one pdftoppm process; the pages it has written so far (but the one
    it may still be writing) are counted while it runs."""
    pdftoppm = _fake_tools(tmp_path / "bin", monkeypatch, delay=0.05)
    monkeypatch.setattr(pictures, "POLL_S", 0.02)
    pdf = tmp_path / "deck.pdf"
    pdf.write_text("%PDF-1.4 fake pages=16")
    runs = len(pictures._split(pdf, 16, tmp_path, max(1, os.cpu_count() or 1)))
    work = tmp_path / "work"
    work.mkdir()
    progress = Recording()
    drawn = pictures.rasterise(pdftoppm, [(pdf, 16)], work, 100, progress=progress)
    assert len(drawn[0]) == 16
    steps = [call[1] for call in progress.calls]
    assert sum(steps) == 16 and all(step > 0 for step in steps)
    assert len(steps) > runs  # not just one step a run


# --- when the command line shows it ------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return super().isatty() or self.tty  # raises ValueError once closed, as files do


def test_progress_only_on_a_terminal_that_is_not_dumb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    assert on_terminal(_Stream(tty=True))
    assert not on_terminal(_Stream(tty=False))
    closed = _Stream(tty=True)
    closed.close()
    assert not on_terminal(closed)  # isatty() on a closed stream raises ValueError
    monkeypatch.setenv("TERM", "dumb")
    assert not on_terminal(_Stream(tty=True))


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _display(at_once: bool) -> tuple[Display, _Clock, list[RichProgress]]:
    """A Display on a fake clock, whose rich progress draws into a string, never started."""
    clock = _Clock()
    started: list[RichProgress] = []

    def start() -> RichProgress:
        console = Console(file=io.StringIO(), force_terminal=True, width=100)
        started.append(RichProgress(console=console, get_time=clock))
        return started[-1]

    return Display(at_once=at_once, clock=clock, start=start), clock, started


def test_a_usual_build_stays_quiet() -> None:
    """27 slides in about a second: nothing shown, and rich never started."""
    display, clock, started = _display(at_once=False)
    for name in ("Loading content", "Laying out"):
        display.stage(name)
        clock.now += 0.3
    display.stage("Drawing slides", 27)
    for _ in range(27):
        clock.now += 0.01
        display.advance()
    for name in ("Packaging", "Checking", "Writing files"):
        display.stage(name)
        clock.now += 0.1
    display.done()
    display.close()
    assert started == []


def test_a_big_deck_shows_progress_once_its_slides_are_counted() -> None:
    display, clock, started = _display(at_once=False)
    display.stage("Loading content")
    clock.now += 0.4
    display.stage("Laying out")
    clock.now += 0.6
    assert not display.shown
    display.stage("Drawing slides", BIG_DECK)
    assert display.shown
    display.advance(3)
    [shown] = started
    tasks = [(t.description, t.total, t.completed, t.finished) for t in shown.tasks]
    assert tasks == [  # the stages before it, as done, with their real times
        ("Loading content", 1, 1, True),
        ("Laying out", 1, 1, True),
        ("Drawing slides", BIG_DECK, 3, False),
    ]
    assert [t.finished_time for t in shown.tasks[:2]] == [pytest.approx(0.4), pytest.approx(0.6)]
    display.close()
    assert not display.shown


def test_a_slow_build_of_a_small_deck_shows_progress_after_a_while() -> None:
    display, clock, started = _display(at_once=False)
    display.stage("Drawing slides", 20)
    for _ in range(19):
        clock.now += SLOW_AFTER_S / 20
        display.advance()
    assert started == []
    clock.now += SLOW_AFTER_S / 10
    display.advance()
    assert display.shown
    assert [(t.completed, t.total) for t in started[0].tasks] == [(20, 20)]


def test_export_shows_progress_at_once() -> None:
    display, _, started = _display(at_once=True)
    display.stage("Reading decks", 1)
    assert display.shown
    display.advance()
    display.stage("Converting with LibreOffice")
    display.done()
    assert [(t.description, t.finished) for t in started[0].tasks] == [
        ("Reading decks", True),
        ("Converting with LibreOffice", True),
    ]


def test_no_display_where_rich_sees_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """TTY_COMPATIBLE=0 (or a terminal rich finds dumb): rich is asked once, then left alone."""
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    display = Display(at_once=True)
    display.stage("Reading decks", 1)
    display.stage("Drawing pages", 5)
    assert not display.shown
    display.close()


# --- what a person sees: the real command under a pseudo-terminal ---------------------------


def _environment(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # what would make rich (or us) decide for itself, from the test runner's environment
        if key not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
        and key not in ("COLUMNS", "LINES", "SUMMARYDECK_DEBUG")
    }
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def on_a_terminal(
    args: Sequence[str],
    cwd: Path,
    timeout: float = 300,
    how: Sequence[str] = ("-m", "summarydeck"),
    **env: str,
) -> tuple[int, str]:
    """Run `summarydeck ARGS` (`python HOW ARGS`) with stdout and stderr on a pseudo-terminal
    (120 columns): its exit status and everything it wrote, escape codes and all."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, *how, *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
        env=_environment(**env),
    )
    os.close(follower)
    written = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command has closed the terminal (it exited)
                break
            if not chunk:
                break
            written += chunk
        else:
            process.kill()
            pytest.fail(f"summarydeck {' '.join(args)} did not finish in {timeout} s")
    finally:
        os.close(leader)
    return process.wait(timeout=30), written.decode("utf-8", errors="replace")


def on_a_pipe(args: Sequence[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "summarydeck", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_environment(**env),
        timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


def after_the_display(screen: str) -> list[str]:
    """The lines a terminal keeps once the display is erased, timings left out."""
    erased = screen.rsplit("\x1b[2K", 1)[-1]
    return [SECONDS.sub("X s", line) for line in erased.replace("\r\n", "\n").splitlines()]


@pytest.fixture(scope="module")
def big_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic content folder of a deck past BIG_DECK slides (bench/synthetic.py)."""
    return make_content(tmp_path_factory.mktemp("big") / "content", BIG_DECK + 20)


@posix_only
@pytest.mark.slow
def test_a_big_build_shows_progress_on_a_terminal_and_nothing_on_a_pipe(
    big_content: Path, tmp_path: Path
) -> None:
    args = ["build", "--content", str(big_content), "--out", "out/big.pptx"]
    status, screen = on_a_terminal(args, tmp_path)
    assert status == 0, screen
    slides = BIG_DECK + 20
    assert "Drawing slides" in screen and f"{slides}/{slides}" in screen
    assert all(word in screen for word in STAGE_WORDS)
    assert COLOUR.search(screen)  # rich's colours, where NO_COLOR is not set
    kept = after_the_display(screen)
    assert not any(word in line for line in kept for word in STAGE_WORDS)
    assert any(line.startswith("Built out/big.pptx") for line in kept)

    # stderr to a pipe: no progress, even where rich alone would draw (FORCE_COLOR)
    status, out, err = on_a_pipe(args, tmp_path, FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert status == 0, err
    for text in (out, err):
        assert "\r" not in text and "\x1b" not in text
        assert not any(word in text for word in STAGE_WORDS)
    piped = [SECONDS.sub("X s", line) for line in (out + err).splitlines()]
    assert sorted(piped) == sorted(kept)  # the same lines, the display aside


@posix_only
@pytest.mark.slow
def test_no_colour_on_a_terminal_with_no_color(big_content: Path, tmp_path: Path) -> None:
    args = ["build", "--content", str(big_content), "--out", "out/big.pptx"]
    status, screen = on_a_terminal(args, tmp_path, NO_COLOR="1")
    assert status == 0, screen
    assert "Drawing slides" in screen
    assert not COLOUR.search(screen)


# run the command, then say whether rich was imported (to stderr, the terminal); the rule by
# time is pinned on a fake clock above, so that a busy machine cannot fail this one
_PROBE = """\
import json, sys
sys.argv = ["summarydeck", *sys.argv[1:]]
from summarydeck.cli import main, progress_display
progress_display.SLOW_AFTER_S = float("inf")
try:
    main()
finally:
    print("PROBE " + json.dumps("rich" in sys.modules), file=sys.stderr)
"""


@posix_only
@pytest.mark.slow
def test_a_usual_build_on_a_terminal_shows_nothing_and_never_imports_rich(
    qlab_copy: Path, tmp_path: Path
) -> None:
    args = ["build", "--content", str(qlab_copy), "--out", "out/deck.pptx"]
    status, screen = on_a_terminal(args, tmp_path, how=("-c", _PROBE))
    assert status == 0, screen
    assert "Built out/deck.pptx" in screen
    assert json.loads(screen.rsplit("PROBE ", 1)[1].split()[0]) is False
    assert not any(word in screen for word in STAGE_WORDS)
    assert "\x1b" not in screen


@posix_only
@pytest.mark.render
@pytest.mark.slow
def test_export_shows_its_stages_on_a_terminal_and_erases_them(
    qlab_deck: Path, tmp_path: Path
) -> None:
    require_tools()
    deck = shutil.copyfile(qlab_deck, tmp_path / "qlab.pptx")
    status, screen = on_a_terminal(["export", str(deck), "--out", "exported"], tmp_path)
    assert status == 0, screen
    for stage in ("Reading decks", "Converting with LibreOffice", "Drawing pages"):
        assert stage in screen
    assert "Tiling contact sheets" in screen
    kept = after_the_display(screen)
    assert [line for line in kept if line] == [
        next(line for line in kept if line.startswith("Exported qlab.pptx: "))
    ]
    assert (tmp_path / "exported" / "qlab-contact-sheet.png").is_file()
